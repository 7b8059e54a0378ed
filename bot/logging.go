package bot

import (
	"context"
	"fmt"
	"log/slog"
	"sync"

	"github.com/bwmarrin/discordgo"
)

// discordgoLogLevel is the most detail a session passes to discordgo's
// logger. Warnings and errors only: discordgo's debug level prints the
// IDENTIFY payload, token included.
const discordgoLogLevel = discordgo.LogWarning

// RouteDiscordgoLogs sends discordgo's own log lines (reconnects, gateway
// errors) to log instead of the standard library's logger, as records with
// source=discordgo, until stop is called; lines after that are dropped.
// Call stop before handing log's output back to its owner: discordgo's
// goroutines can outlive a session's Close (a heartbeat under way writes
// to the closed connection and logs the error).
//
// discordgo keeps its logger in a package variable, discordgo.Logger, that
// every session's goroutines read without synchronisation, some of them
// after the run that started them is over; setting it for each run would
// race with them. So the variable is set once in the process, to one
// route, and each run only changes, under the route's lock, where the
// route leads. main routes the logs of each long-running mode
// (cmd_ops.go), and nothing else in the bot sets discordgo.Logger.
func RouteDiscordgoLogs(log *slog.Logger) (stop func()) {
	r := discordgoRoute()
	r.mu.Lock()
	r.log = log
	r.mu.Unlock()
	return func() {
		r.mu.Lock()
		if r.log == log {
			r.log = nil
		}
		r.mu.Unlock()
	}
}

// discordgoRoute is the route discordgo.Logger is set to, the first time
// it is needed. It is the one piece of process-wide state in the bot,
// mirroring discordgo's own.
var discordgoRoute = sync.OnceValue(func() *logRoute {
	r := &logRoute{}
	discordgo.Logger = r.write
	return r
})

// logRoute leads discordgo's log lines to the logger of the run under way,
// if any.
type logRoute struct {
	mu  sync.RWMutex
	log *slog.Logger
}

func (r *logRoute) write(msgL, _ int, format string, a ...any) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	if r.log != nil {
		r.log.Log(context.Background(), slogLevel(msgL), fmt.Sprintf(format, a...), "source", "discordgo")
	}
}

func slogLevel(discordgoLevel int) slog.Level {
	switch discordgoLevel {
	case discordgo.LogError:
		return slog.LevelError
	case discordgo.LogWarning:
		return slog.LevelWarn
	case discordgo.LogInformational:
		return slog.LevelInfo
	}
	return slog.LevelDebug
}

// GateLogs returns a logger writing to log until shut is called, and
// writing nothing after: goroutines a run leaves behind when its shutdown
// cannot wait for them any longer (an answer whose handler ignores its
// context, a REST call discordgo sleeps in) cannot write into a log whose
// owner has moved on. shut waits for records being written.
func GateLogs(log *slog.Logger) (gated *slog.Logger, shut func()) {
	g := &logGate{}
	return slog.New(gatedHandler{gate: g, next: log.Handler()}), g.shut
}

// logGate is open until shut.
type logGate struct {
	mu     sync.RWMutex
	closed bool
}

func (g *logGate) shut() {
	g.mu.Lock()
	g.closed = true
	g.mu.Unlock()
}

// gatedHandler passes records to next while its gate is open.
type gatedHandler struct {
	gate *logGate
	next slog.Handler
}

func (h gatedHandler) Enabled(ctx context.Context, level slog.Level) bool {
	return h.next.Enabled(ctx, level)
}

func (h gatedHandler) Handle(ctx context.Context, r slog.Record) error {
	h.gate.mu.RLock()
	defer h.gate.mu.RUnlock()
	if h.gate.closed {
		return nil
	}
	return h.next.Handle(ctx, r)
}

func (h gatedHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	return gatedHandler{gate: h.gate, next: h.next.WithAttrs(attrs)}
}

func (h gatedHandler) WithGroup(name string) slog.Handler {
	return gatedHandler{gate: h.gate, next: h.next.WithGroup(name)}
}
