package main

import (
	"cmp"
	"context"
	"log/slog"

	"github.com/coalitionbot/coalitionbot/bot"
	"github.com/coalitionbot/coalitionbot/internal/metrics"
	"github.com/coalitionbot/coalitionbot/server"
)

// newService wires what both long-running modes (bot and serve) start
// from: the logger, the metrics, the app with the LLM stage reporting to
// the metrics and keeping its state where REDIS_URL says, and discordgo's
// logs routed to the logger. This is the one place discordgo's
// process-wide logger is routed. The mode calls closeLogs before it
// returns: from then on nothing it started, whatever is still running,
// writes to stderr, which belongs to run's caller again.
func (e *cliEnv) newService(ctx context.Context) (log *slog.Logger, m *metrics.Metrics, a *app, closeLogs func(), err error) {
	log, shut := bot.GateLogs(e.logger())
	m = metrics.New(buildVersion())
	state, closeState, err := e.sharedState(ctx, log, m)
	if err != nil {
		shut()
		return nil, nil, nil, nil, err
	}
	a, err = e.newAppState(log, true, m, state)
	if err != nil {
		closeState()
		shut()
		return nil, nil, nil, nil, err
	}
	stopRoute := bot.RouteDiscordgoLogs(log)
	return log, m, a, func() { stopRoute(); closeState(); shut() }, nil
}

// withOps serves /healthz (200 while ready says so) and /metrics on
// HTTP_ADDR while run runs, so the gateway bot's container has a health
// check and Prometheus a target, and returns run's error (or the ops
// server's, when only that failed).
func (e *cliEnv) withOps(ctx context.Context, log *slog.Logger, m *metrics.Metrics, ready func() bool, run func(context.Context) error) error {
	srv, err := server.Listen(e.cfg.HTTPAddr, server.Ops(ready, m.Handler()), log)
	if err != nil {
		return err
	}
	log.Info("serving health and metrics", "addr", srv.Addr(), "version", buildVersion())
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	served := make(chan error, 1)
	go func() {
		err := srv.Serve(ctx)
		if err != nil {
			cancel() // a bot nobody can health-check should not run on
		}
		served <- err
	}()
	err = run(ctx)
	cancel()
	return cmp.Or(err, <-served)
}
