package commands

import (
	"context"

	"github.com/coalitionbot/coalitionbot/answer"
	"github.com/coalitionbot/coalitionbot/knowledge"
)

// Answerer answers free-form questions; *answer.Pipeline is one.
type Answerer interface {
	Answer(ctx context.Context, q answer.Question) (answer.Answer, error)
	// UsesLLM reports whether some answers are written by an LLM and may
	// take seconds, so transports defer before asking.
	UsesLLM() bool
}

// All returns the command table: the single list that both registration
// with Discord and routing of requests read.
func All(base *knowledge.Base, ans Answerer) Table {
	return Table{
		membersCommand(base),
		quoteCommand(base),
		askCommand(ans),
		aboutCommand(base),
	}
}
