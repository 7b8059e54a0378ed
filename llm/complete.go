package llm

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	openai "github.com/sashabaranov/go-openai"
)

// maxAttempts is one call and at most two retries: more would spend the
// user's patience (and the deadline) on a server that is struggling.
const maxAttempts = 3

// Complete asks the model to answer msgs.
//
// With onDelta nil it makes a plain JSON request. Otherwise it streams the
// answer and calls onDelta with each new piece of text (the piece, not the
// text so far) as it arrives, so a reply can be edited while the model
// writes; onDelta runs on the caller's goroutine.
//
// The call, retries included, ends within the client's timeout. Answers 429
// and 5xx are retried at most twice, after the server's Retry-After or an
// exponential backoff with jitter, unless the wait would pass the deadline.
// A stream is retried only when the server refused it before sending any
// text, so a user never sees text twice. Cancellation, deadlines and other
// 4xx are not retried.
//
// The error tells callers what happened: errors.Is(err, ErrTimeout) when
// the deadline passed, errors.As(err, *StatusError) when the server
// refused, errors.Is(err, ErrTooLong) when the response passed the bound
// the token cap sets on its size (see maxBody; nothing of it is returned),
// and errors.Is(err, ErrCutShort) when an answer began but did not
// end normally. In that last case, and only then, the Result is returned
// too, with CutShort set and the partial text: everything already passed
// to onDelta, or the truncated JSON answer.
func (c *Client) Complete(ctx context.Context, msgs []Message, onDelta func(text string)) (Result, error) {
	if len(msgs) == 0 {
		return Result{}, errors.New("chat completion: no messages")
	}
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	req := c.request(msgs, onDelta != nil)
	prompt := 0
	for _, m := range msgs {
		prompt += estimateTokens(m.Content)
	}
	for attempt := 1; ; attempt++ {
		res, err := c.attempt(ctx, attempt, req, prompt, onDelta)
		switch {
		case err == nil:
			return res, nil
		case res.CutShort:
			return res, fmt.Errorf("chat completion: %w", err)
		}
		wait, retry := retryDelay(attempt, err)
		if !retry {
			return Result{}, fmt.Errorf("chat completion, attempt %d: %w", attempt, err)
		}
		if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < wait {
			return Result{}, fmt.Errorf("chat completion, attempt %d (no time left to retry in %v): %w", attempt, wait.Round(time.Millisecond), err)
		}
		if err := sleep(ctx, wait); err != nil {
			return Result{}, fmt.Errorf("chat completion, waiting to retry: %w", err)
		}
	}
}

// attempt makes one HTTP request and logs it. Its error is classified (see
// classify) and wraps ErrCutShort when the Result is cut short.
func (c *Client) attempt(ctx context.Context, n int, req openai.ChatCompletionRequest, prompt int, onDelta func(string)) (Result, error) {
	start := time.Now()
	actx, ex := withExchange(ctx, maxBody(c.maxTokens, onDelta != nil))
	var res Result
	var err error
	if onDelta == nil {
		res, err = c.completeJSON(actx, req)
	} else {
		res, err = c.completeStream(actx, req, onDelta)
	}
	if err == nil || res.CutShort {
		estimateUsage(&res, prompt)
	}
	err = c.classify(ctx, err, ex)
	if errors.Is(err, ErrTooLong) {
		res = Result{} // not an answer cut short: nothing of it is to be used
	}
	if res.CutShort {
		err = cutShort(res.FinishReason, err)
	}
	c.logAttempt(ctx, n, onDelta != nil, ex.status, time.Since(start), res, err)
	return res, err
}

// cutShort explains why an answer that began did not end normally.
func cutShort(finish string, cause error) error {
	switch {
	case cause != nil:
		return fmt.Errorf("%w: stream broke: %w", ErrCutShort, cause)
	case finish == "":
		return fmt.Errorf("%w: stream ended without a finish reason", ErrCutShort)
	default:
		return fmt.Errorf("%w: finish reason %q", ErrCutShort, finish)
	}
}

// logAttempt records one HTTP attempt with the keys operators search for.
// It never logs the messages or the key.
func (c *Client) logAttempt(ctx context.Context, attempt int, stream bool, status int, latency time.Duration, res Result, err error) {
	attrs := []slog.Attr{
		slog.String("model", c.model),
		slog.Int("attempt", attempt),
		slog.Bool("stream", stream),
		slog.Int("status", status),
		slog.Int64("latency_ms", latency.Milliseconds()),
		slog.Int("prompt_tokens", res.PromptTokens),
		slog.Int("completion_tokens", res.CompletionTokens),
	}
	// Successful attempts are debug: the pipeline logs each answer, with
	// its tokens, once.
	level := slog.LevelDebug
	if err != nil {
		level = slog.LevelWarn
		attrs = append(attrs, slog.String("err", err.Error()))
	}
	c.log.LogAttrs(ctx, level, "llm call", attrs...)
}
