package answer

import (
	"context"
	"strings"
	"testing"
)

// The questions users asked in their own languages, refused before the
// bot read other languages, are answered in them, offline.
func TestAnswersInTheQuestionsLanguage(t *testing.T) {
	p, _ := testPipeline(t)
	for _, tt := range []struct {
		q, lang string
		want    []string
	}{
		{"Est-ce que la Grèce participe ?", "fr", []string{"Oui", "Grèce", "Kyriakos Mitsotakis", "Premier ministre"}},
		{"¿Qué dijo Zelenski?", "es", []string{"inglés", "Volodymyr Zelensky", "presidente de Ucrania", "Sanctions against Russia must remain in force"}},
		{"Wer vertritt Schweden?", "de", []string{"Schweden", "Ulf Kristersson", "Ministerpräsident"}},
		{"Kto reprezentuje Czechy?", "pl", []string{"Czechy", "Petr Fiala", "premier"}},
		{"Чи бере участь Естонія?", "uk", []string{"Так", "Естонія", "Kristen Michal", "прем'єр-міністр"}},
	} {
		a, err := p.Answer(context.Background(), Question{Text: tt.q})
		if err != nil {
			t.Fatal(err)
		}
		if a.Lang != tt.lang || a.Route != Curated {
			t.Errorf("Answer(%q) in %q by %s, want a curated answer in %s", tt.q, a.Lang, a.Route, tt.lang)
		}
		for _, w := range tt.want {
			if !strings.Contains(a.Text, w) {
				t.Errorf("Answer(%q) = %q, want %q in it", tt.q, a.Text, w)
			}
		}
	}
}

// Roles in the plural are English: "secretaries general", not
// "secretaries generals".
func TestPluralRoles(t *testing.T) {
	for role, want := range map[string]string{"prime minister": "prime ministers", "president": "presidents", "secretary general": "secretaries general"} {
		if got := plural(role); got != want {
			t.Errorf("plural(%q) = %q, want %q", role, got, want)
		}
	}
}
