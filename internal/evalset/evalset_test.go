package evalset

import (
	"regexp"
	"strings"
	"testing"
)

func TestReadRejectsBadLines(t *testing.T) {
	tests := []struct{ name, line, want string }{
		{"not JSON", `{"id":`, "line 1"},
		{"unknown field", `{"id":"a","q":"x","kind":"answer","extra":1}`, "unknown field"},
		{"no question", `{"id":"a","kind":"answer"}`, `"q" is empty`},
		{"bad kind", `{"id":"a","q":"x","kind":"maybe"}`, `"kind"`},
		{"bad pattern", `{"id":"a","q":"x","kind":"answer","all":["("]}`, "pattern"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read(strings.NewReader(tt.line))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Read(%s) error = %v, want one mentioning %q", tt.line, err, tt.want)
			}
		})
	}
}

func TestCheck(t *testing.T) {
	cases, err := Read(strings.NewReader(`
{"id":"a","cat":"c","q":"q","kind":"answer","all":["macron"],"any":["x","France"],"none":["Trump"]}
{"id":"r","cat":"c","q":"q","kind":"refuse","none":["@everyone"]}
{"id":"l","cat":"ml-fr","q":"qui représente l'Italie","kind":"answer","all":["Meloni"],"lang":"fr","lang_check":"\\b(est|la|le)\\b"}`))
	if err != nil {
		t.Fatal(err)
	}
	answer, refuse, french := cases[0], cases[1], cases[2]
	tests := []struct {
		c           Case
		text, route string
		pass        bool
	}{
		{answer, "Macron of France", "curated", true},     // all and any are case-insensitive
		{answer, "Macron", "curated", false},              // no "any" pattern matched
		{answer, "Macron of France", "refused", false},    // an answer must not be refused
		{answer, "Macron of France, trump", "llm", true},  // none is case-sensitive
		{answer, "Macron of France, Trump", "llm", false}, // a none pattern matched
		{refuse, "not covered", "refused", true},
		{refuse, "not covered", "retrieved", false},
		{refuse, "@everyone", "refused", false},
		{french, "L'Italie est représentée par Meloni.", "curated", true}, // lang_check is case-insensitive
		{french, "Italy is represented by Meloni.", "curated", false},     // right answer, wrong language
	}
	for _, tt := range tests {
		if got := len(tt.c.Check(tt.text, tt.route)) == 0; got != tt.pass {
			t.Errorf("Check(%q, %s) for %s passed = %v, want %v", tt.text, tt.route, tt.c.ID, got, tt.pass)
		}
	}
}

func TestScore(t *testing.T) {
	var s Score
	s.Add("members", true)
	s.Add("members", false)
	s.Add("quotes", true)
	var b strings.Builder
	s.Write(&b)
	if s.Failed() != 1 || !strings.Contains(b.String(), "members      1/2") || !strings.Contains(b.String(), "total        2/3") || strings.Contains(b.String(), "english") {
		t.Errorf("Score = %q, failed %d, want members 1/2, total 2/3, 1 failed, no english line", b.String(), s.Failed())
	}
	// With questions in other languages, the total without them too.
	s.Add("multilingual", false)
	s.Add("ml-fr", false)
	b.Reset()
	s.Write(&b)
	if !strings.Contains(b.String(), "total        2/5") || !regexp.MustCompile(`english +2/3 +66\.7%`).MatchString(b.String()) {
		t.Errorf("Score = %q, want total 2/5 and english 2/3 66.7%%", b.String())
	}
}
