package main

import (
	"log/slog"
	"net/url"
	"strings"

	"github.com/coalitionbot/coalitionbot/bot"
	"github.com/coalitionbot/coalitionbot/commands"
)

// startedAttrs are the fields of the one line each long-running mode logs
// once it serves, so an operator reading the log sees what runs: the mode
// and version, the LLM (its model and host; never the key, nor anything of
// the URL but its host), the documents the knowledge holds with their
// passages, the commands, and the links that install the bot (when the
// application's ID is known).
func (e *cliEnv) startedAttrs(mode string, a *app, appID string, cmds []string) []any {
	attrs := []any{"mode", mode, "version", buildVersion()}
	if e.cfg.LLMEnabled() {
		attrs = append(attrs, "llm", "on", "llm_model", e.cfg.LLMModel, "llm_host", urlHost(e.cfg.LLMBaseURL))
	} else {
		attrs = append(attrs, "llm", "off")
	}
	var docs []any
	for _, d := range a.base.Documents() {
		docs = append(docs, slog.Int(d.Name, d.Passages))
	}
	attrs = append(attrs, slog.Group("documents", docs...), "passages", len(a.base.Passages))
	attrs = append(attrs, "commands", strings.Join(cmds, ", "))
	if appID != "" {
		server, user := bot.InviteURLs(appID)
		attrs = append(attrs, "invite_server", server, "invite_user", user)
	}
	return attrs
}

// urlHost is the host of an LLM_BASE_URL, which config checked: a URL's
// user information or query may hold a key.
func urlHost(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return u.Host
}

// commandNames are the names of the table's commands.
func commandNames(table commands.Table) []string {
	out := make([]string, len(table))
	for i, c := range table {
		out[i] = c.Name
	}
	return out
}
