package commands

import (
	"context"
	"strings"

	"github.com/coalitionbot/coalitionbot/answer"
	"github.com/coalitionbot/coalitionbot/knowledge"
)

// AskMessage is the name of the message menu command that answers the
// question a message asks, as Discord shows it where locales/ gives no
// name in the user's language, and as it sends it back.
const AskMessage = "Ask about this message"

// askMessageCommand answers the question in a message someone else wrote,
// picked from the message's menu. Discord sends the message's text with
// the interaction, so the bot reads it without the privileged
// message-content intent, in any server or DM where the bot may be used.
// The answer is private: the user asked, not the message's author.
func askMessageCommand(base *knowledge.Base, ans Answerer) Command {
	return Command{
		Name:        AskMessage,
		Kind:        MessageMenu,
		Description: "Answers the question in a message, only to you",
		Private:     true,
		// Not Slow, like /ask: the pipeline says through req.Writing when
		// the model is asked, and only then is the answer deferred.
		Handle: func(ctx context.Context, req Request) (Response, error) {
			if strings.TrimSpace(req.Target) == "" {
				msgs := ans.Messages()
				return Response{}, &UserError{msgs.Text(msgs.Lang(req.Lang), answer.MsgTargetEmpty, nil)}
			}
			return ask(ctx, base, ans, req, req.Target, true)
		},
	}
}
