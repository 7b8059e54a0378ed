package bot

import (
	"context"
	"strings"
	"testing"

	"github.com/coalitionbot/coalitionbot/commands"
	"github.com/coalitionbot/coalitionbot/internal/fakediscord"
)

func TestMentionsAndDMsAnsweredAsReplies(t *testing.T) {
	h := startBot(t, realTable(t))
	tests := []struct {
		name    string
		payload []byte
		channel string
		want    string
	}{
		{"mention in a channel", message(t, "message.json", mentionBot+" who represents Italy?", nil), testChannel, "Giorgia Meloni"},
		{"nickname mention", message(t, "message.json", "<@!"+fakediscord.BotID+"> who leads the coalition?", nil), testChannel, "Starmer"},
		{"direct message", message(t, "message_dm.json", "Who represents Italy?", nil), dmChannel, "Giorgia Meloni"},
		{"mention with @everyone and a role", message(t, "message.json", "@everyone <@&"+testRole+"> "+mentionBot+" who represents Italy?", nil), testChannel, "Giorgia Meloni"},
		{"mention without a question", message(t, "message.json", mentionBot, nil), testChannel, "mention me with your question"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id := h.fake.Post(tt.payload)
			got := h.fake.WaitReplyTo(id)
			if got.ChannelID != tt.channel {
				t.Errorf("reply in channel %s, want %s", got.ChannelID, tt.channel)
			}
			if !strings.Contains(got.Text(), tt.want) {
				t.Errorf("reply = %q, want it to contain %q", got.Text(), tt.want)
			}
			// The fake checks parse is []; the reply must not ping the
			// asker either.
			if am := string(got.AllowedMentions); am != `{"parse":[],"replied_user":false}` {
				t.Errorf("allowed_mentions = %s, want parse [] and replied_user false", am)
			}
		})
	}
}

func TestMessagesNotForTheBotIgnored(t *testing.T) {
	h := startBot(t, realTable(t))
	bot := func(m map[string]any) {
		m["author"] = map[string]any{"id": "1300000000000000099", "username": "otherbot", "discriminator": "0", "bot": true}
	}
	tests := []struct {
		name    string
		payload []byte
	}{
		{"another bot mentioning it", message(t, "message.json", mentionBot+" who represents Italy?", bot)},
		{"another bot in DMs", message(t, "message_dm.json", "Who represents Italy?", bot)},
		{"people talking among themselves", message(t, "message.json", "who represents Italy?", nil)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id := h.fake.Post(tt.payload)
			// The bot says when it has decided; then nothing may follow.
			h.logs.wait(t, "message not for the bot", map[string]string{"message_id": id})
			for _, s := range h.fake.Sent() {
				if s.Reference != nil && s.Reference.MessageID == id {
					t.Errorf("bot replied %q to message %s, want no reply", s.Text(), id)
				}
			}
		})
	}
}

func TestFollowUpCarriesTheConversation(t *testing.T) {
	h := startBot(t, realTable(t))
	first := h.fake.Post(message(t, "message.json", mentionBot+" What did Zelensky say?", nil))
	answer := h.fake.WaitReplyTo(first)
	// A reply to the bot's answer, pinging it as Discord's client does by
	// default; the fake delivers the answer with it but not the question
	// the answer replied to, which the bot fetches.
	next := h.fake.Post(message(t, "message.json", "And Macron?", func(m map[string]any) {
		m["message_reference"] = map[string]any{"message_id": answer.MessageID, "channel_id": testChannel, "guild_id": testGuild}
	}))
	got := h.fake.WaitReplyTo(next)
	// Alone, "And Macron?" describes Macron; after "What did Zelensky
	// say?" it asks for his words.
	if want := "If there was again a generalised aggression"; !strings.Contains(got.Text(), want) {
		t.Errorf("follow-up answer = %q, want it to contain %q", got.Text(), want)
	}
}

func TestTypingShownWhileAnswerIsSlow(t *testing.T) {
	release := make(chan struct{})
	slowAsk := commands.Command{
		Name: "ask", Description: "Ask a question",
		Handle: func(ctx context.Context, req commands.Request) (commands.Response, error) {
			<-release
			return commands.Response{Text: "Slow answer to " + req.Options["question"]}, nil
		},
	}
	h := startBot(t, withCommand(realTable(t), slowAsk))
	id := h.fake.Post(message(t, "message_dm.json", "Who leads the coalition?", nil))
	h.fake.WaitTyping(dmChannel)
	close(release)
	if got := h.fake.WaitReplyTo(id); !strings.Contains(got.Text(), "Slow answer to Who leads the coalition?") {
		t.Errorf("reply = %q, want the slow answer", got.Text())
	}
}
