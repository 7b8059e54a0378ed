package llm

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"time"

	openai "github.com/sashabaranov/go-openai"
)

// The errors a caller tells apart with errors.Is, to pick the fallback and
// the note shown to the user.
var (
	// ErrTimeout means the model did not answer within the deadline: the
	// client's timeout or one on the caller's context.
	ErrTimeout = errors.New("model did not answer in time")
	// ErrCutShort means an answer began but did not end normally; the
	// partial Result comes with it.
	ErrCutShort = errors.New("answer cut short")
)

// StatusError is an error answer from the server (after any retries), so
// callers can tell a refusal (4xx) from an outage (429, 5xx).
type StatusError struct {
	StatusCode int
	// Message is the server's own explanation, shortened.
	Message string
	// RetryAfter is how long the server asked the client to wait, 0 when
	// it did not say.
	RetryAfter time.Duration
}

func (e *StatusError) Error() string {
	return fmt.Sprintf("server answered %d %s: %s", e.StatusCode, http.StatusText(e.StatusCode), e.Message)
}

// Retryable reports whether asking again later may succeed: rate limits
// (429) and server errors (5xx).
func (e *StatusError) Retryable() bool {
	return e.StatusCode == http.StatusTooManyRequests || e.StatusCode >= 500
}

// maxMessage keeps an HTML error page from a proxy out of the logs.
const maxMessage = 200

// classify turns go-openai's and net/http's errors into this package's:
// the deadline or cancellation of the call's ctx first (whatever the
// symptom, that is the cause), then the server's status.
func (c *Client) classify(ctx context.Context, err error, ex *exchange) error {
	if err == nil {
		return nil
	}
	if ctx.Err() != nil {
		return ctxError(ctx)
	}
	if ex.tooLong {
		return ErrTooLong
	}
	var apiErr *openai.APIError
	var reqErr *openai.RequestError
	switch {
	case errors.As(err, &apiErr) && apiErr.HTTPStatusCode > 0:
		return c.statusError(apiErr.HTTPStatusCode, apiErr.Message, ex)
	case errors.As(err, &reqErr):
		return c.statusError(reqErr.HTTPStatusCode, string(reqErr.Body), ex)
	}
	var netErr net.Error
	if errors.As(err, &netErr) && netErr.Timeout() {
		return fmt.Errorf("%w: %w", ErrTimeout, err)
	}
	return err
}

func (c *Client) statusError(code int, msg string, ex *exchange) *StatusError {
	if c.apiKey != "" {
		msg = strings.ReplaceAll(msg, c.apiKey, "[api key]")
	}
	msg = strings.TrimSpace(msg)
	if len(msg) > maxMessage {
		msg = strings.ToValidUTF8(msg[:maxMessage], "") + "..."
	}
	return &StatusError{StatusCode: code, Message: msg, RetryAfter: parseRetryAfter(ex.retryAfter, time.Now())}
}

// ctxError reports why ctx is done, as ErrTimeout for a deadline.
func ctxError(ctx context.Context) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return fmt.Errorf("%w: %w", ErrTimeout, ctx.Err())
	}
	return ctx.Err()
}
