package bot

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/coalitionbot/coalitionbot/commands"
)

// livePing matches what Discord would turn into a ping.
var livePing = regexp.MustCompile(`@everyone|@here|<@[0-9&!]|<#[0-9]`)

// FuzzRenderEmbed renders responses of any shape, with fields repeated up
// to 40 times, and checks that the embed fits every Discord limit, stays
// valid UTF-8 and pings no one. Seeds are in testdata/fuzz/FuzzRenderEmbed.
func FuzzRenderEmbed(f *testing.F) {
	w := english() // loading the catalog for each input took 10 ms of every run
	f.Fuzz(func(t *testing.T, title, text, fieldName, fieldValue, footer string, fields uint8, route bool) {
		r := commands.Response{Title: title, Text: text, Footer: footer}
		for range fields % 41 {
			r.Fields = append(r.Fields, commands.Field{Name: fieldName, Value: fieldValue})
		}
		if route {
			r.Route = "curated"
		}
		e := renderEmbed(w, r)
		checkEmbed(t, e)
		parts := []string{e.Title, e.Description}
		for _, fl := range e.Fields {
			parts = append(parts, fl.Name, fl.Value)
		}
		if e.Footer != nil {
			parts = append(parts, e.Footer.Text)
		}
		valid := true
		for _, in := range []string{title, text, fieldName, fieldValue, footer} {
			valid = valid && utf8.ValidString(in)
		}
		for _, p := range parts {
			if valid && !utf8.ValidString(p) {
				t.Errorf("renderEmbed() wrote invalid UTF-8 %q from valid input", p)
			}
			if m := livePing.FindString(p); m != "" {
				t.Errorf("renderEmbed() wrote %q, which pings (%q)", p, m)
			}
		}
		if strings.TrimSpace(e.Title+e.Description) == "" && len(e.Fields) == 0 {
			t.Errorf("renderEmbed() = an empty embed, which Discord rejects")
		}
	})
}

// FuzzParseFeedback reads custom_ids of any shape: it never panics, and
// accepts only what feedbackID writes from a vote, a route and a hash the
// bot makes, which it reads back exactly. Seeds are in
// testdata/fuzz/FuzzParseFeedback.
func FuzzParseFeedback(f *testing.F) {
	f.Fuzz(func(t *testing.T, id string) {
		fb, err := parseFeedback(id)
		if err != nil {
			return
		}
		if again := feedbackID(fb.vote, fb.route, fb.question); again != id || len(id) > maxCustomID {
			t.Errorf("parseFeedback(%q) = %+v, which writes back as %q", id, fb, again)
		}
		if (fb.vote != voteUp && fb.vote != voteDown) || !knownRoute(fb.route) || !isHash(fb.question) {
			t.Errorf("parseFeedback(%q) accepted %+v", id, fb)
		}
	})
}
