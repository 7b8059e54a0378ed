package sharedstate_test

import (
	"context"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/coalitionbot/coalitionbot/answer"
)

// BenchmarkLimiterAllow measures the per-user rate-limit check every LLM
// question makes, in memory and in Redis from two replicas at once (two
// stores on one Redis, the calls alternating between them), with the 99th
// percentile of one check beside the mean. For the README:
//
//	COALITIONBOT_TEST_REDIS=127.0.0.1:6390 go test -run '^$' -bench LimiterAllow -benchmem ./internal/sharedstate
func BenchmarkLimiterAllow(b *testing.B) {
	// A limit no user reaches: every check records an answer, the costlier
	// path.
	const rate = 1 << 30
	b.Run("memory", func(b *testing.B) {
		benchAllow(b, []answer.Limiter{answer.NewLocalLimiter(rate)})
	})
	b.Run("redis, two replicas", func(b *testing.B) {
		addr := testRedis(b)
		p := prefix(b)
		benchAllow(b, []answer.Limiter{
			open(b, addr, p, nil, nil).Limiter(answer.NewLocalLimiter(rate), rate),
			open(b, addr, p, nil, nil).Limiter(answer.NewLocalLimiter(rate), rate),
		})
	})
}

// benchAllow runs Allow from 8 goroutines (as the load test's 8 clients)
// over limiters in turn, for 1,000 users, and reports the 99th percentile
// of a call.
func benchAllow(b *testing.B, limiters []answer.Limiter) {
	var mu sync.Mutex
	var all []time.Duration
	var worker int
	b.ReportAllocs()
	b.SetParallelism(max(1, 8/runtime.GOMAXPROCS(0)))
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		mu.Lock()
		worker++
		w := worker
		mu.Unlock()
		var lat []time.Duration
		ctx := context.Background()
		for n := 0; pb.Next(); n++ {
			user := strconv.Itoa((w*7919 + n) % 1000)
			start := time.Now()
			limiters[n%len(limiters)].Allow(ctx, user, start)
			lat = append(lat, time.Since(start))
		}
		mu.Lock()
		all = append(all, lat...)
		mu.Unlock()
	})
	b.StopTimer()
	slices.Sort(all)
	if len(all) > 0 {
		b.ReportMetric(float64(all[len(all)*99/100].Nanoseconds()), "p99-ns")
	}
}
