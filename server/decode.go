package server

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/bwmarrin/discordgo"
)

// decodeInteraction parses a verified request body into an interaction the
// router can take without further checks: a known type, the IDs and token
// needed to answer it, and command data (with a command name) for commands
// and autocompletion. Any error is the sender's fault: a 400.
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
		if d, ok := i.Data.(discordgo.ApplicationCommandInteractionData); !ok || d.Name == "" {
			return nil, errors.New("decode interaction: a command needs data with its name")
		}
	}
	return &i, nil
}
