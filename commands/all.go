package commands

import (
	"context"

	"github.com/coalitionbot/coalitionbot/answer"
	"github.com/coalitionbot/coalitionbot/knowledge"
)

// Answerer answers free-form questions; *answer.Pipeline is one.
type Answerer interface {
	Answer(ctx context.Context, q answer.Question) (answer.Answer, error)
	// Messages are the texts answers are written with: the commands write
	// their own words from them too, in the same languages.
	Messages() *answer.Messages
}

// All returns the command table, localized (see Localize): the single
// list that both registration with Discord and routing of requests read.
// An error names the locale file at fault.
func All(base *knowledge.Base, ans Answerer) (Table, error) {
	// /help lists the table All returns, itself included: its handler
	// reads the table once All has made it, never before.
	var table Table
	table, err := Localize(definitions(base, ans, func() Table { return table }))
	if err != nil {
		return nil, err
	}
	return table, nil
}

// definitions are the commands as written in code, before Localize;
// listed returns the table /help lists.
func definitions(base *knowledge.Base, ans Answerer, listed func() Table) Table {
	msgs := ans.Messages()
	return Table{
		membersCommand(base, msgs),
		quoteCommand(base, msgs),
		askCommand(base, ans),
		askMessageCommand(base, ans),
		aboutCommand(base, msgs),
		helpCommand(base, msgs, listed),
	}
}
