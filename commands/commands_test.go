package commands

import (
	"context"
	"errors"
	"io/fs"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/coalitionbot/coalitionbot/answer"
	"github.com/coalitionbot/coalitionbot/knowledge"
)

func testBase(t *testing.T) *knowledge.Base {
	t.Helper()
	b, err := knowledge.Load(nil)
	if err != nil {
		t.Fatalf("knowledge.Load() error = %v", err)
	}
	return b
}

func testMessages(t *testing.T) *answer.Messages {
	t.Helper()
	m, err := answer.LoadMessages()
	if err != nil {
		t.Fatalf("answer.LoadMessages() error = %v", err)
	}
	return m
}

// testTable is the table All makes over the embedded knowledge and ans.
func testTable(t *testing.T, ans Answerer) Table {
	t.Helper()
	table, err := All(testBase(t), ans)
	if err != nil {
		t.Fatalf("All() error = %v", err)
	}
	return table
}

// fakeAnswerer records the question it was asked and returns a fixed
// answer or error.
type fakeAnswerer struct {
	msgs *answer.Messages
	got  answer.Question
	ans  answer.Answer
	err  error
}

func (f *fakeAnswerer) Messages() *answer.Messages { return f.msgs }

func (f *fakeAnswerer) Answer(ctx context.Context, q answer.Question) (answer.Answer, error) {
	f.got = q
	return f.ans, f.err
}

// Discord rejects a whole bulk registration for one bad name or
// description, so the table is checked against its rules here.
func TestTableFollowsDiscordRules(t *testing.T) {
	name := regexp.MustCompile(`^[a-z0-9_-]{1,32}$`)
	menuName := regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9 ]{0,30}[A-Za-z0-9]$`)
	table := testTable(t, &fakeAnswerer{msgs: testMessages(t)})
	seen := map[string]bool{}
	for _, c := range table {
		valid := name
		if c.Kind == MessageMenu {
			valid = menuName
			if len(c.Options) > 0 {
				t.Errorf("message menu command %q has options; Discord gives it none", c.Name)
			}
		}
		if !valid.MatchString(c.Name) || seen[c.Name] || len(c.Description) == 0 || len(c.Description) > 100 || c.Handle == nil {
			t.Errorf("command %q: bad name, description or handler", c.Name)
		}
		seen[c.Name] = true
		required := true
		for _, o := range c.Options {
			if !name.MatchString(o.Name) || len(o.Description) == 0 || len(o.Description) > 100 {
				t.Errorf("command %q option %q: bad name or description", c.Name, o.Name)
			}
			if o.Autocomplete && c.Complete == nil {
				t.Errorf("command %q option %q autocompletes but the command has no Complete", c.Name, o.Name)
			}
			if o.Required && !required {
				t.Errorf("command %q: required option %q after an optional one", c.Name, o.Name)
			}
			required = o.Required
		}
	}
	for _, want := range []string{"members", "quote", "ask", "about", "help", AskMessage} {
		if _, ok := table.Lookup(want); !ok {
			t.Errorf("Lookup(%q) = not found", want)
		}
	}
}

func TestMembers(t *testing.T) {
	base, msgs := testBase(t), testMessages(t)
	tests := []struct {
		filter      string
		want, avoid []string
	}{
		{"", []string{"Countries:", "Institutions:", "🇮🇹 Italy: **Giorgia Meloni**", "★"}, nil},
		{"Greece", []string{"Mitsotakis"}, []string{"Institutions", "Meloni"}},
		{"president", []string{"Macron", "Stubb", "von der Leyen"}, []string{"Meloni"}},
		{"European Commission", []string{"von der Leyen"}, []string{"Countries"}},
	}
	for _, tt := range tests {
		t.Run(tt.filter, func(t *testing.T) {
			r, err := members(base, msgs, "en", tt.filter)
			if err != nil {
				t.Fatalf("members(%q) error = %v", tt.filter, err)
			}
			text := r.Text
			for _, f := range r.Fields {
				text += "\n" + f.Name + ":\n" + f.Value
			}
			for _, w := range tt.want {
				if !strings.Contains(text, w) {
					t.Errorf("members(%q) = %q, want %q", tt.filter, text, w)
				}
			}
			for _, a := range tt.avoid {
				if strings.Contains(text, a) {
					t.Errorf("members(%q) = %q, want no %q", tt.filter, text, a)
				}
			}
		})
	}
	if _, err := members(base, msgs, "en", "Narnia"); err == nil {
		t.Error("members(Narnia) error = nil, want a user error")
	} else if _, ok := IsUserError(err); !ok {
		t.Errorf("members(Narnia) error = %v, want a UserError", err)
	}
}

func TestQuote(t *testing.T) {
	base, msgs := testBase(t), testMessages(t)
	for i, q := range base.Quotes {
		r, err := quote(base, msgs, "en", "", func(n int) int { return i })
		if err != nil || !strings.Contains(r.Text, q.Text) {
			t.Errorf("quote(random #%d) = %q, %v, want %q", i, r.Text, err, q.Text)
		}
	}
	r, err := quote(base, msgs, "en", "macron", nil)
	if err != nil || strings.Count(r.Text, "> “") != len(base.QuotesBy("macron")) || !strings.Contains(r.Title, "President of France") {
		t.Errorf("quote(macron) = %+v, %v, want all of Macron's quotes under his title", r, err)
	}
	r, err = quote(base, msgs, "en", "Fiala", nil)
	if err != nil || !strings.Contains(r.Text, "no quote from Petr Fiala") {
		t.Errorf("quote(Fiala) = %q, %v, want no quote", r.Text, err)
	}
	if _, err := quote(base, msgs, "en", "Napoleon", nil); err == nil {
		t.Error("quote(Napoleon) error = nil, want a user error")
	}
}

func TestComplete(t *testing.T) {
	base := testBase(t)
	tests := []struct {
		typed, first string
	}{
		{"ita", "Italy"},
		{"zel", "Volodymyr Zelensky"},
		{"macrom", "Emmanuel Macron"},
		{"nato", "NATO"},
	}
	for _, tt := range tests {
		got := complete(tt.typed, filterCandidates(base))
		if len(got) == 0 || got[0].Value != tt.first {
			t.Errorf("complete(%q) = %v, want %q first", tt.typed, got, tt.first)
		}
	}
	for _, typed := range []string{"", "zzzzqqq"} {
		if got := complete(typed, filterCandidates(base)); len(got) != MaxChoices {
			t.Errorf("complete(%q) = %d choices, want %d: never an empty list", typed, len(got), MaxChoices)
		}
	}
	speakers := complete("", speakerCandidates(base))
	if len(base.QuotesBy(memberByName(base, speakers[0].Value))) == 0 {
		t.Errorf("speaker suggestions start with %q, want a quoted member first", speakers[0].Value)
	}
}

func memberByName(base *knowledge.Base, name string) string {
	for _, m := range base.Members {
		if m.Name == name {
			return m.ID
		}
	}
	return ""
}

func TestAskHandler(t *testing.T) {
	fake := &fakeAnswerer{msgs: testMessages(t), ans: answer.Answer{Text: "Meloni.", Route: answer.Curated, Sources: []answer.Source{{ID: "p12", Section: "Who does it include?"}}}}
	cmd, _ := testTable(t, fake).Lookup("ask")
	history := []answer.Turn{{Question: "q", Answer: "a"}}
	r, err := cmd.Handle(context.Background(), Request{Command: "ask", Options: map[string]string{"question": "Who?", "private": "true"}, UserID: "u1", History: history})
	if err != nil {
		t.Fatalf("ask error = %v", err)
	}
	if !r.Private || r.Route != "curated" || len(r.Fields) != 1 || !strings.Contains(r.Fields[0].Value, "Who does it include?") {
		t.Errorf("ask = %+v, want a private curated response with a sources field", r)
	}
	if fake.got.Text != "Who?" || fake.got.UserID != "u1" || len(fake.got.History) != 1 {
		t.Errorf("ask passed %+v to the pipeline, want the question, user and history", fake.got)
	}
	fake.err = &answer.InputError{Msg: "too long"}
	if _, err := cmd.Handle(context.Background(), Request{Options: map[string]string{"question": "x"}}); err == nil {
		t.Error("ask with an input error = nil, want a UserError")
	} else if ue, ok := IsUserError(err); !ok || ue.Msg != "too long" {
		t.Errorf("ask error = %v, want UserError(too long)", err)
	}
	fake.err = errors.New("disk on fire")
	if _, err := cmd.Handle(context.Background(), Request{Options: map[string]string{"question": "x"}}); err == nil {
		t.Error("ask with an internal error = nil, want an error")
	} else if _, ok := IsUserError(err); ok {
		t.Errorf("ask internal error = %v, want it not shown as a user error", err)
	}
}

// Offices change (Germany's chancellor did in May 2025): the list says
// whose date its offices are of.
func TestMembersFooterDatesOffices(t *testing.T) {
	base := testBase(t)
	resp, err := members(base, testMessages(t), "en", "Germany")
	if err != nil {
		t.Fatalf("members(Germany) error = %v", err)
	}
	if want := "offices as of " + base.ArticleDate(); base.ArticleDate() == "" || !strings.Contains(resp.Footer, want) {
		t.Errorf("members(Germany) footer = %q, want %q", resp.Footer, want)
	}
}

// Every language's file names every command and option, validly for
// Discord, and Localize puts them on the table by Discord locale.
func TestLocalize(t *testing.T) {
	table := testTable(t, &fakeAnswerer{})
	ask, _ := table.Lookup("ask")
	if got := ask.Localized["fr"].Name; got != "question" {
		t.Errorf("ask in French = %q, want question", got)
	}
	// A message menu command's name may have capitals and spaces.
	menu, _ := table.Lookup(AskMessage)
	if got := menu.Localized["fr"].Name; got != "Question sur ce message" {
		t.Errorf("%s in French = %q, want Question sur ce message", AskMessage, got)
	}
	for _, loc := range []string{"fr", "de", "es-ES", "es-419", "it", "pl", "uk", "nl", "pt-BR"} {
		for _, c := range table {
			if c.Localized[loc].Name == "" {
				t.Errorf("command %s has no name for %s", c.Name, loc)
			}
			for _, o := range c.Options {
				if o.Localized[loc].Description == "" {
					t.Errorf("command %s option %s has no description for %s", c.Name, o.Name, loc)
				}
			}
		}
	}
}

func TestLocalizeReportsBrokenFiles(t *testing.T) {
	table := definitions(testBase(t), &fakeAnswerer{msgs: testMessages(t)}, nil)
	good, err := fs.ReadFile(localeFiles, "locales/fr.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ name, edit, want string }{
		{"upper-case name", `"name": "membres"`, `"name": "Membres"`},
		{"space in a name", `"name": "membres"`, `"name": "les membres"`},
		{"missing option", `"filter": {`, `"filtre_inconnu": {`},
		{"empty description", `"description": "Ce qu'est ce bot et ce qu'il sait"`, `"description": ""`},
		{"message menu name with a space at its end", `"name": "Question sur ce message"`, `"name": "Question sur ce message "`},
		{"message menu name over 32 characters", `"name": "Question sur ce message"`, `"name": "Poser une question sur ce message"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			broken := strings.Replace(string(good), tt.edit, tt.want, 1)
			if broken == string(good) {
				t.Fatalf("edit %q not found", tt.edit)
			}
			_, err := localize(table, fstest.MapFS{"l/fr.json": {Data: []byte(broken)}}, "l")
			if err == nil || !strings.Contains(err.Error(), "l/fr.json") {
				t.Errorf("localize() error = %v, want one naming l/fr.json", err)
			}
		})
	}
}

// /members and /quote in another language name countries, institutions,
// titles and where a quote was said in it, never in the English the
// language's file translates; the quotes themselves stay verbatim.
func TestMembersAndQuoteInTheUsersLanguage(t *testing.T) {
	base, msgs := testBase(t), testMessages(t)
	for _, lang := range []string{"de", "es", "fr", "it", "nl", "pl", "pt", "uk"} {
		t.Run(lang, func(t *testing.T) {
			r, err := members(base, msgs, lang, "")
			if err != nil {
				t.Fatal(err)
			}
			text := r.Title
			for _, f := range r.Fields {
				text += "\n" + f.Name + ":\n" + f.Value
			}
			var want, avoid []string
			say := func(en, local string) {
				want = append(want, local)
				if local != en {
					avoid = append(avoid, en)
				}
			}
			for _, m := range base.Members {
				say(m.Title, base.MemberTitle(m.ID, lang))
				if c, ok := base.Country(m.Country); ok {
					say(c.Name, base.CountryName(c.Code, lang))
				}
				if in, ok := base.Institution(m.Institution); ok {
					say(in.Name, base.InstitutionName(in, lang, false))
				}
			}
			checkSays(t, "members("+lang+")", text, want, avoid)

			r, err = quote(base, msgs, lang, "Starmer", nil)
			if err != nil {
				t.Fatal(err)
			}
			starmer, _ := base.Member("starmer")
			want, avoid = nil, nil
			say(starmer.Title, base.MemberTitle(starmer.ID, lang))
			for _, q := range base.QuotesBy(starmer.ID) {
				say(q.Where, base.QuoteContext(q, lang))
				want = append(want, q.Text)
			}
			checkSays(t, "quote("+lang+", Starmer)", r.Title+"\n"+r.Text, want, avoid)
		})
	}
}

func checkSays(t *testing.T, call, text string, want, avoid []string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("%s = %q, want %q in it", call, text, w)
		}
	}
	for _, a := range avoid {
		if saysPhrase(text, a) {
			t.Errorf("%s = %q, says %q in English", call, text, a)
		}
	}
}

// saysPhrase reports whether text has phrase as words of its own: the
// English "Portugal" is not in the Polish "Portugalia".
func saysPhrase(text, phrase string) bool {
	return regexp.MustCompile(`(^|[^\pL])` + regexp.QuoteMeta(phrase) + `($|[^\pL])`).MatchString(text)
}

// An answer explains itself: titled with the question (control characters
// dropped), its sources named as a reader knows them, by section,
// document title and date rather than passage ID, with a link to each
// document that is a web page, and the article's date in the footer, all
// in the answer's language.
func TestAnswerResponseExplainsItself(t *testing.T) {
	report := knowledge.Passage{Doc: "london", Title: "The *coalition* meets in London", Date: "2025-05-10", URL: "https://example.org/report"}
	troops, intro := report, report
	troops.ID, troops.Section, troops.Text = "london-02", "Troops", "The coalition discussed troops."
	intro.ID, intro.Section, intro.Text = "london-01", report.Title, "Leaders met again."
	base, err := knowledge.Load([]knowledge.Passage{intro, troops})
	if err != nil {
		t.Fatal(err)
	}
	msgs := testMessages(t)
	a := answer.Answer{Text: "Meloni.", Route: answer.Curated, Lang: "en", Sources: []answer.Source{{ID: "p12"}, {ID: "london-02"}, {ID: "p01"}, {ID: "london-01"}, {ID: "p12"}}}
	r := AnswerResponse(base, msgs, "Who represents\x07 Italy?\n", a, false)
	if r.Title != "Who represents Italy?" || r.Question != "Who represents Italy?" {
		t.Errorf("title, question = %q, %q, want the question as asked, cleaned", r.Title, r.Question)
	}
	if len(r.Fields) != 1 {
		t.Fatalf("fields = %+v, want one sources field", r.Fields)
	}
	want := "“Who does it include?” and “The Paris summit” in *Coalition of the willing: Starmer meets world leaders in Paris*, 27 March 2025\n" +
		"“Troops” in *The \\*coalition\\* meets in London*, 10 May 2025"
	if r.Fields[0].Name != "Sources" || r.Fields[0].Value != want {
		t.Errorf("sources field = %q: %q, want Sources: %q", r.Fields[0].Name, r.Fields[0].Value, want)
	}
	if len(r.Links) != 1 || r.Links[0] != (Link{Label: report.Title, URL: report.URL}) {
		t.Errorf("links = %+v, want the report's", r.Links)
	}
	if r.Footer != "Article of 27 March 2025" || r.Lang != "en" {
		t.Errorf("footer, lang = %q, %q, want the article's date in English", r.Footer, r.Lang)
	}

	fr := AnswerResponse(base, msgs, "Qui représente l'Italie ?", answer.Answer{Text: "Meloni.", Lang: "fr", Sources: []answer.Source{{ID: "london-01"}}}, false)
	if fr.Fields[0].Name != "Sources" || fr.Fields[0].Value != "*The \\*coalition\\* meets in London*, 10 mai 2025" {
		t.Errorf("French sources = %q, want the document alone, dated in French", fr.Fields[0].Value)
	}
	if fr.Footer != "Article du 27 mars 2025" {
		t.Errorf("French footer = %q, want the article's date in French", fr.Footer)
	}
	if none := AnswerResponse(base, msgs, "Who?", answer.Answer{Text: "Not covered.", Route: answer.Refused}, false); len(none.Fields) != 0 || none.Links != nil {
		t.Errorf("an answer without sources = %+v, want no sources field and no links", none)
	}
}
