package bot

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/coalitionbot/coalitionbot/commands"
	"github.com/coalitionbot/coalitionbot/internal/fakediscord"
)

// TestShutdownWithinItsBudget stops the bot while an answer ignores its
// context and a registration is being retried: Run still returns nil within
// its one shutdown budget (9 s, under Docker's 10 s stop timeout; 1 s here),
// where it used to wait its 10 s grace twice (21 s), and nothing it leaves
// behind logs afterwards.
func TestShutdownWithinItsBudget(t *testing.T) {
	const budget = time.Second
	release := make(chan struct{})
	t.Cleanup(func() { close(release) }) // after the bot has stopped
	stuck := commands.Command{
		Name: "stuck", Description: "Never notices the shutdown", Slow: true,
		Handle: func(ctx context.Context, req commands.Request) (commands.Response, error) {
			<-release
			return commands.Response{}, errors.New("too late to matter")
		},
	}
	fake := fakediscord.New(t, fakediscord.Options{})
	h := launch(t, fake, withCommand(realTable(t), stuck), func(o *Options) { o.stopWithin = budget })
	fake.WaitCommands(testGuild)
	id := fake.Interact(slash(t, "stuck"))
	fake.WaitReply(id, fakediscord.Callback)
	fake.Inject(fakediscord.RouteCommands, fakediscord.Fault{Stall: time.Minute})
	fake.EndSessions() // a new session, whose registration stalls
	fake.WaitAttempts(fakediscord.RouteCommands, 2)

	start := time.Now()
	if err := h.stop(t); err != nil {
		t.Errorf("Run() after a shutdown = %v, want nil", err)
	}
	if took := time.Since(start); took > budget+4*time.Second {
		t.Errorf("Run returned %v after the shutdown began, want about %v", took, budget)
	}
	if stopWithin >= 10*time.Second {
		t.Errorf("stopWithin = %v, want under 10 s: Docker kills 10 s after SIGTERM", stopWithin)
	}
	h.logs.wait(t, "answers still under way were cut short by the shutdown", nil)
	logged := len(h.logs.find(""))
	release <- struct{}{} // the stuck answer ends now and would log its failure
	time.Sleep(100 * time.Millisecond)
	if n := len(h.logs.find("")); n != logged {
		t.Errorf("%d records logged after Run returned, want none", n-logged)
	}
}
