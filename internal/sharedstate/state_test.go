package sharedstate_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/coalitionbot/coalitionbot/answer"
)

// The Redis limiter counts as the in-memory one does (a sliding minute,
// the same "try again at"), and one user's count is the same whichever
// replica asks.
func TestLimiterSharedAcrossReplicas(t *testing.T) {
	addr := testRedis(t)
	p := prefix(t)
	a := open(t, addr, p, nil, nil).Limiter(answer.NewLocalLimiter(2), 2)
	b := open(t, addr, p, nil, nil).Limiter(answer.NewLocalLimiter(2), 2)
	local := answer.NewLocalLimiter(2)
	ctx := context.Background()
	t0 := time.Unix(1_700_000_000, 0)
	steps := []struct {
		replica answer.Limiter
		user    string
		at      time.Duration
		ok      bool
		next    time.Duration // after t0, when !ok
	}{
		{a, "u1", 0, true, 0},
		{b, "u1", 10 * time.Second, true, 0},
		{a, "u1", 20 * time.Second, false, time.Minute},
		{b, "u1", 30 * time.Second, false, time.Minute},
		{b, "u2", 30 * time.Second, true, 0}, // limits are per user
		{a, "u1", 60 * time.Second, true, 0}, // the answer at t0 left the window
		{b, "u1", 61 * time.Second, false, 70 * time.Second},
	}
	for i, st := range steps {
		now := t0.Add(st.at)
		ok, next := st.replica.Allow(ctx, st.user, now)
		lok, lnext := local.Allow(ctx, st.user, now)
		if ok != st.ok || (!ok && !next.Equal(t0.Add(st.next))) {
			t.Errorf("step %d: Allow(%s, t0+%v) = %v, %v; want %v, t0+%v", i, st.user, st.at, ok, next, st.ok, st.next)
		}
		if ok != lok || !next.Equal(lnext) {
			t.Errorf("step %d: Redis says %v, %v; the in-memory limiter %v, %v", i, ok, next, lok, lnext)
		}
	}
}

// An answer cached by one replica is the other's; the cache keeps its
// size, least recently used out first, and answers expire.
func TestCacheSharedAcrossReplicas(t *testing.T) {
	addr := testRedis(t)
	p := prefix(t)
	const size = 3
	a := open(t, addr, p, nil, nil).Cache(answer.NewLocalCache(size, time.Hour), size, time.Hour)
	b := open(t, addr, p, nil, nil).Cache(answer.NewLocalCache(size, time.Hour), size, time.Hour)
	ctx := context.Background()
	now := time.Unix(1_700_000_000, 0)
	tick := func() time.Time { now = now.Add(time.Second); return now }
	want := answer.Answer{Text: "It was the third meeting [1].", Route: answer.LLM, Lang: "en",
		Sources: []answer.Source{{ID: "p3", Section: "Paris", Text: "The third meeting."}}}
	a.Put(ctx, "en\x00third meeting", want, tick())
	got, ok := b.Get(ctx, "en\x00third meeting", tick())
	if !ok || got.Text != want.Text || got.Route != want.Route || got.Lang != want.Lang || len(got.Sources) != 1 || got.Sources[0] != want.Sources[0] {
		t.Fatalf("Get() on the other replica = %+v, %v; want %+v", got, ok, want)
	}
	if _, ok := b.Get(ctx, "fr\x00third meeting", tick()); ok {
		t.Error("Get() of another key = a hit, want a miss")
	}

	t.Run("size", func(t *testing.T) {
		for i := range size {
			a.Put(ctx, fmt.Sprint("q", i), answer.Answer{Text: fmt.Sprint("a", i)}, tick())
		}
		// q0 is used again, so the third meeting and q1 are the least recent.
		b.Get(ctx, "q0", tick())
		b.Put(ctx, "q3", answer.Answer{Text: "a3"}, tick())
		for key, want := range map[string]bool{"en\x00third meeting": false, "q0": true, "q1": false, "q2": true, "q3": true} {
			if _, ok := a.Get(ctx, key, tick()); ok != want {
				t.Errorf("after %d puts at size %d, Get(%q) hit = %v, want %v", size+2, size, key, ok, want)
			}
		}
	})

	t.Run("size lowered a lot", func(t *testing.T) {
		// A replica of a much smaller size must evict thousands at once,
		// more than Lua's unpack takes in one call.
		big := open(t, addr, p+"big:", nil, nil).Cache(answer.NewLocalCache(10_000, time.Hour), 10_000, time.Hour)
		for i := range 9_000 {
			big.Put(ctx, fmt.Sprint("many", i), answer.Answer{Text: "x"}, now)
		}
		small := open(t, addr, p+"big:", nil, nil).Cache(answer.NewLocalCache(2, time.Hour), 2, time.Hour)
		small.Put(ctx, "last", answer.Answer{Text: "kept"}, tick())
		rc := client(t, addr)
		if n, err := rc.ZCard(ctx, p+"big:cache:index").Result(); err != nil || n != 2 {
			t.Errorf("index after the small replica's put = %d entries (%v), want its size, 2", n, err)
		}
		if got, ok := small.Get(ctx, "last", tick()); !ok || got.Text != "kept" {
			t.Errorf("Get(last) = %+v, %v; want the answer just put", got, ok)
		}
	})

	t.Run("expiry", func(t *testing.T) {
		// Redis expires an entry after the TTL; set it to run out now.
		rc := client(t, addr)
		keys, err := rc.Keys(ctx, p+"cache:*").Result()
		if err != nil {
			t.Fatal(err)
		}
		var entries int
		for _, k := range keys {
			if k == p+"cache:index" {
				continue
			}
			entries++
			ttl, err := rc.PTTL(ctx, k).Result()
			if err != nil || ttl <= 0 || ttl > time.Hour {
				t.Errorf("PTTL(%s) = %v, %v; want at most the cache's hour", k, ttl, err)
			}
			rc.PExpire(ctx, k, time.Millisecond)
		}
		if entries != size {
			t.Errorf("Redis holds %d cached answers, want the size, %d", entries, size)
		}
		eventually(t, "cached answers expired", func() bool {
			n, _ := rc.Exists(ctx, keys...).Result()
			return n <= 1 // the index alone
		})
		if _, ok := b.Get(ctx, "q3", tick()); ok {
			t.Error("Get() of an expired answer = a hit, want a miss")
		}
	})
}

// The bound on model calls holds across replicas, a slot given back is
// free for any of them, and the slots of a replica that stopped without
// giving them back come free when they expire.
func TestSlotsSharedAcrossReplicas(t *testing.T) {
	addr := testRedis(t)
	p := prefix(t)
	ctx := context.Background()
	a := open(t, addr, p, nil, nil).Slots(answer.NewLocalSlots(2), 2, time.Hour)
	b := open(t, addr, p, nil, nil).Slots(answer.NewLocalSlots(2), 2, time.Hour)
	releaseA, okA := a.Acquire(ctx)
	_, okB := b.Acquire(ctx)
	if !okA || !okB {
		t.Fatalf("Acquire() on each replica = %v, %v; want a slot each", okA, okB)
	}
	if _, ok := a.Acquire(ctx); ok {
		t.Error("third Acquire() with 2 slots held = true, want false")
	}
	if _, ok := b.Acquire(ctx); ok {
		t.Error("third Acquire() on the other replica = true, want false")
	}
	releaseA()
	releaseB, ok := b.Acquire(ctx)
	if !ok {
		t.Fatal("Acquire() after a release on the other replica = false, want the freed slot")
	}
	releaseB()

	t.Run("a stopped replica's slots expire", func(t *testing.T) {
		const ttl = 300 * time.Millisecond
		p := prefix(t)
		stopped := open(t, addr, p, nil, nil)
		slots := stopped.Slots(answer.NewLocalSlots(2), 2, ttl)
		for range 2 {
			if _, ok := slots.Acquire(ctx); !ok {
				t.Fatal("Acquire() of a free slot = false")
			}
		}
		rc := client(t, addr)
		for _, k := range []string{p + "slot:0", p + "slot:1"} {
			if d, err := rc.PTTL(ctx, k).Result(); err == nil && (d > ttl || d == -1) {
				t.Errorf("PTTL(%s) = %v, want at most %v", k, d, ttl)
			}
		}
		stopped.Close() // stops without giving its slots back
		other := open(t, addr, p, nil, nil).Slots(answer.NewLocalSlots(2), 2, time.Hour)
		eventually(t, "a slot of the stopped replica came free", func() bool {
			release, ok := other.Acquire(ctx)
			if ok {
				release()
			}
			return ok
		})
	})
}
