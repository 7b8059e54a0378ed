package knowledge

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

func TestLanguageOf(t *testing.T) {
	b := loadBase(t)
	tests := []struct{ text, hint, want string }{
		{"Who represents Italy?", "", "en"},
		{"who is ursula von der leyen", "", "en"},
		{"What did De Wever say?", "", "en"},
		{"Est-ce que la Grèce participe ?", "", "fr"},
		{"qui represente la belgique", "", "fr"},
		{"C'est qui, Petr Fiala ?", "", "fr"},
		{"Macron ?", "", "en"},           // no sign of any language: English
		{"Macron ?", "fr", "fr"},         // the user's own language then
		{"Qui est Macron ?", "de", "fr"}, // clearly French, whatever the client
		{"italy?", "fr", "fr"},           // nothing but a name: the user's language
		{"Who represents Italy in the coalition and what did she say?", "fr", "en"},
		{"Qui représente l'Italie ?", "xx", "fr"}, // an unsupported hint counts for nothing
		{"Wer vertritt Italien?", "", "de"},
		{"Was sagte Rutte?", "", "de"}, // "was" is English too: "sagte" tells
		{"Gehört Kanada zur Koalition?", "", "de"},
		{"wie viele Länder sind dabei", "nl", "de"}, // "wie" is Dutch too
		{"Wie vertegenwoordigt Italië?", "", "nl"},
		{"Neemt Polen deel?", "", "nl"},
		{"Wat zei Rutte?", "de", "nl"},
		{"Kto reprezentuje Polskę?", "", "pl"},
		{"czy niemcy sa w koalicji", "", "pl"}, // no diacritics: "czy", "sa" and "w" tell
		{"Co powiedział Macron?", "en", "pl"},
		{"Хто представляє Україну?", "", "uk"},
		{"Що сказав Стубб?", "fr", "uk"}, // Cyrillic letters, whatever the client
		{"¿Quién representa a Grecia?", "", "es"},
		{"Y por los suecos quién va?", "", "es"},
		{"¿Polonia forma parte de la coalición?", "it", "es"},
		{"Chi rappresenta la Spagna?", "", "it"},
		{"La Polonia fa parte della coalizione?", "", "it"}, // "la" is Spanish too
		{"Cosa ha scritto Zelensky su X?", "", "it"},
		{"Quem representa a Itália?", "", "pt"},
		{"Quem é Ursula von der Leyen?", "", "pt"}, // "é" is French too: "quem" tells
		{"Quantos planejadores militares participaram?", "", "pt"},
	}
	for _, tt := range tests {
		if got := b.languageOf(tt.text, tt.hint); got != tt.want {
			t.Errorf("languageOf(%q, %q) = %q, want %q", tt.text, tt.hint, got, tt.want)
		}
	}
}

// The shortcut that reads most English questions without setting names
// aside never decides what the full reading would not: over every question
// of the evaluation sets, in every language, and names made of other
// languages' frequent words.
func TestSurelyEnglishAgreesWithTheFullReading(t *testing.T) {
	b := loadBase(t)
	texts := []string{
		"Who is De Wever?", "who is bart de wever", "What did von der Leyen say?", "die die die",
		"in de la", "is the netherlands in it", "Who represents Italy?", "who is there for the uk",
	}
	files, err := filepath.Glob("../testdata/eval/*.jsonl")
	if err != nil || len(files) == 0 {
		t.Fatalf("no evaluation sets: %v", err)
	}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
			var q struct{ Q string }
			if err := json.Unmarshal([]byte(line), &q); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			texts = append(texts, q.Q)
		}
	}
	sure := 0
	for _, text := range texts {
		if !b.surelyEnglish(text) {
			continue
		}
		sure++
		for _, hint := range []string{"", English} {
			if got := b.scoreLanguages(text, hint); got != English {
				t.Errorf("surelyEnglish(%q), but the full reading with hint %q gives %q", text, hint, got)
			}
		}
	}
	if sure < len(texts)/2 {
		t.Errorf("surelyEnglish decided %d of %d questions: the shortcut no longer takes most", sure, len(texts))
	}
}

// A question in another language is read as the English it means: the
// same entities, question word and unknown words as its English twin.
func TestAnalyzeOtherLanguages(t *testing.T) {
	b := loadBase(t)
	tests := []struct {
		text, lang, english string
	}{
		{"Est-ce que la Grèce participe ?", "fr", "Does Greece take part?"},
		{"Qui représente la Suède ?", "fr", "Who represents Sweden?"},
		{"qui represente la belgique", "fr", "who represents belgium"},
		{"Qu'a dit Macron ?", "fr", "What did Macron say?"},
		{"Tu peux me filer une recette de crêpes ?", "fr", "Can you give me a pancake recipe?"},
		{"Chi rappresenta la NATO?", "it", "Who represents NATO?"}, // an acronym, not the Italian "nato" (born)
		{"Ist der Papst dabei?", "de", "Is the Pope involved?"},
		{"Wer hat gesagt, dass die Sanktionen bleiben müssen?", "de", "Who said that the sanctions must remain?"},
		{"Qui sont les membres de l'UE ?", "fr", "Who are the members of the EU?"},
		{"Wie heeft de coalitie van bereidwilligen bijeengeroepen?", "nl", "Who convened the coalition of the willing?"},
		{"Wer vertritt Schweden?", "de", "Who represents Sweden?"},
		{"Nimmt Polen teil?", "de", "Does Poland take part?"}, // a separable verb
		{"Was hat Selenskyj auf X geschrieben?", "de", "What did Zelensky write on X?"},
		{"Wo findet der Gipfel statt?", "de", "Where does the summit take place?"},
		{"Wie ist das Wetter morgen in Berlin?", "de", "How is the weather in Berlin tomorrow?"},
		{"Wie vertegenwoordigt Zweden?", "nl", "Who represents Sweden?"},
		{"Neemt Polen deel?", "nl", "Does Poland take part?"},
		{"Wat schreef Zelensky op X?", "nl", "What did Zelensky write on X?"},
		{"Waar vindt de top plaats?", "nl", "Where does the summit take place?"},
		{"Heb je een recept voor appeltaart?", "nl", "Do you have a recipe for apple pie?"},
		{"Kto reprezentuje Czechów?", "pl", "Who represents the Czech Republic?"}, // an inflected country name
		{"Czy Szwecja bierze udział w koalicji?", "pl", "Does Sweden take part in the coalition?"},
		{"Co Zełenski napisał na X?", "pl", "What did Zelensky write on X?"},
		{"Ilu przywódców zebrało się w Paryżu?", "pl", "How many leaders gathered in Paris?"},
		{"Podaj mi przepis na bigos", "pl", "Give me a recipe for bigos"},
		{"Хто представляє Британію?", "uk", "Who represents Britain?"},
		{"Чи входить Естонія до коаліції?", "uk", "Is Estonia in the coalition?"},
		{"Що сказав Макрон про солдатів?", "uk", "What did Macron say about the soldiers?"},
		{"Хто такий Марк Рютте?", "uk", "Who is Mark Rutte?"},
		{"Напиши мені вірш про весну", "uk", "Write me a poem about spring"},
		{"¿Quién representa a Grecia?", "es", "Who represents Greece?"},
		{"¿Polonia forma parte de la coalición?", "es", "Poland is part of the coalition?"}, // no marker of a yes-no question
		{"¿Qué dijo Macron sobre los soldados europeos?", "es", "What did Macron say about the European soldiers?"},
		{"¿Me das una receta de paella?", "es", "Can you give me a paella recipe?"},
		{"Chi rappresenta la Spagna?", "it", "Who represents Spain?"},
		{"Chi è Mette Frederiksen?", "it", "Who is Mette Frederiksen?"}, // "è" folds to "e", "and"
		{"La Polonia fa parte della coalizione?", "it", "Poland is part of the coalition?"},
		{"Cosa ha scritto Zelensky su X?", "it", "What did Zelensky write on X?"},
		{"Quem representa os dinamarqueses?", "pt", "Who represents Denmark?"},
		{"O Canadá participa da coalizão?", "pt", "Canada takes part in the coalition?"},
		{"O que disse Macron sobre os soldados europeus?", "pt", "What did Macron say about the European soldiers?"},
		{"Qual é a receita do bacalhau?", "pt", "What is the recipe for cod?"},
	}
	for _, tt := range tests {
		q, want := b.Analyze(tt.text), b.Analyze(tt.english)
		if q.Lang != tt.lang || want.Lang != English {
			t.Errorf("Analyze(%q).Lang = %q, want %q (English twin: %q)", tt.text, q.Lang, tt.lang, want.Lang)
		}
		if q.Text != tt.text {
			t.Errorf("Analyze(%q).Text = %q, want the question as asked", tt.text, q.Text)
		}
		if mentions(q) != mentions(want) || q.Ask != want.Ask || q.YesNo() != want.YesNo() || (len(q.Unknown) == 0) != (len(want.Unknown) == 0) {
			t.Errorf("Analyze(%q) = mentions %s, ask %q, yes-no %v, unknown %q; its English twin %q: %s, %q, %v, %q",
				tt.text, mentions(q), q.Ask, q.YesNo(), q.Unknown, tt.english, mentions(want), want.Ask, want.YesNo(), want.Unknown)
		}
	}
}

func mentions(q Query) string {
	var ids []string
	for _, m := range q.Mentions {
		ids = append(ids, m.ID)
	}
	return strings.Join(ids, ",")
}

// A broken language file is named with what is wrong in it.
func TestLoadReportsBrokenGloss(t *testing.T) {
	valid := Gloss{Code: "fr", Stemmer: "french", Detect: []string{"le"}, Words: map[string]string{"qui": "who"}}
	tests := []struct {
		name   string
		file   string
		mutate func(*Gloss)
		want   string
	}{
		{"unknown stemmer", "fr.json", func(g *Gloss) { g.Stemmer = "klingon" }, `"klingon" is not a Snowball stemmer`},
		{"two meanings of a stem", "fr.json", func(g *Gloss) { g.Words["représente"], g.Words["représentant"] = "represents", "representative" }, "one stem, one meaning"},
		{"name of nothing", "fr.json", func(g *Gloss) { g.Names = map[string][]string{"atlantis": {"Atlantide"}} }, `"atlantis" is no member, country or institution`},
		{"file named for another language", "de.json", func(*Gloss) {}, `is "fr" in a file named for "de"`},
		{"no detect words", "fr.json", func(g *Gloss) { g.Detect = nil }, "detect"},
		{"fact of nothing", "fr.json", func(g *Gloss) { g.Facts = map[string]string{"nofact": "Rien."} }, `"nofact" is no fact`},
		{"title of no member", "fr.json", func(g *Gloss) { g.Titles = map[string]string{"nobody": "Personne"} }, `"nobody" is no member`},
		{"member title of an institution", "fr.json", func(g *Gloss) { g.Titles = map[string]string{"nato": "Alliance"} }, `"nato" is no member`},
		{"name of no institution", "fr.json", func(g *Gloss) {
			g.Institutions = map[string][2]string{"atlantis": {"Atlantide", "l'Atlantide"}}
		}, `"atlantis" is no institution`},
		{"institution without its name in a sentence", "fr.json", func(g *Gloss) { g.Institutions = map[string][2]string{"nato": {"OTAN", ""}} }, `"nato" needs its name alone and in a sentence`},
		{"title of no person", "fr.json", func(g *Gloss) { g.PersonTitles = map[string]string{"napoleon": "Empereur des Français"} }, `"napoleon" is no person in people.json`},
		{"member's title as a person's", "fr.json", func(g *Gloss) { g.PersonTitles = map[string]string{"meloni": "Présidente du Conseil"} }, `"meloni" is no person in people.json`},
		{"name of no person", "fr.json", func(g *Gloss) { g.PersonNames = map[string]string{"napoleon": "Napoléon"} }, `"napoleon" is no person in people.json`},
		{"note of a country without one", "fr.json", func(g *Gloss) { g.Notes = map[string]string{"it": "L'Italie."} }, `"it" is no country with a note`},
		{"note of no country", "fr.json", func(g *Gloss) { g.Notes = map[string]string{"atlantis": "Engloutie."} }, `"atlantis" is no country with a note`},
		{"context of no quote", "fr.json", func(g *Gloss) { g.QuoteContexts = map[string]string{"q99": "sur X"} }, `"q99" is no quote`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := valid
			g.Words = map[string]string{"qui": "who"}
			tt.mutate(&g)
			data, err := json.Marshal(g)
			if err != nil {
				t.Fatal(err)
			}
			_, err = loadWithFiles(t, validFixture(), fstest.MapFS{"data/languages/" + tt.file: {Data: data}}, nil, nil)
			if err == nil || !strings.Contains(err.Error(), "languages/"+tt.file) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Load() error = %v, want one naming languages/%s and %q", err, tt.file, tt.want)
			}
		})
	}
}

// Answers in another language name countries, titles, roles and regions in
// it, and fall back to English where it gives nothing.
func TestLocalizedNames(t *testing.T) {
	b := loadBase(t)
	for _, tt := range []struct{ got, want string }{
		{b.CountryName("gr", "fr"), "Grèce"},
		{b.CountryName("gr", "en"), "Greece"},
		{b.CountryName("gr", "xx"), "Greece"},
		{b.MemberTitle("rutte", "fr"), "Secrétaire général de l'OTAN"},
		{b.MemberTitle("rutte", "en"), "Secretary General of NATO"},
		{b.RoleName("prime minister", "fr", true), "Premiers ministres"},
		{b.RoleName("prime minister", "en", true), ""},
		{b.RegionName("Nordic", "fr"), "nordiques"},
		{b.RegionName("Nordic", "en"), "Nordic"},
		{b.FactAnswer(Fact{ID: "no-such-fact", Answer: "In English."}, "fr"), "In English."},
		{b.InstitutionName(institution(t, b, "european-council"), "fr", false), "Conseil européen"},
		{b.InstitutionName(institution(t, b, "european-council"), "fr", true), "le Conseil européen"},
		{b.InstitutionName(institution(t, b, "european-council"), "de", true), "den Europäischen Rat"},
		{b.InstitutionName(institution(t, b, "european-council"), "en", false), "European Council"},
		{b.InstitutionName(institution(t, b, "european-council"), "en", true), ""},
		{b.InstitutionName(Institution{ID: "no-such-body", Name: "Atlantis Council"}, "fr", false), "Atlantis Council"},
		{b.PersonTitle(person(t, b, "trump"), "fr"), "Président des États-Unis"},
		{b.PersonTitle(person(t, b, "trump"), "en"), "President of the United States"},
		{b.PersonName(person(t, b, "pope"), "de"), "Papst Franziskus"},
		{b.PersonName(person(t, b, "trump"), "de"), "Donald Trump"},
		{b.PersonName(person(t, b, "pope"), "en"), "Pope Francis"},
		{b.CountryNote(country(t, b, "ru"), "es"), "Rusia no es miembro: la coalición se convocó para reforzar el apoyo a Ucrania frente a Rusia."},
		{b.CountryNote(country(t, b, "ru"), "en"), "Russia is not a member: the coalition was convened to bolster support for Ukraine against Russia."},
		{b.CountryNote(country(t, b, "it"), "fr"), ""},
		{b.QuoteContext(b.QuotesBy("zelensky")[0], "nl"), "op X"},
		{b.QuoteContext(b.QuotesBy("zelensky")[0], "en"), "on X"},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

func institution(t *testing.T, b *Base, id string) Institution {
	t.Helper()
	in, ok := b.Institution(id)
	if !ok {
		t.Fatalf("no institution %q", id)
	}
	return in
}

func person(t *testing.T, b *Base, id string) Person {
	t.Helper()
	p, ok := b.Person(id)
	if !ok {
		t.Fatalf("no person %q", id)
	}
	return p
}

func country(t *testing.T, b *Base, code string) Country {
	t.Helper()
	c, ok := b.Country(code)
	if !ok {
		t.Fatalf("no country %q", code)
	}
	return c
}

// Every shipped language says all that answers say of the knowledge in
// it: each member's title, role and region, each institution, person,
// country note, quote's context and fact, so no answer falls back to
// English.
func TestGlossesSayAllTheKnowledge(t *testing.T) {
	b := loadBase(t)
	if len(b.glosses) != 8 {
		t.Fatalf("%d languages besides English, want 8", len(b.glosses))
	}
	for _, code := range sortedKeys(b.glosses) {
		g := b.glosses[code]
		missing := func(field, id string, has bool) {
			if !has {
				t.Errorf("languages/%s.json: %s has nothing for %q", code, field, id)
			}
		}
		for _, m := range b.Members {
			missing("titles", m.ID, g.titles[m.ID] != "")
			_, ok := g.roles[m.Role]
			missing("roles", m.Role, ok)
		}
		for _, r := range b.Regions() {
			missing("regions", r, g.regions[r] != "")
		}
		for _, in := range b.Institutions {
			_, ok := g.institutions[in.ID]
			missing("institutions", in.ID, ok)
		}
		for _, p := range b.People {
			missing("person_titles", p.ID, g.personTitles[p.ID] != "")
		}
		for _, c := range b.Countries {
			missing("notes", c.Code, c.Note == "" || g.notes[c.Code] != "")
		}
		for _, q := range b.Quotes {
			missing("quote_contexts", q.ID, g.quoteContexts[q.ID] != "")
		}
		for _, f := range b.Facts {
			missing("facts", f.ID, g.facts[f.ID] != "")
		}
	}
}
