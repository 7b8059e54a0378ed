package bot

import (
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/coalitionbot/coalitionbot/commands"
)

// flags marks a reply ephemeral: only the user who asked sees it.
func flags(private bool) discordgo.MessageFlags {
	if private {
		return discordgo.MessageFlagsEphemeral
	}
	return 0
}

// interactionResponse carries the reply as an interaction's first response.
func (r reply) interactionResponse() *discordgo.InteractionResponse {
	return &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{
			Content:         r.content,
			Embeds:          r.embeds,
			Components:      r.components,
			AllowedMentions: noMentions(),
			Flags:           flags(r.private),
		},
	}
}

// webhookEdit carries the reply as an edit of an interaction's original
// response. Content, embeds and buttons are always set, so an edit
// replaces whatever a progress update showed before.
func (r reply) webhookEdit() *discordgo.WebhookEdit {
	content, embeds, components := r.whole()
	return &discordgo.WebhookEdit{Content: &content, Embeds: &embeds, Components: &components, AllowedMentions: noMentions()}
}

// messageEdit carries the reply as an edit of the bot's reply m, replacing
// all of it as webhookEdit does; the edit pings no one either.
func (r reply) messageEdit(m *discordgo.Message) *discordgo.MessageEdit {
	content, embeds, components := r.whole()
	mentions := noMentions()
	mentions.RepliedUser = false
	return &discordgo.MessageEdit{ID: m.ID, Channel: m.ChannelID, Content: &content, Embeds: &embeds, Components: &components, AllowedMentions: mentions}
}

// whole is the reply's content, embeds and buttons, empty lists rather
// than nil so that an edit sends them and clears what was there.
func (r reply) whole() (string, []*discordgo.MessageEmbed, []discordgo.MessageComponent) {
	embeds, components := r.embeds, r.components
	if embeds == nil {
		embeds = []*discordgo.MessageEmbed{}
	}
	if components == nil {
		components = []discordgo.MessageComponent{}
	}
	return r.content, embeds, components
}

// replyTo carries the reply as a channel message answering m. Replying
// shows which question is answered; RepliedUser false keeps even the reply
// itself from pinging the asker, and a deleted question does not make the
// answer fail.
func (r reply) replyTo(m *discordgo.Message) *discordgo.MessageSend {
	fail := false
	mentions := noMentions()
	mentions.RepliedUser = false
	return &discordgo.MessageSend{
		Content:         r.content,
		Embeds:          r.embeds,
		Components:      r.components,
		AllowedMentions: mentions,
		Reference: &discordgo.MessageReference{
			MessageID:       m.ID,
			ChannelID:       m.ChannelID,
			GuildID:         m.GuildID,
			FailIfNotExists: &fail,
		},
	}
}

// deferral is the first response that buys time: Discord shows "thinking…"
// (only to the asker when private) until the original response is edited.
func deferral(private bool) *discordgo.InteractionResponse {
	return &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseDeferredChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{AllowedMentions: noMentions(), Flags: flags(private)},
	}
}

// pong answers Discord's PING, which only the HTTP endpoint receives.
func pong() *discordgo.InteractionResponse {
	return &discordgo.InteractionResponse{Type: discordgo.InteractionResponsePong}
}

// choicesResponse answers an autocomplete request with at most 25 choices.
// A choice whose value is too long to send is left out rather than cut, as a
// cut value would select something else.
func choicesResponse(choices []commands.Choice) *discordgo.InteractionResponse {
	out := make([]*discordgo.ApplicationCommandOptionChoice, 0, min(len(choices), maxChoices))
	for _, c := range choices {
		if len(out) == maxChoices {
			break
		}
		if c.Value == "" || utf8.RuneCountInString(c.Value) > maxChoiceValue {
			continue
		}
		name := Truncate(c.Name, maxChoiceName)
		if name == "" {
			name = c.Value
		}
		out = append(out, &discordgo.ApplicationCommandOptionChoice{Name: name, Value: c.Value})
	}
	return &discordgo.InteractionResponse{
		Type: discordgo.InteractionApplicationCommandAutocompleteResult,
		Data: &discordgo.InteractionResponseData{Choices: out, AllowedMentions: noMentions()},
	}
}
