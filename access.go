package main

import "github.com/coalitionbot/coalitionbot/bot"

// access is where the bot answers and whom, as ALLOWED_CHANNEL_IDS,
// ALLOWED_ROLE_IDS and ALLOW_DMS say; its explanations come from the
// app's message catalog, in the user's language.
func (e *cliEnv) access(a *app) *bot.Access {
	return bot.NewAccess(e.cfg.AllowChannels, e.cfg.AllowRoles, e.cfg.AllowDMs, a.pipeline.Messages())
}
