package main

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
)

// askAboutMessage is "Ask about this message" over HTTP from a server the
// bot is not in, through the user's own install: Discord sends the user,
// no member, and the message itself (TEXT) with the interaction.
const askAboutMessage = `{"id":"6","application_id":"20","type":2,"token":"menu-token","version":1,"locale":"en-GB",` +
	`"guild_id":"1300000000000000900","channel_id":"1300000000000000901","context":0,` +
	`"authorizing_integration_owners":{"1":"42"},"user":{"id":"42","username":"ada"},` +
	`"data":{"id":"7","name":"Ask about this message","type":3,"target_id":"1300000000000000500",` +
	`"resolved":{"messages":{"1300000000000000500":{"id":"1300000000000000500","channel_id":"1300000000000000901",` +
	`"author":{"id":"43","username":"bo"},"content":TEXT,"attachments":[],"embeds":[]}}}}}`

// The message command over HTTP answers the message's own text, only to
// the asker, where the bot is not a member; a message without text gets
// a clear private message.
func TestServeAskAboutMessage(t *testing.T) {
	in := startServe(t, nil)
	tests := []struct {
		name, text, want string
		embed            bool
	}{
		{"a question", `"Who represents Italy?"`, "Meloni", true},
		{"no text", `""`, "That message has no text for me to read", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := strings.Replace(askAboutMessage, "TEXT", tt.text, 1)
			status, got := in.post(t, in.key, time.Now(), body, body)
			var resp servedResponse
			if err := json.Unmarshal([]byte(got), &resp); status != 200 || err != nil || resp.Type != discordgo.InteractionResponseChannelMessageWithSource {
				t.Fatalf("POST /interactions = %d %s, want 200 and a message", status, got)
			}
			if resp.Data.Flags&discordgo.MessageFlagsEphemeral == 0 || !strings.Contains(got, `"allowed_mentions":{"parse":[]`) {
				t.Errorf("reply = %s, want it private, with allowed_mentions parsing nothing", got)
			}
			text := resp.Data.Content
			if tt.embed && len(resp.Data.Embeds) == 1 {
				text = resp.Data.Embeds[0].Description
			}
			if !strings.Contains(text, tt.want) {
				t.Errorf("reply = %s, want %q", got, tt.want)
			}
		})
	}
	// The user is read from `user` when there is no member. Stopping
	// waits for every answer, and its log line, to be done.
	if err := in.stop(); err != nil {
		t.Fatalf("serve after cancel = %v", err)
	}
	if log := in.log.String(); !strings.Contains(log, `"command":"Ask about this message","user_id":"42"`) {
		t.Errorf("logs = %s, want the answer logged for user 42", log)
	}
}
