package commands

import (
	"context"
	"strings"

	"github.com/coalitionbot/coalitionbot/answer"
	"github.com/coalitionbot/coalitionbot/knowledge"
)

func aboutCommand(base *knowledge.Base, msgs *answer.Messages) Command {
	return Command{
		Name:        "about",
		Description: "What this bot is and what it knows",
		Handle: func(ctx context.Context, req Request) (Response, error) {
			return about(base, msgs, msgs.Lang(req.Lang)), nil
		},
	}
}

// about says what the bot is and what it knows, in lang; the article's
// date is written as in the source, which every language reads.
func about(base *knowledge.Base, msgs *answer.Messages, lang string) Response {
	article := base.Passages[0]
	footer := []string{
		msgs.Plural(lang, answer.MsgAboutPassages, len(base.Passages), nil),
		msgs.Plural(lang, answer.MsgAboutFacts, len(base.Facts), nil),
	}
	if docs := base.Documents(); len(docs) > 1 {
		footer = append(footer, msgs.Plural(lang, answer.MsgAboutDocuments, len(docs), nil))
	}
	return Response{
		Title: msgs.Text(lang, answer.MsgAboutTitle, nil),
		Text: msgs.Text(lang, answer.MsgAboutIntro, map[string]any{"Title": article.Title, "Date": article.Date}) + "\n\n" +
			msgs.Plural(lang, answer.MsgAboutMembers, len(base.Members), nil) + "\n" +
			msgs.Plural(lang, answer.MsgAboutQuote, len(base.Quotes), nil) + "\n" +
			msgs.Text(lang, answer.MsgAboutAsk, nil),
		Footer: strings.Join(footer, " · "),
	}
}
