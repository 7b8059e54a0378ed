package bot

import (
	"cmp"
	"slices"

	"github.com/bwmarrin/discordgo"

	"github.com/coalitionbot/coalitionbot/commands"
)

// applicationCommands turns the command table into Discord's command
// definitions, so what users see in the command picker and what the bot
// routes come from the same list.
func applicationCommands(table commands.Table) []*discordgo.ApplicationCommand {
	out := make([]*discordgo.ApplicationCommand, 0, len(table))
	for _, c := range table {
		out = append(out, &discordgo.ApplicationCommand{
			Type:        discordgo.ChatApplicationCommand,
			Name:        c.Name,
			Description: Truncate(c.Description, maxDescOption),
			Options:     commandOptions(c.Options),
		})
	}
	return out
}

// commandOptions converts options, required ones first: Discord refuses a
// command whose required options follow optional ones.
func commandOptions(opts []commands.Option) []*discordgo.ApplicationCommandOption {
	out := make([]*discordgo.ApplicationCommandOption, 0, len(opts))
	for _, o := range opts {
		opt := &discordgo.ApplicationCommandOption{
			Name:        o.Name,
			Description: Truncate(o.Description, maxDescOption),
			Required:    o.Required,
		}
		switch o.Type {
		case commands.Bool:
			opt.Type = discordgo.ApplicationCommandOptionBoolean
		default:
			opt.Type = discordgo.ApplicationCommandOptionString
			opt.MaxLength = o.MaxLength
			opt.Autocomplete = o.Autocomplete
		}
		out = append(out, opt)
	}
	slices.SortStableFunc(out, func(a, b *discordgo.ApplicationCommandOption) int {
		return -cmp.Compare(boolRank(a.Required), boolRank(b.Required))
	})
	return out
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}
