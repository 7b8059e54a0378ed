package bot

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/coalitionbot/coalitionbot/answer"
	"github.com/coalitionbot/coalitionbot/commands"
	"github.com/coalitionbot/coalitionbot/internal/fakediscord"
)

func TestPanicAnsweredWithApology(t *testing.T) {
	boom := commands.Command{
		Name: "boom", Description: "Always panics",
		Handle: func(context.Context, commands.Request) (commands.Response, error) {
			var m map[string]int
			m["x"]++ // a nil map write, as a real bug would
			return commands.Response{}, nil
		},
	}
	boomAsk := boom
	boomAsk.Name = "ask"
	h := startBot(t, withCommand(withCommand(realTable(t), boom), boomAsk))

	id := h.fake.Interact(slash(t, "boom"))
	got := h.fake.WaitReply(id, fakediscord.Callback)
	if got.Content != english().text(answer.MsgApology) || got.Flags&discordgo.MessageFlagsEphemeral == 0 {
		t.Errorf("answer to a panic = %q (flags %d), want the apology, ephemeral", got.Content, got.Flags)
	}
	h.logs.wait(t, "answer failed", map[string]string{"command": "boom", "user_id": testUser, "stack": "faults_e2e_test.go"})

	msg := h.fake.Post(message(t, "message.json", mentionBot+" anything", nil))
	if got := h.fake.WaitReplyTo(msg); got.Content != english().text(answer.MsgApology) {
		t.Errorf("reply after a panic = %q, want the apology", got.Content)
	}

	// The bot carries on.
	id = h.fake.Interact(slash(t, "about"))
	if got := h.fake.WaitReply(id, fakediscord.Callback); !strings.Contains(got.Text(), "About coalition bot") {
		t.Errorf("answer after a panic = %q, want /about", got.Text())
	}
}

func TestSlowAnswerDeferredThenShownAsItGrows(t *testing.T) {
	progressShown := make(chan struct{})
	slow := commands.Command{
		Name: "slow", Description: "Writes its answer slowly", Slow: true,
		Handle: func(ctx context.Context, req commands.Request) (commands.Response, error) {
			req.Progress("The first half")
			<-progressShown
			return commands.Response{Text: "The first half, and the rest."}, nil
		},
	}
	h := startBot(t, withCommand(realTable(t), slow))
	id := h.fake.Interact(slash(t, "slow"))
	if got := h.fake.WaitReply(id, fakediscord.Callback); got.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource {
		t.Fatalf("first response type = %d, want a deferral", got.Type)
	}
	h.fake.WaitSent("progress edit", func(s fakediscord.Sent) bool {
		return s.InteractionID == id && s.Kind == fakediscord.Edit && strings.Contains(s.Text(), "The first half")
	})
	close(progressShown)
	final := h.fake.WaitSent("final edit", func(s fakediscord.Sent) bool {
		return s.InteractionID == id && strings.Contains(s.Text(), "and the rest")
	})
	replies := h.fake.Replies(id)
	if last := replies[len(replies)-1]; last.Text() != final.Text() {
		t.Errorf("last edit = %q, want the final answer %q", last.Text(), final.Text())
	}
	if n := countKind(replies, fakediscord.Callback); n != 1 {
		t.Errorf("%d first responses, want 1", n)
	}
}

func TestLateAnswerDeferredInTime(t *testing.T) {
	deferred := make(chan struct{})
	late := commands.Command{
		Name: "late", Description: "Usually fast, this time not",
		Handle: func(ctx context.Context, req commands.Request) (commands.Response, error) {
			<-deferred
			return commands.Response{Text: "Worth the wait."}, nil
		},
	}
	h := startBot(t, withCommand(realTable(t), late), func(o *Options) { o.deferAfter = 1 })
	id := h.fake.Interact(slash(t, "late", "private", true))
	first := h.fake.WaitReply(id, fakediscord.Callback)
	if first.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource || first.Flags&discordgo.MessageFlagsEphemeral == 0 {
		t.Errorf("first response = type %d, flags %d; want an ephemeral deferral", first.Type, first.Flags)
	}
	close(deferred)
	if got := h.fake.WaitReply(id, fakediscord.Edit); got.Text() != "\nWorth the wait." {
		t.Errorf("edit = %q, want the answer", got.Text())
	}
}

func TestResumesAfterConnectionLoss(t *testing.T) {
	tests := []struct {
		name string
		cut  func(*fakediscord.Server)
	}{
		{"connection dropped", (*fakediscord.Server).Drop},
		{"closed with a retryable code", func(f *fakediscord.Server) { f.CloseWith(4000, "Unknown error.") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := startBot(t, realTable(t))
			tt.cut(h.fake)
			h.fake.WaitResumed(1)
			id := h.fake.Interact(slash(t, "ask", "question", "Who represents Italy?"))
			if got := h.fake.WaitReply(id, fakediscord.Callback); !strings.Contains(got.Text(), "Giorgia Meloni") {
				t.Errorf("answer after resuming = %q, want Meloni", got.Text())
			}
			if n := len(h.fake.Identifies()); n != 1 {
				t.Errorf("%d IDENTIFYs, want 1: the session should resume", n)
			}
		})
	}
}

func TestFatalCloseCodesEndTheRun(t *testing.T) {
	tests := []struct {
		code int
		want string
	}{
		{4004, "DISCORD_TOKEN"},
		{4010, "SHARD_ID"},
		{4011, "SHARD_COUNT"},
		{4012, "discordgo"},
		{4013, "bug"},
		{4014, "Privileged Gateway Intents"},
	}
	for _, tt := range tests {
		t.Run(itoa(tt.code), func(t *testing.T) {
			t.Parallel()
			h := startBot(t, realTable(t))
			h.fake.CloseWith(tt.code, "fatal")
			err := h.result(t)
			var fe *fatalError
			if !errors.As(err, &fe) || !strings.Contains(err.Error(), itoa(tt.code)) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Run() = %v, want a fatal error naming code %d and %q", err, tt.code, tt.want)
			}
			h.fake.WaitNoConnection()
		})
	}
}

func TestRejectedTokenEndsTheRunWithoutRetrying(t *testing.T) {
	fake := fakediscord.New(t, fakediscord.Options{Token: "the-real-token"})
	h := launch(t, fake, realTable(t), func(o *Options) { o.Token = "a-revoked-token" })
	err := h.result(t)
	if err == nil || !strings.Contains(err.Error(), "DISCORD_TOKEN was rejected") {
		t.Errorf("Run() = %v, want DISCORD_TOKEN was rejected", err)
	}
	if n := len(fake.Identifies()); n != 1 {
		t.Errorf("%d IDENTIFYs, want 1: a rejected token must not be retried", n)
	}
}

func TestShutdownFinishesAnswersUnderWay(t *testing.T) {
	release := make(chan struct{})
	wait := commands.Command{
		Name: "wait", Description: "Answers when released", Slow: true,
		Handle: func(ctx context.Context, req commands.Request) (commands.Response, error) {
			<-release
			return commands.Response{Text: "Finished despite the shutdown."}, nil
		},
	}
	h := startBot(t, withCommand(realTable(t), wait))
	id := h.fake.Interact(slash(t, "wait"))
	h.fake.WaitReply(id, fakediscord.Callback)

	h.cancel()
	h.logs.wait(t, "shutting down: taking no new questions, finishing answers under way", nil)
	late := h.fake.Interact(slash(t, "about"))
	close(release)

	if got := h.fake.WaitReply(id, fakediscord.Edit); !strings.Contains(got.Text(), "Finished despite the shutdown.") {
		t.Errorf("answer under way = %q, want it finished", got.Text())
	}
	if err := h.result(t); err != nil {
		t.Errorf("Run() = %v, want nil after a shutdown", err)
	}
	if got := h.fake.Replies(late); len(got) != 0 {
		t.Errorf("interaction after shutdown answered with %v, want no answer", got)
	}
	h.fake.WaitNoConnection()
}
