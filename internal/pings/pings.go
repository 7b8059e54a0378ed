// Package pings defuses Discord's ping syntax: @everyone, @here and the
// <@user>, <@&role> and <#channel> forms. Questions lose them before they
// are read; everything the bot writes has them broken by a zero-width
// space, so text copied elsewhere or shown in a terminal cannot ping
// either. Discord's allowed_mentions is the real guard.
package pings

import (
	"regexp"
	"strings"
)

// ZWSP is a zero-width space: put after "@" or "<" it keeps the text
// readable and stops Discord from turning it into a ping.
const ZWSP = "\u200b"

// Two passes defuse every way text can ping in Discord: first @everyone
// and @here, then the <@user>, <@!user>, <@&role> and <#channel> forms.
// One pass is not enough: in "<@everyone" it would defuse "<@" and leave
// "@everyone" whole.
var (
	broadcastBreaker = strings.NewReplacer("@everyone", "@"+ZWSP+"everyone", "@here", "@"+ZWSP+"here")
	mentionBreaker   = strings.NewReplacer("<@", "<"+ZWSP+"@", "<#", "<"+ZWSP+"#")
)

// Defuse returns s with every ping defused. Discord's
// allowed_mentions is the real guard; this keeps text that is copied
// elsewhere, or shown in the terminal, harmless too.
func Defuse(s string) string {
	if !mayPing(s) {
		return s
	}
	return mentionBreaker.Replace(broadcastBreaker.Replace(s))
}

// mayPing reports whether s has a character every ping starts with. Two
// byte searches are several times faster than strings.ContainsAny, and
// every answer and question goes through here.
func mayPing(s string) bool {
	return strings.IndexByte(s, '@') >= 0 || strings.IndexByte(s, '<') >= 0
}

// mentionSyntax matches Discord's mention forms: users, roles, channels,
// @everyone and @here.
var mentionSyntax = regexp.MustCompile(`<(?:@[!&]?|#)\d+>|@everyone|@here`)

// Strip removes pings from a question and tidies the spaces
// left behind: they name no one the article knows ("@CoalitionBot who is
// Macron?" asks "who is Macron?").
func Strip(s string) string {
	if !mayPing(s) {
		return s // nothing to strip; NormalizeQuestion tidies the spaces
	}
	return strings.Join(strings.Fields(mentionSyntax.ReplaceAllString(s, " ")), " ")
}
