package commands

import (
	"context"
	"fmt"

	"github.com/coalitionbot/coalitionbot/knowledge"
)

func aboutCommand(base *knowledge.Base) Command {
	return Command{
		Name:        "about",
		Description: "What this bot is and what it knows",
		Handle: func(ctx context.Context, req Request) (Response, error) {
			return about(base), nil
		},
	}
}

func about(base *knowledge.Base) Response {
	docs := map[string]bool{}
	for _, p := range base.Passages {
		docs[p.Doc] = true
	}
	article := base.Passages[0]
	footer := fmt.Sprintf("%d passages · %d curated facts", len(base.Passages), len(base.Facts))
	if len(docs) > 1 {
		footer += fmt.Sprintf(" · %d documents", len(docs))
	}
	return Response{
		Title: "About coalition bot",
		Text: fmt.Sprintf("I answer questions about the “coalition of the willing”, the group of leaders the UK and France "+
			"convened in March 2025 to back Ukraine against Russia. My answers come from the article “%s” (%s)"+
			" and say which part of it they rest on; I don't answer questions it doesn't cover.\n\n"+
			"**/members** lists the %d members (filter by country, name, role or institution)\n"+
			"**/quote** shows what they said (%d quotes)\n"+
			"**/ask** answers a question; you can also mention me or send me a direct message.",
			article.Title, article.Date, len(base.Members), len(base.Quotes)),
		Footer: footer,
	}
}
