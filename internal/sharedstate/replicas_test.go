package sharedstate_test

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coalitionbot/coalitionbot/answer"
	"github.com/coalitionbot/coalitionbot/internal/fakeopenai"
	"github.com/coalitionbot/coalitionbot/internal/sharedstate"
	"github.com/coalitionbot/coalitionbot/knowledge"
	"github.com/coalitionbot/coalitionbot/llm"
	"github.com/coalitionbot/coalitionbot/prompts"
)

// Questions the curated data cannot answer but the article can: each
// reaches the model.
var openQuestions = []string{
	"What would the force monitor?",
	"Who provided crucial intelligence information?",
	"What is the long-term plan?",
	"Who must back Ukraine in its fight against Russia?",
}

// replicaOptions are the LLM settings of a test replica.
type replicaOptions struct {
	userRate, maxInFlight int
	now                   func() time.Time
}

// replica is one copy of the bot's pipeline keeping its LLM state in
// store, as `serve` wires it, with the real LLM client talking to model.
type replica struct {
	p       *answer.Pipeline
	limiter *sharedstate.Limiter
}

func newReplica(t *testing.T, base *knowledge.Base, model *fakeopenai.Server, store *sharedstate.Store, o replicaOptions) replica {
	t.Helper()
	client, err := llm.New(llm.Config{BaseURL: model.URL, Model: "test-model", Timeout: 30 * time.Second, MaxTokens: 200})
	if err != nil {
		t.Fatalf("llm.New() error = %v", err)
	}
	ps, err := prompts.Load("")
	if err != nil {
		t.Fatalf("prompts.Load() error = %v", err)
	}
	limiter := store.Limiter(answer.NewLocalLimiter(o.userRate), o.userRate)
	p := answer.New(base, answer.Options{
		Model: client, Prompts: ps, UserRate: o.userRate, MaxInFlight: o.maxInFlight, Now: o.now,
		State: answer.State{
			Cache: store.Cache(answer.NewLocalCache(512, time.Hour), 512, time.Hour),
			Users: limiter,
			Slots: store.Slots(answer.NewLocalSlots(o.maxInFlight), o.maxInFlight, time.Minute),
		},
	})
	return replica{p: p, limiter: limiter}
}

func (r replica) ask(t *testing.T, user, q string) answer.Answer {
	t.Helper()
	a, err := r.p.Answer(context.Background(), answer.Question{Text: q, UserID: user})
	if err != nil {
		t.Fatalf("Answer(%q) error = %v", q, err)
	}
	return a
}

func loadBase(t *testing.T) *knowledge.Base {
	t.Helper()
	base, err := knowledge.Load(nil)
	if err != nil {
		t.Fatalf("knowledge.Load() error = %v", err)
	}
	return base
}

// fakeModel answers every question with a grounded sentence.
func fakeModel(t *testing.T) *fakeopenai.Server {
	return fakeopenai.New(t, fakeopenai.WithRespond(func(fakeopenai.Request) fakeopenai.Reply {
		return fakeopenai.Reply{Text: "The article says so [1]."}
	}))
}

// Two pipelines, as two replicas, sharing one Redis: one rate limit a
// user, one cache, one bound on model calls. Each check fails with the
// in-memory state, where every replica counts for itself.
func TestReplicasShareOneRedis(t *testing.T) {
	addr := testRedis(t)
	base := loadBase(t)
	pair := func(t *testing.T, model *fakeopenai.Server, o replicaOptions) (replica, replica) {
		p := prefix(t)
		return newReplica(t, base, model, open(t, addr, p, nil, nil), o), newReplica(t, base, model, open(t, addr, p, nil, nil), o)
	}

	t.Run("a user limited on one is limited on the other", func(t *testing.T) {
		model := fakeModel(t)
		now := time.Unix(1_700_000_000, 0)
		a, b := pair(t, model, replicaOptions{userRate: 2, maxInFlight: 4, now: func() time.Time { return now }})
		var routes []answer.Route
		for i, r := range []replica{a, b, a, b} {
			got := r.ask(t, "u1", openQuestions[i])
			routes = append(routes, got.Route)
			if i >= 2 && got.Note == "" {
				t.Errorf("answer %d over the limit has no note, want the rate-limited one", i)
			}
		}
		want := []answer.Route{answer.LLM, answer.LLM, answer.Retrieved, answer.Retrieved}
		if !equal(routes, want) || len(model.Requests()) != 2 {
			t.Errorf("routes on alternating replicas at 2 a minute = %v with %d model calls, want %v with 2", routes, len(model.Requests()), want)
		}
		if got := b.ask(t, "u2", openQuestions[2]); got.Route != answer.LLM {
			t.Errorf("another user's answer = %s, want llm: limits are per user", got.Route)
		}
	})

	t.Run("an answer cached by one costs the other no model call", func(t *testing.T) {
		model := fakeModel(t)
		a, b := pair(t, model, replicaOptions{userRate: 5, maxInFlight: 4})
		first := a.ask(t, "u1", openQuestions[0])
		second := b.ask(t, "u2", "  what WOULD the force monitor ")
		if first.Route != answer.LLM || second.Route != answer.LLM || second.Text != first.Text || len(model.Requests()) != 1 {
			t.Errorf("answers %+v then %+v with %d model calls, want one call and the cached answer on the other replica", first, second, len(model.Requests()))
		}
	})

	t.Run("the in-flight bound holds across both", func(t *testing.T) {
		started, release := make(chan struct{}), make(chan struct{})
		var once sync.Once
		model := fakeopenai.New(t, fakeopenai.WithRespond(func(fakeopenai.Request) fakeopenai.Reply {
			once.Do(func() { close(started) })
			<-release
			return fakeopenai.Reply{Text: "The article says so [1]."}
		}))
		a, b := pair(t, model, replicaOptions{userRate: 5, maxInFlight: 1})
		done := make(chan answer.Answer)
		go func() {
			got, _ := a.p.Answer(context.Background(), answer.Question{Text: openQuestions[0], UserID: "u1"})
			done <- got
		}()
		<-started
		busy := b.ask(t, "u2", openQuestions[1])
		close(release)
		if first := <-done; first.Route != answer.LLM {
			t.Errorf("answer holding the slot = %+v, want llm", first)
		}
		if busy.Route != answer.Retrieved || busy.Note == "" || len(model.Requests()) != 1 {
			t.Errorf("answer on the other replica while the only slot is held = %+v with %d model calls, want the extractive answer with the busy note and 1 call", busy, len(model.Requests()))
		}
		if got := b.ask(t, "u2", openQuestions[1]); got.Route != answer.LLM {
			t.Errorf("answer once the slot is back = %s, want llm", got.Route)
		}
	})
}

// Redis killed in the middle of a run: every question is still answered,
// from each replica's own state, the failure is counted and logged once,
// and sharing resumes when Redis is back.
func TestReplicasWhenRedisDies(t *testing.T) {
	r := startRedis(t)
	base := loadBase(t)
	model := fakeModel(t)
	p := prefix(t)
	var logs [2]syncBuffer
	var obs [2]observer
	var replicas [2]replica
	for i := range replicas {
		store := open(t, r.addr(), p, &obs[i], slog.New(slog.NewTextHandler(&logs[i], nil)))
		replicas[i] = newReplica(t, base, model, store, replicaOptions{userRate: 100, maxInFlight: 4})
	}
	a, b := replicas[0], replicas[1]
	a.ask(t, "u1", openQuestions[0])
	if got := b.ask(t, "u2", openQuestions[0]); got.Route != answer.LLM || len(model.Requests()) != 1 {
		t.Fatalf("before the kill: %s with %d model calls, want the cached llm answer", got.Route, len(model.Requests()))
	}

	r.kill()
	for i := range 8 {
		q := openQuestions[i%len(openQuestions)]
		got, err := replicas[i%2].p.Answer(context.Background(), answer.Question{Text: q, UserID: "u1"})
		if err != nil || got.Route != answer.LLM || got.Text == "" {
			t.Errorf("answer %d with Redis down = %+v, %v; want the model's answer from local state", i, got, err)
		}
	}
	for i := range obs {
		if obs[i].errorCount() == 0 || obs[i].backend() != sharedstate.BackendMemory {
			t.Errorf("replica %d with Redis down: %d errors, backend %q; want errors counted and memory", i, obs[i].errorCount(), obs[i].backend())
		}
		if n := strings.Count(logs[i].String(), "Redis failed"); n != 1 {
			t.Errorf("replica %d logged the failure %d times, want once (at most once a minute):\n%s", i, n, logs[i].String())
		}
	}

	r.start()
	for i := range replicas {
		eventually(t, "replica back on Redis", func() bool {
			replicas[i].limiter.Allow(context.Background(), "probe", time.Now())
			return obs[i].backend() == sharedstate.BackendRedis
		})
	}
	calls := len(model.Requests())
	b.ask(t, "u3", openQuestions[1])
	if got := a.ask(t, "u4", openQuestions[1]); got.Route != answer.LLM || len(model.Requests()) != calls+1 {
		t.Errorf("after Redis came back: %s with %d new model calls, want the answer cached by the other replica (1 call)", got.Route, len(model.Requests())-calls)
	}
}

func equal(a, b []answer.Route) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// syncBuffer is a log sink that tests read while stores write.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
