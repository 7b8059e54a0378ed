package metrics

import (
	"context"
	"time"

	"github.com/coalitionbot/coalitionbot/commands"
)

// Routes recorded for commands that did not produce a pipeline answer.
const (
	routeNone      = "none"       // a command that does not use the pipeline (/members, /quote, /about)
	routeUserError = "user_error" // the request itself was at fault
	routeError     = "error"      // the bot failed; the user got an apology
)

// Instrument returns a copy of table whose handlers and completers report
// to m. Wrapping the table, rather than any transport, counts the same
// thing in the gateway bot and the HTTP endpoint, and leaves the commands
// unaware of metrics.
func Instrument(table commands.Table, m *Metrics) commands.Table {
	out := make(commands.Table, len(table))
	for i, c := range table {
		out[i] = c
		if c.Handle != nil {
			out[i].Handle = timed(c.Name, c.Handle, m)
		}
		if c.Complete != nil {
			out[i].Complete = counted(c.Name, c.Complete, m)
		}
	}
	return out
}

func timed(name string, handle func(context.Context, commands.Request) (commands.Response, error), m *Metrics) func(context.Context, commands.Request) (commands.Response, error) {
	return func(ctx context.Context, req commands.Request) (commands.Response, error) {
		start := time.Now()
		resp, err := handle(ctx, req)
		m.ObserveAnswer(name, outcomeRoute(resp, err), time.Since(start))
		return resp, err
	}
}

func counted(name string, complete func(option, prefix string) []commands.Choice, m *Metrics) func(option, prefix string) []commands.Choice {
	return func(option, prefix string) []commands.Choice {
		m.ObserveAutocomplete(name)
		return complete(option, prefix)
	}
}

// outcomeRoute names what became of one command for the route label.
func outcomeRoute(resp commands.Response, err error) string {
	if _, ok := commands.IsUserError(err); ok {
		return routeUserError
	}
	if err != nil {
		return routeError
	}
	if resp.Route == "" {
		return routeNone
	}
	return resp.Route
}
