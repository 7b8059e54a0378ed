package bot

import (
	"context"
	"time"

	"github.com/bwmarrin/discordgo"
)

// A shutdown has one budget, from being told to stop to Run's return:
// Docker kills a container that has not stopped 10 s after SIGTERM, and
// the process must exit 0 before that, whatever is in flight.
const (
	// stopWithin is the whole budget.
	stopWithin = 9 * time.Second
	// closeWithin is kept at its end for closing the gateway connection:
	// discordgo waits a second for Discord to answer its close frame.
	closeWithin = 1500 * time.Millisecond
	// cancelWithin is kept before that for the answers cut short to see
	// their cancellation and return. Answers under way get the rest (7 s)
	// to finish.
	cancelWithin = 500 * time.Millisecond
)

// shutdown stops the bot within its budget: it takes no new work and
// stops registering the commands, lets the answers under way finish when
// graceful (the bot was told to stop, rather than refused by Discord),
// then cancels those left and closes the session. Whatever still runs when
// the budget is spent (a handler that ignores its context, a REST call
// discordgo sleeps in, an Open that has not returned) is left behind: Run
// returns all the same, and its log is shut.
func (g *gateway) shutdown(s *discordgo.Session, cancelWork context.CancelFunc, graceful bool) {
	end := time.Now().Add(g.stopWithin)
	// A shortened budget (tests) keeps the same order of steps.
	closeAt := end.Add(-min(closeWithin, g.stopWithin/4))
	finishBy := closeAt.Add(-min(cancelWithin, g.stopWithin/8))
	g.inflight.stop()
	g.registrar.stop()
	if graceful {
		g.log.Info("shutting down: taking no new questions, finishing answers under way", "grace_s", time.Until(finishBy).Round(time.Millisecond).Seconds())
		if !g.inflight.wait(time.Until(finishBy)) {
			g.log.Warn("answers still under way were cut short by the shutdown")
		}
	}
	cancelWork()
	if !g.inflight.wait(time.Until(closeAt)) {
		g.log.Warn("answers that ignore their cancellation are left behind")
	}
	g.registrar.wait(time.Until(closeAt))
	closed := make(chan error, 1)
	go func() { closed <- s.Close() }()
	timer := time.NewTimer(time.Until(end))
	defer timer.Stop()
	select {
	case err := <-closed:
		if err != nil {
			g.log.Warn("close gateway session", "err", err.Error())
		}
	case <-timer.C:
		g.log.Warn("gateway connection not closed within the shutdown's budget; leaving it")
	}
}

// open opens the session, giving up waiting when ctx ends: discordgo's
// Open takes no context, and can take its handshake timeout or a REST
// timeout looking up the gateway. An Open given up on is left to the
// shutdown's Close, which waits for it.
func open(ctx context.Context, s *discordgo.Session) error {
	opened := make(chan error, 1)
	go func() { opened <- s.Open() }()
	select {
	case err := <-opened:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}
