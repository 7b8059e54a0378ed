package answer

import (
	"strings"
	"testing"

	"github.com/coalitionbot/coalitionbot/knowledge"
)

// laterReport is a document of a meeting after the article's, as an
// operator would put in KNOWLEDGE_DIR.
var laterReport = []knowledge.Passage{{
	ID: "london-report-01", Doc: "london-report", Section: "Troops",
	Title: "Coalition of the willing meets again in London", Date: "2025-05-10",
	Text: "Leaders meeting in London committed about 10,000 troops to a reassurance force that would be based away from the front line.",
}}

func documentPipeline(t *testing.T, extra []knowledge.Passage) *Pipeline {
	t.Helper()
	base, err := knowledge.Load(extra)
	if err != nil {
		t.Fatalf("knowledge.Load() error = %v", err)
	}
	return New(base, Options{})
}

// An answer from a later document says which document and which day; a
// curated fact about the article does not shadow it when the document
// answers the question better, and then each part says its date.
func TestLaterDocumentsAnswerForThemselves(t *testing.T) {
	question := "How many troops were committed?"
	before := ask(t, documentPipeline(t, nil), question)
	if before.Route != Curated || strings.Contains(before.Text, "10,000") {
		t.Fatalf("without the report = %+v, want the article's curated fact", before)
	}

	p := documentPipeline(t, laterReport)
	a := ask(t, p, question)
	want := "From “Coalition of the willing meets again in London”, 10 May 2025: Leaders meeting in London committed about 10,000 troops"
	if !strings.HasPrefix(a.Text, want) || !strings.Contains(a.Text, "\n\nIn the article of 27 March 2025: "+before.Text) {
		t.Errorf("with the report = %q, want the report's sentence first, as from it on its day, then the article's fact with the article's day", a.Text)
	}
	var ids []string
	for _, s := range a.Sources {
		ids = append(ids, s.ID)
	}
	if len(a.Sources) < 2 || a.Sources[0].ID != "london-report-01" || len(ids) != len(before.Sources)+1 {
		t.Errorf("sources = %v, want the report's passage and the fact's %v", ids, before.Sources)
	}

	// In French, the document's date is written in French.
	if got := p.fromPassage("fr", laterReport[0], "…"); got != "D'après « Coalition of the willing meets again in London », 10 mai 2025 (en anglais) : …" {
		t.Errorf("French introduction = %q, want the document's title and its date in French", got)
	}

	// A fact the report has nothing to add to stays as it is.
	for _, q := range []string{"Who convened the coalition?", "When was the Paris summit?"} {
		if got, want := ask(t, p, q), ask(t, documentPipeline(t, nil), q); got.Text != want.Text || got.Route != Curated {
			t.Errorf("%q with the report = %q (%s), want the curated %q", q, got.Text, got.Route, want.Text)
		}
	}
}

// An extractive answer from a document names it instead of the article.
func TestExtractFromADocumentNamesIt(t *testing.T) {
	p := documentPipeline(t, laterReport)
	a := ask(t, p, "Where would the reassurance force be based?")
	if a.Route != Retrieved || !strings.HasPrefix(a.Text, "From “Coalition of the willing meets again in London”, 10 May 2025: ") {
		t.Errorf("answer = %+v, want an extract introduced by the document's title and date", a)
	}
	undated := laterReport[0]
	undated.Date = ""
	a = ask(t, documentPipeline(t, []knowledge.Passage{undated}), "Where would the reassurance force be based?")
	if !strings.HasPrefix(a.Text, "From “Coalition of the willing meets again in London”: ") {
		t.Errorf("undated document's answer = %q, want its title alone", a.Text)
	}
}
