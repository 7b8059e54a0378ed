package bot

import (
	"net/http"
	"testing"
	"time"

	"github.com/coalitionbot/coalitionbot/internal/fakediscord"
)

// TestRateLimitedCallbackGivesUp has Discord answer every interaction
// callback with 429 and a short retry_after: the bot tries a few times and
// gives up, where discordgo alone retried forever (99 attempts in 5 s).
func TestRateLimitedCallbackGivesUp(t *testing.T) {
	invalid := &restErrors{}
	h := startBot(t, realTable(t), func(o *Options) { o.RESTErrors = invalid })
	h.fake.Inject(fakediscord.RouteCallback, fakediscord.Fault{RetryAfter: 50 * time.Millisecond})
	h.fake.Interact(slash(t, "about"))
	h.logs.wait(t, "respond to interaction", map[string]string{"command": "about"})
	if n := h.fake.Attempts(fakediscord.RouteCallback); n < 1 || n > maxAttempts {
		t.Errorf("%d callback attempts, want 1 to %d", n, maxAttempts)
	}
	if n := invalid.invalidCount(http.StatusTooManyRequests); n != h.fake.Attempts(fakediscord.RouteCallback) {
		t.Errorf("%d invalid requests counted, want one a 429 (%d)", n, h.fake.Attempts(fakediscord.RouteCallback))
	}
}

// TestRateLimitedCallbackRetried has one callback refused with 429: the bot
// waits retry_after and answers on the second attempt.
func TestRateLimitedCallbackRetried(t *testing.T) {
	h := startBot(t, realTable(t))
	h.fake.Inject(fakediscord.RouteCallback, fakediscord.Fault{RetryAfter: 50 * time.Millisecond, Times: 1})
	id := h.fake.Interact(slash(t, "about"))
	if got := h.fake.WaitReply(id, fakediscord.Callback); got.Status != http.StatusNoContent {
		t.Errorf("callback after a 429 answered %d, want 204", got.Status)
	}
	if n := h.fake.Attempts(fakediscord.RouteCallback); n != 2 {
		t.Errorf("%d callback attempts, want 2", n)
	}
}

// TestRateLimitBeyondDeadlineNotWaited has Discord ask for a wait longer
// than the 3 s an interaction's first response has: waiting could only
// produce a late answer Discord refuses, so the bot does not retry.
func TestRateLimitBeyondDeadlineNotWaited(t *testing.T) {
	h := startBot(t, realTable(t))
	h.fake.Inject(fakediscord.RouteCallback, fakediscord.Fault{RetryAfter: 5 * time.Second, Times: 1})
	h.fake.Interact(slash(t, "about"))
	h.logs.wait(t, "respond to interaction", map[string]string{"command": "about"})
	if n := h.fake.Attempts(fakediscord.RouteCallback); n != 1 {
		t.Errorf("%d callback attempts, want 1: a 5 s retry_after does not fit in 3 s", n)
	}
}
