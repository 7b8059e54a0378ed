package bot

import (
	"net/http"
	"strings"
	"testing"

	"github.com/coalitionbot/coalitionbot/internal/fakediscord"
)

// TestRegistrationRetried has Discord fail the first two registrations, as
// when a stalled request hit the REST timeout: the bot tries again, with
// backoff, until the commands are registered, where before it left them
// unregistered until its next fresh connection.
func TestRegistrationRetried(t *testing.T) {
	fake := fakediscord.New(t, fakediscord.Options{})
	fake.Inject(fakediscord.RouteCommands, fakediscord.Fault{Status: http.StatusInternalServerError, Times: 2})
	table := realTable(t)
	h := launch(t, fake, table)
	if got := len(fake.WaitCommands(testGuild)); got != len(table) {
		t.Errorf("%d commands registered, want %d", got, len(table))
	}
	if n := fake.Attempts(fakediscord.RouteCommands); n != 3 {
		t.Errorf("%d registration attempts, want 3", n)
	}
	h.logs.wait(t, "registered commands", nil)
}

// TestRegistersOnEveryNewSession registers the commands again when Discord
// starts a new session (READY), as after an invalidated session, and not
// when a session is resumed.
func TestRegistersOnEveryNewSession(t *testing.T) {
	h := startBot(t, realTable(t))
	h.fake.Drop()
	h.fake.WaitResumed(1)
	id := h.fake.Interact(slash(t, "about")) // the resumed session is serving
	if got := h.fake.WaitReply(id, fakediscord.Callback); !strings.Contains(got.Text(), "About coalition bot") {
		t.Fatalf("answer after resuming = %q, want /about", got.Text())
	}
	if n := h.fake.Attempts(fakediscord.RouteCommands); n != 1 {
		t.Errorf("%d registrations after a resume, want 1 (none for the resume)", n)
	}
	h.fake.EndSessions()
	h.fake.WaitReady(2)
	h.fake.WaitAttempts(fakediscord.RouteCommands, 2)
}
