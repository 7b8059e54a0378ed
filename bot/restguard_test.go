package bot

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// scripted is a Discord that answers requests with the responses of
// script in turn, the last one over and over, recording the bodies sent.
type scripted struct {
	mu     sync.Mutex
	script []func() *http.Response
	bodies []string
}

func (d *scripted) RoundTrip(r *http.Request) (*http.Response, error) {
	var body []byte
	if r.Body != nil {
		body, _ = io.ReadAll(r.Body)
		r.Body.Close()
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	d.bodies = append(d.bodies, string(body))
	next := d.script[min(len(d.bodies), len(d.script))-1]
	resp := next()
	resp.Request = r
	return resp, nil
}

func (d *scripted) attempts() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return len(d.bodies)
}

// response is one with status, headers given as name/value pairs,
// and body.
func response(status int, body string, headers ...string) func() *http.Response {
	return func() *http.Response {
		h := http.Header{}
		for i := 0; i+1 < len(headers); i += 2 {
			h.Set(headers[i], headers[i+1])
		}
		return &http.Response{StatusCode: status, Header: h, Body: io.NopCloser(strings.NewReader(body))}
	}
}

// settable is a clock a test moves by hand.
type settable struct {
	mu  sync.Mutex
	now time.Time
}

func (c *settable) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *settable) advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// send posts body through rt with ctx and returns the response's status
// and body.
func send(t *testing.T, ctx context.Context, rt http.RoundTripper, body string) (int, string, error) {
	t.Helper()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, "https://discord.com/api/v9/channels/1/messages", bytes.NewBufferString(body))
	if err != nil {
		t.Fatalf("NewRequest() error = %v", err)
	}
	resp, err := rt.RoundTrip(req)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), nil
}

func TestRESTGuardRetriesRateLimits(t *testing.T) {
	const limited = `{"message":"You are being rate limited.","retry_after":0.01,"global":false}`
	tests := []struct {
		name         string
		script       []func() *http.Response
		timeout      time.Duration
		wantStatus   int
		wantAttempts int
	}{
		{"retried after retry_after", []func() *http.Response{response(429, limited), response(200, `{}`)}, 3 * time.Second, 200, 2},
		{"Retry-After header without a body", []func() *http.Response{response(429, "", "Retry-After", "0"), response(200, `{}`)}, 3 * time.Second, 200, 2},
		{"at most three attempts", []func() *http.Response{response(429, limited)}, 3 * time.Second, 429, maxAttempts},
		{"no wait past the deadline", []func() *http.Response{response(429, `{"retry_after":5}`), response(200, `{}`)}, 3 * time.Second, 429, 1},
		{"other errors passed on", []func() *http.Response{response(500, `{}`), response(200, `{}`)}, 3 * time.Second, 500, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			discord := &scripted{script: tt.script}
			g := NewRESTGuard(discord, slog.New(slog.DiscardHandler), nil)
			ctx, cancel := context.WithTimeout(context.Background(), tt.timeout)
			defer cancel()
			status, body, err := send(t, ctx, g, `{"content":"hello"}`)
			if err != nil {
				t.Fatalf("RoundTrip() error = %v", err)
			}
			if status != tt.wantStatus || discord.attempts() != tt.wantAttempts {
				t.Errorf("RoundTrip() = %d after %d attempts, want %d after %d", status, discord.attempts(), tt.wantStatus, tt.wantAttempts)
			}
			if status == 429 && !strings.Contains(body, "retry_after") {
				t.Errorf("429 body passed on = %q, want Discord's, for discordgo", body)
			}
			for i, b := range discord.bodies {
				if b != `{"content":"hello"}` {
					t.Errorf("attempt %d sent body %q, want the request's", i+1, b)
				}
			}
		})
	}
}

func TestRESTGuardWaitEndsWithContext(t *testing.T) {
	discord := &scripted{script: []func() *http.Response{response(429, `{"retry_after":2}`), response(200, `{}`)}}
	g := NewRESTGuard(discord, slog.New(slog.DiscardHandler), nil)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	time.AfterFunc(50*time.Millisecond, cancel)
	if _, _, err := send(t, ctx, g, "{}"); !errors.Is(err, context.Canceled) {
		t.Errorf("RoundTrip() cancelled while waiting = %v, want context.Canceled", err)
	}
	if n := discord.attempts(); n != 1 {
		t.Errorf("%d attempts, want 1", n)
	}
}

func TestRESTGuardSlowsDownBeforeTheBan(t *testing.T) {
	clock := &settable{now: time.Date(2026, 3, 27, 12, 0, 0, 0, time.UTC)}
	logs := newLogRecorder(t)
	counted := &restErrors{}
	discord := &scripted{script: []func() *http.Response{response(200, `{}`)}}
	g := NewRESTGuard(discord, slog.New(logs), counted)
	g.now = clock.Now
	forbidden := response(http.StatusForbidden, `{"message":"Missing Access","code":50001}`)
	refuse := func(n int) {
		for range n {
			g.observe(forbidden())
		}
	}
	warnings := func() int { return len(logs.find("Discord refused many requests")) }
	shared := response(http.StatusTooManyRequests, `{"retry_after":1}`, "X-RateLimit-Scope", "shared")
	g.observe(shared()) // not held against the bot by Discord

	refuse(invalidSlowAt - 1)
	if n := warnings(); n != 0 {
		t.Errorf("%d warnings after %d refused requests, want none yet", n, invalidSlowAt-1)
	}
	start := time.Now()
	for range 3 {
		if _, _, err := send(t, context.Background(), g, "{}"); err != nil {
			t.Fatalf("RoundTrip() below the threshold error = %v", err)
		}
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("3 requests below the threshold took %v, want no waiting", d)
	}

	refuse(1)
	if n := warnings(); n != 1 {
		t.Errorf("%d warnings at %d refused requests, want 1", n, invalidSlowAt)
	}
	start = time.Now()
	for range 2 {
		if _, _, err := send(t, context.Background(), g, "{}"); err != nil {
			t.Fatalf("RoundTrip() past the threshold error = %v", err)
		}
	}
	// The window (10 min) spread over the budget left (4,000): 150 ms.
	if d := time.Since(start); d < 100*time.Millisecond {
		t.Errorf("2 requests past the threshold took %v, want them spaced by about 150 ms", d)
	}

	refuse(invalidBudget - invalidSlowAt - 1)
	if n := warnings(); n != 1 {
		t.Errorf("%d warnings within a minute, want 1", n)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	before := discord.attempts()
	if _, _, err := send(t, ctx, g, "{}"); !errors.Is(err, errThrottled) || discord.attempts() != before {
		t.Errorf("RoundTrip() at the budget = %v after %d new attempts, want errThrottled and none sent", err, discord.attempts()-before)
	}

	clock.advance(warnEvery)
	refuse(1)
	if n := warnings(); n != 2 {
		t.Errorf("%d warnings a minute later, want 2", n)
	}
	if got, want := counted.invalidCount(http.StatusForbidden), invalidBudget; got != want {
		t.Errorf("%d refused requests reported, want %d", got, want)
	}
	if n := counted.invalidCount(http.StatusTooManyRequests); n != 0 {
		t.Errorf("%d shared-resource 429s reported, want 0: Discord does not count them", n)
	}

	clock.advance(invalidWindow)
	if _, _, err := send(t, ctx, g, "{}"); err != nil {
		t.Errorf("RoundTrip() once the window has passed = %v, want it sent", err)
	}
}

func TestSlidingCountForgets(t *testing.T) {
	var c slidingCount
	at := time.Date(2026, 3, 27, 12, 0, 0, 0, time.UTC)
	c.add(at)
	c.add(at.Add(5 * time.Minute))
	if n := c.total(at.Add(9 * time.Minute)); n != 2 {
		t.Errorf("total 9 min after the first = %d, want 2", n)
	}
	if n := c.total(at.Add(11 * time.Minute)); n != 1 {
		t.Errorf("total 11 min after the first = %d, want 1", n)
	}
	if n := c.add(at.Add(20 * time.Minute)); n != 1 {
		t.Errorf("total after a quiet 10 min = %d, want 1", n)
	}
}
