package bot

import (
	"errors"
	"fmt"
	"math"

	"github.com/bwmarrin/discordgo"
)

// UserErrors counts interactions refused before their command ran because
// the interaction itself was malformed, so operators see them beside the
// user errors the instrumented table counts; *metrics.Metrics is one.
type UserErrors interface {
	UserError(command string)
}

// CheckOptions reports what is wrong with an interaction's options, nil if
// nothing: no null entries (at any depth), a name on each, a value of the
// type the option declares, and options nested only under sub-commands.
// Discord's clients never send anything else, but a null entry would
// otherwise panic whatever reads the options, so both transports check
// before routing.
func CheckOptions(opts []*discordgo.ApplicationCommandInteractionDataOption) error {
	for n, o := range opts {
		if o == nil {
			return fmt.Errorf("option %d is null", n+1)
		}
		if o.Name == "" {
			return fmt.Errorf("option %d has no name", n+1)
		}
		if err := checkOption(o); err != nil {
			return fmt.Errorf("option %q: %w", o.Name, err)
		}
	}
	return nil
}

// checkOption checks one option's value against its declared type, and a
// sub-command's own options.
func checkOption(o *discordgo.ApplicationCommandInteractionDataOption) error {
	switch o.Type {
	case discordgo.ApplicationCommandOptionSubCommand, discordgo.ApplicationCommandOptionSubCommandGroup:
		if o.Value != nil {
			return errors.New("a sub-command has no value")
		}
		return CheckOptions(o.Options)
	}
	if len(o.Options) > 0 {
		return errors.New("only sub-commands have options")
	}
	if o.Value == nil {
		return nil // the same as no value: the option is absent
	}
	var ok bool
	switch o.Type {
	case discordgo.ApplicationCommandOptionString, discordgo.ApplicationCommandOptionUser,
		discordgo.ApplicationCommandOptionChannel, discordgo.ApplicationCommandOptionRole,
		discordgo.ApplicationCommandOptionMentionable, discordgo.ApplicationCommandOptionAttachment:
		_, ok = o.Value.(string) // text, or a snowflake ID
	case discordgo.ApplicationCommandOptionBoolean:
		_, ok = o.Value.(bool)
	case discordgo.ApplicationCommandOptionInteger:
		v, isNumber := o.Value.(float64)
		ok = isNumber && v == math.Trunc(v)
	case discordgo.ApplicationCommandOptionNumber:
		_, ok = o.Value.(float64)
	default:
		return fmt.Errorf("unknown type %d", o.Type)
	}
	if !ok {
		return fmt.Errorf("value %v does not fit type %s", o.Value, o.Type)
	}
	return nil
}
