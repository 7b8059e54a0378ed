package commands

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/coalitionbot/coalitionbot/answer"
)

func askCommand(ans Answerer) Command {
	return Command{
		Name:        "ask",
		Description: "Ask a question about the coalition of the willing",
		Options: []Option{
			{Name: "question", Description: "Your question, e.g. Who represents Italy?", Type: String, Required: true, MaxLength: answer.MaxQuestionLen},
			{Name: "private", Description: "Show the answer only to you", Type: Bool},
		},
		// An LLM answer can take seconds; transports defer first. Without
		// an LLM every answer takes microseconds and is sent at once.
		Slow: ans.UsesLLM(),
		Handle: func(ctx context.Context, req Request) (Response, error) {
			return ask(ctx, ans, req, req.Options["question"], req.Bool("private"))
		},
	}
}

// ask answers question for req's user, in req's language and
// conversation, showing the answer only to them when private.
func ask(ctx context.Context, ans Answerer, req Request, question string, private bool) (Response, error) {
	a, err := ans.Answer(ctx, answer.Question{
		Text:    question,
		UserID:  req.UserID,
		Lang:    req.Lang,
		History: req.History,
		Partial: req.Progress,
	})
	if err != nil {
		if ie := (*answer.InputError)(nil); errors.As(err, &ie) {
			return Response{}, &UserError{ie.Msg}
		}
		return Response{}, fmt.Errorf("answer: %w", err)
	}
	return AnswerResponse(ans.Messages(), a, private), nil
}

// AnswerResponse renders a pipeline answer: its text, a note when there is
// one, and a sources field naming the article's sections, headed in the
// answer's language. Transports that answer plain questions (mentions,
// DMs) use it too.
func AnswerResponse(msgs *answer.Messages, a answer.Answer, private bool) Response {
	r := Response{Text: a.Text, Private: private, Route: string(a.Route)}
	if a.Note != "" {
		r.Text += "\n\n*" + a.Note + "*"
	}
	if len(a.Sources) > 0 {
		var lines []string
		seen := map[string]bool{}
		for _, s := range a.Sources {
			if !seen[s.Section] {
				seen[s.Section] = true
				lines = append(lines, fmt.Sprintf("“%s” (%s)", s.Section, s.ID))
			}
		}
		r.Fields = []Field{{Name: msgs.Text(msgs.Lang(a.Lang), answer.MsgSources, nil), Value: strings.Join(lines, "\n")}}
	}
	return r
}
