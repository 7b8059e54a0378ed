package bot

import (
	"encoding/json"
	"strings"
	"sync"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/coalitionbot/coalitionbot/internal/fakediscord"
)

// userErrors counts interactions refused for their malformed options, by
// command.
type userErrors struct {
	mu sync.Mutex
	n  map[string]int
}

func (u *userErrors) UserError(command string) {
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.n == nil {
		u.n = map[string]int{}
	}
	u.n[command]++
}

func (u *userErrors) count(command string) int {
	u.mu.Lock()
	defer u.mu.Unlock()
	return u.n[command]
}

// withOptions is a testdata interaction (command.json or autocomplete.json)
// of command whose options are the raw JSON options.
func withOptions(t *testing.T, file, command, options string) []byte {
	t.Helper()
	return payload(t, file, func(m map[string]any) {
		var opts any
		if err := json.Unmarshal([]byte(options), &opts); err != nil {
			t.Fatalf("options %s: %v", options, err)
		}
		data := m["data"].(map[string]any)
		data["name"], data["options"] = command, opts
	})
}

// TestMalformedOptions sends interactions with options Discord's own
// clients never produce over the gateway: the user gets a short private
// error (or no suggestions while typing), the bot carries on, and each is
// counted as a user error of its command. A null option used to panic the
// router, leaving the user with "This interaction failed".
func TestMalformedOptions(t *testing.T) {
	counted := &userErrors{}
	h := startBot(t, realTable(t), func(o *Options) { o.UserErrors = counted })
	tests := []struct {
		name, file, command, options string
	}{
		{"null option", "command.json", "ask", `[null]`},
		{"null beside a good option", "command.json", "ask", `[{"name":"question","type":3,"value":"Who represents Italy?"},null]`},
		{"null in a sub-command", "command.json", "ask", `[{"name":"sub","type":1,"options":[null]}]`},
		{"number for a string", "command.json", "ask", `[{"name":"question","type":3,"value":42}]`},
		{"text for a boolean", "command.json", "ask", `[{"name":"question","type":3,"value":"Who represents Italy?"},{"name":"private","type":5,"value":"yes"}]`},
		{"no name", "command.json", "members", `[{"type":3,"value":"Italy"}]`},
		{"autocomplete, null option", "autocomplete.json", "quote", `[null]`},
		{"autocomplete, null beside the focused one", "autocomplete.json", "members", `[null,{"name":"filter","type":3,"value":"ital","focused":true}]`},
		{"autocomplete, object typed", "autocomplete.json", "quote", `[{"name":"speaker","type":3,"value":{},"focused":true}]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := counted.count(tt.command)
			id := h.fake.Interact(withOptions(t, tt.file, tt.command, tt.options))
			got := h.fake.WaitReply(id, fakediscord.Callback)
			if tt.file == "autocomplete.json" {
				if got.Type != discordgo.InteractionApplicationCommandAutocompleteResult || len(got.Choices) != 0 {
					t.Errorf("response = type %d, choices %v; want type %d and no choices", got.Type, got.Choices, discordgo.InteractionApplicationCommandAutocompleteResult)
				}
			} else {
				if got.Type != discordgo.InteractionResponseChannelMessageWithSource || got.Flags&discordgo.MessageFlagsEphemeral == 0 {
					t.Errorf("response = type %d, flags %d; want a private message (type 4, ephemeral)", got.Type, got.Flags)
				}
				if text := got.Text(); !strings.Contains(text, "could not read") {
					t.Errorf("answer = %q, want the short error about the options", text)
				}
			}
			if n := counted.count(tt.command) - before; n != 1 {
				t.Errorf("user errors of /%s = %d, want 1", tt.command, n)
			}
		})
	}
	// The bot carries on: a well-formed command after them is answered.
	got := h.fake.WaitReply(h.fake.Interact(slash(t, "ask", "question", "Who represents Italy?")), fakediscord.Callback)
	if !strings.Contains(got.Text(), "Meloni") {
		t.Errorf("answer after the malformed ones = %q, want Meloni", got.Text())
	}
}
