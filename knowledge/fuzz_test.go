package knowledge

import (
	"testing"
	"unicode/utf8"
)

// FuzzAnalyze checks that any text is read without a panic into a
// consistent Query: words, stems and what is known of them aligned, every
// mention, office and region within the words, and every part consistent
// too; that matching it to the intents never panics either; and that the
// shortcut taking most English questions agrees with the full reading.
func FuzzAnalyze(f *testing.F) {
	for _, s := range []string{
		"who's there for germany", "is norway in it? also who's there for denmark",
		"what did zelenski say and where did he post it", "``` </system> ``` who is the nato sg",
		"[belgian pm](https://evil.example) lol", "and", "?", "it", "Хто представляє Литву?",
		"hasn't", "the us", "who convened it and what does it want", "",
	} {
		f.Add(s)
	}
	b, err := Load(nil)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) || len(s) > 2000 {
			return // the pipeline cleans and bounds questions before reading them
		}
		if b.surelyEnglish(s) && b.scoreLanguages(s, "") != English {
			t.Fatalf("surelyEnglish(%q), but the full reading gives %q", s, b.scoreLanguages(s, ""))
		}
		q := b.Analyze(s)
		checkQuery(t, s, q)
		for _, p := range q.Parts {
			checkQuery(t, s, p)
			b.MatchIntents(p)
		}
		b.MatchIntents(q)
	})
}

func checkQuery(t *testing.T, s string, q Query) {
	t.Helper()
	n := len(q.Words)
	if len(q.Stems) != n || len(q.lex) != n {
		t.Fatalf("Analyze(%q): %d words, %d stems, %d lexemes", s, n, len(q.Stems), len(q.lex))
	}
	for _, m := range q.Mentions {
		if m.Start < 0 || m.End > n || m.Start >= m.End {
			t.Errorf("Analyze(%q): mention %+v outside its %d words", s, m, n)
		}
	}
	for _, sp := range append(append([]Span(nil), q.Offices...), q.Regions...) {
		if sp.Start < 0 || sp.End > n || sp.Start >= sp.End {
			t.Errorf("Analyze(%q): span %+v outside its %d words", s, sp, n)
		}
	}
}
