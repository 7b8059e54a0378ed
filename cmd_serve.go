package main

import (
	"context"
	"fmt"
	"net/http"

	"github.com/coalitionbot/coalitionbot/bot"
	"github.com/coalitionbot/coalitionbot/internal/metrics"
	"github.com/coalitionbot/coalitionbot/server"
)

// noPublicKey says where to find the key, and how to use the bot without
// Discord; prog is how the user ran the program.
func noPublicKey(prog string) string {
	return "DISCORD_PUBLIC_KEY is not set: serve needs the application's public key " +
		"(Developer Portal, General Information) to verify that requests come from Discord; " +
		"to ask questions without Discord, use `" + prog + " ask \"Who represents Italy?\"`"
}

// serve runs the HTTP interactions endpoint on HTTP_ADDR, beside /healthz
// and /metrics, until ctx is cancelled; then it finishes requests and
// deferred answers under way for up to 10 s.
func (e *cliEnv) serve(ctx context.Context, args []string) error {
	if err := e.commandLine("serve").noArguments(args); err != nil {
		return err
	}
	if err := e.configure(); err != nil {
		return err
	}
	if e.cfg.DiscordPublicKey == "" {
		return &usageError{noPublicKey(e.prog)}
	}
	key, err := server.ParsePublicKey(e.cfg.DiscordPublicKey)
	if err != nil {
		return fmt.Errorf("config: DISCORD_PUBLIC_KEY: %w", err)
	}
	transport, err := bot.APITransport(e.cfg.DiscordAPIURL, http.DefaultTransport.(*http.Transport).Clone())
	if err != nil {
		return fmt.Errorf("config: %w", err)
	}
	log, m, a, closeLogs, err := e.newService(ctx)
	if err != nil {
		return err
	}
	defer closeLogs()
	edits, err := bot.NewWebhookEditor(bot.NewRESTGuard(transport, log, m), m)
	if err != nil {
		return fmt.Errorf("discord REST client: %w", err)
	}
	router := bot.NewInteractions(metrics.Instrument(a.table, m), a.pipeline.Messages(), edits, m, m, e.access(a), log)
	endpoint := server.NewInteractions(server.NewVerifier(key), router, m, log)
	mux := server.Ops(func() bool { return true }, m.Handler())
	mux.Handle("/interactions", endpoint)
	srv, err := server.Listen(e.cfg.HTTPAddr, mux, log)
	if err != nil {
		return err
	}
	// serve registers no commands (the gateway bot does): it lists those
	// it answers.
	log.Info("started", append([]any{"addr", srv.Addr()}, e.startedAttrs("serve", a, e.cfg.DiscordAppID, commandNames(a.table))...)...)
	return srv.Serve(ctx, endpoint.Wait)
}

// healthcheck asks the instance on HTTP_ADDR whether it is healthy: the
// container's HEALTHCHECK, since the image has no shell or curl. It exits
// 0 on 200 and 1 with a one-line reason otherwise.
func (e *cliEnv) healthcheck(ctx context.Context, args []string) error {
	if err := e.commandLine("healthcheck").noArguments(args); err != nil {
		return err
	}
	if err := e.configure(); err != nil {
		return err
	}
	return server.Check(ctx, e.cfg.HTTPAddr)
}
