package llm

import (
	"context"
	"errors"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// firstBackoff is the wait before the first retry when the server names
// none; it doubles for the next.
const firstBackoff = 250 * time.Millisecond

// maxRetryAfter caps a server's Retry-After; the deadline is far shorter.
const maxRetryAfter = time.Hour

// retryDelay reports whether the failed attempt may be retried, and after
// how long: the server's Retry-After when it gave one, else an exponential
// backoff with jitter, so clients that failed together do not retry
// together.
func retryDelay(attempt int, err error) (time.Duration, bool) {
	var se *StatusError
	if attempt >= maxAttempts || !errors.As(err, &se) || !se.Retryable() {
		return 0, false
	}
	if se.RetryAfter > 0 {
		return se.RetryAfter, true
	}
	d := firstBackoff << (attempt - 1)
	return d/2 + rand.N(d), true
}

// parseRetryAfter reads a Retry-After header: seconds or an HTTP date. It
// returns 0 when the header is absent, malformed or in the past.
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if secs, err := strconv.Atoi(v); err == nil {
		secs = min(max(secs, 0), int(maxRetryAfter/time.Second))
		return time.Duration(secs) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		return min(max(t.Sub(now), 0), maxRetryAfter)
	}
	return 0
}

// sleep waits for d or until ctx is done.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctxError(ctx)
	}
}
