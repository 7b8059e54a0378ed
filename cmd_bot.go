package main

import (
	"context"
	"fmt"

	"github.com/coalitionbot/coalitionbot/bot"
	"github.com/coalitionbot/coalitionbot/internal/metrics"
)

// noToken explains how to get a token, and how to use the bot without
// one; prog is how the user ran the program.
func noToken(prog string) string {
	return "DISCORD_TOKEN is not set: create an application and its bot at " +
		"https://discord.com/developers/applications, put the bot's token in DISCORD_TOKEN (or in .env), " +
		"and see README.md, \"Running in Discord\"; to ask questions without Discord, use `" + prog + " ask \"Who leads the coalition?\"`"
}

// bot runs the Discord bot over the gateway until ctx is cancelled.
func (e *cliEnv) bot(ctx context.Context, args []string) error {
	if err := e.commandLine("bot").noArguments(args); err != nil {
		return err
	}
	if err := e.configure(); err != nil {
		return err
	}
	if e.cfg.DiscordToken == "" {
		return &usageError{noToken(e.prog)}
	}
	log, m, a, closeLogs, err := e.newService(ctx)
	if err != nil {
		return err
	}
	defer closeLogs()
	health := &bot.Health{}
	err = e.withOps(ctx, log, m, health.Healthy, func(ctx context.Context) error {
		return bot.Run(ctx, bot.Options{
			Token:      e.cfg.DiscordToken,
			GuildID:    e.cfg.DiscordGuildID,
			APIURL:     e.cfg.DiscordAPIURL,
			ShardID:    e.cfg.ShardID,
			ShardCount: e.cfg.ShardCount,
			Table:      metrics.Instrument(a.table, m),
			Log:        log,
			RESTErrors: m,
			UserErrors: m,
			Feedback:   m,
			Messages:   a.pipeline.Messages(),
			Health:     health,
			Access:     e.access(a),
			Started: func(appID string, registered []string) {
				log.Info("started", append(e.startedAttrs("bot", a, appID, registered), "shard", e.cfg.ShardID)...)
			},
		})
	})
	if err != nil {
		return fmt.Errorf("discord bot: %w", err)
	}
	return nil
}
