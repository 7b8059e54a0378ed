package commands

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/coalitionbot/coalitionbot/answer"
	"github.com/coalitionbot/coalitionbot/knowledge"
)

// shippedLocales are a Discord locale of each language the bot ships.
var shippedLocales = map[string]string{
	"en": "en-US", "fr": "fr", "de": "de", "es": "es-ES", "it": "it",
	"nl": "nl", "pl": "pl", "pt": "pt-BR", "uk": "uk",
}

// /help names every command as the user's client shows it, the article's
// title and date in the user's language, every document loaded, and three
// example questions in that language.
func TestHelp(t *testing.T) {
	extra := []knowledge.Passage{
		{ID: "london-01", Section: "Troops", Text: "Leaders met again in London.", Doc: "london", Title: "The coalition meets in London", Date: "2025-05-10"},
		{ID: "london-02", Section: "Troops", Text: "They agreed on a plan.", Doc: "london", Title: "The coalition meets in London", Date: "2025-05-10"},
		{ID: "notes-01", Section: "Notes", Text: "Undated notes.", Doc: "notes", Title: "Working notes"},
	}
	base, err := knowledge.Load(extra)
	if err != nil {
		t.Fatalf("knowledge.Load() error = %v", err)
	}
	msgs := testMessages(t)
	table, err := All(base, &fakeAnswerer{msgs: msgs})
	if err != nil {
		t.Fatalf("All() error = %v", err)
	}
	cmd, ok := table.Lookup("help")
	if !ok {
		t.Fatal(`Lookup("help") = not found`)
	}
	article := base.Documents()[0]
	date, err := time.Parse(time.DateOnly, article.Date)
	if err != nil {
		t.Fatalf("article date %q: %v", article.Date, err)
	}
	for lang, locale := range shippedLocales {
		t.Run(lang, func(t *testing.T) {
			r, err := cmd.Handle(context.Background(), Request{Command: "help", Lang: locale})
			if err != nil {
				t.Fatalf("help error = %v", err)
			}
			if !r.Private || len(r.Fields) != 3 {
				t.Fatalf("help = %+v, want a private response with three fields", r)
			}
			commands, known, examples := r.Fields[0].Value, r.Fields[1].Value, r.Fields[2].Value
			for _, c := range table {
				name := c.Name
				if l, ok := c.Localized[locale]; ok {
					name = l.Name
				}
				if c.Kind == Slash {
					name = "/" + name
				}
				if !strings.Contains(commands, name) {
					t.Errorf("help commands = %q, want %q", commands, name)
				}
			}
			for _, want := range []string{article.Title, msgs.Date(lang, date), "The coalition meets in London", "Working notes"} {
				if !strings.Contains(known, want) {
					t.Errorf("help knows = %q, want %q", known, want)
				}
			}
			if got := strings.Count(examples, "\n") + 1; got != 3 {
				t.Errorf("help examples = %q, want three", examples)
			}
			if lang != "en" && r.Title == msgs.Text("en", answer.MsgHelpTitle, nil) {
				t.Errorf("help title in %s = %q, the English one", lang, r.Title)
			}
		})
	}
}

// The questions /help suggests are data: each must be answered from the
// curated data, in the language it is suggested in, by the real pipeline.
func TestHelpExamplesAreAnswered(t *testing.T) {
	base, msgs := testBase(t), testMessages(t)
	p := answer.New(base, answer.Options{})
	for lang, locale := range shippedLocales {
		qs := exampleQuestions(msgs, lang)
		if len(qs) != 3 {
			t.Errorf("exampleQuestions(%s) = %q, want three", lang, qs)
		}
		for _, q := range qs {
			a, err := p.Answer(context.Background(), answer.Question{Text: q, Lang: locale})
			if err != nil || a.Route != answer.Curated || a.Lang != lang {
				t.Errorf("Answer(%q, %s) = route %q in %q, %v; want a curated answer in %s", q, locale, a.Route, a.Lang, err, lang)
			}
		}
	}
}

// The message menu command asks the target message's text, privately in
// whatever context; a message without text gets a clear user error in the
// user's language, and the pipeline is not asked.
func TestAskAboutMessage(t *testing.T) {
	fake := &fakeAnswerer{msgs: testMessages(t), ans: answer.Answer{Text: "Meloni.", Route: answer.Curated}}
	cmd, ok := testTable(t, fake).Lookup(AskMessage)
	if !ok || cmd.Kind != MessageMenu || !cmd.AnswersPrivately(Request{}) {
		t.Fatalf("Lookup(%q) = %+v, %v; want a private message menu command", AskMessage, cmd, ok)
	}
	r, err := cmd.Handle(context.Background(), Request{Command: AskMessage, Target: "Who represents Italy?", UserID: "u1", Lang: "fr"})
	if err != nil || !r.Private || r.Text != "Meloni." {
		t.Errorf("ask about a message = %+v, %v; want the answer, private", r, err)
	}
	if fake.got.Text != "Who represents Italy?" || fake.got.UserID != "u1" || fake.got.Lang != "fr" {
		t.Errorf("pipeline asked %+v, want the message's text, the user and the locale", fake.got)
	}
	fake.got = answer.Question{}
	_, err = cmd.Handle(context.Background(), Request{Command: AskMessage, Target: " \n", Lang: "fr"})
	if ue, ok := IsUserError(err); !ok || ue.Msg != fake.msgs.Text("fr", answer.MsgTargetEmpty, nil) {
		t.Errorf("ask about a message without text = %v, want the French target_empty message", err)
	}
	if fake.got.Text != "" {
		t.Errorf("pipeline asked %q for a message without text, want nothing asked", fake.got.Text)
	}
}
