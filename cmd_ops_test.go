package main

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/coalitionbot/coalitionbot/internal/fakediscord"
)

// serveBot runs `bot` against fake in its development guild, with JSON logs
// and health and metrics on a free port, and returns that port's address.
// The bot is stopped when the test ends, and must stop without an error.
func serveBot(t *testing.T, fake *fakediscord.Server) (addr string) {
	t.Helper()
	env := map[string]string{
		"DISCORD_TOKEN":    fake.Token(),
		"DISCORD_API_URL":  fake.URL(),
		"DISCORD_GUILD_ID": "1300000000000000001",
		"HTTP_ADDR":        "127.0.0.1:0",
		"LOG_FORMAT":       "json",
	}
	log := &logWatch{addr: make(chan string, 1)}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"coalitionbot", "bot"}, mapEnv(env), strings.NewReader(""), io.Discard, log)
	}()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("run(bot) after cancel = %v, want nil", err)
		}
	})
	select {
	case addr = <-log.addr:
	case err := <-done:
		t.Fatalf("bot ended before serving health and metrics: %v\n%s", err, log)
	}
	return addr
}

// TestBotServesHealthAndMetrics runs the gateway bot against the fake
// Discord and checks what its container and Prometheus see on HTTP_ADDR.
func TestBotServesHealthAndMetrics(t *testing.T) {
	fake := fakediscord.New(t, fakediscord.Options{})
	addr := serveBot(t, fake)

	// Healthy once connected: READY received and a heartbeat acknowledged.
	fake.WaitCommands("1300000000000000001")
	var err error
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if _, _, err = runCLI(t, "", map[string]string{"HTTP_ADDR": addr}, "healthcheck"); err == nil {
			break
		}
	}
	if err != nil {
		t.Errorf("healthcheck against the connected gateway bot = %v, want exit 0", err)
	}
	fake.WaitReply(fake.Interact([]byte(askInteraction)), fakediscord.Callback)
	_, metrics := do(t, mustRequest(t, http.MethodGet, "http://"+addr+"/metrics"))
	for _, want := range []string{
		`coalitionbot_interactions_total{command="ask",route="curated"} 1`,
		`coalitionbot_answer_duration_seconds_count{command="ask",route="curated"} 1`,
		`coalitionbot_build_info{version="dev"} 1`,
	} {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}
