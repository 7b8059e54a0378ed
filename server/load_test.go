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

// Load test sizes. The test bounds counts, never time: on a busy machine
// under -race it is slower, not wrong, and go test's own -timeout guards
// against a hang.
const (
	loadSigned  = 10_000 // signed curated /ask interactions
	loadForged  = 10_000 // bad signatures and stale timestamps
	loadClients = 8      // concurrent connections, as from Discord's side
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
// that every signed interaction is answered exactly once, with a message,
// and that no forged one reaches the router; the figures are for the
// README, not asserted. Run without -race for them:
//
//	go test -run '^TestLoad$' -v ./server
//
// A starved machine changes how an interaction is answered, not whether:
// see askUnderLoad.
func TestLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("load test; skipped with -short")
	}
	key := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{9}, ed25519.SeedSize))
	st := startStack(t, key, realTable(t), nil)

	t.Run("signed curated /ask", func(t *testing.T) {
		run := askUnderLoad(t, st, key, loadSigned)
		t.Logf("%d signed /ask from %d clients: %.0f answered/s; latency p50 %v, p99 %v, max %v; %d deferred, %d posted again after a 503",
			loadSigned, loadClients, float64(loadSigned)/run.took.Seconds(),
			percentile(run.latencies, 50), percentile(run.latencies, 99), run.latencies[len(run.latencies)-1], run.deferred, run.retried)
	})

	t.Run("forged and stale", func(t *testing.T) {
		before := st.router.calls.Load()
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
		judge := func(_, status int, _ []byte) verdict {
			if status == http.StatusUnauthorized {
				return accepted
			}
			return refused
		}
		start := time.Now()
		_, failed, _ := hammer(t, st, loadForged, func(n int) signedBody { return reqs[n] }, judge)
		took := time.Since(start)
		if failed != 0 {
			t.Errorf("%d of %d forged or stale requests did not get 401", failed, loadForged)
		}
		if n := st.router.calls.Load() - before; n != 0 {
			t.Errorf("%d forged or stale requests reached the router, want 0", n)
		}
		if stale, bad := st.rej.count("stale_timestamp"), st.rej.count("bad_signature"); stale+bad != loadForged {
			t.Errorf("rejections: %d stale, %d bad signature, want %d in all", stale, bad, loadForged)
		}
		t.Logf("%d forged or stale requests refused at %.0f/s", loadForged, float64(loadForged)/took.Seconds())
	})
}

// TestLoadToleratesStalls runs the load test's checks over a stack that
// stalls as a starved machine does: one answer takes longer than the 2 s
// after which the bot defers, and one interaction reaches the router only
// after the endpoint's 3 s. Both must still count as answered exactly
// once, whichever way the timing falls, so TestLoad cannot fail for the
// machine's speed alone.
func TestLoadToleratesStalls(t *testing.T) {
	if testing.Short() {
		t.Skip("load test; skipped with -short")
	}
	key := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{9}, ed25519.SeedSize))
	table := realTable(t)
	var slowAnswer, slowRoute atomic.Bool
	for n, c := range table {
		if c.Name == "ask" {
			handle := c.Handle
			table[n].Handle = func(ctx context.Context, req commands.Request) (commands.Response, error) {
				if req.UserID == "1000" && slowAnswer.CompareAndSwap(false, true) { // interaction 0
					time.Sleep(2500 * time.Millisecond)
				}
				return handle(ctx, req)
			}
		}
	}
	stall := func(next Router) Router {
		return routerFunc(func(ctx context.Context, i *discordgo.Interaction, respond bot.Responder) {
			if i.Token == "load-1" && slowRoute.CompareAndSwap(false, true) {
				time.Sleep(firstResponseWithin + 500*time.Millisecond)
			}
			next.Handle(ctx, i, respond)
		})
	}
	run := askUnderLoad(t, startStack(t, key, table, stall), key, 20)
	t.Logf("20 signed /ask, two stalled: %d deferred, %d posted again after a 503", run.deferred, run.retried)
}

// routerFunc is a Router made of a function.
type routerFunc func(ctx context.Context, i *discordgo.Interaction, respond bot.Responder)

func (f routerFunc) Handle(ctx context.Context, i *discordgo.Interaction, respond bot.Responder) {
	f(ctx, i, respond)
}

// loadRun is what askUnderLoad measured.
type loadRun struct {
	latencies []time.Duration // sorted
	took      time.Duration
	deferred  int // answered through the webhook edit
	retried   int // posted again after a 503
}

// askUnderLoad posts total signed curated /ask interactions to st and
// checks that each is answered exactly once, with a message: in the HTTP
// response (type 4 with an embed) or, deferred (type 5), in one webhook
// edit. An interaction that gets the endpoint's 503 had nothing answered
// within Discord's 3 s, and so nothing sent: it is posted again, as a user
// would run the command again, and must still be answered once in all.
// Deferrals and repeats are what a starved machine produces; they are
// counted, never failed for their timing.
func askUnderLoad(t *testing.T, st *stack, key ed25519.PrivateKey, total int) loadRun {
	t.Helper()
	// Signed beforehand, as Discord signs them, so the figures are the
	// bot's work; signed again only if a slow run let one grow old.
	reqs := make([]signedBody, total)
	for n := range reqs {
		reqs[n] = signBody(key, time.Now(), askInteraction(n, curatedQuestions[n%len(curatedQuestions)]))
	}
	fresh := func(n int) signedBody {
		if time.Since(reqs[n].at) > time.Minute {
			reqs[n] = signBody(key, time.Now(), reqs[n].body)
		}
		return reqs[n]
	}
	immediate, deferred := make([]bool, total), make([]bool, total)
	judge := func(n, status int, body []byte) verdict {
		switch {
		case status == http.StatusOK && bytes.HasPrefix(body, []byte(`{"type":4,`)) && bytes.Contains(body, []byte(`"embeds":[{`)):
			immediate[n] = true
			return accepted
		case status == http.StatusOK && bytes.HasPrefix(body, []byte(`{"type":5`)):
			deferred[n] = true
			return accepted
		case status == http.StatusServiceUnavailable:
			return again
		}
		return refused
	}
	before := st.router.calls.Load()
	start := time.Now()
	latencies, failed, retried := hammer(t, st, total, fresh, judge)
	run := loadRun{latencies: latencies, took: time.Since(start), deferred: trues(deferred), retried: retried}
	slices.Sort(run.latencies)
	if failed != 0 {
		t.Errorf("%d of %d signed interactions were not answered with a message (200, type 4 with an embed, or type 5)", failed, total)
	}
	if n := st.router.calls.Load() - before; n != int64(total+retried) {
		t.Errorf("router reached %d times, want %d: once for each of %d interactions and %d posted again", n, total+retried, total, retried)
	}
	st.endpoint.Wait(t.Context()) // the deferred answers' edits, and the routers behind a 503
	checkAnsweredOnce(t, immediate, deferred, st.discord.Edits())
	return run
}

// checkAnsweredOnce checks that interaction n (token load-n) got exactly
// one answer: in its HTTP response, or, when that deferred, in one edit
// carrying an embed, and that no answer given at once was edited too.
func checkAnsweredOnce(t *testing.T, immediate, deferred []bool, edits []fakewebhooks.Edit) {
	t.Helper()
	edited := map[string]int{}
	for _, e := range edits {
		if len(e.Embeds) == 0 {
			t.Errorf("edit for %s has no embed, want the answer", e.Token)
		}
		edited[e.Token]++
	}
	var unanswered, twice int
	for n := range immediate {
		switch e := edited["load-"+strconv.Itoa(n)]; {
		case immediate[n] && e == 0, deferred[n] && e == 1:
		case deferred[n] && e == 0, !immediate[n] && !deferred[n]:
			unanswered++
		default:
			twice++
		}
	}
	if unanswered != 0 || twice != 0 {
		t.Errorf("of %d interactions, %d were never answered and %d answered more than once", len(immediate), unanswered, twice)
	}
}

// trues counts the elements of bs that are true.
func trues(bs []bool) int {
	n := 0
	for _, b := range bs {
		if b {
			n++
		}
	}
	return n
}

// realTable is the command table as `serve` wires it, without an LLM.
func realTable(t *testing.T) commands.Table {
	t.Helper()
	base, err := knowledge.Load(nil)
	if err != nil {
		t.Fatalf("knowledge.Load() error = %v", err)
	}
	table, err := commands.All(base, answer.New(base, answer.Options{Log: discard()}))
	if err != nil {
		t.Fatalf("commands.All() error = %v", err)
	}
	return table
}

// stack is `serve`'s stack on loopback, the fake Discord its deferred
// answers edit, and a client with a connection for each load client.
type stack struct {
	router   *countingRouter
	rej      *rejections
	endpoint *Interactions
	discord  *fakewebhooks.Server
	addr     string
	client   *http.Client
}

// startStack serves /interactions as `serve` does, on a free port, with
// table behind the bot's router and wrap, when not nil, between the
// endpoint and that router.
func startStack(t *testing.T, key ed25519.PrivateKey, table commands.Table, wrap func(Router) Router) *stack {
	t.Helper()
	discord := fakewebhooks.New(t)
	transport, err := bot.APITransport(discord.URL(), &http.Transport{MaxIdleConnsPerHost: loadClients})
	if err != nil {
		t.Fatalf("APITransport() error = %v", err)
	}
	edits, err := bot.NewWebhookEditor(transport, nil)
	if err != nil {
		t.Fatalf("NewWebhookEditor() error = %v", err)
	}
	var next Router = bot.NewInteractions(table, nil, edits, nil, nil, nil, discard())
	if wrap != nil {
		next = wrap(next)
	}
	router := &countingRouter{next: next}
	rej := &rejections{}
	endpoint := NewInteractions(NewVerifier(key.Public().(ed25519.PublicKey)), router, rej, discard())
	srv, err := Listen("127.0.0.1:0", endpoint, discard())
	if err != nil {
		t.Fatalf("Listen() error = %v", err)
	}
	serveCtx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(serveCtx, endpoint.Wait) }()
	t.Cleanup(func() {
		stop()
		if err := <-done; err != nil {
			t.Errorf("Serve() = %v", err)
		}
	})
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: loadClients}}
	return &stack{router: router, rej: rej, endpoint: endpoint, discord: discord, addr: srv.Addr(), client: client}
}

// signedBody is a request body with the headers Discord would send, and
// the time its signature's timestamp gives.
type signedBody struct {
	body    []byte
	sig, ts string
	at      time.Time
}

func signBody(key ed25519.PrivateKey, at time.Time, body []byte) signedBody {
	sig, ts := sign(key, at, body)
	return signedBody{body: body, sig: sig, ts: ts, at: at}
}

func askInteraction(n int, question string) []byte {
	return []byte(fmt.Sprintf(`{"id":"%d","application_id":"20","type":2,"token":"load-%d","version":1,`+
		`"member":{"user":{"id":"%d","username":"u"}},`+
		`"data":{"id":"3","name":"ask","type":1,"options":[{"name":"question","type":3,"value":%s}]}}`,
		n, n, 1000+n%500, strconv.Quote(question)))
}

// verdict is what a load test makes of one response.
type verdict int

const (
	accepted verdict = iota
	refused          // a wrong answer
	again            // nothing was done: post the request again
)

// maxAttempts bounds how often one request is posted again, so a bug that
// never answers fails the test instead of hanging it.
const maxAttempts = 10

// hammer posts request(n) for every n below total from loadClients
// goroutines, posting one again while judge says so (up to maxAttempts
// times in all), and returns the
// latency of each request's last attempt, how many judge refused, and how
// many were posted again. A request is handled by one goroutine only, so
// request and judge may keep state by n without locking.
func hammer(t *testing.T, st *stack, total int, request func(n int) signedBody, judge func(n, status int, body []byte) verdict) ([]time.Duration, int, int) {
	t.Helper()
	var next, failed, retried atomic.Int64
	latencies := make([]time.Duration, total)
	var wg sync.WaitGroup
	for range loadClients {
		wg.Go(func() {
			for n := int(next.Add(1) - 1); n < total; n = int(next.Add(1) - 1) {
				for attempt := 1; ; attempt++ {
					r := request(n)
					req, _ := http.NewRequestWithContext(t.Context(), http.MethodPost, "http://"+st.addr+"/interactions", bytes.NewReader(r.body))
					req.Header.Set("X-Signature-Ed25519", r.sig)
					req.Header.Set("X-Signature-Timestamp", r.ts)
					start := time.Now()
					resp, err := st.client.Do(req)
					if err != nil {
						t.Errorf("POST /interactions: %v", err)
						return
					}
					body, err := io.ReadAll(resp.Body)
					resp.Body.Close()
					latencies[n] = time.Since(start)
					v := refused
					if err == nil {
						v = judge(n, resp.StatusCode, body)
					}
					if v == again && attempt == maxAttempts {
						v = refused
					}
					if v != again {
						if v == refused {
							failed.Add(1)
						}
						break
					}
					retried.Add(1)
				}
			}
		})
	}
	wg.Wait()
	return latencies, int(failed.Load()), int(retried.Load())
}

// percentile returns the p-th percentile of sorted durations.
func percentile(sorted []time.Duration, p int) time.Duration {
	return sorted[min(len(sorted)-1, len(sorted)*p/100)]
}
