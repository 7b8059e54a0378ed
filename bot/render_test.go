package bot

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/coalitionbot/coalitionbot/commands"
)

// checkEmbed fails the test when e breaks one of Discord's limits.
func checkEmbed(t *testing.T, e *discordgo.MessageEmbed) {
	t.Helper()
	runes := utf8.RuneCountInString
	if n := runes(e.Title); n > maxTitle {
		t.Errorf("title is %d characters, limit %d", n, maxTitle)
	}
	if n := runes(e.Description); n > maxDescription {
		t.Errorf("description is %d characters, limit %d", n, maxDescription)
	}
	if len(e.Fields) > maxFields {
		t.Errorf("%d fields, limit %d", len(e.Fields), maxFields)
	}
	for i, f := range e.Fields {
		if f.Name == "" || f.Value == "" || runes(f.Name) > maxFieldName || runes(f.Value) > maxFieldValue {
			t.Errorf("field %d has name of %d and value of %d characters", i, runes(f.Name), runes(f.Value))
		}
	}
	if n := embedSize(e); n > maxEmbedTotal {
		t.Errorf("embed holds %d characters, limit %d", n, maxEmbedTotal)
	}
}

func TestRenderEmbedFitsLimits(t *testing.T) {
	long := strings.Repeat("Zelensky thanked the leaders for their support. ", 200)
	many := make([]commands.Field, 40)
	for i := range many {
		many[i] = commands.Field{Name: fmt.Sprintf("Field %d", i), Value: strings.Repeat("word ", 150)}
	}
	tests := []struct {
		name       string
		resp       commands.Response
		wantFields int
		wantLast   string // the last field's value, when set
	}{
		{"long everything", commands.Response{Title: long, Text: long, Footer: long, Fields: many}, 1, "40 more not shown"},
		{"long text and many fields", commands.Response{Text: long[:3000], Fields: many}, 4, "37 more not shown"},
		{"too many small fields", commands.Response{Text: "x", Fields: many[:30:30]}, 0, "more not shown"},
		{"long field continues", commands.Response{Text: "x", Fields: []commands.Field{{Name: "Sources", Value: long[:3000]}}}, 3, ""},
		{"empty response", commands.Response{}, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := renderEmbed(english(), tt.resp)
			checkEmbed(t, e)
			if tt.wantFields > 0 && len(e.Fields) != tt.wantFields {
				t.Errorf("renderEmbed() has %d fields, want %d", len(e.Fields), tt.wantFields)
			}
			if tt.wantLast != "" && !strings.Contains(e.Fields[len(e.Fields)-1].Value, tt.wantLast) {
				t.Errorf("renderEmbed() last field = %q, want it to contain %q", e.Fields[len(e.Fields)-1].Value, tt.wantLast)
			}
			if e.Title == "" && e.Description == "" && len(e.Fields) == 0 {
				t.Errorf("renderEmbed(%v) is empty, which Discord rejects", tt.resp)
			}
		})
	}
}

func TestRenderEmbedNeutralizesMentions(t *testing.T) {
	e := renderEmbed(english(), commands.Response{Title: "@everyone", Text: "hi <@123> and <@&456> in <#789> @here", Footer: "@here", Fields: []commands.Field{{Name: "<@1>", Value: "@everyone"}}})
	for _, s := range []string{e.Title, e.Description, e.Footer.Text, e.Fields[0].Name, e.Fields[0].Value} {
		for _, ping := range []string{"@everyone", "@here", "<@", "<#"} {
			if strings.Contains(s, ping) {
				t.Errorf("renderEmbed() text %q still contains %q", s, ping)
			}
		}
	}
}
