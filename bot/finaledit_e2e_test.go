package bot

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/coalitionbot/coalitionbot/answer"
	"github.com/coalitionbot/coalitionbot/commands"
	"github.com/coalitionbot/coalitionbot/internal/fakediscord"
)

// growing is a Slow command that shows a partial answer, waits for
// release, and answers in full.
func growing(release <-chan struct{}) commands.Command {
	return commands.Command{
		Name: "grow", Description: "Writes its answer slowly", Slow: true,
		Handle: func(ctx context.Context, req commands.Request) (commands.Response, error) {
			req.Progress("An unchecked first half")
			<-release
			return commands.Response{Text: "The checked answer, in full."}, nil
		},
	}
}

// TestFinalEditRetried has Discord fail the edit that replaces a partial
// answer with the final one: the bot tries again, so the unchecked partial
// does not stay as the answer.
func TestFinalEditRetried(t *testing.T) {
	tests := []struct {
		name     string
		fault    fakediscord.Fault
		want     string
		attempts int // edits after the partial one
	}{
		{"Discord failing twice", fakediscord.Fault{Status: http.StatusInternalServerError, Times: 2}, "The checked answer, in full.", 3},
		{"rate limited past the guard's attempts", fakediscord.Fault{RetryAfter: 10 * time.Millisecond, Times: maxAttempts}, "The checked answer, in full.", maxAttempts + 1},
		{"the answer refused", fakediscord.Fault{Status: http.StatusBadRequest, Times: 1}, english().text(answer.MsgApology), 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			release := make(chan struct{})
			h := startBot(t, withCommand(realTable(t), growing(release)))
			id := h.fake.Interact(slash(t, "grow"))
			h.fake.WaitSent("the partial answer", func(s fakediscord.Sent) bool {
				return s.InteractionID == id && s.Kind == fakediscord.Edit && strings.Contains(s.Text(), "unchecked first half")
			})
			before := h.fake.Attempts(fakediscord.RouteEdit)
			h.fake.Inject(fakediscord.RouteEdit, tt.fault)
			close(release)
			final := h.fake.WaitSent("the final edit", func(s fakediscord.Sent) bool {
				return s.InteractionID == id && s.Kind == fakediscord.Edit && strings.Contains(s.Text(), tt.want)
			})
			replies := h.fake.Replies(id)
			if last := replies[len(replies)-1]; last.Text() != final.Text() {
				t.Errorf("last edit = %q, want %q", last.Text(), final.Text())
			}
			if n := h.fake.Attempts(fakediscord.RouteEdit) - before; n != tt.attempts {
				t.Errorf("%d attempts at the final edit, want %d", n, tt.attempts)
			}
		})
	}
}

// TestFinalEditNotRetriedWhenHopeless has the final edit refused for a
// reason that retrying cannot change (the message is gone): one attempt.
func TestFinalEditNotRetriedWhenHopeless(t *testing.T) {
	release := make(chan struct{})
	h := startBot(t, withCommand(realTable(t), growing(release)))
	id := h.fake.Interact(slash(t, "grow"))
	h.fake.WaitReply(id, fakediscord.Edit)
	before := h.fake.Attempts(fakediscord.RouteEdit)
	h.fake.Inject(fakediscord.RouteEdit, fakediscord.Fault{Status: http.StatusNotFound})
	close(release)
	h.logs.wait(t, "edit deferred answer", map[string]string{"command": "grow"})
	if n := h.fake.Attempts(fakediscord.RouteEdit) - before; n != 1 {
		t.Errorf("%d attempts at the final edit, want 1", n)
	}
}
