package answer

import (
	"context"
	"testing"
)

// The pipeline's own cost per question, without an LLM: what every
// curated, extractive and refused answer costs.
func BenchmarkAnswer(b *testing.B) {
	p, _ := testPipeline(b)
	for _, bc := range []struct{ name, q string }{
		{"curated-member", "Who represents Italy?"},
		{"curated-fact", "Who has committed troops to the peacekeeping force?"},
		{"retrieved", "Which meeting of the coalition was the Paris summit?"},
		{"refused", "What is the capital of Australia?"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := p.Answer(context.Background(), Question{Text: bc.q}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
