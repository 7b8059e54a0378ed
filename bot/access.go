package bot

import (
	"log/slog"
	"slices"

	"github.com/bwmarrin/discordgo"

	"github.com/coalitionbot/coalitionbot/answer"
)

// Access is where the bot answers, and whom: the operator's choice of
// channels (ALLOWED_CHANNEL_IDS), roles (ALLOWED_ROLE_IDS) and direct
// messages (ALLOW_DMS). Both transports apply it before a command runs:
// a command used elsewhere gets a short private explanation in the user's
// language; a mention or DM elsewhere is ignored, as answering it would
// be posting where the bot is not wanted. A nil *Access answers
// everywhere, everyone. It is immutable, so safe for concurrent use.
type Access struct {
	channels map[string]bool // empty: every channel of every server
	roles    map[string]bool // empty: everyone
	noDMs    bool
	msgs     *answer.Messages
}

// NewAccess returns the access rules: the channels and roles allowed
// (empty: all), whether DMs are, and the catalog the explanations are
// written from (not nil).
//
// The channel list applies to the channel a question is asked in, in any
// server: with a list, a user who installed the bot to their account can
// use it only in the listed channels. The role list applies in servers, to
// the roles Discord sends with the interaction or message; where it sends
// none (a server the bot is not in, used through a user install), nobody
// has a listed role, so a role list keeps the bot to the operator's
// servers. DMs and group DMs (no server) are governed by allowDMs alone:
// neither list applies there.
func NewAccess(channels, roles []string, allowDMs bool, msgs *answer.Messages) *Access {
	set := func(ids []string) map[string]bool {
		m := make(map[string]bool, len(ids))
		for _, id := range ids {
			m[id] = true
		}
		return m
	}
	return &Access{channels: set(channels), roles: set(roles), noDMs: !allowDMs, msgs: msgs}
}

// denial is why a question is not answered where it was asked.
type denial string

const (
	allowed       denial = ""
	deniedChannel denial = "channel"
	deniedRole    denial = "role"
	deniedDM      denial = "dm"
)

// check says whether a question asked in guild's channel (guild "" for a
// DM) by someone holding roles is answered.
func (a *Access) check(guild, channel string, roles []string) denial {
	switch {
	case a == nil:
		return allowed
	case guild == "":
		if a.noDMs {
			return deniedDM
		}
		return allowed
	case len(a.channels) > 0 && !a.channels[channel]:
		return deniedChannel
	case len(a.roles) > 0 && !slices.ContainsFunc(roles, func(r string) bool { return a.roles[r] }):
		return deniedRole
	}
	return allowed
}

// interaction checks where an interaction comes from and who sent it.
func (a *Access) interaction(i *discordgo.Interaction) denial {
	var roles []string
	if i.Member != nil {
		roles = i.Member.Roles
	}
	return a.check(i.GuildID, i.ChannelID, roles)
}

// message checks where a message was posted and who posted it.
func (a *Access) message(m *discordgo.Message) denial {
	var roles []string
	if m.Member != nil {
		roles = m.Member.Roles
	}
	return a.check(m.GuildID, m.ChannelID, roles)
}

// explain is what a user is told when d keeps the bot from answering, in
// the language of their Discord locale.
func (a *Access) explain(d denial, locale string) string {
	id := map[denial]answer.MessageID{
		deniedChannel: answer.MsgNotHereChannel,
		deniedRole:    answer.MsgNotHereRole,
		deniedDM:      answer.MsgNotHereDM,
	}[d]
	return a.msgs.Text(a.msgs.Lang(locale), id, nil)
}

// outside answers a command used where the operator does not allow the
// bot with the reason, privately, and reports whether it did.
func (x *Interactions) outside(log *slog.Logger, i *discordgo.Interaction, respond Responder) bool {
	d := x.access.interaction(i)
	if d == allowed {
		return false
	}
	log.Info("not answered here", "reason", string(d), "guild_id", i.GuildID, "channel_id", i.ChannelID)
	x.send(log, respond, renderText(x.access.explain(d, string(i.Locale)), true).interactionResponse())
	return true
}
