package bot

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/coalitionbot/coalitionbot/commands"
)

// Only http and https pages are linked, each once, with a label within
// Discord's 80 characters (the host when the document has no title), and
// at most a row of five.
func TestLinkButtons(t *testing.T) {
	long := strings.Repeat("A very long report title ", 10)
	links := []commands.Link{
		{Label: "Report", URL: "https://example.org/report"},
		{Label: "Report again", URL: "https://example.org/report"},
		{Label: "Script", URL: "javascript:alert(1)"},
		{Label: "Files", URL: "ftp://example.org/file"},
		{Label: "No host", URL: "https:///path"},
		{Label: "Too long", URL: "https://example.org/" + strings.Repeat("x", maxButtonURL)},
		{Label: "", URL: "http://news.example/untitled"},
		{Label: long + "\x07@everyone", URL: "https://example.org/long"},
	}
	for i := range 5 {
		links = append(links, commands.Link{Label: fmt.Sprint("More ", i), URL: fmt.Sprint("https://example.org/", i)})
	}
	got := linkButtons(links)
	var urls []string
	for _, c := range got {
		b := c.(discordgo.Button)
		urls = append(urls, b.URL)
		if b.Style != discordgo.LinkButton || b.CustomID != "" || b.Label == "" || utf8.RuneCountInString(b.Label) > maxButtonLabel || strings.ContainsAny(b.Label, "\x07") {
			t.Errorf("button %+v, want a link button with a clean label of 1 to 80 characters", b)
		}
	}
	want := []string{"https://example.org/report", "http://news.example/untitled", "https://example.org/long", "https://example.org/0", "https://example.org/1"}
	if fmt.Sprint(urls) != fmt.Sprint(want) {
		t.Errorf("linked %v, want %v", urls, want)
	}
	if host := got[1].(discordgo.Button).Label; host != "news.example" {
		t.Errorf("label of an untitled page = %q, want its host", host)
	}
}

// Vote buttons go under answers only, with custom_ids the bot reads back.
func TestFeedbackButtonsUnderAnswersOnly(t *testing.T) {
	w := english()
	for _, tt := range []struct {
		name string
		r    commands.Response
		want int // rows
	}{
		{"an answer", commands.Response{Text: "Meloni.", Route: "llm", Question: "Who represents Italy?"}, 1},
		{"an answer with a page", commands.Response{Text: "Troops.", Route: "retrieved", Question: "Troops?", Links: []commands.Link{{Label: "Report", URL: "https://example.org/r"}}}, 2},
		{"another command", commands.Response{Text: "Members", Route: ""}, 0},
		{"a question without a route", commands.Response{Text: "x", Question: "y"}, 0},
	} {
		rows := components(w, tt.r)
		if len(rows) != tt.want {
			t.Errorf("%s: %d rows of buttons, want %d", tt.name, len(rows), tt.want)
			continue
		}
		if tt.want == 0 {
			continue
		}
		for _, c := range rows[0].(discordgo.ActionsRow).Components {
			b := c.(discordgo.Button)
			f, err := parseFeedback(b.CustomID)
			if err != nil || f.route != tt.r.Route || f.question != questionHash(tt.r.Question) {
				t.Errorf("%s: button %q reads back as %+v, %v", tt.name, b.CustomID, f, err)
			}
		}
	}
	if questionHash("Who represents  ITALY?") != questionHash("who represents italy?") {
		t.Error("questionHash differs for the same question in other capitals and spacing")
	}
}
