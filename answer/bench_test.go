package answer

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/coalitionbot/coalitionbot/internal/evalset"
	"github.com/coalitionbot/coalitionbot/llm"
	"github.com/coalitionbot/coalitionbot/prompts"
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

// instantModel answers at once, so a benchmark measures only what the
// pipeline adds around the model: retrieval, the prompt, the checks.
type instantModel struct{}

func (instantModel) Complete(ctx context.Context, msgs []llm.Message, onDelta func(string)) (llm.Result, error) {
	const text = "It was the third meeting of the coalition [1], in Paris [2]."
	if onDelta != nil {
		onDelta(text)
	}
	return llm.Result{Text: text, FinishReason: "stop", PromptTokens: len(msgs[1].Content) / 4}, nil
}

// BenchmarkLLMOverhead is the latency the pipeline adds to the model's own
// time for an LLM answer. The clock jumps past the cache's TTL on every
// call so each question really goes to the model.
func BenchmarkLLMOverhead(b *testing.B) {
	_, base := testPipeline(b)
	ps, err := prompts.Load("")
	if err != nil {
		b.Fatal(err)
	}
	now := time.Unix(0, 0)
	p := New(base, Options{Model: instantModel{}, Prompts: ps, UserRate: 1 << 30, Now: func() time.Time {
		now = now.Add(2 * time.Hour)
		return now
	}})
	b.ReportAllocs()
	for b.Loop() {
		a, err := p.Answer(context.Background(), Question{Text: openQuestion, UserID: "u", Partial: func(string) {}})
		if err != nil || a.Route != LLM {
			b.Fatalf("Answer() = %+v, %v, want an llm answer", a, err)
		}
	}
}

// BenchmarkAnswerMix answers every question of the evaluation files in
// turn: the mix of routes people's questions take. ns/op is per question.
func BenchmarkAnswerMix(b *testing.B) {
	p, _ := testPipeline(b)
	var questions []string
	files, _ := filepath.Glob("../testdata/eval/*.jsonl")
	for _, file := range files {
		cases, err := evalset.ReadFile(file)
		if err != nil {
			b.Fatal(err)
		}
		for _, c := range cases {
			questions = append(questions, c.Question)
		}
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		p.Answer(context.Background(), Question{Text: questions[i%len(questions)]})
		i++
	}
}

// BenchmarkAnswerLanguages is what a curated answer costs in each language:
// detecting it, reading the question through its gloss, and writing the
// answer from its messages. English is the baseline of the same run.
func BenchmarkAnswerLanguages(b *testing.B) {
	p, _ := testPipeline(b)
	for _, bc := range []struct{ lang, q string }{
		{"en", "Who represents Greece?"},
		{"fr", "Qui représente la Grèce ?"},
		{"de", "Wer vertritt Griechenland?"},
		{"es", "¿Quién representa a Grecia?"},
		{"it", "Chi rappresenta la Grecia?"},
		{"pl", "Kto reprezentuje Grecję?"},
		{"uk", "Хто представляє Грецію?"},
		{"nl", "Wie vertegenwoordigt Griekenland?"},
		{"pt", "Quem representa a Grécia?"},
	} {
		b.Run(bc.lang, func(b *testing.B) {
			a, err := p.Answer(context.Background(), Question{Text: bc.q})
			if err != nil || a.Lang != bc.lang || a.Route != Curated {
				b.Fatalf("Answer(%q) = %+v, %v; want a curated answer in %s", bc.q, a, err, bc.lang)
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := p.Answer(context.Background(), Question{Text: bc.q}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
