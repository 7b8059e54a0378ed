package commands

import (
	"context"
	"strings"
	"time"

	"github.com/coalitionbot/coalitionbot/answer"
	"github.com/coalitionbot/coalitionbot/knowledge"
)

// helpCommand tells a user what they can do and what the bot knows, in
// their language. listed returns the table as registered, /help included,
// so the help names every command as the user's client shows it.
func helpCommand(base *knowledge.Base, msgs *answer.Messages, listed func() Table) Command {
	return Command{
		Name:        "help",
		Description: "The commands, what I know, and questions to try",
		Private:     true, // of use to the asker alone; it would only clutter a channel
		Handle: func(ctx context.Context, req Request) (Response, error) {
			return help(base, msgs, listed(), req.Lang), nil
		},
	}
}

// help lists the table's commands with their names and descriptions for
// locale (the user's Discord locale), the documents the bot answers from,
// and the catalog's example questions, all in the locale's language.
func help(base *knowledge.Base, msgs *answer.Messages, table Table, locale string) Response {
	lang := msgs.Lang(locale)
	var cmds []string
	for _, c := range table {
		l, ok := c.Localized[locale]
		if !ok {
			l = Localization{Name: c.Name, Description: c.Description}
		}
		id := answer.MsgHelpCommand
		if c.Kind == MessageMenu {
			id = answer.MsgHelpMessageCommand
		}
		cmds = append(cmds, msgs.Text(lang, id, map[string]any{"Name": l.Name, "Description": l.Description}))
	}
	var docs []string
	for _, d := range base.Documents() {
		if date, err := time.Parse(time.DateOnly, d.Date); err == nil {
			docs = append(docs, msgs.Plural(lang, answer.MsgHelpDocument, d.Passages, map[string]any{"Title": d.Title, "Date": msgs.Date(lang, date)}))
		} else {
			docs = append(docs, msgs.Plural(lang, answer.MsgHelpDocumentUndated, d.Passages, map[string]any{"Title": d.Title}))
		}
	}
	var examples []string
	for _, q := range exampleQuestions(msgs, lang) {
		examples = append(examples, "• "+q)
	}
	return Response{
		Title: msgs.Text(lang, answer.MsgHelpTitle, nil),
		Text:  msgs.Text(lang, answer.MsgHelpIntro, nil),
		Fields: []Field{
			{Name: msgs.Text(lang, answer.MsgHelpCommands, nil), Value: strings.Join(cmds, "\n")},
			{Name: msgs.Text(lang, answer.MsgHelpKnows, nil), Value: strings.Join(docs, "\n")},
			{Name: msgs.Text(lang, answer.MsgHelpExamples, nil), Value: strings.Join(examples, "\n")},
		},
		Private: true,
	}
}

// exampleQuestions are the questions /help suggests in lang, from the
// message catalog (one a line), where each language words its own.
func exampleQuestions(msgs *answer.Messages, lang string) []string {
	var qs []string
	for _, line := range strings.Split(msgs.Text(lang, answer.MsgHelpExampleQuestions, nil), "\n") {
		if q := strings.TrimSpace(line); q != "" {
			qs = append(qs, q)
		}
	}
	return qs
}
