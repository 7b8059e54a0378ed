package bot

import (
	"net/url"
	"strconv"

	"github.com/bwmarrin/discordgo"
)

// invitePermissions are what the bot user needs in a server: to read the
// messages that mention it and answer them as replies (View Channels,
// Send Messages, also in threads, Read Message History for the question a
// reply points to and the conversation it continues) with embeds (Embed
// Links). Slash and message commands need none: Discord delivers their
// answers itself.
const invitePermissions = discordgo.PermissionViewChannel |
	discordgo.PermissionSendMessages |
	discordgo.PermissionSendMessagesInThreads |
	discordgo.PermissionReadMessageHistory |
	discordgo.PermissionEmbedLinks

// InviteURLs are the links that install the application appID: to a
// server (integration type 0: the bot user, with invitePermissions, and
// the commands) and to a user's own account (integration type 1: the
// commands alone, usable in any server or DM). Both need the Developer
// Portal's Installation page to allow that kind of install.
func InviteURLs(appID string) (guild, user string) {
	link := func(v url.Values) string {
		v.Set("client_id", appID)
		return "https://discord.com/oauth2/authorize?" + v.Encode()
	}
	guild = link(url.Values{
		"integration_type": {"0"},
		"scope":            {"bot applications.commands"},
		"permissions":      {strconv.FormatInt(invitePermissions, 10)},
	})
	user = link(url.Values{"integration_type": {"1"}, "scope": {"applications.commands"}})
	return guild, user
}
