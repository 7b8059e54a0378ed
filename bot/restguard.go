package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// Discord bans a bot for a while (at Cloudflare, for every endpoint) once
// it makes 10,000 invalid requests, those answered 401, 403 or 429, in 10
// minutes. A bot can get there without a bug of its own: a permission
// removed in a busy server, a revoked token or a rate limit turns every
// question into a refused request, and discordgo retried each 429 forever.
const (
	invalidWindow = 10 * time.Minute
	invalidLimit  = 10_000
	// invalidSlowAt is where the guard warns and starts spacing requests
	// out: a tenth of the limit.
	invalidSlowAt = invalidLimit / 10
	// invalidBudget is the count the spacing keeps the window under, with
	// room to spare below the limit.
	invalidBudget = invalidLimit / 2
	// warnEvery spaces out the warning while the count stays high.
	warnEvery = time.Minute
	// maxAttempts bounds the attempts of one request Discord answers 429.
	maxAttempts = 3
	// maxRetryAfter caps the wait a 429 can ask for, against nonsense.
	maxRetryAfter = time.Hour
	// maxErrorBody bounds what is read of a 429's body for retry_after.
	maxErrorBody = 64 << 10
)

// InvalidRequests counts the responses Discord holds against the bot
// (401, 403, and 429 other than a shared resource's); *metrics.Metrics is
// one.
type InvalidRequests interface {
	DiscordInvalidRequest(status int)
}

// errThrottled is a request the guard did not send: its turn, with the bot
// slowed down, came after its deadline.
var errThrottled = errors.New("request not sent: Discord refused many recent requests and the bot is slowing down; its turn came after its deadline")

// RESTGuard is the http.RoundTripper in front of every Discord REST call
// of a process, in both modes, so that the bot neither hammers Discord nor
// waits on it past a deadline:
//
//   - a request answered 429 is retried after the retry_after Discord
//     asks for, at most maxAttempts times in all and only when the wait
//     ends before the request's deadline (3 s for an interaction's first
//     response, the token's 15 minutes or the REST timeout for the rest,
//     whichever is first): a late first response is refused anyway;
//   - the responses Discord holds against the bot are counted over the
//     last 10 minutes and reported; past a tenth of Discord's limit the
//     guard warns, at most once a minute, and spaces requests out so that
//     what is left of half the limit lasts the window even if every
//     request were refused.
//
// The discordgo sessions using it must not retry rate limits themselves
// (ShouldRetryOnRateLimit false): discordgo sleeps through any deadline.
type RESTGuard struct {
	next   http.RoundTripper
	log    *slog.Logger
	report InvalidRequests
	now    func() time.Time // the window's clock; tests set their own

	mu       sync.Mutex
	invalid  slidingCount
	lastSlot time.Time // when the latest spaced-out request was let go
	warned   time.Time
}

// NewRESTGuard returns a guard sending requests through next (see
// APITransport), logging to log and reporting invalid requests to report
// when not nil.
func NewRESTGuard(next http.RoundTripper, log *slog.Logger, report InvalidRequests) *RESTGuard {
	return &RESTGuard{next: next, log: log, report: report, now: time.Now}
}

// RoundTrip sends req, spaced out and retried as the guard's doc says.
func (g *RESTGuard) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	for attempt := 1; ; attempt++ {
		if err := g.pace(ctx); err != nil {
			return nil, err
		}
		resp, err := g.next.RoundTrip(req)
		if err != nil {
			return nil, err
		}
		g.observe(resp)
		if resp.StatusCode != http.StatusTooManyRequests || attempt == maxAttempts {
			return resp, nil
		}
		wait := retryAfter(resp)
		again, ok := replay(req)
		if !ok || !waitFits(ctx, wait) {
			return resp, nil
		}
		resp.Body.Close()
		if err := sleep(ctx, wait); err != nil {
			return nil, err
		}
		req = again
	}
}

// pace holds a request back while many recent requests were refused:
// requests are spaced by the window divided by what is left of the
// budget. A request whose turn comes after its deadline is not sent.
func (g *RESTGuard) pace(ctx context.Context) error {
	g.mu.Lock()
	now := g.now()
	count := g.invalid.total(now)
	if count < invalidSlowAt {
		g.mu.Unlock()
		return nil
	}
	gap := invalidWindow / time.Duration(max(invalidBudget-count, 1))
	slot := g.lastSlot.Add(gap)
	if slot.Before(now) {
		slot = now
	}
	wait := slot.Sub(now)
	if !waitFits(ctx, wait) {
		g.mu.Unlock()
		return errThrottled
	}
	g.lastSlot = slot
	g.mu.Unlock()
	return sleep(ctx, wait)
}

// observe counts resp if Discord holds it against the bot, and warns when
// the count is high.
func (g *RESTGuard) observe(resp *http.Response) {
	if !refused(resp) {
		return
	}
	if g.report != nil {
		g.report.DiscordInvalidRequest(resp.StatusCode)
	}
	g.mu.Lock()
	now := g.now()
	count := g.invalid.add(now)
	warn := count >= invalidSlowAt && now.Sub(g.warned) >= warnEvery
	if warn {
		g.warned = now
	}
	g.mu.Unlock()
	if warn {
		g.log.Warn("Discord refused many requests of the bot (401: token, 403: permissions, 429: rate limits); slowing down to stay clear of its ban",
			"invalid_requests_10m", count, "ban_at", invalidLimit, "status", resp.StatusCode)
	}
}

// refused reports whether Discord counts resp towards its ban: 401, 403
// and 429, except a 429 for a shared resource, which Discord does not
// count.
func refused(resp *http.Response) bool {
	switch resp.StatusCode {
	case http.StatusUnauthorized, http.StatusForbidden:
		return true
	case http.StatusTooManyRequests:
		return resp.Header.Get("X-RateLimit-Scope") != "shared"
	}
	return false
}

// retryAfter is how long a 429 asks the bot to wait: the body's
// retry_after (seconds, fractional), else the Retry-After header, else a
// second. It leaves the body readable for discordgo.
func retryAfter(resp *http.Response) time.Duration {
	body, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
	resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(body))
	var rl struct {
		RetryAfter *float64 `json:"retry_after"`
	}
	if json.Unmarshal(body, &rl) == nil && rl.RetryAfter != nil && *rl.RetryAfter >= 0 {
		return seconds(*rl.RetryAfter)
	}
	if s, err := strconv.ParseFloat(resp.Header.Get("Retry-After"), 64); err == nil && s >= 0 {
		return seconds(s)
	}
	return time.Second
}

func seconds(s float64) time.Duration {
	return time.Duration(min(s, maxRetryAfter.Seconds()) * float64(time.Second))
}

// replay returns a copy of req to send again, with a fresh body; false
// when the body cannot be read again.
func replay(req *http.Request) (*http.Request, bool) {
	again := req.Clone(req.Context())
	if req.Body == nil || req.Body == http.NoBody {
		return again, true
	}
	if req.GetBody == nil {
		return nil, false
	}
	body, err := req.GetBody()
	if err != nil {
		return nil, false
	}
	again.Body = body
	return again, true
}

// waitFits reports whether waiting d leaves time before ctx's deadline. A
// request without one may wait as long as a REST call may take.
func waitFits(ctx context.Context, d time.Duration) bool {
	deadline, ok := ctx.Deadline()
	if !ok {
		return d < restTimeout
	}
	return d < time.Until(deadline)
}

// sleep waits d, or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return nil
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// sliceWidth is the resolution of a slidingCount.
const sliceWidth = 10 * time.Second

// slidingCount counts events over the last invalidWindow, in slices of
// sliceWidth: memory and time per event are constant however many there
// are.
type slidingCount struct {
	slices [invalidWindow / sliceWidth]struct {
		at int64 // the slice's number since the Unix epoch
		n  int
	}
}

// add counts one event at now and returns the window's count.
func (c *slidingCount) add(now time.Time) int {
	k := now.UnixNano() / int64(sliceWidth)
	s := &c.slices[k%int64(len(c.slices))]
	if s.at != k {
		s.at, s.n = k, 0
	}
	s.n++
	return c.total(now)
}

// total is the count of the window ending at now.
func (c *slidingCount) total(now time.Time) int {
	k := now.UnixNano() / int64(sliceWidth)
	n := 0
	for _, s := range c.slices {
		if s.at > k-int64(len(c.slices)) && s.at <= k {
			n += s.n
		}
	}
	return n
}
