package main

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
)

func TestAccessConfig(t *testing.T) {
	cfg := testConfig(t, nil)
	if cfg.AllowChannels != nil || cfg.AllowRoles != nil || !cfg.AllowDMs || cfg.DiscordAppID != "" {
		t.Errorf("LoadConfig() = channels %v, roles %v, DMs %v, app %q; want everywhere, everyone, DMs, no app ID", cfg.AllowChannels, cfg.AllowRoles, cfg.AllowDMs, cfg.DiscordAppID)
	}
	cfg = testConfig(t, map[string]string{
		"ALLOWED_CHANNEL_IDS":    " 1300000000000000002, 1300000000000000003,",
		"ALLOWED_ROLE_IDS":       "1300000000000000020",
		"ALLOW_DMS":              "false",
		"DISCORD_APPLICATION_ID": "1100000000000000001",
	})
	if !slices.Equal(cfg.AllowChannels, []string{"1300000000000000002", "1300000000000000003"}) || !slices.Equal(cfg.AllowRoles, []string{"1300000000000000020"}) || cfg.AllowDMs || cfg.DiscordAppID != "1100000000000000001" {
		t.Errorf("LoadConfig() = channels %v, roles %v, DMs %v, app %q; want what was set", cfg.AllowChannels, cfg.AllowRoles, cfg.AllowDMs, cfg.DiscordAppID)
	}
	for _, tt := range []struct{ name, value string }{
		{"ALLOWED_CHANNEL_IDS", "general"},
		{"ALLOWED_CHANNEL_IDS", "1300000000000000002;1300000000000000003"},
		{"ALLOWED_CHANNEL_IDS", "<#1300000000000000002>"},
		{"ALLOWED_ROLE_IDS", "1300000000000000020, 12345"},
		{"ALLOWED_ROLE_IDS", "99999999999999999999"}, // over 64 bits
		{"ALLOW_DMS", "sometimes"},
		{"DISCORD_APPLICATION_ID", "my-bot"},
	} {
		t.Run(tt.name+"="+tt.value, func(t *testing.T) {
			_, err := LoadConfig(mapEnv(map[string]string{tt.name: tt.value}))
			if err == nil || !strings.Contains(err.Error(), tt.name) {
				t.Errorf("LoadConfig(%s=%q) error = %v, want one naming %s", tt.name, tt.value, err, tt.name)
			}
		})
	}
}

// Interactions as `serve` receives them: /ask in the test server's general
// channel, and in a DM.
const (
	allowedChannel = "1300000000000000002"
	askInChannel   = `{"id":"2","application_id":"20","type":2,"token":"ask-token","version":1,"locale":"fr",` +
		`"guild_id":"1300000000000000001","channel_id":"CHANNEL","context":0,` +
		`"member":{"user":{"id":"42","username":"ada"},"roles":[]},` +
		`"data":{"id":"3","name":"ask","type":1,"options":[{"name":"question","type":3,"value":"Who represents Italy?"}]}}`
	askInDM = `{"id":"2","application_id":"20","type":2,"token":"dm-token","version":1,"locale":"en-US",` +
		`"channel_id":"1300000000000000030","context":1,"user":{"id":"42","username":"ada"},` +
		`"data":{"id":"3","name":"ask","type":1,"options":[{"name":"question","type":3,"value":"Who represents Italy?"}]}}`
)

// serve applies ALLOWED_CHANNEL_IDS and ALLOW_DMS as the gateway bot does:
// a command elsewhere gets a private explanation in the user's language.
func TestServeAccess(t *testing.T) {
	in := startServe(t, map[string]string{"ALLOWED_CHANNEL_IDS": allowedChannel, "ALLOW_DMS": "false"})
	tests := []struct {
		name, body, want string // want: in the reply's content; "" for an answer
	}{
		{"allowed channel", strings.Replace(askInChannel, "CHANNEL", allowedChannel, 1), ""},
		{"another channel", strings.Replace(askInChannel, "CHANNEL", "1300000000000000003", 1), "Je ne réponds pas dans ce salon"},
		{"a DM", askInDM, "I don't answer in direct messages"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := in.post(t, in.key, time.Now(), tt.body, tt.body)
			var resp servedResponse
			if err := json.Unmarshal([]byte(body), &resp); status != 200 || err != nil || resp.Type != discordgo.InteractionResponseChannelMessageWithSource {
				t.Fatalf("POST /interactions = %d %s, want 200 and a message", status, body)
			}
			if tt.want == "" {
				if len(resp.Data.Embeds) != 1 || !strings.Contains(resp.Data.Embeds[0].Description, "Meloni") {
					t.Errorf("reply = %s, want the answer", body)
				}
				return
			}
			if !strings.Contains(resp.Data.Content, tt.want) || resp.Data.Flags&discordgo.MessageFlagsEphemeral == 0 {
				t.Errorf("reply = %s, want a private %q", body, tt.want)
			}
		})
	}
}
