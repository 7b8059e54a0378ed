package server

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"os"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/coalitionbot/coalitionbot/answer"
	"github.com/coalitionbot/coalitionbot/commands"
	"github.com/coalitionbot/coalitionbot/internal/sharedstate"
	"github.com/coalitionbot/coalitionbot/knowledge"
)

// TestLoadTwoReplicas runs the load test against two of `serve`'s stacks at
// once, as two replicas behind a balancer, whose pipelines keep their LLM
// state in one Redis (COALITIONBOT_TEST_REDIS) as REDIS_URL makes them,
// and logs the throughput and latency of the curated answers of both; the
// figures are for the README, not asserted. Curated answers never touch
// Redis: the run shows that sharing the LLM state costs them nothing.
// Run without -race for the figures:
//
//	COALITIONBOT_TEST_REDIS=127.0.0.1:6390 go test -run '^TestLoadTwoReplicas$' -v ./server
//
// The checks are TestLoad's, for each replica: every interaction answered
// exactly once.
func TestLoadTwoReplicas(t *testing.T) {
	if testing.Short() {
		t.Skip("load test; skipped with -short")
	}
	addr := os.Getenv("COALITIONBOT_TEST_REDIS")
	if addr == "" {
		t.Skip("SKIP: COALITIONBOT_TEST_REDIS is not set, and this load test runs two replicas on a real Redis: .ci/run starts one")
	}
	key := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{9}, ed25519.SeedSize))
	base, err := knowledge.Load(nil)
	if err != nil {
		t.Fatalf("knowledge.Load() error = %v", err)
	}
	prefix := "test:load:" + strconv.FormatInt(time.Now().UnixNano(), 36) + ":"
	stacks := make([]*stack, 2)
	for i := range stacks {
		stacks[i] = startStack(t, key, redisTable(t, base, addr, prefix), nil)
	}
	runs := make([]loadRun, len(stacks))
	var wg sync.WaitGroup
	start := time.Now()
	for i, st := range stacks {
		wg.Go(func() { runs[i] = askUnderLoad(t, st, key, loadSigned/len(stacks)) })
	}
	wg.Wait()
	took := time.Since(start)
	var all []time.Duration
	var deferred, retried int
	for _, r := range runs {
		all = append(all, r.latencies...)
		deferred += r.deferred
		retried += r.retried
	}
	slices.Sort(all)
	t.Logf("%d signed /ask over 2 replicas sharing Redis, %d clients each: %.0f answered/s; latency p50 %v, p99 %v, max %v; %d deferred, %d posted again after a 503",
		len(all), loadClients, float64(len(all))/took.Seconds(), percentile(all, 50), percentile(all, 99), all[len(all)-1], deferred, retried)
}

// redisTable is the command table as `serve` wires it with REDIS_URL set:
// the pipeline's LLM state in the Redis at addr, under prefix.
func redisTable(t *testing.T, base *knowledge.Base, addr, prefix string) commands.Table {
	t.Helper()
	store, err := sharedstate.Open(context.Background(), sharedstate.Options{URL: "redis://" + addr + "/0", Prefix: prefix, Log: discard()})
	if err != nil {
		t.Fatalf("sharedstate.Open() error = %v", err)
	}
	t.Cleanup(func() { store.Close() })
	state := answer.State{
		Cache: store.Cache(answer.NewLocalCache(512, time.Hour), 512, time.Hour),
		Users: store.Limiter(answer.NewLocalLimiter(5), 5),
		Slots: store.Slots(answer.NewLocalSlots(4), 4, time.Minute),
	}
	table, err := commands.All(base, answer.New(base, answer.Options{Log: discard(), State: state}))
	if err != nil {
		t.Fatalf("commands.All() error = %v", err)
	}
	return table
}
