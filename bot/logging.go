package bot

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/bwmarrin/discordgo"
)

// discordgoLogLevel is the most detail a session passes to discordgo's
// logger. Warnings and errors only: discordgo's debug level prints the
// IDENTIFY payload, token included.
const discordgoLogLevel = discordgo.LogWarning

// RouteDiscordgoLogs sends discordgo's own log lines (reconnects, gateway
// errors) to log instead of the standard library's logger, as records with
// source=discordgo.
//
// discordgo keeps its logger in a package variable, discordgo.Logger,
// shared by every session in the process, so this is process-wide state:
// main calls it once, at start-up, before any session opens (cmd_bot.go),
// and nothing else in the bot sets it.
func RouteDiscordgoLogs(log *slog.Logger) {
	discordgo.Logger = func(msgL, _ int, format string, a ...any) {
		log.Log(context.Background(), slogLevel(msgL), fmt.Sprintf(format, a...), "source", "discordgo")
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
