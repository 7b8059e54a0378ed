package knowledge_test

import (
	"strings"
	"testing"

	"github.com/coalitionbot/coalitionbot/internal/synthetic"
	"github.com/coalitionbot/coalitionbot/knowledge"
)

// syntheticSize is the corpus the scaling benchmarks use: years of meeting
// reports added through KNOWLEDGE_DIR, two orders of magnitude above the
// article.
const syntheticSize = 10000

// BenchmarkSearchSynthetic is a question's retrieval over a large corpus:
// with common words (long postings) and with a passage's own sentence
// (mostly rare words, short postings).
func BenchmarkSearchSynthetic(b *testing.B) {
	ps := synthetic.Passages(syntheticSize)
	ix := knowledge.NewIndex(ps, nil)
	for _, q := range []struct{ name, text string }{
		{"common", "What did the coalition leaders say about the ceasefire and security guarantees?"},
		{"rare", strings.Join(strings.Fields(ps[syntheticSize/2].Text)[:12], " ")},
	} {
		b.Run(q.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				ix.Search(q.text, 4)
			}
		})
	}
}

// BenchmarkNewIndexSynthetic is the indexing part of start-up with a large
// KNOWLEDGE_DIR.
func BenchmarkNewIndexSynthetic(b *testing.B) {
	ps := synthetic.Passages(syntheticSize)
	b.ReportAllocs()
	for b.Loop() {
		knowledge.NewIndex(ps, nil)
	}
}

// BenchmarkLoadSynthetic is the whole start-up with a large KNOWLEDGE_DIR:
// the embedded data, validation and the index.
func BenchmarkLoadSynthetic(b *testing.B) {
	ps := synthetic.Passages(syntheticSize)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := knowledge.Load(ps); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkClosestSynthetic is the fuzzy look-up against the dictionary of
// a large corpus, for a long word with a transposition.
func BenchmarkClosestSynthetic(b *testing.B) {
	ps := synthetic.Passages(syntheticSize)
	ix := knowledge.NewIndex(ps, nil)
	var word string
	for _, w := range knowledge.Words(ps[syntheticSize/3].Text) {
		if len(w) >= 9 {
			word = w
			break
		}
	}
	typo := word[:3] + word[4:5] + word[3:4] + word[5:]
	if got, ok := ix.Closest(typo); !ok || got != word {
		b.Fatalf("Closest(%q) = %q, %v; want %q", typo, got, ok, word)
	}
	b.ReportAllocs()
	for b.Loop() {
		ix.Closest(typo)
	}
}
