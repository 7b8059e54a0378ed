package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coalitionbot/coalitionbot/internal/fakediscord"
	"github.com/coalitionbot/coalitionbot/internal/fakeopenai"
)

// Secrets the start-up tests configure, which no log line may show.
const (
	testLLMKey      = "sk-test-9f8e7d6c5b4a-never-logged"
	testURLPassword = "url-password-never-logged"
)

// startedRecord is the start-up line's fields.
type startedRecord struct {
	Msg, Mode, Version, LLM, Commands, Addr string
	LLMModel                                string         `json:"llm_model"`
	LLMHost                                 string         `json:"llm_host"`
	Documents                               map[string]int `json:"documents"`
	Passages                                int            `json:"passages"`
	InviteServer                            string         `json:"invite_server"`
	InviteUser                              string         `json:"invite_user"`
}

// startedLine finds the start-up line among JSON log lines.
func startedLine(t *testing.T, logs string) startedRecord {
	t.Helper()
	var found []startedRecord
	for _, line := range strings.Split(logs, "\n") {
		var rec startedRecord
		if json.Unmarshal([]byte(line), &rec) == nil && rec.Msg == "started" {
			found = append(found, rec)
		}
	}
	if len(found) != 1 {
		t.Fatalf("%d start-up lines in the logs, want 1:\n%s", len(found), logs)
	}
	return found[0]
}

// checkStarted checks what both modes' start-up lines say.
func checkStarted(t *testing.T, rec startedRecord, mode, llmHost, appID string) {
	t.Helper()
	if rec.Mode != mode || rec.Version != version || rec.LLM != "on" || rec.LLMModel != "local-model" || rec.LLMHost != llmHost {
		t.Errorf("start-up line = %+v, want mode %s, version %s, the LLM on with its model and host %s", rec, mode, version, llmHost)
	}
	if rec.Documents["article"] == 0 || rec.Documents["london-follow-up"] == 0 || rec.Passages != rec.Documents["article"]+rec.Documents["london-follow-up"] {
		t.Errorf("start-up documents = %v, %d passages; want the article and KNOWLEDGE_DIR's document with their passages", rec.Documents, rec.Passages)
	}
	for _, c := range []string{"members", "quote", "ask", "Ask about this message", "about", "help"} {
		if !strings.Contains(rec.Commands, c) {
			t.Errorf("start-up commands = %q, want %q among them", rec.Commands, c)
		}
	}
	if !strings.Contains(rec.InviteServer, "client_id="+appID) || !strings.Contains(rec.InviteServer, "scope=bot+applications.commands") || !strings.Contains(rec.InviteServer, "permissions=274877991936") ||
		!strings.Contains(rec.InviteUser, "client_id="+appID) || !strings.Contains(rec.InviteUser, "integration_type=1") || strings.Contains(rec.InviteUser, "bot") {
		t.Errorf("invite links = %q, %q; want the server install with the bot's permissions and the user install, for %s", rec.InviteServer, rec.InviteUser, appID)
	}
}

// checkNoSecrets fails if the logs show the LLM key or the password of its
// URL.
func checkNoSecrets(t *testing.T, logs string) {
	t.Helper()
	for _, secret := range []string{testLLMKey, testURLPassword} {
		if strings.Contains(logs, secret) {
			t.Errorf("logs show the secret %q:\n%s", secret, logs)
		}
	}
}

// llmVars configure the LLM with a key, and a password in its URL.
func llmVars(model *fakeopenai.Server) map[string]string {
	return map[string]string{
		"LLM_BASE_URL":  strings.Replace(model.URL, "http://", "http://user:"+testURLPassword+"@", 1),
		"LLM_API_KEY":   testLLMKey,
		"LLM_MODEL":     "local-model",
		"KNOWLEDGE_DIR": "knowledge/testdata/extra",
		"LOG_LEVEL":     "debug",
		"LOG_FORMAT":    "json",
	}
}

func TestServeLogsWhatItRuns(t *testing.T) {
	model := fakeopenai.New(t, fakeopenai.WithRespond(func(fakeopenai.Request) fakeopenai.Reply {
		return fakeopenai.Reply{Text: "It was the third meeting [1]."}
	}))
	vars := llmVars(model)
	vars["DISCORD_APPLICATION_ID"] = "1100000000000000042"
	in := startServe(t, vars)
	// An answer from the model, so its calls log what they log too.
	question := strings.Replace(askJSON, "Who represents Italy?", "What did Starmer do with world leaders in Paris?", 1)
	if status, body := in.post(t, in.key, time.Now(), question, question); status != 200 {
		t.Fatalf("POST /interactions = %d %s", status, body)
	}
	in.discord.WaitEdit("ask-token")
	if err := in.stop(); err != nil {
		t.Fatalf("serve after cancel = %v", err)
	}
	logs := in.log.String()
	rec := startedLine(t, logs)
	checkStarted(t, rec, "serve", strings.TrimPrefix(strings.TrimSuffix(model.URL, "/v1"), "http://"), "1100000000000000042")
	if rec.Addr != in.addr {
		t.Errorf("start-up addr = %q, want %q", rec.Addr, in.addr)
	}
	checkNoSecrets(t, logs)
}

// TestServeWithoutAppIDLogsNoInvite: the links need the application's ID,
// which only DISCORD_APPLICATION_ID gives `serve`.
func TestServeWithoutAppIDLogsNoInvite(t *testing.T) {
	in := startServe(t, nil)
	if err := in.stop(); err != nil {
		t.Fatalf("serve after cancel = %v", err)
	}
	rec := startedLine(t, in.log.String())
	if rec.LLM != "off" || rec.InviteServer != "" || rec.InviteUser != "" {
		t.Errorf("start-up line = %+v, want the LLM off and no invite links", rec)
	}
}

// lineWatch is a stderr that says when a start-up line has been written.
type lineWatch struct {
	mu      sync.Mutex
	buf     bytes.Buffer
	started chan struct{}
	once    sync.Once
}

func (w *lineWatch) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf.Write(p)
	if bytes.Contains(p, []byte(`"msg":"started"`)) {
		w.once.Do(func() { close(w.started) })
	}
	return len(p), nil
}

func (w *lineWatch) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

// The gateway bot logs its start-up line once its commands are
// registered, with the application's ID from READY in the invite links.
func TestBotLogsWhatItRuns(t *testing.T) {
	model := fakeopenai.New(t)
	fake := fakediscord.New(t, fakediscord.Options{})
	vars := llmVars(model)
	vars["DISCORD_TOKEN"] = fake.Token()
	vars["DISCORD_API_URL"] = fake.URL()
	vars["DISCORD_GUILD_ID"] = "1300000000000000001"
	vars["HTTP_ADDR"] = "127.0.0.1:0"
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stderr := &lineWatch{started: make(chan struct{})}
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"coalitionbot", "bot"}, mapEnv(vars), strings.NewReader(""), io.Discard, stderr)
	}()
	select {
	case <-stderr.started:
	case err := <-done:
		t.Fatalf("bot ended before starting: %v\n%s", err, stderr)
	case <-time.After(30 * time.Second):
		t.Fatalf("no start-up line:\n%s", stderr)
	}
	registered := fake.WaitCommands("1300000000000000001")
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("run(bot) after cancel = %v", err)
	}
	logs := stderr.String()
	rec := startedLine(t, logs)
	checkStarted(t, rec, "bot", strings.TrimPrefix(strings.TrimSuffix(model.URL, "/v1"), "http://"), fakediscord.AppID)
	if n := strings.Count(rec.Commands, ", ") + 1; n != len(registered) {
		t.Errorf("start-up commands = %q, want the %d registered", rec.Commands, len(registered))
	}
	checkNoSecrets(t, logs)
	if strings.Contains(logs, fake.Token()) {
		t.Errorf("logs show the bot token")
	}
}
