package fakediscord

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
)

// The fake refuses what Discord refuses in a registration: message
// commands with a description or options or a bad name, slash commands
// named like message commands, and installs or contexts Discord does not
// know. A message command may share a slash command's name.
func TestCheckCommands(t *testing.T) {
	tests := []struct {
		name, body, want string // want: "" when accepted
	}{
		{"slash and message commands", `[{"type":1,"name":"ask","description":"Ask","integration_types":[0,1],"contexts":[0,1,2]},
			{"type":3,"name":"Ask about this message","integration_types":[0,1],"contexts":[0,1,2]},{"type":3,"name":"ask"}]`, ""},
		{"message command with a description", `[{"type":3,"name":"Ask about this","description":"Ask"}]`, "description must be empty"},
		{"message command with options", `[{"type":3,"name":"Ask","options":[{"type":3,"name":"q","description":"q"}]}]`, "take no options"},
		{"message command name too long", `[{"type":3,"name":"` + strings.Repeat("a", 33) + `"}]`, "menu command name"},
		{"message command localized with a space at the end", `[{"type":3,"name":"Ask","name_localizations":{"fr":"Demander "}}]`, "fr name"},
		{"slash command with capitals", `[{"type":1,"name":"Ask about","description":"Ask"}]`, "command name"},
		{"unknown install", `[{"type":1,"name":"ask","description":"Ask","integration_types":[2]}]`, "integration type 2"},
		{"unknown context", `[{"type":1,"name":"ask","description":"Ask","contexts":[3]}]`, "context 3"},
		{"twice of one type", `[{"type":3,"name":"Ask"},{"type":3,"name":"Ask"}]`, "defined twice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var cmds []*discordgo.ApplicationCommand
			if err := json.Unmarshal([]byte(tt.body), &cmds); err != nil {
				t.Fatal(err)
			}
			got := strings.Join(checkCommands(cmds), "; ")
			if (tt.want == "") != (got == "") || !strings.Contains(got, tt.want) {
				t.Errorf("checkCommands(%s) = %q, want %q", tt.body, got, tt.want)
			}
		})
	}
}
