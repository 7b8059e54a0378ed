package bot

import "strings"

// zwsp is a zero-width space: invisible, but it breaks Discord's mention
// syntax.
const zwsp = "\u200b"

// mentionBreaker defuses every mention form Discord's client renders:
// @everyone and @here, users (<@id>, <@!id>), roles (<@&id>) and channels
// (<#id>).
var mentionBreaker = strings.NewReplacer(
	"@everyone", "@"+zwsp+"everyone",
	"@here", "@"+zwsp+"here",
	"<@", "<"+zwsp+"@",
	"<#", "<"+zwsp+"#",
)

// Neutralize returns s with its mention syntax broken by zero-width spaces,
// so text the bot echoes (a user's question, an answer quoting one) reads
// the same but can neither ping anyone nor render as a mention. It is a
// second line of defence: every message also goes out with
// allowed_mentions set to parse nothing. Any transport that shows text in
// Discord can reuse it.
func Neutralize(s string) string {
	return mentionBreaker.Replace(s)
}
