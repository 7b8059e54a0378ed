package bot

import (
	"log/slog"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/coalitionbot/coalitionbot/internal/fakediscord"
)

// BenchmarkInteraction measures interactions end to end through the fake
// Discord on loopback: from the dispatch of INTERACTION_CREATE to the
// first response received (the callback), and, for /ask, which defers, to
// the edit carrying the answer. It reports the 50th and 99th percentiles;
// the target for curated answers is a p99 under 5 ms.
func BenchmarkInteraction(b *testing.B) {
	tests := []struct {
		name    string
		payload []byte
		answer  fakediscord.Kind // the request carrying the answer
	}{
		{"members-filtered", slash(b, "members", "filter", "Italy"), fakediscord.Callback},
		{"quote-speaker", slash(b, "quote", "speaker", "Zelensky"), fakediscord.Callback},
		{"ask-curated", slash(b, "ask", "question", "Who represents Italy?"), fakediscord.Callback},
	}
	h := startBot(b, realTable(b), func(o *Options) { o.Log = slog.New(slog.DiscardHandler) })
	for _, tt := range tests {
		b.Run(tt.name, func(b *testing.B) {
			callback := make([]time.Duration, 0, b.N)
			answered := make([]time.Duration, 0, b.N)
			for b.Loop() {
				start := time.Now()
				id := h.fake.Interact(tt.payload)
				h.fake.WaitReply(id, fakediscord.Callback)
				callback = append(callback, time.Since(start))
				h.fake.WaitReply(id, tt.answer)
				answered = append(answered, time.Since(start))
			}
			report(b, "callback", callback)
			if tt.answer != fakediscord.Callback {
				report(b, "answer", answered)
			}
		})
	}
}

// report adds the p50 and p99 of latencies, in milliseconds.
func report(b *testing.B, what string, latencies []time.Duration) {
	if len(latencies) == 0 {
		return
	}
	slices.Sort(latencies)
	at := func(p float64) float64 {
		return float64(latencies[int(p*float64(len(latencies)-1))]) / float64(time.Millisecond)
	}
	b.ReportMetric(at(0.50), what+"-p50-ms")
	b.ReportMetric(at(0.99), what+"-p99-ms")
}

// BenchmarkVotes fills the set of votes to its bound with the IDs Discord
// gives (19-digit snowflakes, each vote's own, as decoded from its
// interaction) and reports the heap one remembered vote keeps
// (retained-B/vote), and the cost of a press once the set is full.
func BenchmarkVotes(b *testing.B) {
	ids := make([]string, maxVotes+1)
	for i := range ids {
		ids[i] = strconv.Itoa(1_300_000_000_000_000_000 + i)
	}
	b.Run("fill", func(b *testing.B) {
		var retained float64
		for b.Loop() {
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			v := newVotes(maxVotes)
			for _, id := range ids[:maxVotes] {
				v.first(strings.Clone(id), strings.Clone(ids[len(ids)-1]))
			}
			runtime.GC()
			runtime.ReadMemStats(&after)
			retained = float64(after.HeapAlloc-before.HeapAlloc) / maxVotes
			runtime.KeepAlive(v)
		}
		b.ReportMetric(retained, "retained-B/vote")
	})
	b.Run("press-when-full", func(b *testing.B) {
		v := newVotes(maxVotes)
		for _, id := range ids[:maxVotes] {
			v.first(id, "1300000000000000010")
		}
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			v.first(ids[i%len(ids)], "1300000000000000011")
			i++
		}
	})
}
