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

// All returns the command table: the single list that both registration
// with Discord and routing of requests read.
func All(base *knowledge.Base, ans Answerer) Table {
	msgs := ans.Messages()
	return Table{
		membersCommand(base, msgs),
		quoteCommand(base, msgs),
		askCommand(base, ans),
		aboutCommand(base, msgs),
	}
}
