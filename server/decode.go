package server

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/bwmarrin/discordgo"

	"github.com/coalitionbot/coalitionbot/bot"
)

// decodeInteraction parses a verified request body into an interaction the
// router can take without further checks: a known type, the IDs and token
// needed to answer it, and command data (with a command name) for commands
// and autocompletion, with options the router can read (bot.CheckOptions).
// Any error is the sender's fault: a 400.
func decodeInteraction(body []byte) (*discordgo.Interaction, error) {
	var i discordgo.Interaction
	if err := json.Unmarshal(body, &i); err != nil {
		return nil, fmt.Errorf("decode interaction: %w", err)
	}
	switch i.Type {
	case discordgo.InteractionPing:
		return &i, nil
	case discordgo.InteractionApplicationCommand, discordgo.InteractionApplicationCommandAutocomplete,
		discordgo.InteractionMessageComponent, discordgo.InteractionModalSubmit:
	default:
		return nil, fmt.Errorf("decode interaction: unknown type %d", i.Type)
	}
	if i.ID == "" || i.AppID == "" || i.Token == "" {
		return nil, errors.New("decode interaction: id, application_id and token are required")
	}
	if i.Type == discordgo.InteractionApplicationCommand || i.Type == discordgo.InteractionApplicationCommandAutocomplete {
		d, ok := i.Data.(discordgo.ApplicationCommandInteractionData)
		if !ok || d.Name == "" {
			return nil, errors.New("decode interaction: a command needs data with its name")
		}
		if err := bot.CheckOptions(d.Options); err != nil {
			return nil, &optionsError{command: d.Name, err: err}
		}
	}
	return &i, nil
}

// optionsError is a command interaction whose options the router could
// not read (a null entry, a value of another type than declared): still a
// 400, but a user error of its command rather than a rejection.
type optionsError struct {
	command string
	err     error
}

func (e *optionsError) Error() string {
	return fmt.Sprintf("decode interaction: /%s options: %v", e.command, e.err)
}

func (e *optionsError) Unwrap() error { return e.err }
