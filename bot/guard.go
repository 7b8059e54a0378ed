package bot

import (
	"context"
	"fmt"
	"log/slog"
	"runtime/debug"

	"github.com/coalitionbot/coalitionbot/answer"
	"github.com/coalitionbot/coalitionbot/commands"
)

// panicError is a handler's panic turned into an error, carrying the stack
// for the log.
type panicError struct {
	value any
	stack []byte
}

func (e *panicError) Error() string { return fmt.Sprintf("panic: %v", e.value) }

// call runs a command's handler and turns a panic into a panicError.
// discordgo runs every event handler in its own goroutine without recover,
// so one bad answer would otherwise take the whole bot down.
func call(ctx context.Context, cmd commands.Command, req commands.Request) (resp commands.Response, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = &panicError{value: p, stack: debug.Stack()}
		}
	}()
	return cmd.Handle(ctx, req)
}

// complete runs a command's autocompletion, which is user-supplied code too;
// a panic yields no suggestions.
func complete(log *slog.Logger, cmd commands.Command, option, prefix string) (choices []commands.Choice) {
	defer func() {
		if p := recover(); p != nil {
			log.Error("autocomplete panicked", "err", fmt.Sprint(p), "stack", string(debug.Stack()))
			choices = nil
		}
	}()
	if cmd.Complete == nil {
		return nil
	}
	return cmd.Complete(option, prefix)
}

// failure is what the user sees when a handler fails: a UserError's own
// message, or the apology, in w's language (all a user learns of an
// unexpected failure). Unexpected errors are logged here, once, with the
// stack when the handler panicked.
func failure(w words, log *slog.Logger, err error, attrs ...any) reply {
	if ue, ok := commands.IsUserError(err); ok {
		return renderText(ue.Msg, true)
	}
	attrs = append(attrs, "err", err.Error())
	if pe, ok := err.(*panicError); ok {
		attrs = append(attrs, "stack", string(pe.stack))
	}
	log.Error("answer failed", attrs...)
	return renderText(w.text(answer.MsgApology), true)
}

// protect recovers from a panic anywhere in an event handler, outside the
// command itself, and logs it: the session and every other answer carry on.
// Use it as `defer protect(log, "event")`.
func protect(log *slog.Logger, event string) {
	if p := recover(); p != nil {
		log.Error("event handler panicked", "event", event, "err", fmt.Sprint(p), "stack", string(debug.Stack()))
	}
}
