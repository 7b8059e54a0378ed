package server

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/coalitionbot/coalitionbot/answer"
	"github.com/coalitionbot/coalitionbot/bot"
	"github.com/coalitionbot/coalitionbot/commands"
	"github.com/coalitionbot/coalitionbot/internal/fakewebhooks"
	"github.com/coalitionbot/coalitionbot/knowledge"
)

// Load test sizes: bounded in count, and loadLimit bounds the time.
const (
	loadSigned  = 10_000 // signed curated /ask interactions
	loadForged  = 10_000 // bad signatures and stale timestamps
	loadClients = 8      // concurrent connections, as from Discord's side
	loadLimit   = 2 * time.Minute
)

// curatedQuestions are answered from the curated facts, as most real
// questions are.
var curatedQuestions = []string{
	"Who represents Italy?", "Who represents France?", "Who leads the coalition?",
	"Is Norway in the coalition?", "What did Zelensky say?", "Who represents Canada?",
}

// countingRouter counts the interactions that reach the real router.
type countingRouter struct {
	next  Router
	calls atomic.Int64
}

func (c *countingRouter) Handle(ctx context.Context, i *discordgo.Interaction, respond bot.Responder) {
	c.calls.Add(1)
	c.next.Handle(ctx, i, respond)
}

// TestLoad runs `serve`'s stack on loopback, as `serve` wires it (the real
// command table, pipeline without an LLM, bot router and rendering; a fake
// Discord for webhook edits), and logs throughput and latency. It checks
// that every signed interaction is answered and that no forged one reaches
// the router; the figures are for the README, not asserted. Run without
// -race for them:
//
//	go test -run '^TestLoad$' -v ./server
func TestLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("load test; skipped with -short")
	}
	ctx, cancel := context.WithTimeout(context.Background(), loadLimit)
	defer cancel()
	key := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{9}, ed25519.SeedSize))
	discord := fakewebhooks.New(t)
	router, rej, addr := startStack(t, ctx, key, discord.URL())
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: loadClients}}

	t.Run("signed curated /ask", func(t *testing.T) {
		reqs := make([]signedBody, loadSigned)
		for n := range reqs {
			reqs[n] = signBody(key, time.Now(), askInteraction(n, curatedQuestions[n%len(curatedQuestions)]))
		}
		answered := func(status int, body []byte) bool {
			return status == http.StatusOK && bytes.HasPrefix(body, []byte(`{"type":4,`)) && bytes.Contains(body, []byte(`"embeds":[{`))
		}
		start := time.Now()
		latencies, failed := hammer(ctx, t, client, addr, reqs, answered)
		took := time.Since(start)
		if failed != 0 {
			t.Errorf("%d of %d signed interactions were not answered with a message (200, type 4, an embed)", failed, loadSigned)
		}
		slices.Sort(latencies)
		t.Logf("%d signed /ask from %d clients: %.0f answered/s; latency p50 %v, p99 %v, max %v",
			loadSigned, loadClients, float64(loadSigned)/took.Seconds(),
			percentile(latencies, 50), percentile(latencies, 99), latencies[len(latencies)-1])
	})

	t.Run("forged and stale", func(t *testing.T) {
		before := router.calls.Load()
		reqs := make([]signedBody, loadForged)
		for n := range reqs {
			body := askInteraction(n, "Who represents Italy?")
			if n%2 == 0 {
				reqs[n] = signBody(key, time.Now().Add(-6*time.Minute), body) // stale
			} else {
				reqs[n] = signBody(key, time.Now(), body)
				reqs[n].sig = hex.EncodeToString(bytes.Repeat([]byte{byte(n)}, ed25519.SignatureSize)) // forged
			}
		}
		refused := func(status int, _ []byte) bool { return status == http.StatusUnauthorized }
		start := time.Now()
		_, failed := hammer(ctx, t, client, addr, reqs, refused)
		took := time.Since(start)
		if failed != 0 {
			t.Errorf("%d of %d forged or stale requests did not get 401", failed, loadForged)
		}
		if n := router.calls.Load() - before; n != 0 {
			t.Errorf("%d forged or stale requests reached the router, want 0", n)
		}
		if stale, bad := rej.count("stale_timestamp"), rej.count("bad_signature"); stale+bad != loadForged {
			t.Errorf("rejections: %d stale, %d bad signature, want %d in all", stale, bad, loadForged)
		}
		t.Logf("%d forged or stale requests refused at %.0f/s", loadForged, float64(loadForged)/took.Seconds())
	})
}

// startStack serves /interactions as `serve` does, on a free port.
func startStack(t *testing.T, ctx context.Context, key ed25519.PrivateKey, discordURL string) (*countingRouter, *rejections, string) {
	t.Helper()
	base, err := knowledge.Load(nil)
	if err != nil {
		t.Fatalf("knowledge.Load() error = %v", err)
	}
	table := commands.All(base, answer.New(base, answer.Options{Log: discard()}))
	transport, err := bot.APITransport(discordURL, &http.Transport{MaxIdleConnsPerHost: loadClients})
	if err != nil {
		t.Fatalf("APITransport() error = %v", err)
	}
	edits, err := bot.NewWebhookEditor(transport, nil)
	if err != nil {
		t.Fatalf("NewWebhookEditor() error = %v", err)
	}
	router := &countingRouter{next: bot.NewInteractions(table, edits, nil, discard())}
	rej := &rejections{}
	endpoint := NewInteractions(NewVerifier(key.Public().(ed25519.PublicKey)), router, rej, discard())
	srv, err := Listen("127.0.0.1:0", endpoint, discard())
	if err != nil {
		t.Fatalf("Listen() error = %v", err)
	}
	serveCtx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- srv.Serve(serveCtx, endpoint.Wait) }()
	t.Cleanup(func() {
		stop()
		if err := <-done; err != nil {
			t.Errorf("Serve() = %v", err)
		}
	})
	return router, rej, srv.Addr()
}

// signedBody is a request body with the headers Discord would send.
type signedBody struct {
	body    []byte
	sig, ts string
}

func signBody(key ed25519.PrivateKey, at time.Time, body []byte) signedBody {
	sig, ts := sign(key, at, body)
	return signedBody{body: body, sig: sig, ts: ts}
}

func askInteraction(n int, question string) []byte {
	return []byte(fmt.Sprintf(`{"id":"%d","application_id":"20","type":2,"token":"load-%d","version":1,`+
		`"member":{"user":{"id":"%d","username":"u"}},`+
		`"data":{"id":"3","name":"ask","type":1,"options":[{"name":"question","type":3,"value":%s}]}}`,
		n, n, 1000+n%500, strconv.Quote(question)))
}

// hammer posts reqs from loadClients goroutines and returns each request's
// latency and how many responses ok did not accept.
func hammer(ctx context.Context, t *testing.T, client *http.Client, addr string, reqs []signedBody, ok func(status int, body []byte) bool) ([]time.Duration, int) {
	t.Helper()
	var next, failed atomic.Int64
	latencies := make([]time.Duration, len(reqs))
	var wg sync.WaitGroup
	for range loadClients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := int(next.Add(1) - 1); n < len(reqs) && ctx.Err() == nil; n = int(next.Add(1) - 1) {
				req, _ := http.NewRequestWithContext(ctx, http.MethodPost, "http://"+addr+"/interactions", bytes.NewReader(reqs[n].body))
				req.Header.Set("X-Signature-Ed25519", reqs[n].sig)
				req.Header.Set("X-Signature-Timestamp", reqs[n].ts)
				start := time.Now()
				resp, err := client.Do(req)
				if err != nil {
					t.Errorf("POST /interactions: %v", err)
					return
				}
				body, err := io.ReadAll(resp.Body)
				resp.Body.Close()
				latencies[n] = time.Since(start)
				if err != nil || !ok(resp.StatusCode, body) {
					failed.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		t.Fatalf("load test did not finish within %v", loadLimit)
	}
	return latencies, int(failed.Load())
}

// percentile returns the p-th percentile of sorted durations.
func percentile(sorted []time.Duration, p int) time.Duration {
	return sorted[min(len(sorted)-1, len(sorted)*p/100)]
}
