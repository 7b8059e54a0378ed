package main

import (
	"cmp"
	"context"
	"log/slog"

	"github.com/coalitionbot/coalitionbot/internal/metrics"
	"github.com/coalitionbot/coalitionbot/server"
)

// withOps serves /healthz (200 while ready says so) and /metrics on
// HTTP_ADDR while run runs, so the gateway bot's container has a health
// check and Prometheus a target, and returns run's error (or the ops
// server's, when only that failed).
func (e *cliEnv) withOps(ctx context.Context, log *slog.Logger, m *metrics.Metrics, ready func() bool, run func(context.Context) error) error {
	srv, err := server.Listen(e.cfg.HTTPAddr, server.Ops(ready, m.Handler()), log)
	if err != nil {
		return err
	}
	log.Info("serving health and metrics", "addr", srv.Addr(), "version", version)
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
