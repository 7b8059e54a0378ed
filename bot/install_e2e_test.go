package bot

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/coalitionbot/coalitionbot/answer"
	"github.com/coalitionbot/coalitionbot/commands"
	"github.com/coalitionbot/coalitionbot/internal/fakediscord"
)

// foreignGuild is a server the bot is not in, where installUser, who
// installed the bot to their account, uses it.
const (
	foreignGuild = "1300000000000000900"
	installUser  = "1300000000000000012"
)

// messageCommand is "Ask about this message" used on a message whose text
// is content, as Discord sends it: the message comes with the interaction.
func messageCommand(t testing.TB, content string, edit func(map[string]any)) []byte {
	t.Helper()
	return payload(t, "message_command.json", func(m map[string]any) {
		data := m["data"].(map[string]any)
		target := data["resolved"].(map[string]any)["messages"].(map[string]any)[data["target_id"].(string)].(map[string]any)
		target["content"] = content
		if edit != nil {
			edit(m)
		}
	})
}

// userInstalled turns an interaction in the test guild into one from a
// server the bot is not in, reached through the user's own install:
// Discord sends the user, and no member.
func userInstalled(m map[string]any) {
	delete(m, "member")
	m["guild_id"] = foreignGuild
	m["user"] = map[string]any{"id": installUser, "username": "mykola", "global_name": "Mykola", "discriminator": "0"}
	m["authorizing_integration_owners"] = map[string]any{"1": installUser}
	delete(m["data"].(map[string]any), "guild_id")
}

// inDM turns an interaction into one in a DM with the bot (context 1).
func inDM(m map[string]any) {
	userInstalled(m)
	delete(m, "guild_id")
	m["channel_id"] = dmChannel
	m["context"] = 1
}

// Every command is registered for both installs (a server, a user's
// account) and every context (servers, DMs with the bot, other private
// channels), and the message command as one, without a description.
func TestCommandsInstallableAnywhere(t *testing.T) {
	fake := fakediscord.New(t, fakediscord.Options{})
	table := realTable(t)
	launch(t, fake, table, func(o *Options) { o.GuildID = "" })
	registered := fake.WaitCommands("")
	if len(registered) != len(table) {
		t.Fatalf("%d commands registered, want %d", len(registered), len(table))
	}
	for _, c := range registered {
		if c.IntegrationTypes == nil || !slices.Equal(*c.IntegrationTypes, []discordgo.ApplicationIntegrationType{0, 1}) {
			t.Errorf("%q integration_types = %v, want [0 1]", c.Name, c.IntegrationTypes)
		}
		if c.Contexts == nil || !slices.Equal(*c.Contexts, []discordgo.InteractionContextType{0, 1, 2}) {
			t.Errorf("%q contexts = %v, want [0 1 2]", c.Name, c.Contexts)
		}
		want := discordgo.ChatApplicationCommand
		if c.Name == commands.AskMessage {
			want = discordgo.MessageApplicationCommand
			if c.Description != "" || (*c.NameLocalizations)[discordgo.French] != "Question sur ce message" {
				t.Errorf("%q description %q, names %v; want none, and its French name", c.Name, c.Description, *c.NameLocalizations)
			}
		}
		if c.Type != want {
			t.Errorf("%q type = %d, want %d", c.Name, c.Type, want)
		}
	}
}

// The message's own text is the question, answered only to the asker,
// also where the bot is not a member: in a server where the user
// installed it, and in DMs.
func TestAskAboutMessage(t *testing.T) {
	h := startBot(t, realTable(t))
	tests := []struct {
		name    string
		payload []byte
		want    string
	}{
		{"in a server", messageCommand(t, "Who represents Italy?", nil), "Giorgia Meloni"},
		{"with mentions in it", messageCommand(t, "<@1300000000000000011> @everyone who represents Italy?", nil), "Giorgia Meloni"},
		{"in the user's language", messageCommand(t, "Qui représente l'Italie ?", func(m map[string]any) { m["locale"] = "fr" }), "Italie"},
		{"in a server the bot is not in", messageCommand(t, "Who leads the coalition?", userInstalled), "Starmer"},
		{"in a DM", messageCommand(t, "Who leads the coalition?", inDM), "Starmer"},
		{"a message with no text", messageCommand(t, "", nil), "That message has no text for me to read"},
		{"a message with no text, in French", messageCommand(t, " ", func(m map[string]any) { m["locale"] = "fr" }), "Ce message n'a pas de texte"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id := h.fake.Interact(tt.payload)
			got := h.fake.WaitReply(id, fakediscord.Callback)
			if got.Type != discordgo.InteractionResponseChannelMessageWithSource || got.Flags&discordgo.MessageFlagsEphemeral == 0 {
				t.Errorf("response type %d, flags %d; want a message only the asker sees", got.Type, got.Flags)
			}
			if !strings.Contains(got.Text(), tt.want) {
				t.Errorf("answer = %q, want it to contain %q", got.Text(), tt.want)
			}
		})
	}
	// Who asked is the user Discord names, with or without a member.
	for _, user := range []string{testUser, installUser} {
		h.logs.wait(t, "answered", map[string]string{"command": commands.AskMessage, "user_id": user, "route": "curated"})
	}
}

// A slow answer to a message command is deferred privately, so even
// "thinking…" shows only to the asker, and then edited in.
func TestAskAboutMessageDefersPrivately(t *testing.T) {
	release := make(chan struct{})
	slow := commands.Command{
		Name: commands.AskMessage, Kind: commands.MessageMenu, Private: true, Slow: true,
		Handle: func(ctx context.Context, req commands.Request) (commands.Response, error) {
			<-release
			return commands.Response{Text: "About: " + req.Target, Private: true}, nil
		},
	}
	h := startBot(t, withCommand(realTable(t), slow))
	id := h.fake.Interact(messageCommand(t, "Who leads the coalition?", userInstalled))
	first := h.fake.WaitReply(id, fakediscord.Callback)
	close(release)
	if first.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource || first.Flags&discordgo.MessageFlagsEphemeral == 0 {
		t.Errorf("first response type %d, flags %d; want a private deferral", first.Type, first.Flags)
	}
	if got := h.fake.WaitReply(id, fakediscord.Edit); !strings.Contains(got.Text(), "About: Who leads the coalition?") {
		t.Errorf("edit = %q, want the answer about the message's text", got.Text())
	}
}

// The operator's channels, roles and DMs: outside them a command gets a
// short private explanation in the user's language, an autocompletion
// nothing, and a mention or DM no answer at all.
func TestAccess(t *testing.T) {
	msgs, err := answer.LoadMessages()
	if err != nil {
		t.Fatal(err)
	}
	const otherChannel = "1300000000000000003"
	h := startBot(t, realTable(t), func(o *Options) {
		o.Access = NewAccess([]string{testChannel}, []string{testRole}, false, msgs)
	})
	elsewhere := func(m map[string]any) { m["channel_id"] = otherChannel }
	noRole := func(m map[string]any) { m["member"].(map[string]any)["roles"] = []any{} }
	notHere := func(id answer.MessageID, lang string) string { return msgs.Text(lang, id, nil) }
	commandTests := []struct {
		name    string
		payload []byte
		want    string // "" when answered
	}{
		{"allowed channel and role", payload(t, "command.json", nil), ""},
		{"another channel", payload(t, "command.json", elsewhere), notHere(answer.MsgNotHereChannel, "en")},
		{"another channel, in German", payload(t, "command.json", func(m map[string]any) { elsewhere(m); m["locale"] = "de" }), notHere(answer.MsgNotHereChannel, "de")},
		{"without the role", payload(t, "command.json", noRole), notHere(answer.MsgNotHereRole, "en")},
		{"a DM", payload(t, "command.json", inDM), notHere(answer.MsgNotHereDM, "en")},
		// Discord sends no roles from a server the bot is not in.
		{"user install in another server", payload(t, "command.json", userInstalled), notHere(answer.MsgNotHereRole, "en")},
		{"message command in another channel", messageCommand(t, "Who represents Italy?", elsewhere), notHere(answer.MsgNotHereChannel, "en")},
		{"message command where allowed", messageCommand(t, "Who represents Italy?", nil), ""},
	}
	for _, tt := range commandTests {
		t.Run(tt.name, func(t *testing.T) {
			got := h.fake.WaitReply(h.fake.Interact(tt.payload), fakediscord.Callback)
			if tt.want == "" {
				if len(got.Embeds) == 0 {
					t.Errorf("reply = %q, want an answer", got.Text())
				}
				return
			}
			if got.Content != tt.want || got.Flags&discordgo.MessageFlagsEphemeral == 0 {
				t.Errorf("reply = %q (flags %d), want %q, private", got.Content, got.Flags, tt.want)
			}
		})
	}
	t.Run("autocomplete in another channel", func(t *testing.T) {
		got := h.fake.WaitReply(h.fake.Interact(payload(t, "autocomplete.json", elsewhere)), fakediscord.Callback)
		if len(got.Choices) != 0 {
			t.Errorf("choices = %v, want none", got.Choices)
		}
	})
	withRole := func(m map[string]any) { m["member"].(map[string]any)["roles"] = []any{testRole} }
	t.Run("mention where allowed", func(t *testing.T) {
		id := h.fake.Post(message(t, "message.json", mentionBot+" who represents Italy?", withRole))
		if got := h.fake.WaitReplyTo(id); !strings.Contains(got.Text(), "Giorgia Meloni") {
			t.Errorf("reply = %q, want the answer", got.Text())
		}
	})
	ignored := []struct {
		name, reason string
		payload      []byte
	}{
		{"mention in another channel", "channel", message(t, "message.json", mentionBot+" who represents Italy?", func(m map[string]any) { withRole(m); elsewhere(m) })},
		{"mention without the role", "role", message(t, "message.json", mentionBot+" who represents Italy?", nil)},
		{"DM", "dm", message(t, "message_dm.json", "Who represents Italy?", nil)},
	}
	for _, tt := range ignored {
		t.Run(tt.name, func(t *testing.T) {
			id := h.fake.Post(tt.payload)
			h.logs.wait(t, "message not answered here", map[string]string{"message_id": id, "reason": tt.reason})
			for _, s := range h.fake.Sent() {
				if s.Reference != nil && s.Reference.MessageID == id {
					t.Errorf("bot replied %q to message %s, want no reply", s.Text(), id)
				}
			}
		})
	}
}
