package answer

import "strings"

// zwsp is a zero-width space: put after "@" or "<" it keeps the text
// readable and stops Discord from turning it into a ping.
const zwsp = "\u200b"

// mentionBreaker defuses every way text can ping in Discord: @everyone,
// @here, and the <@user>, <@!user>, <@&role> and <#channel> forms.
var mentionBreaker = strings.NewReplacer(
	"@everyone", "@"+zwsp+"everyone",
	"@here", "@"+zwsp+"here",
	"<@", "<"+zwsp+"@",
	"<#", "<"+zwsp+"#",
)

// NeutralizeMentions returns s with every mention defused. Discord's
// allowed_mentions is the real guard; this keeps text that is copied
// elsewhere, or shown in the terminal, harmless too.
func NeutralizeMentions(s string) string { return mentionBreaker.Replace(s) }
