package answer

import (
	"context"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/nicksnyder/go-i18n/v2/i18n"
)

// The notes beside a fallback answer, as English users have always read
// them: the catalog must keep them byte for byte.
const (
	noteUnavailable = "The full answer is unavailable right now; this is the most relevant passage of the article."
	noteBusy        = "Many questions are being answered right now; this is the most relevant passage of the article."
	noteCutShort    = "This answer was cut short."
)

func testMessages(t testing.TB) *Messages {
	t.Helper()
	m, err := LoadMessages()
	if err != nil {
		t.Fatalf("LoadMessages() error = %v", err)
	}
	return m
}

// messageData is the data the code passes to each message, with example
// values: every message of en.json must be here, so every one is rendered
// in every shipped language below.
func messageData() map[MessageID]map[string]any {
	names := map[string]any{"Names": "**Keir Starmer** and **Emmanuel Macron**"}
	region := map[string]any{"Region": "Nordic"}
	data := map[MessageID]map[string]any{
		msgRefusal:               nil,
		msgAboutBot:              nil,
		msgNotCoveredAbout:       names,
		msgListAnd:               {"Items": "a, b", "Last": "c"},
		msgYes:                   nil,
		msgNo:                    nil,
		msgFactContext:           {"Answer": "Finland joined NATO in 2023."},
		msgOfficesAsOf:           {"Date": "27 March 2025"},
		msgDate:                  {"Day": 27, "Month": "March", "Year": 2025},
		msgSpeltInArticle:        {"Spelling": "Giorgia Melono"},
		msgStyledInArticle:       {"Title": "Lithuanian chairman"},
		msgRepresentsGovernment:  {"Demonym": "Danish", "Country": "Danemark"},
		msgRepresentsInstitution: {"Institution": "the European Commission"},
		msgMemberOfCoalition:     nil,
		msgInstitutionThe:        {"Name": "European Commission"},
		msgLedBy:                 names,
		msgLeadsWith:             {"Others": "Emmanuel Macron"},
		msgSaysNothingMore:       nil,
		msgCountryNotListed:      {"Country": "Norway 🇳🇴"},
		msgAlsoMember:            {"Member": "**Luís Montenegro** 🇵🇹, Prime Minister of Portugal"},
		msgRepresentedBy:         {"Name": "Italy 🇮🇹", "Members": "**Giorgia Meloni**, Prime Minister of Italy"},
		msgPersonNotListed:       {"Name": "Donald Trump", "Title": "President of the United States"},
		msgCountMembers:          {"Leaders": "27 national leaders", "Heads": "the heads of 3 institutions"},
		msgCountLeaders:          nil,
		msgCountHeads:            nil,
		msgRoleNone:              {"Role": "chancellor"},
		msgRoleHeading:           {"Role": "president", "Roles": "presidents"},
		msgOfInstitutions:        nil,
		msgInstitutionMembers:    nil,
		msgRoleRegionNone:        {"Role": "president", "Region": "Baltic"},
		msgRoleRegionHeading:     {"Region": "Nordic", "Roles": "prime ministers"},
		msgRegionInstitutions:    {"Region": "EU"},
		msgRegionInstitutionsYes: {"Region": "EU"},
		msgRegionNone:            region,
		msgRegionMembers:         region,
		msgRegionNotListed:       {"Names": "Iceland and Ireland"},
		msgMembersListed:         nil,
		msgQuoteNoneOutsider:     {"Name": "Donald Trump", "Title": "President of the United States"},
		msgQuoteNoneMember:       {"Name": "Petr Fiala", "Title": "Prime Minister of the Czech Republic"},
		msgQuoteWith:             {"Names": "Keir Starmer"},
		msgQuoteSpeaker:          {"Name": "Keir Starmer", "Title": "Prime Minister of the United Kingdom"},
		msgQuoteSaid:             {"Speakers": "**Keir Starmer** (Prime Minister of the United Kingdom)", "Context": "last week"},
		msgQuotedInEnglish:       nil,
		msgFromArticle:           {"Text": "The coalition met in Paris."},
		msgFromDocument:          {"Title": "The coalition meets in London", "Date": "10 May 2025", "Text": "They agreed."},
		msgFromDocumentUndated:   {"Title": "The coalition meets in London", "Text": "They agreed."},
		msgInArticle:             {"Date": "27 March 2025", "Text": "Starmer and Macron convened it."},
		msgNoteUnavailable:       nil,
		msgNoteBusy:              nil,
		msgNoteLimited:           {"When": "<t:1743069600:R>"},
		msgNoteCutShort:          nil,
		msgQuestionEmpty:         nil,
		msgQuestionTooLong:       {"Limit": 2000},
		MsgSources:               nil,
		MsgSourceLine:            {"Sections": "“Who does it include?”"},
		MsgAboutTitle:            nil,
		MsgAboutIntro:            {"Title": "Coalition of the willing", "Date": "2025-03-27"},
		MsgAboutMembers:          nil,
		MsgAboutQuote:            nil,
		MsgAboutAsk:              nil,
		MsgAboutPassages:         nil,
		MsgAboutFacts:            nil,
		MsgAboutDocuments:        nil,
		MsgMembersTitle:          nil,
		MsgMembersTitleFiltered:  {"Filter": "nordic"},
		MsgMembersCountries:      nil,
		MsgMembersInstitutions:   nil,
		MsgMembersShown:          {"Shown": 3},
		MsgMembersStar:           nil,
		MsgMembersOfficesAsOf:    {"Date": "27 March 2025"},
		MsgMembersNoMatch:        {"Filter": "Narnia"},
		MsgQuoteNoneAtAll:        nil,
		MsgQuoteNoMatch:          {"Speaker": "Napoleon"},
		MsgQuoteNoneFrom:         {"Name": "Petr Fiala", "Quoted": "Keir Starmer, Emmanuel Macron"},
		MsgTargetEmpty:           nil,
		MsgHelpTitle:             nil,
		MsgHelpIntro:             nil,
		MsgHelpCommands:          nil,
		MsgHelpCommand:           {"Name": "ask", "Description": "Ask a question about the coalition of the willing"},
		MsgHelpMessageCommand:    {"Name": "Ask about this message", "Description": "Answers the question in a message, only to you"},
		MsgHelpKnows:             nil,
		MsgHelpDocument:          {"Title": "Coalition of the willing", "Date": "27 March 2025"},
		MsgHelpDocumentUndated:   {"Title": "Coalition of the willing"},
		MsgHelpExamples:          nil,
		MsgHelpExampleQuestions:  nil,
		MsgNotHereChannel:        nil,
		MsgNotHereRole:           nil,
		MsgNotHereDM:             nil,
		MsgApology:               nil,
		MsgOptionsUnreadable:     nil,
		MsgCommandUnknown:        nil,
		MsgNoForms:               nil,
		MsgMentionHint:           nil,
		MsgWriting:               nil,
		MsgFieldContinued:        {"Name": "Sources"},
		MsgFieldsNotShown:        nil,
		MsgAnswerFooter:          {"Date": "27 March 2025"},
		MsgSourceSections:        {"Sections": "“Who does it include?” and “The Paris summit”", "Document": "*Coalition of the willing*, 27 March 2025"},
		MsgSourceDocument:        {"Title": "Coalition of the willing", "Date": "27 March 2025"},
		MsgSourceDocumentUndated: {"Title": "Coalition of the willing"},
		MsgFeedbackUp:            nil,
		MsgFeedbackDown:          nil,
		MsgFeedbackThanks:        nil,
		MsgFeedbackAgain:         nil,
		MsgButtonUnreadable:      nil,
	}
	for m := 1; m <= 12; m++ {
		data[MessageID("month_"+strconv.Itoa(m))] = nil
	}
	return data
}

// Every message renders, in every shipped language, with the data the
// code passes, and names no data it does not (that would fail to render
// here and show in English to users).
func TestMessagesRenderWithTheCodesData(t *testing.T) {
	m := testMessages(t)
	data := messageData()
	for _, id := range messageIDs() {
		if _, ok := data[id]; !ok && !strings.HasPrefix(string(id), "month_") {
			t.Errorf("messageData() has no data for %q: add what the code passes", id)
		}
	}
	for code, lm := range m.langs {
		for id, msg := range lm.plain {
			if s, ok := msg.render(data[id]); !ok || s == "" {
				t.Errorf("%s: message %q does not render with %v", code, id, data[id])
			}
			if msg.tmpl == nil {
				continue
			}
			var want strings.Builder
			if err := msg.tmpl.Execute(&want, data[id]); err != nil {
				t.Errorf("%s: message %q: %v", code, id, err)
			}
			if got, ok := msg.concat(data[id]); msg.pieces != nil && (!ok || got != want.String()) {
				t.Errorf("%s: message %q from its pieces = %q, %v, want the template's %q", code, id, got, ok, want.String())
			}
		}
		for id := range lm.plural {
			for n := range 200 {
				d := maps.Clone(data[id])
				if d == nil {
					d = map[string]any{}
				}
				d["Count"] = n
				if _, err := lm.localizer.Localize(&i18n.LocalizeConfig{MessageID: string(id), PluralCount: n, TemplateData: d, TemplateParser: m.plurals}); err != nil {
					t.Errorf("%s: message %q, count %d: %v", code, id, n, err)
					break
				}
			}
		}
	}
}

// A language ships complete: every message English has, with every
// plural form its CLDR rules need (checked above by rendering each count).
func TestShippedLanguagesAreComplete(t *testing.T) {
	m := testMessages(t)
	en := m.langs[defaultLang]
	for code, lm := range m.langs {
		for id := range en.plain {
			if _, ok := lm.plain[id]; !ok {
				t.Errorf("messages/%s.json has no message %q", code, id)
			}
		}
		for id := range en.plural {
			if !lm.plural[id] {
				t.Errorf("messages/%s.json has no plural message %q", code, id)
			}
		}
	}
}

// Every MessageID constant is listed in messageIDs, so start-up checks
// that English has it.
func TestMessageIDsAreListed(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "message_ids.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	listed := messageIDs()
	for _, decl := range f.Decls {
		gen, ok := decl.(*ast.GenDecl)
		if !ok || gen.Tok != token.CONST {
			continue
		}
		for _, spec := range gen.Specs {
			vs := spec.(*ast.ValueSpec)
			lit := vs.Values[0].(*ast.BasicLit).Value
			if id := MessageID(strings.Trim(lit, `"`)); !slices.Contains(listed, id) {
				t.Errorf("MessageID %s = %s is not in messageIDs()", vs.Names[0].Name, lit)
			}
		}
	}
}

// Load rejects what would make a language show the wrong text or none.
func TestLoadMessagesRejects(t *testing.T) {
	en, err := fs.ReadFile(messageFiles, "messages/en.json")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		files fstest.MapFS
		want  string
	}{
		{"no English", fstest.MapFS{"messages/fr.json": {Data: []byte(`{"refusal": "Non."}`)}}, "no messages/en.json"},
		{"bad JSON", fstest.MapFS{"messages/en.json": {Data: en}, "messages/fr.json": {Data: []byte(`{"refusal": `)}}, "messages/fr.json"},
		{"bad template", fstest.MapFS{"messages/en.json": {Data: en}, "messages/fr.json": {Data: []byte(`{"led_by": "{{.Names"}`)}}, `"led_by"`},
		{"ID English lacks", fstest.MapFS{"messages/en.json": {Data: en}, "messages/fr.json": {Data: []byte(`{"refusall": "Non."}`)}}, `"refusall" is not in en.json`},
		{"plural where English has none", fstest.MapFS{"messages/en.json": {Data: en}, "messages/fr.json": {Data: []byte(`{"refusal": {"one": "Non.", "other": "Non."}}`)}}, `"refusal" has plural forms`},
		{"message the code uses missing", fstest.MapFS{"messages/en.json": {Data: []byte(`{"refusal": "No."}`)}}, "which the code uses"},
		{"file not named after its language", fstest.MapFS{"messages/en.json": {Data: en}, "messages/french.json": {Data: []byte(`{"refusal": "Non."}`)}}, "messages/french.json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := loadMessages(tt.files); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("loadMessages() error = %v, want one mentioning %q", err, tt.want)
			}
		})
	}
}

// frenchMessages is the shipped catalog plus a partial French file, to
// show the mechanism a translator's file plugs into.
func frenchMessages(t *testing.T) *Messages {
	t.Helper()
	en, err := fs.ReadFile(messageFiles, "messages/en.json")
	if err != nil {
		t.Fatal(err)
	}
	fr := `{
  "refusal": "L'article dont je tire mes réponses n'en parle pas.",
  "represented_by": "**{{.Name}}** est représentée par {{.Members}}.",
  "offices_as_of": "Fonctions à la date de l'article, {{.Date}}.",
  "date": "{{.Day}} {{.Month}} {{.Year}}",
  "month_3": "mars",
  "quoted_in_english": "Cité en anglais, tel que l'article le rapporte :",
  "question_too_long": {"one": "la question fait {{.Count}} caractère ; la limite est {{.Limit}}", "other": "la question fait {{.Count}} caractères ; la limite est {{.Limit}}"}
}`
	m, err := loadMessages(fstest.MapFS{"messages/en.json": {Data: en}, "messages/fr.json": {Data: []byte(fr)}})
	if err != nil {
		t.Fatalf("loadMessages(en, fr) error = %v", err)
	}
	return m
}

func TestLang(t *testing.T) {
	m := frenchMessages(t)
	for tag, want := range map[string]string{"": "en", "fr": "fr", "fr-CA": "fr", "FR": "fr", "pt-BR": "en", "es-419": "en", "zh_CN": "en", "en-GB": "en"} {
		if got := m.Lang(tag); got != want {
			t.Errorf("Lang(%q) = %q, want %q", tag, got, want)
		}
	}
}

func TestDate(t *testing.T) {
	m := frenchMessages(t)
	day := time.Date(2025, time.March, 27, 0, 0, 0, 0, time.UTC)
	for lang, want := range map[string]string{"en": "27 March 2025", "fr": "27 mars 2025"} {
		if got := m.Date(lang, day); got != want {
			t.Errorf("Date(%q, 2025-03-27) = %q, want %q", lang, got, want)
		}
	}
}

// A question asked in French is answered in French from the messages the
// French file has, in English from the others; names, titles and quotes
// are the knowledge's, and quotes say they are quoted in English.
func TestAnswerInTheUsersLanguage(t *testing.T) {
	_, base := testPipeline(t)
	p := New(base, Options{Messages: frenchMessages(t)})
	tests := []struct {
		q, lang  string
		wantLang string
		want     []string
	}{
		{"Who represents Italy?", "fr-FR", "fr", []string{"**Italie 🇮🇹** est représentée par **Giorgia Meloni**", "Présidente du Conseil des ministres d'Italie", "Fonctions à la date de l'article, 27 mars 2025."}},
		{"Qui t'a créé ?", "fr", "fr", []string{"L'article dont je tire mes réponses n'en parle pas. I can tell you"}},
		{"Qu'a dit Zelensky ?", "", "fr", []string{"Cité en anglais, tel que l'article le rapporte :\n**Volodymyr Zelensky**"}},
		{"What did Zelensky say?", "fr", "en", []string{"**Volodymyr Zelensky**, President of Ukraine:"}}, // clearly English
		{"Who represents Italy?", "pt-BR", "en", []string{"**Italy 🇮🇹** is represented by", "Offices as of the article, 27 March 2025."}},
	}
	for _, tt := range tests {
		a, err := p.Answer(context.Background(), Question{Text: tt.q, Lang: tt.lang})
		if err != nil {
			t.Fatalf("Answer(%q, %s) error = %v", tt.q, tt.lang, err)
		}
		if a.Lang != tt.wantLang {
			t.Errorf("Answer(%q, %s).Lang = %q, want %q", tt.q, tt.lang, a.Lang, tt.wantLang)
		}
		for _, w := range tt.want {
			if !strings.Contains(a.Text, w) {
				t.Errorf("Answer(%q, %s) = %q, want %q", tt.q, tt.lang, a.Text, w)
			}
		}
	}
	_, err := p.Answer(context.Background(), Question{Text: strings.Repeat("a", MaxQuestionLen+1), Lang: "fr"})
	if want := "la question fait 2001 caractères ; la limite est 2000"; err == nil || err.Error() != want {
		t.Errorf("Answer(2001 characters, fr) error = %v, want %q", err, want)
	}
}

// What one message costs an answer: a plain text, one with data fields,
// and one with plural forms (through go-i18n's Localizer); and loading
// every message file at start-up.
func BenchmarkMessages(b *testing.B) {
	m := testMessages(b)
	b.Run("plain", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			m.Text("en", msgYes, nil)
		}
	})
	b.Run("fields", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			m.Text("en", msgRepresentedBy, map[string]any{"Name": "Italy 🇮🇹", "Members": "**Giorgia Meloni**, Prime Minister of Italy"})
		}
	})
	b.Run("plural", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			m.Plural("en", msgRoleHeading, 5, map[string]any{"Role": "president", "Roles": "presidents"})
		}
	})
	b.Run("load", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := LoadMessages(); err != nil {
				b.Fatal(err)
			}
		}
	})
}
