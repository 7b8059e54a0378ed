package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"io"
	"maps"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/coalitionbot/coalitionbot/internal/fakeopenai"
	"github.com/coalitionbot/coalitionbot/internal/fakewebhooks"
)

// logWatch is a stderr that hands over the address serve, or the gateway
// bot's health and metrics server, logs once listening, so tests can use
// port 0.
type logWatch struct {
	mu   sync.Mutex
	buf  bytes.Buffer
	addr chan string
}

func (w *logWatch) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf.Write(p)
	for _, line := range strings.Split(string(p), "\n") {
		var rec struct{ Addr string }
		if json.Unmarshal([]byte(line), &rec) == nil && rec.Addr != "" {
			select {
			case w.addr <- rec.Addr:
			default:
			}
		}
	}
	return len(p), nil
}

func (w *logWatch) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

// instance is `serve` running in the test, with its key and fake Discord.
type instance struct {
	addr    string
	key     ed25519.PrivateKey
	discord *fakewebhooks.Server
	log     *logWatch
	stop    func() error // cancels serve and returns what run returned
}

// startServe runs serve with a fresh key pair, the fake Discord and extra
// variables.
func startServe(t *testing.T, extra map[string]string) *instance {
	t.Helper()
	pub, key, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatalf("generate key: %v", err)
	}
	discord := fakewebhooks.New(t)
	vars := map[string]string{
		"DISCORD_PUBLIC_KEY": hex.EncodeToString(pub),
		"DISCORD_API_URL":    discord.URL(),
		"HTTP_ADDR":          "127.0.0.1:0",
		"LOG_FORMAT":         "json",
	}
	maps.Copy(vars, extra)
	log := &logWatch{addr: make(chan string, 1)}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"coalitionbot", "serve"}, mapEnv(vars), strings.NewReader(""), io.Discard, log)
	}()
	var addr string
	select {
	case addr = <-log.addr:
	case err := <-done:
		cancel()
		t.Fatalf("serve ended before listening: %v\n%s", err, log)
	}
	inst := &instance{addr: addr, key: key, discord: discord, log: log}
	var once sync.Once
	var runErr error
	inst.stop = func() error {
		once.Do(func() { cancel(); runErr = <-done })
		return runErr
	}
	t.Cleanup(func() { inst.stop() })
	return inst
}

// post sends sent to serve with Discord's headers for signed, signed by
// key at time at; sent differs from signed only to test tampering.
func (in *instance) post(t *testing.T, key ed25519.PrivateKey, at time.Time, signed, sent string) (int, string) {
	t.Helper()
	ts := strconv.FormatInt(at.Unix(), 10)
	req, err := http.NewRequest(http.MethodPost, "http://"+in.addr+"/interactions", strings.NewReader(sent))
	if err != nil {
		t.Fatalf("new request: %v", err)
	}
	req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(key, []byte(ts+signed))))
	req.Header.Set("X-Signature-Timestamp", ts)
	req.Header.Set("Content-Type", "application/json")
	return do(t, req)
}

func do(t *testing.T, req *http.Request) (int, string) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", req.Method, req.URL.Path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, strings.TrimSpace(string(b))
}

const (
	pingJSON = `{"id":"1","application_id":"20","type":1,"token":"ping-token","version":1}`
	askJSON  = `{"id":"2","application_id":"20","type":2,"token":"ask-token","version":1,` +
		`"member":{"user":{"id":"42","username":"ada"}},` +
		`"data":{"id":"3","name":"ask","type":1,"options":[{"name":"question","type":3,"value":"Who represents Italy?"}]}}`
)

// quoteAutocompleteJSON is a user typing "macr" into /quote's speaker.
const quoteAutocompleteJSON = `{"id":"4","application_id":"20","type":4,"token":"complete-token","version":1,` +
	`"user":{"id":"42","username":"ada"},` +
	`"data":{"id":"5","name":"quote","type":1,"options":[{"name":"speaker","type":3,"value":"macr","focused":true}]}}`

func TestServeVerifiesEveryRequest(t *testing.T) {
	in := startServe(t, nil)
	_, otherKey, _ := ed25519.GenerateKey(nil)
	now := time.Now()
	tests := []struct {
		name         string
		key          ed25519.PrivateKey
		at           time.Time
		signed, sent string
		wantStatus   int
		wantBody     string // the body's start
		wantIn       string
	}{
		{"signed PING", in.key, now, pingJSON, pingJSON, 200, `{"type":1}`, ""},
		{"tampered body", in.key, now, pingJSON, strings.Replace(pingJSON, `"id":"1"`, `"id":"9"`, 1), 401, "", ""},
		{"wrong key", otherKey, now, pingJSON, pingJSON, 401, "", ""},
		{"stale timestamp", in.key, now.Add(-6 * time.Minute), pingJSON, pingJSON, 401, "", ""},
		{"signed, not an interaction", in.key, now, `{"hello":"world"}`, `{"hello":"world"}`, 400, "", ""},
		{"signed autocomplete", in.key, now, quoteAutocompleteJSON, quoteAutocompleteJSON, 200, `{"type":8,`, "Macron"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, got := in.post(t, tt.key, tt.at, tt.signed, tt.sent)
			if status != tt.wantStatus || !strings.HasPrefix(got, tt.wantBody) || !strings.Contains(got, tt.wantIn) {
				t.Errorf("POST /interactions = %d %s, want %d, a body starting %s and containing %q", status, got, tt.wantStatus, tt.wantBody, tt.wantIn)
			}
		})
	}
	_, metrics := do(t, mustRequest(t, http.MethodGet, "http://"+in.addr+"/metrics"))
	for _, want := range []string{
		`coalitionbot_http_interactions_rejected_total{reason="bad_signature"} 2`,
		`coalitionbot_http_interactions_rejected_total{reason="stale_timestamp"} 1`,
		`coalitionbot_http_interactions_rejected_total{reason="not_interaction"} 1`,
	} {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}

// TestServeAsk shows a signed /ask answered as `ask` answers it, in the
// HTTP response itself: without an LLM the answer is immediate.
func TestServeAsk(t *testing.T) {
	in := startServe(t, nil)
	status, body := in.post(t, in.key, time.Now(), askJSON, askJSON)
	var resp servedResponse
	if err := json.Unmarshal([]byte(body), &resp); status != 200 || err != nil || resp.Type != discordgo.InteractionResponseChannelMessageWithSource || len(resp.Data.Embeds) != 1 {
		t.Fatalf("POST /interactions /ask = %d %s, want 200 and a message with one embed", status, body)
	}
	if !strings.Contains(body, `"allowed_mentions":{"parse":[]`) {
		t.Errorf("response %s lacks allowed_mentions with an empty parse list", body)
	}
	cli := askLine(t, "Who represents Italy?")
	embed := resp.Data.Embeds[0]
	if embed.Description != cli.Answer || !strings.Contains(embed.Description, "Meloni") {
		t.Errorf("/ask over HTTP answered %q, want what ask answers: %q", embed.Description, cli.Answer)
	}
	var sources string
	for _, f := range embed.Fields {
		sources += f.Value
	}
	for _, src := range cli.Sources {
		if !strings.Contains(sources, "“"+src.Section+"”") {
			t.Errorf("/ask over HTTP cites %q, want section %q of passage %s as ask does", sources, src.Section, src.ID)
		}
	}
	_, metrics := do(t, mustRequest(t, http.MethodGet, "http://"+in.addr+"/metrics"))
	if want := `coalitionbot_interactions_total{command="ask",route="curated"} 1`; !strings.Contains(metrics, want) {
		t.Errorf("/metrics lacks %s", want)
	}
}

// TestServeDefersLLMAnswers shows a question for the LLM deferred in the
// HTTP response and completed through Discord's webhook edit, after the
// request is over, with the model's costs in /metrics.
func TestServeDefersLLMAnswers(t *testing.T) {
	model := fakeopenai.New(t, fakeopenai.WithRespond(func(fakeopenai.Request) fakeopenai.Reply {
		return fakeopenai.Reply{Text: "It was the third meeting [1]. @everyone"}
	}))
	in := startServe(t, map[string]string{"LLM_BASE_URL": model.URL, "LLM_MODEL": "local"})
	question := strings.Replace(askJSON, "Who represents Italy?", "What did Starmer do with world leaders in Paris?", 1)
	status, body := in.post(t, in.key, time.Now(), question, question)
	if status != 200 || !strings.HasPrefix(body, `{"type":5`) || !strings.Contains(body, `"allowed_mentions":{"parse":[]`) {
		t.Fatalf("POST /interactions /ask = %d %s, want 200, a deferral (type 5) with allowed_mentions parse []", status, body)
	}
	in.discord.WaitEdit("ask-token")
	_, metrics := do(t, mustRequest(t, http.MethodGet, "http://"+in.addr+"/metrics"))
	if err := in.stop(); err != nil { // waits for the answer's last edit
		t.Fatalf("serve after cancel = %v", err)
	}
	edits := in.discord.Edits()
	last := edits[len(edits)-1]
	if last.Token != "ask-token" || len(last.Embeds) != 1 || !strings.Contains(last.Embeds[0].Description, "third meeting") || strings.Contains(last.Embeds[0].Description, "@everyone") {
		t.Errorf("last edit = %+v, want the model's answer, defused", last)
	}
	for _, want := range []string{`coalitionbot_llm_calls_total 1`, `coalitionbot_interactions_total{command="ask",route="llm"} 1`} {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}

// TestServeHealthAndShutdown runs healthcheck against a serving instance
// and after it has shut down.
func TestServeHealthAndShutdown(t *testing.T) {
	in := startServe(t, nil)
	check := func() error {
		_, _, err := runCLI(t, "", map[string]string{"HTTP_ADDR": in.addr}, "healthcheck")
		return err
	}
	if err := check(); err != nil {
		t.Errorf("healthcheck against a serving instance = %v, want exit 0", err)
	}
	if err := in.stop(); err != nil {
		t.Errorf("serve after cancel = %v, want nil", err)
	}
	if err := check(); err == nil || exitCode(err) == 0 {
		t.Errorf("healthcheck with nothing serving = %v, want a non-zero exit", err)
	}
}

func TestServeConfigErrors(t *testing.T) {
	tests := []struct {
		name     string
		vars     map[string]string
		args     []string
		wantExit int
		want     string
	}{
		{"no public key", nil, nil, 2, "DISCORD_PUBLIC_KEY is not set"},
		{"public key not hex", map[string]string{"DISCORD_PUBLIC_KEY": "not-a-key"}, nil, 1, "DISCORD_PUBLIC_KEY: public key is not hexadecimal"},
		{"public key too short", map[string]string{"DISCORD_PUBLIC_KEY": "abcd"}, nil, 1, "DISCORD_PUBLIC_KEY: public key is 2 bytes"},
		{"stray argument", map[string]string{"DISCORD_PUBLIC_KEY": strings.Repeat("ab", 32)}, []string{"now"}, 2, "no arguments"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := runCLI(t, "", tt.vars, append([]string{"serve"}, tt.args...)...)
			if err == nil || exitCode(err) != tt.wantExit || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("serve = %v (exit %d), want exit %d mentioning %q", err, exitCode(err), tt.wantExit, tt.want)
			}
		})
	}
}

func mustRequest(t *testing.T, method, url string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		t.Fatalf("new request: %v", err)
	}
	return req
}

// servedResponse is what the tests read of an interaction response:
// discordgo cannot decode the buttons of one into its own type.
type servedResponse struct {
	Type discordgo.InteractionResponseType
	Data struct {
		Content string
		Flags   discordgo.MessageFlags
		Embeds  []*discordgo.MessageEmbed
	}
}
