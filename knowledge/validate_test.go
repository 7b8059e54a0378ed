package knowledge

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// fixture is a small, valid knowledge base that each case breaks in one way.
type fixture struct {
	Passages     []Passage
	Members      []Member
	Countries    []Country
	Institutions []Institution
	Quotes       []Quote
	Facts        []Fact
	People       []Person
	Intents      []Intent
}

func validFixture() fixture {
	return fixture{
		Passages: []Passage{
			{ID: "p01", Section: "S", Text: "Italian Prime Miniser Giorgia Melono said “we’re ready”.", Doc: "article", Date: "2025-03-27"},
			{ID: "p02", Section: "S", Text: "Nato General Secretary Mark Rutte. The group needs the US."},
		},
		Members: []Member{
			{ID: "meloni", Name: "Giorgia Meloni", Aliases: []string{"Melono"}, Title: "Prime Minister of Italy", Role: "prime minister", Country: "it", Passage: "p01"},
			{ID: "rutte", Name: "Mark Rutte", Aliases: []string{"Rutte"}, Title: "Secretary General of NATO", Role: "secretary general", Institution: "nato", Passage: "p02"},
		},
		Countries: []Country{
			{Code: "it", Name: "Italy", Flag: "🇮🇹", Regions: []string{"Southern Europe", "EU", "NATO"}},
			{Code: "us", Name: "United States", Note: "The group needs the US.", NotePassage: "p02"},
		},
		Institutions: []Institution{{ID: "nato", Name: "NATO"}},
		Quotes:       []Quote{{ID: "q01", Speaker: "meloni", Text: "we're ready", Where: "on X", Passage: "p01"}},
		Facts:        []Fact{{ID: "f1", Answer: "A.", Questions: []string{"What did the group say it needs?"}, Passages: []string{"p02"}}},
		People:       []Person{{ID: "trump", Name: "Donald Trump", Title: "President of the United States", Country: "us"}},
		Intents: []Intent{
			{ID: "who", Answer: AnswerDescribe, Slots: []string{"member", "country"}, Examples: []string{"who is {member}", "who represents {country}"}},
			{ID: "said", Answer: AnswerQuotes, Slots: []string{"member"}, Examples: []string{"what did {member} say"}},
		},
	}
}

// load writes the fixture as the data files, with the embedded language
// file, and loads them.
func load(t *testing.T, f fixture, extra []Passage) (*Base, error) {
	return loadWith(t, f, extra, nil)
}

// loadWith is load with the language file changed first.
func loadWith(t *testing.T, f fixture, extra []Passage, mutateLang func(*Language)) (*Base, error) {
	t.Helper()
	return loadWithFiles(t, f, nil, extra, mutateLang)
}

// loadWithFiles is loadWith with more files, such as languages' glosses.
func loadWithFiles(t *testing.T, f fixture, more fstest.MapFS, extra []Passage, mutateLang func(*Language)) (*Base, error) {
	t.Helper()
	var lang Language
	if err := decodeFile(embedded, "data/english.json", &lang); err != nil {
		t.Fatal(err)
	}
	if mutateLang != nil {
		mutateLang(&lang)
	}
	fsys := fstest.MapFS{}
	for name, v := range map[string]any{
		"passages.json": f.Passages, "members.json": f.Members, "countries.json": f.Countries,
		"institutions.json": f.Institutions, "quotes.json": f.Quotes, "facts.json": f.Facts,
		"people.json": f.People, "intents.json": f.Intents, "english.json": lang,
	} {
		data, err := json.Marshal(v)
		if err != nil {
			t.Fatalf("marshal %s: %v", name, err)
		}
		fsys["data/"+name] = &fstest.MapFile{Data: data}
	}
	for name, file := range more {
		fsys[name] = file
	}
	return LoadFS(fsys, "data", extra)
}

func TestLoadFSReportsBrokenData(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(f *fixture)
		extra  []Passage
		want   []string // each must be mentioned; none means the data is valid
	}{
		{"valid", func(*fixture) {}, nil, nil},
		{"passage without id", func(f *fixture) { f.Passages[1].ID = "" }, nil, []string{`passages.json: entry 2: missing id`}},
		{"duplicate passage", func(f *fixture) { f.Passages[1].ID = "p01" }, nil, []string{`passages.json: entry "p01": duplicate id`}},
		{"passage without text", func(f *fixture) { f.Passages[1].Text = " " }, nil, []string{`passages.json: entry "p02": missing text`}},
		{"passage without section", func(f *fixture) { f.Passages[0].Section = "" }, nil, []string{`passages.json: entry "p01": missing section`}},
		{"passage bad date", func(f *fixture) { f.Passages[0].Date = "27/03/2025" }, nil, []string{`passages.json: entry "p01": date "27/03/2025"`}},
		{"extra passage reuses an id", func(*fixture) {}, []Passage{{ID: "p01", Section: "S", Text: "T", Doc: "later"}}, []string{`later.md: entry "p01": duplicate id (also used in passages.json)`}},
		{"duplicate member", func(f *fixture) { f.Members[1] = f.Members[0] }, nil, []string{`members.json: entry "meloni": duplicate id`}},
		{"member without name", func(f *fixture) { f.Members[0].Name = "" }, nil, []string{`members.json: entry "meloni": missing name`}},
		{"member without title", func(f *fixture) { f.Members[0].Title = "" }, nil, []string{`members.json: entry "meloni": missing title`}},
		{"member unknown role", func(f *fixture) { f.Members[0].Role = "premier" }, nil, []string{`members.json: entry "meloni": unknown role "premier"`}},
		{"member missing passage", func(f *fixture) { f.Members[0].Passage = "p99" }, nil, []string{`members.json: entry "meloni": passage "p99" does not exist`}},
		{"member passage does not name them", func(f *fixture) { f.Members[0].Passage = "p02" }, nil, []string{`members.json: entry "meloni": passage "p02" does not name Giorgia Meloni`}},
		{"member unknown country", func(f *fixture) { f.Members[0].Country = "xx" }, nil, []string{`members.json: entry "meloni": country "xx" does not exist`}},
		{"member unknown institution", func(f *fixture) { f.Members[1].Institution = "un" }, nil, []string{`members.json: entry "rutte": institution "un" does not exist`}},
		{"member with country and institution", func(f *fixture) { f.Members[1].Country = "it" }, nil, []string{`members.json: entry "rutte": has both country "it" and institution "nato"`}},
		{"member with neither", func(f *fixture) { f.Members[0].Country = "" }, nil, []string{`members.json: entry "meloni": needs a country or an institution`}},
		{"alias of two members", func(f *fixture) { f.Members[1].Aliases = []string{"melono"} }, nil, []string{`members.json: entry "rutte": alias "melono" also names "meloni"`}},
		{"country bad code", func(f *fixture) { f.Countries[1].Code = "USA" }, nil, []string{`countries.json: entry "USA": code is not two lower-case letters`}},
		{"country wrong flag", func(f *fixture) { f.Countries[0].Flag = "🇫🇷" }, nil, []string{`countries.json: entry "it": flag "🇫🇷" is not the flag of "it"`}},
		{"country unknown region", func(f *fixture) { f.Countries[0].Regions = []string{"Atlantis"} }, nil, []string{`countries.json: entry "it": unknown region "Atlantis"`}},
		{"country note without passage", func(f *fixture) { f.Countries[1].NotePassage = "" }, nil, []string{`countries.json: entry "us": note needs a note_passage`}},
		{"country missing note passage", func(f *fixture) { f.Countries[1].NotePassage = "p99" }, nil, []string{`countries.json: entry "us": passage "p99" does not exist`}},
		{"institution without name", func(f *fixture) { f.Institutions[0].Name = "" }, nil, []string{`institutions.json: entry "nato": missing name`}},
		{"institution unknown bloc", func(f *fixture) { f.Institutions[0].Bloc = "Atlantis" }, nil, []string{`institutions.json: entry "nato": unknown bloc "Atlantis"`}},
		{"quote unknown speaker", func(f *fixture) { f.Quotes[0].Speaker = "draghi" }, nil, []string{`quotes.json: entry "q01": speaker "draghi" does not exist`}},
		{"quote with unknown member", func(f *fixture) { f.Quotes[0].With = []string{"draghi"} }, nil, []string{`quotes.json: entry "q01": with "draghi" is not another member`}},
		{"quote without where", func(f *fixture) { f.Quotes[0].Where = "" }, nil, []string{`quotes.json: entry "q01": missing where`}},
		{"quote missing passage", func(f *fixture) { f.Quotes[0].Passage = "p99" }, nil, []string{`quotes.json: entry "q01": passage "p99" does not exist`}},
		{"quote not verbatim", func(f *fixture) { f.Quotes[0].Text = "we are ready" }, nil, []string{`quotes.json: entry "q01": text is not verbatim in passage "p01"`}},
		{"duplicate quote", func(f *fixture) { f.Quotes = append(f.Quotes, f.Quotes[0]) }, nil, []string{`quotes.json: entry "q01": duplicate id`}},
		{"fact question that asks nothing", func(f *fixture) { f.Facts[0].Questions = []string{"Q?"} }, nil, []string{`facts.json: entry "f1": example "Q?" matches nothing, not its own intent`}},
		{"intent unknown answerer", func(f *fixture) { f.Intents[0].Answer = "guess" }, nil, []string{`intents.json: entry "who": unknown answer "guess"`}},
		{"intent unknown slot", func(f *fixture) { f.Intents[0].Slots = []string{"member", "colour"} }, nil, []string{`intents.json: entry "who": unknown slot "colour"`}},
		{"intent example with an undeclared slot", func(f *fixture) { f.Intents[1].Examples = []string{"what did {country} say"} }, nil, []string{`intents.json: entry "said": example "what did {country} say" uses slot {country} the intent does not take`}},
		{"intent without examples", func(f *fixture) { f.Intents[1].Examples = nil }, nil, []string{`intents.json: entry "said": missing examples`}},
		{"intent example matching another intent", func(f *fixture) { f.Intents[1].Examples = append(f.Intents[1].Examples, "who is {member}") }, nil, []string{`intents.json: entry "said": example "who is {member}" matches who, not its own intent`}},
		{"duplicate intent", func(f *fixture) { f.Intents[1].ID = "who" }, nil, []string{`intents.json: entry "who": duplicate id`}},
		{"person unknown country", func(f *fixture) { f.People[0].Country = "xx" }, nil, []string{`people.json: entry "trump": country "xx" does not exist`}},
		{"person without title", func(f *fixture) { f.People[0].Title = "" }, nil, []string{`people.json: entry "trump": missing title`}},
		{"fact missing passage", func(f *fixture) { f.Facts[0].Passages = []string{"p01", "p98"} }, nil, []string{`facts.json: entry "f1": passage "p98" does not exist`}},
		{"fact without passages", func(f *fixture) { f.Facts[0].Passages = nil }, nil, []string{`facts.json: entry "f1": missing passages`}},
		{"fact without questions", func(f *fixture) { f.Facts[0].Questions = nil }, nil, []string{`facts.json: entry "f1": missing questions`}},
		{"fact without id", func(f *fixture) { f.Facts[0].ID = "" }, nil, []string{`facts.json: entry 1: missing id`}},
		{"every problem at once", func(f *fixture) {
			f.Members[0].Passage = "p99"
			f.Quotes[0].Speaker = "draghi"
		}, nil, []string{`entry "meloni": passage "p99"`, `entry "q01": speaker "draghi"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := validFixture()
			tt.mutate(&f)
			_, err := load(t, f, tt.extra)
			if len(tt.want) == 0 {
				if err != nil {
					t.Fatalf("LoadFS() error = %v, want nil", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("LoadFS() error = nil, want mention of %q", tt.want)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("LoadFS() error = %v, want mention of %q", err, w)
				}
			}
		})
	}
}

func TestLoadFSReportsBrokenLanguageData(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(l *Language)
		want   string
	}{
		{"office of no role", func(l *Language) { l.Offices["premier"] = "premier" }, `english.json: entry offices: "premier" maps to unknown role "premier"`},
		{"region of no country", func(l *Language) { l.Regions["balkan"] = "Balkans" }, `english.json: entry regions: "balkan" maps to unknown region "Balkans"`},
		{"spelling of two words", func(l *Language) { l.Spellings["who is"] = "whos" }, `english.json: entry spellings: "who is" must be one word`},
		{"no question words", func(l *Language) { l.QuestionWords = nil }, `english.json: entry question_words: is empty`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := loadWith(t, validFixture(), nil, tt.mutate)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("LoadFS() error = %v, want mention of %q", err, tt.want)
			}
		})
	}
}

func TestLoadFSBuildsLookups(t *testing.T) {
	b, err := load(t, validFixture(), []Passage{{ID: "later-01", Section: "S", Text: "T", Doc: "later"}})
	if err != nil {
		t.Fatalf("LoadFS() error = %v", err)
	}
	tests := []struct {
		name string
		got  func() bool
	}{
		{"passage p02", func() bool { p, ok := b.Passage("p02"); return ok && p.ID == "p02" }},
		{"extra passage later-01", func() bool { _, ok := b.Passage("later-01"); return ok }},
		{"member rutte", func() bool { m, ok := b.Member("rutte"); return ok && m.Institution == "nato" }},
		{"country us", func() bool { c, ok := b.Country("us"); return ok && c.Name == "United States" }},
		{"institution nato", func() bool { in, ok := b.Institution("nato"); return ok && in.Name == "NATO" }},
		{"no member draghi", func() bool { _, ok := b.Member("draghi"); return !ok }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !tt.got() {
				t.Errorf("lookup of %s after LoadFS is wrong", tt.name)
			}
		})
	}
}

func loadEmbedded(t *testing.T) *Base {
	t.Helper()
	b, err := Load(nil)
	if err != nil {
		t.Fatalf("Load(nil) error = %v", err)
	}
	return b
}

func TestEmbeddedPassagesLinkTheRightParagraphs(t *testing.T) {
	b := loadEmbedded(t)
	if len(b.Passages) != 24 {
		t.Errorf("len(Passages) = %d, want 24 (one per paragraph of the article)", len(b.Passages))
	}
	for _, m := range b.Members {
		t.Run("member "+m.ID, func(t *testing.T) {
			p, _ := b.Passage(m.Passage)
			fields := strings.Fields(m.Name)
			found := strings.Contains(p.Text, fields[len(fields)-1])
			for _, a := range m.Aliases {
				found = found || strings.Contains(p.Text, a)
			}
			if !found {
				t.Errorf("passage %s = %q, want it to name %s", m.Passage, p.Text, m.Name)
			}
			if m.ArticleTitle != "" && !inArticle(b, m.ArticleTitle) {
				t.Errorf("article_title %q of %s is not verbatim in the article", m.ArticleTitle, m.ID)
			}
		})
	}
	for _, q := range b.Quotes {
		t.Run("quote "+q.ID, func(t *testing.T) {
			p, _ := b.Passage(q.Passage)
			if !strings.Contains(plain.Replace(p.Text), plain.Replace(q.Text)) {
				t.Errorf("quote %s = %q, not found in passage %s = %q", q.ID, q.Text, q.Passage, p.Text)
			}
		})
	}
}

func inArticle(b *Base, s string) bool {
	for _, p := range b.Passages {
		if p.Doc == articleDoc && strings.Contains(p.Text, s) {
			return true
		}
	}
	return false
}

// TestEmbeddedMembers pins what users are told about people, including the
// corrections of the article's typos and titles.
func TestEmbeddedMembers(t *testing.T) {
	b := loadEmbedded(t)
	tests := []struct {
		alias, id, name, title, where string
		leader                        bool
	}{
		{"Sir Keir", "starmer", "Keir Starmer", "Prime Minister of the United Kingdom", "gb", true},
		{"Macron", "macron", "Emmanuel Macron", "President of France", "fr", true},
		{"Zelenskyy", "zelensky", "Volodymyr Zelensky", "President of Ukraine", "ua", true},
		{"Melono", "meloni", "Giorgia Meloni", "Prime Minister of Italy", "it", false},
		{"Luis Montenegro", "montenegro", "Luís Montenegro", "Prime Minister of Portugal", "pt", false},
		{"Sanchez", "sanchez", "Pedro Sánchez", "Prime Minister of Spain", "es", false},
		{"Plenkovic", "plenkovic", "Andrej Plenković", "Prime Minister of Croatia", "hr", false},
		{"Nauseda", "nauseda", "Gitanas Nausėda", "President of Lithuania", "lt", false},
		{"Scholz", "scholz", "Olaf Scholz", "Chancellor of Germany", "de", false},
		{"Michal", "michal", "Kristen Michal", "Prime Minister of Estonia", "ee", false},
		{"Frostadottir", "frostadottir", "Kristrún Frostadóttir", "Prime Minister of Iceland", "is", false},
		{"Yilmaz", "yilmaz", "Cevdet Yılmaz", "Vice President of Turkey", "tr", false},
		{"von der Leyen", "von-der-leyen", "Ursula von der Leyen", "President of the European Commission", "european-commission", false},
		{"Antonio Costa", "costa", "António Costa", "President of the European Council", "european-council", false},
		{"Rutte", "rutte", "Mark Rutte", "Secretary General of NATO", "nato", false},
	}
	for _, tt := range tests {
		t.Run(tt.alias, func(t *testing.T) {
			var got []Member
			for _, m := range b.Members {
				if slices.Contains(m.Aliases, tt.alias) {
					got = append(got, m)
				}
			}
			if len(got) != 1 || got[0].ID != tt.id {
				t.Fatalf("members with alias %q = %v, want only %s", tt.alias, got, tt.id)
			}
			m := got[0]
			if m.Name != tt.name || m.Title != tt.title || m.Country+m.Institution != tt.where || m.Leader != tt.leader {
				t.Errorf("member %s = %q, %q, %q, leader %v; want %q, %q, %q, leader %v",
					m.ID, m.Name, m.Title, m.Country+m.Institution, m.Leader, tt.name, tt.title, tt.where, tt.leader)
			}
		})
	}
	if len(b.Members) != 24 {
		t.Errorf("len(Members) = %d, want 24 (3 leaders, 18 listed leaders, 3 heads of institutions)", len(b.Members))
	}
}

func TestEmbeddedRegions(t *testing.T) {
	b := loadEmbedded(t)
	tests := []struct {
		region string
		want   int
		some   []string
	}{
		{"Nordic", 5, []string{"dk", "fi", "is", "no", "se"}},
		{"Baltic", 3, []string{"ee", "lt", "lv"}},
		{"EU", 27, []string{"at", "cy", "ie", "mt"}},
		{"NATO", 32, []string{"gb", "no", "tr", "us", "ca"}},
	}
	for _, tt := range tests {
		t.Run(tt.region, func(t *testing.T) {
			var got []string
			for _, c := range b.Countries {
				if slices.Contains(c.Regions, tt.region) {
					got = append(got, c.Code)
				}
			}
			if len(got) != tt.want {
				t.Errorf("countries in %s = %v (%d), want %d", tt.region, got, len(got), tt.want)
			}
			for _, code := range tt.some {
				if !slices.Contains(got, code) {
					t.Errorf("countries in %s = %v, want %s among them", tt.region, got, code)
				}
			}
		})
	}
}
