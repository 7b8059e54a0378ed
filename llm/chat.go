package llm

import (
	"context"
	"errors"
	"io"
	"strings"
	"unicode/utf8"

	openai "github.com/sashabaranov/go-openai"
)

// completeJSON makes one plain request.
func (c *Client) completeJSON(ctx context.Context, req openai.ChatCompletionRequest) (Result, error) {
	resp, err := c.api.CreateChatCompletion(ctx, req)
	if err != nil {
		return Result{}, err
	}
	if len(resp.Choices) == 0 {
		return Result{}, errors.New("answer has no choices")
	}
	ch := resp.Choices[0]
	return Result{
		Text:             ch.Message.Content,
		FinishReason:     string(ch.FinishReason),
		CutShort:         incomplete(string(ch.FinishReason)),
		PromptTokens:     resp.Usage.PromptTokens,
		CompletionTokens: resp.Usage.CompletionTokens,
	}, nil
}

// completeStream makes one streamed request, passing each piece of text to
// onDelta. Once the stream is open, any error cuts the answer short: the
// Result then holds the text delivered so far.
func (c *Client) completeStream(ctx context.Context, req openai.ChatCompletionRequest, onDelta func(string)) (Result, error) {
	stream, err := c.api.CreateChatCompletionStream(ctx, req)
	if err != nil {
		return Result{}, err
	}
	defer stream.Close()
	var res Result
	var text strings.Builder
	for {
		chunk, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			res.Text, res.CutShort = text.String(), true
			return res, err
		}
		// The usage chunk, asked for with include_usage, comes last with
		// no choices.
		if u := chunk.Usage; u != nil {
			res.PromptTokens, res.CompletionTokens = u.PromptTokens, u.CompletionTokens
		}
		if len(chunk.Choices) == 0 {
			continue
		}
		ch := chunk.Choices[0]
		if d := ch.Delta.Content; d != "" {
			text.WriteString(d)
			onDelta(d)
		}
		if ch.FinishReason != "" {
			res.FinishReason = string(ch.FinishReason)
		}
	}
	// go-openai reports the end of the body as io.EOF with or without
	// [DONE]; the finish reason is what proves the model finished.
	res.Text, res.CutShort = text.String(), incomplete(res.FinishReason)
	return res, nil
}

// incomplete reports whether a finish reason means the text is not the
// whole answer: none at all, the token cap, or a content filter.
func incomplete(finish string) bool {
	switch openai.FinishReason(finish) {
	case "", openai.FinishReasonLength, openai.FinishReasonContentFilter:
		return true
	}
	return false
}

// estimateUsage fills in the token counts a server did not report, at about
// four characters a token.
func estimateUsage(res *Result, prompt int) {
	if res.PromptTokens == 0 {
		res.PromptTokens = prompt
	}
	if res.CompletionTokens == 0 {
		res.CompletionTokens = estimateTokens(res.Text)
	}
}

func estimateTokens(s string) int {
	return (utf8.RuneCountInString(s) + 3) / 4
}
