package fakediscord

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"
)

// Route names a REST endpoint of the fake, for faults and attempt counts.
type Route string

// The routes a test can make misbehave or count.
const (
	RouteCallback    Route = "callback"     // POST /interactions/{id}/{token}/callback
	RouteEdit        Route = "edit"         // PATCH /webhooks/{app}/{token}/messages/{id}
	RouteFollowup    Route = "followup"     // POST /webhooks/{app}/{token}
	RouteCommands    Route = "commands"     // PUT /applications/{app}[/guilds/{guild}]/commands
	RouteMessage     Route = "message"      // POST /channels/{channel}/messages
	RouteMessageEdit Route = "message_edit" // PATCH /channels/{channel}/messages/{message}
	RouteTyping      Route = "typing"       // POST /channels/{channel}/typing
	RouteGateway     Route = "gateway"      // GET /gateway and /gateway/bot
)

// Fault is how the fake misbehaves on a route, as Discord does under load
// or when it throttles a bot.
type Fault struct {
	// RetryAfter, when set, answers 429 Too Many Requests asking the bot
	// to wait this long, in the body's retry_after (seconds, fractional)
	// and the Retry-After and X-RateLimit-* headers, as Discord does.
	RetryAfter time.Duration
	// Global marks such a 429 as the global rate limit rather than the
	// route's.
	Global bool
	// Status, when set and RetryAfter is not, answers with this status
	// (500, 503, 403...) and a Discord error body.
	Status int
	// Stall holds the request this long before the fault's answer, or
	// before the real answer when the fault sets nothing else; a client
	// that gives up first gets nothing.
	Stall time.Duration
	// Times is how many requests the fault applies to; 0 means all.
	Times int
}

// injected is a Fault and how many requests it has left.
type injected struct {
	Fault
	left int // < 0: unlimited
}

// Inject makes later requests to route misbehave as fault says; a fault
// injected on a route replaces the one before.
func (f *Server) Inject(route Route, fault Fault) {
	f.mu.Lock()
	defer f.mu.Unlock()
	left := fault.Times
	if left == 0 {
		left = -1
	}
	f.faults[route] = &injected{Fault: fault, left: left}
}

// Attempts returns how many requests route has received, faulty answers
// included.
func (f *Server) Attempts(route Route) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.attempts[route]
}

// WaitAttempts waits until route has received n requests in all.
func (f *Server) WaitAttempts(route Route, n int) {
	f.t.Helper()
	f.wait(fmt.Sprintf("%d requests to %s", n, route), func() bool { return f.attempts[route] >= n })
}

// faulty counts the requests to route and applies its fault, if any, before
// h would answer.
func (f *Server) faulty(route Route, h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		f.attempts[route]++
		var ft Fault
		if st := f.faults[route]; st != nil && st.left != 0 {
			ft = st.Fault
			if st.left > 0 {
				st.left--
			}
		}
		f.touch()
		f.mu.Unlock()
		if ft.Stall > 0 {
			// net/http notices a client giving up only once the body
			// is read; a stalled request would otherwise hold the
			// server's Close for the whole stall.
			body, _ := io.ReadAll(r.Body)
			r.Body = io.NopCloser(bytes.NewReader(body))
			timer := time.NewTimer(ft.Stall)
			select {
			case <-timer.C:
			case <-r.Context().Done():
				timer.Stop()
				return
			}
		}
		switch {
		case ft.RetryAfter > 0:
			writeRateLimited(w, ft.RetryAfter, ft.Global)
		case ft.Status != 0:
			writeError(w, ft.Status, 0, http.StatusText(ft.Status))
		default:
			h(w, r)
		}
	}
}

// writeRateLimited answers 429 as Discord does: the wait in the body in
// seconds (fractional), in Retry-After (whole seconds, rounded up), and
// for a route's limit in the bucket headers.
func writeRateLimited(w http.ResponseWriter, after time.Duration, global bool) {
	h := w.Header()
	h.Set("Retry-After", strconv.Itoa(int((after+time.Second-1)/time.Second)))
	if global {
		h.Set("X-RateLimit-Global", "true")
		h.Set("X-RateLimit-Scope", "global")
	} else {
		h.Set("X-RateLimit-Limit", "5")
		h.Set("X-RateLimit-Remaining", "0")
		h.Set("X-RateLimit-Reset-After", strconv.FormatFloat(after.Seconds(), 'f', 3, 64))
		h.Set("X-RateLimit-Bucket", "fakediscord-bucket")
		h.Set("X-RateLimit-Scope", "user")
	}
	writeJSON(w, http.StatusTooManyRequests, map[string]any{
		"message":     "You are being rate limited.",
		"retry_after": after.Seconds(),
		"global":      global,
	})
}
