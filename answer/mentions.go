package answer

import (
	"regexp"
	"strings"
)

// zwsp is a zero-width space: put after "@" or "<" it keeps the text
// readable and stops Discord from turning it into a ping.
const zwsp = "\u200b"

// Two passes defuse every way text can ping in Discord: first @everyone
// and @here, then the <@user>, <@!user>, <@&role> and <#channel> forms.
// One pass is not enough: in "<@everyone" it would defuse "<@" and leave
// "@everyone" whole.
var (
	broadcastBreaker = strings.NewReplacer("@everyone", "@"+zwsp+"everyone", "@here", "@"+zwsp+"here")
	mentionBreaker   = strings.NewReplacer("<@", "<"+zwsp+"@", "<#", "<"+zwsp+"#")
)

// NeutralizeMentions returns s with every mention defused. Discord's
// allowed_mentions is the real guard; this keeps text that is copied
// elsewhere, or shown in the terminal, harmless too.
func NeutralizeMentions(s string) string {
	if !strings.ContainsAny(s, "@<") {
		return s
	}
	return mentionBreaker.Replace(broadcastBreaker.Replace(s))
}

// mentionSyntax matches Discord's mention forms: users, roles, channels,
// @everyone and @here.
var mentionSyntax = regexp.MustCompile(`<(?:@[!&]?|#)\d+>|@everyone|@here`)

// StripMentions removes mentions from a question and tidies the spaces
// left behind: they name no one the article knows ("@CoalitionBot who is
// Macron?" asks "who is Macron?").
func StripMentions(s string) string {
	if !strings.ContainsAny(s, "@<") {
		return s // nothing to strip; NormalizeQuestion tidies the spaces
	}
	return strings.Join(strings.Fields(mentionSyntax.ReplaceAllString(s, " ")), " ")
}
