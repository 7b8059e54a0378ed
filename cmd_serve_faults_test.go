package main

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/coalitionbot/coalitionbot/internal/fakeopenai"
)

// llmQuestion is /ask with a question the curated data cannot answer, so
// that serve defers it and completes it with a webhook edit.
var llmQuestion = strings.Replace(askJSON, "Who represents Italy?", "What did Starmer do with world leaders in Paris?", 1)

// startServeWithModel runs serve with a fake model that always answers.
func startServeWithModel(t *testing.T) *instance {
	t.Helper()
	model := fakeopenai.New(t, fakeopenai.WithRespond(func(fakeopenai.Request) fakeopenai.Reply {
		return fakeopenai.Reply{Text: "It was the third meeting [1]."}
	}))
	return startServe(t, map[string]string{"LLM_BASE_URL": model.URL, "LLM_MODEL": "local"})
}

// TestServeRateLimitedEditsBounded has Discord answer every webhook edit
// with 429: serve's edits go through the same guard as the gateway bot's,
// so they are retried a bounded number of times and counted as invalid
// requests, where discordgo alone retried forever.
func TestServeRateLimitedEditsBounded(t *testing.T) {
	in := startServeWithModel(t)
	in.discord.RateLimit(50 * time.Millisecond)
	if status, body := in.post(t, in.key, time.Now(), llmQuestion, llmQuestion); status != 200 || !strings.HasPrefix(body, `{"type":5`) {
		t.Fatalf("POST /interactions = %d %s, want a deferral", status, body)
	}
	waitFor(t, "three edit attempts", func() bool { return in.discord.Attempts() >= 3 })
	_, metrics := do(t, mustRequest(t, http.MethodGet, "http://"+in.addr+"/metrics"))
	if !strings.Contains(metrics, `coalitionbot_discord_invalid_requests_total{status="429"}`) {
		t.Errorf("/metrics lacks coalitionbot_discord_invalid_requests_total{status=\"429\"}")
	}
	if err := in.stop(); err != nil {
		t.Fatalf("serve after cancel = %v", err)
	}
	time.Sleep(500 * time.Millisecond) // what an unbounded retry would still send
	if n := in.discord.Attempts(); n > maxEditAttempts {
		t.Errorf("%d edit attempts, want at most %d", n, maxEditAttempts)
	}
}

// maxEditAttempts bounds the edits of one answer against a Discord that
// rate-limits them all: the bot's 4 attempts at its final edit, each
// retried 3 times in all by the REST guard.
const maxEditAttempts = 4 * 3

// waitFor polls cond until it holds, failing the test after 15 s.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
