package fakediscord

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
)

// Discord's limits, in characters (code points, as Discord counts them).
// The fake keeps its own copy rather than importing the bot's, so a wrong
// limit in the bot cannot hide from the test.
const (
	limitContent     = 2000
	limitEmbeds      = 10
	limitTitle       = 256
	limitDescription = 4096
	limitFields      = 25
	limitFieldName   = 256
	limitFieldValue  = 1024
	limitFooter      = 2048
	limitAuthor      = 256
	limitEmbedsTotal = 6000
	limitChoices     = 25
	limitChoiceText  = 100
)

// message is the part of a message body the rules look at.
type message struct {
	Content         *string                                     `json:"content"`
	Embeds          []*discordgo.MessageEmbed                   `json:"embeds"`
	Flags           discordgo.MessageFlags                      `json:"flags"`
	AllowedMentions json.RawMessage                             `json:"allowed_mentions"`
	Reference       *discordgo.MessageReference                 `json:"message_reference"`
	Choices         []*discordgo.ApplicationCommandOptionChoice `json:"choices"`
	Components      json.RawMessage                             `json:"components"`

	buttons [][]Button // Components, decoded
}

func (m message) empty() bool {
	return (m.Content == nil || *m.Content == "") && len(m.Embeds) == 0 && len(m.buttons) == 0
}

func (m message) sent(kind Kind) Sent {
	s := Sent{Kind: kind, Embeds: m.Embeds, Flags: m.Flags, Choices: m.Choices, Reference: m.Reference, AllowedMentions: m.AllowedMentions, Buttons: m.buttons}
	if m.Content != nil {
		s.Content = *m.Content
	}
	return s
}

// decodeMessage decodes a message body and lists the rules it breaks.
func decodeMessage(body []byte, reply bool) (message, []string) {
	var m message
	if err := json.Unmarshal(body, &m); err != nil {
		return m, []string{"decode body: " + err.Error()}
	}
	problems := checkMentions(m.AllowedMentions, reply)
	if m.Content != nil {
		problems = append(problems, checkText("content", *m.Content, limitContent)...)
	}
	problems = append(problems, checkEmbeds(m.Embeds)...)
	buttons, ps := decodeComponents(m.Components)
	m.buttons = buttons
	return m, append(problems, ps...)
}

// checkMentions requires allowed_mentions that let nothing ping: present,
// with parse an empty list (null would mean Discord's defaults, which ping
// @everyone), no users or roles, and for replies no ping of the author.
func checkMentions(raw json.RawMessage, reply bool) []string {
	if len(raw) == 0 || string(raw) == "null" {
		return []string{"allowed_mentions missing: Discord would ping whatever the text mentions"}
	}
	var am struct {
		Parse       *[]string `json:"parse"`
		Users       []string  `json:"users"`
		Roles       []string  `json:"roles"`
		RepliedUser bool      `json:"replied_user"`
	}
	if err := json.Unmarshal(raw, &am); err != nil {
		return []string{"allowed_mentions: " + err.Error()}
	}
	var problems []string
	switch {
	case am.Parse == nil:
		problems = append(problems, "allowed_mentions.parse is null or missing, which lets @everyone through; send []")
	case len(*am.Parse) > 0:
		problems = append(problems, fmt.Sprintf("allowed_mentions.parse allows %v", *am.Parse))
	}
	if len(am.Users) > 0 || len(am.Roles) > 0 {
		problems = append(problems, "allowed_mentions lists users or roles to ping")
	}
	if reply && am.RepliedUser {
		problems = append(problems, "allowed_mentions.replied_user pings the author of the question")
	}
	return problems
}

// checkEmbeds applies the embed limits, each and in all.
func checkEmbeds(embeds []*discordgo.MessageEmbed) []string {
	var problems []string
	if len(embeds) > limitEmbeds {
		problems = append(problems, fmt.Sprintf("%d embeds, limit %d", len(embeds), limitEmbeds))
	}
	total := 0
	for i, e := range embeds {
		at := fmt.Sprintf("embeds[%d]", i)
		problems = append(problems, checkText(at+".title", e.Title, limitTitle)...)
		problems = append(problems, checkText(at+".description", e.Description, limitDescription)...)
		total += runes(e.Title) + runes(e.Description)
		if len(e.Fields) > limitFields {
			problems = append(problems, fmt.Sprintf("%s has %d fields, limit %d", at, len(e.Fields), limitFields))
		}
		for j, fl := range e.Fields {
			fat := fmt.Sprintf("%s.fields[%d]", at, j)
			if fl.Name == "" || fl.Value == "" {
				problems = append(problems, fat+" has an empty name or value")
			}
			problems = append(problems, checkText(fat+".name", fl.Name, limitFieldName)...)
			problems = append(problems, checkText(fat+".value", fl.Value, limitFieldValue)...)
			total += runes(fl.Name) + runes(fl.Value)
		}
		if e.Footer != nil {
			problems = append(problems, checkText(at+".footer.text", e.Footer.Text, limitFooter)...)
			total += runes(e.Footer.Text)
		}
		if e.Author != nil {
			problems = append(problems, checkText(at+".author.name", e.Author.Name, limitAuthor)...)
			total += runes(e.Author.Name)
		}
	}
	if total > limitEmbedsTotal {
		problems = append(problems, fmt.Sprintf("embeds hold %d characters in all, limit %d", total, limitEmbedsTotal))
	}
	return problems
}

// checkText applies a length limit, and flags U+FFFD, the mark of text cut
// inside a multi-byte character before it was encoded.
func checkText(field, s string, limit int) []string {
	var problems []string
	if n := runes(s); n > limit {
		problems = append(problems, fmt.Sprintf("%s is %d characters, limit %d", field, n, limit))
	}
	if strings.ContainsRune(s, utf8.RuneError) {
		problems = append(problems, field+" contains U+FFFD: text cut inside a character?")
	}
	return problems
}

func runes(s string) int { return utf8.RuneCountInString(s) }

// checkChoices applies the autocomplete limits.
func checkChoices(choices []*discordgo.ApplicationCommandOptionChoice) []string {
	var problems []string
	if len(choices) > limitChoices {
		problems = append(problems, fmt.Sprintf("%d choices, limit %d", len(choices), limitChoices))
	}
	for i, c := range choices {
		if n := runes(c.Name); n < 1 || n > limitChoiceText {
			problems = append(problems, fmt.Sprintf("choices[%d].name is %d characters, want 1 to %d", i, n, limitChoiceText))
		}
		if v := fmt.Sprint(c.Value); runes(v) > limitChoiceText {
			problems = append(problems, fmt.Sprintf("choices[%d].value is %d characters, limit %d", i, runes(v), limitChoiceText))
		}
	}
	return problems
}

// commandName is Discord's rule for slash command and option names;
// menuName its rule for user and message command names, which may have
// capitals and spaces.
var (
	commandName = regexp.MustCompile(`^[-_\p{Ll}\p{Lo}\p{N}]{1,32}$`)
	menuName    = regexp.MustCompile(`^\S(?:\P{C}{0,30}\S)?$`)
)

// checkCommands applies Discord's rules for a bulk overwrite.
func checkCommands(cmds []*discordgo.ApplicationCommand) []string {
	var problems []string
	type key struct {
		typ  discordgo.ApplicationCommandType
		name string
	}
	seen := map[key]bool{}
	for _, c := range cmds {
		typ := c.Type
		if typ == 0 {
			typ = discordgo.ChatApplicationCommand // Discord's default
		}
		if seen[key{typ, c.Name}] {
			problems = append(problems, fmt.Sprintf("command %q defined twice", c.Name))
		}
		seen[key{typ, c.Name}] = true
		problems = append(problems, checkInstalls(c)...)
		switch typ {
		case discordgo.ChatApplicationCommand:
			problems = append(problems, checkSlashCommand(c)...)
		case discordgo.UserApplicationCommand, discordgo.MessageApplicationCommand:
			problems = append(problems, checkMenuCommand(c)...)
		default:
			problems = append(problems, fmt.Sprintf("command %q: unknown type %d", c.Name, c.Type))
		}
	}
	return problems
}

// checkInstalls checks where a command may be installed and used, when
// given: Discord knows guild (0) and user (1) installs, and the contexts
// guild (0), bot DM (1) and private channel (2).
func checkInstalls(c *discordgo.ApplicationCommand) []string {
	var problems []string
	if c.IntegrationTypes != nil {
		for _, it := range *c.IntegrationTypes {
			if it > discordgo.ApplicationIntegrationUserInstall {
				problems = append(problems, fmt.Sprintf("command %q: unknown integration type %d", c.Name, it))
			}
		}
	}
	if c.Contexts != nil {
		for _, ctx := range *c.Contexts {
			if ctx > discordgo.InteractionContextPrivateChannel {
				problems = append(problems, fmt.Sprintf("command %q: unknown context %d", c.Name, ctx))
			}
		}
	}
	return problems
}

// checkMenuCommand applies the rules of user and message commands: a
// name of up to 32 characters, no description, no options.
func checkMenuCommand(c *discordgo.ApplicationCommand) []string {
	var problems []string
	if !menuName.MatchString(c.Name) {
		problems = append(problems, fmt.Sprintf("menu command name %q is invalid", c.Name))
	}
	if c.NameLocalizations != nil {
		for loc, n := range *c.NameLocalizations {
			if !menuName.MatchString(n) {
				problems = append(problems, fmt.Sprintf("menu command %q: %s name %q is invalid", c.Name, string(loc), n))
			}
		}
	}
	if c.Description != "" || (c.DescriptionLocalizations != nil && len(*c.DescriptionLocalizations) > 0) {
		problems = append(problems, fmt.Sprintf("menu command %q: description must be empty", c.Name))
	}
	if len(c.Options) > 0 {
		problems = append(problems, fmt.Sprintf("menu command %q: menu commands take no options", c.Name))
	}
	return problems
}

// checkSlashCommand applies the rules of slash commands and their options.
func checkSlashCommand(c *discordgo.ApplicationCommand) []string {
	var problems []string
	if !commandName.MatchString(c.Name) {
		problems = append(problems, fmt.Sprintf("command name %q is invalid", c.Name))
	}
	if n := runes(c.Description); n < 1 || n > 100 {
		problems = append(problems, fmt.Sprintf("/%s description is %d characters, want 1 to 100", c.Name, n))
	}
	if len(c.Options) > 25 {
		problems = append(problems, fmt.Sprintf("/%s has %d options, limit 25", c.Name, len(c.Options)))
	}
	optional := false
	for _, o := range c.Options {
		at := "/" + c.Name + " " + o.Name
		if !commandName.MatchString(o.Name) {
			problems = append(problems, at+": invalid option name")
		}
		if n := runes(o.Description); n < 1 || n > 100 {
			problems = append(problems, fmt.Sprintf("%s: description is %d characters, want 1 to 100", at, n))
		}
		if o.Required && optional {
			problems = append(problems, at+": required options must be placed before non-required options")
		}
		optional = optional || !o.Required
		if o.MaxLength < 0 || o.MaxLength > 6000 {
			problems = append(problems, fmt.Sprintf("%s: max_length %d, want 1 to 6000", at, o.MaxLength))
		}
		if o.Autocomplete && len(o.Choices) > 0 {
			problems = append(problems, at+": autocomplete and choices are exclusive")
		}
	}
	return problems
}
