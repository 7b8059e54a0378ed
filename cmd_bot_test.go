package main

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/coalitionbot/coalitionbot/internal/fakediscord"
)

// askInteraction is /ask as Discord sends it over the gateway.
const askInteraction = `{"type": 2, "guild_id": "1300000000000000001", "channel_id": "1300000000000000002",
 "member": {"user": {"id": "1300000000000000010", "username": "olena", "discriminator": "0"}, "roles": [], "permissions": "2248473465835073"},
 "locale": "en-GB", "data": {"id": "1300000000000000100", "name": "ask", "type": 1,
 "options": [{"name": "question", "type": 3, "value": "Who represents Italy?"}]}}`

func TestBotAnswersLikeAsk(t *testing.T) {
	const question = "Who represents Italy?"
	want := askLine(t, question)
	fake := fakediscord.New(t, fakediscord.Options{})
	env := map[string]string{
		"DISCORD_TOKEN":    fake.Token(),
		"DISCORD_API_URL":  fake.URL(),
		"DISCORD_GUILD_ID": "1300000000000000001",
		"HTTP_ADDR":        "127.0.0.1:0",
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stdout, stderr bytes.Buffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"coalitionbot", "bot"}, mapEnv(env), strings.NewReader(""), &stdout, &stderr)
	}()

	if got := len(fake.WaitCommands("1300000000000000001")); got != 6 {
		t.Errorf("registered %d commands, want 6", got)
	}
	id := fake.Interact([]byte(askInteraction))
	reply := fake.WaitReply(id, fakediscord.Callback)
	answer := reply.Embeds[0].Description
	if answer != want.Answer {
		t.Errorf("bot answered %q, want what `ask --json` answers to %q: %q", answer, question, want.Answer)
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("run(bot) after cancel = %v, want nil", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("run(bot) did not return after cancel")
	}
	if strings.Contains(stderr.String(), fake.Token()) {
		t.Errorf("logs contain the token: %s", stderr.String())
	}
}

// TestNothingLogsAfterRun stops the bot and then has discordgo log, as its
// heartbeat goroutine does when it outlives the session's Close (it writes
// to the closed connection and logs the error): once run has returned,
// nothing may reach its stderr, which the caller owns again.
func TestNothingLogsAfterRun(t *testing.T) {
	fake := fakediscord.New(t, fakediscord.Options{})
	env := map[string]string{
		"DISCORD_TOKEN":    fake.Token(),
		"DISCORD_API_URL":  fake.URL(),
		"DISCORD_GUILD_ID": "1300000000000000001",
		"HTTP_ADDR":        "127.0.0.1:0",
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stderr bytes.Buffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"coalitionbot", "bot"}, mapEnv(env), strings.NewReader(""), io.Discard, &stderr)
	}()
	fake.WaitCommands("1300000000000000001")
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("run(bot) after cancel = %v, want nil", err)
	}
	if discordgo.Logger == nil {
		t.Fatal("discordgo.Logger is not set: discordgo's lines would bypass the bot's logger")
	}
	before := stderr.String()
	discordgo.Logger(discordgo.LogError, 1, "error sending heartbeat to gateway %s, %s", "ws://gateway", "late")
	if after := stderr.String(); after != before {
		t.Errorf("after run returned, stderr got %q", strings.TrimPrefix(after, before))
	}
}

func TestBotConfigErrors(t *testing.T) {
	fake := fakediscord.New(t, fakediscord.Options{Token: "the-real-token"})
	tests := []struct {
		name     string
		env      map[string]string
		args     []string
		wantCode int
		want     []string
	}{
		{"no token", nil, []string{"bot"}, 2, []string{"DISCORD_TOKEN", "`coalitionbot ask"}},
		{"arguments", map[string]string{"DISCORD_TOKEN": "a-secret-token"}, []string{"bot", "now"}, 2, []string{"no arguments"}},
		{"rejected token", map[string]string{"DISCORD_TOKEN": "a-revoked-token", "DISCORD_API_URL": fake.URL(), "HTTP_ADDR": "127.0.0.1:0"}, []string{"bot"}, 1,
			[]string{"DISCORD_TOKEN was rejected", "Reset Token"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, stderr, err := runCLI(t, "", tt.env, tt.args...)
			if err == nil {
				t.Fatalf("run(%v) error = nil, want one", tt.args)
			}
			if code := exitCode(err); code != tt.wantCode {
				t.Errorf("exit code = %d, want %d (err %v)", code, tt.wantCode, err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error = %q, want it to contain %q", err, w)
				}
			}
			if tt.env != nil && tt.env["DISCORD_TOKEN"] != "" && strings.Contains(stderr+err.Error(), tt.env["DISCORD_TOKEN"]) {
				t.Errorf("output names the token: %s %v", stderr, err)
			}
		})
	}
	if n := len(fake.Identifies()); n != 1 {
		t.Errorf("%d IDENTIFYs for the rejected token, want 1 (no retry loop)", n)
	}
}
