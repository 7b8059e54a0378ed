package answer

import (
	"context"
	"strings"
	"testing"

	"github.com/coalitionbot/coalitionbot/knowledge"
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

// Answers in another language say what they say of the knowledge in it:
// the titles and names of people who are not members, the notes on
// countries, the institutions' names and where a quote was said, never
// the English data the language's file translates. Each language is asked
// in its own words (who is Trump, are the Netherlands in it, who
// represents the European Commission, what did Starmer say) and, for the
// other kinds of answer, through the English reading of the question.
func TestAnswersSayTheKnowledgeInTheirLanguage(t *testing.T) {
	p, base := testPipeline(t)
	c := NewCurator(base, testMessages(t))
	person := func(id string) knowledge.Person { x, _ := base.Person(id); return x }
	country := func(code string) knowledge.Country { x, _ := base.Country(code); return x }
	institution := func(id string) knowledge.Institution { x, _ := base.Institution(id); return x }
	quote := func(id string) knowledge.Quote {
		for _, q := range base.Quotes {
			if q.ID == id {
				return q
			}
		}
		t.Fatalf("no quote %q", id)
		return knowledge.Quote{}
	}
	native := map[string][4]string{
		"de": {"Wer ist Trump?", "Sind die Niederlande dabei?", "Wer vertritt die Europäische Kommission?", "Was hat Starmer gesagt?"},
		"es": {"¿Quién es Trump?", "¿Participan los Países Bajos?", "¿Quién representa a la Comisión Europea?", "¿Qué dijo Starmer?"},
		"fr": {"Qui est Trump ?", "Est-ce que les Pays-Bas participent ?", "Qui représente la Commission européenne ?", "Qu'a dit Starmer ?"},
		"it": {"Chi è Trump?", "I Paesi Bassi partecipano?", "Chi rappresenta la Commissione europea?", "Cosa ha detto Starmer?"},
		"nl": {"Wie is Trump?", "Doet Nederland mee?", "Wie vertegenwoordigt de Europese Commissie?", "Wat zei Starmer?"},
		"pl": {"Kim jest Trump?", "Czy Holandia należy do koalicji?", "Kto reprezentuje Komisję Europejską?", "Co powiedział Starmer?"},
		"pt": {"Quem é Trump?", "A Holanda faz parte da coalizão?", "Quem representa a Comissão Europeia?", "O que disse Starmer?"},
		"uk": {"Хто такий Трамп?", "Чи входять Нідерланди до коаліції?", "Хто представляє Європейську комісію?", "Що сказав Стармер?"},
	}
	for _, lang := range []string{"de", "es", "fr", "it", "nl", "pl", "pt", "uk"} {
		t.Run(lang, func(t *testing.T) {
			// The English the language's file translates.
			var english []string
			translated := func(en, local string) {
				if local != en {
					english = append(english, en)
				}
			}
			for _, x := range base.People {
				translated(x.Title, base.PersonTitle(x, lang))
				translated(x.Name, base.PersonName(x, lang))
			}
			for _, x := range base.Countries {
				translated(x.Note, base.CountryNote(x, lang))
			}
			for _, x := range base.Institutions {
				translated(x.Name, base.InstitutionName(x, lang, false))
			}
			for _, x := range base.Quotes {
				translated(x.Where, base.QuoteContext(x, lang))
			}
			nato, ec, council := institution("nato"), institution("european-commission"), institution("european-council")
			q := native[lang]
			for _, tt := range []struct {
				q       string
				english bool // asked in English, answered in lang
				want    []string
			}{
				{q[0], false, []string{base.PersonTitle(person("trump"), lang), base.CountryNote(country("us"), lang)}},
				{q[1], false, []string{base.CountryNote(country("nl"), lang)}},
				{q[2], false, []string{"**" + base.InstitutionName(ec, lang, false) + "**"}},
				{q[3], false, []string{base.QuoteContext(quote("q01"), lang), base.QuoteContext(quote("q02"), lang)}},
				{"What did Trump say?", true, []string{base.PersonTitle(person("trump"), lang)}},
				{"Is the Pope in the coalition?", true, []string{"**" + base.PersonName(person("pope"), lang) + "** (" + base.PersonTitle(person("pope"), lang) + ")"}},
				{"Is Russia in the coalition?", true, []string{base.CountryNote(country("ru"), lang)}},
				{"Who is Mark Rutte?", true, []string{base.InstitutionName(nato, lang, true)}},
				{"Who represents NATO?", true, []string{"**" + base.InstitutionName(nato, lang, false) + "**"}},
				{"How old is the European Council?", true, []string{"**" + base.InstitutionName(council, lang, true) + "**"}},
				{"Who said sanctions must remain in force?", true, []string{base.QuoteContext(quote("q05"), lang)}},
			} {
				var a Answer
				if tt.english {
					var ok bool
					if a, ok = c.Answer(lang, base.Analyze(tt.q)); !ok {
						t.Errorf("Answer(%s, %q): no curated answer", lang, tt.q)
						continue
					}
				} else {
					var err error
					if a, err = p.Answer(context.Background(), Question{Text: tt.q}); err != nil {
						t.Fatal(err)
					}
					if a.Lang != lang {
						t.Errorf("Answer(%q).Lang = %q, want %q", tt.q, a.Lang, lang)
					}
				}
				for _, w := range tt.want {
					if !strings.Contains(a.Text, w) {
						t.Errorf("Answer(%s, %q) = %q, want %q in it", lang, tt.q, a.Text, w)
					}
				}
				for _, en := range english {
					if strings.Contains(a.Text, en) {
						t.Errorf("Answer(%s, %q) = %q, says %q in English", lang, tt.q, a.Text, en)
					}
				}
			}
		})
	}
}

// The line heading a member's quotes is punctuated as the answer's
// language writes it: French puts a space before the colon.
func TestQuoteHeadersFollowTheLanguagesPunctuation(t *testing.T) {
	p, _ := testPipeline(t)
	for _, tt := range []struct{ q, want string }{
		{"What did Starmer say?", "**Keir Starmer**, Prime Minister of the United Kingdom:\n"},
		{"Qu'a dit Starmer ?", "**Keir Starmer**, Premier ministre du Royaume-Uni :\n"},
		{"Was hat Starmer gesagt?", "**Keir Starmer**, Premierminister des Vereinigten Königreichs:\n"},
	} {
		if a := ask(t, p, tt.q); !strings.Contains(a.Text, tt.want) {
			t.Errorf("%q = %q, want %q in it", tt.q, a.Text, tt.want)
		}
	}
}
