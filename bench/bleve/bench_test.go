package blevebench

import (
	"context"
	"runtime"
	"testing"

	"github.com/coalitionbot/coalitionbot/answer"
	"github.com/coalitionbot/coalitionbot/bench/bleve/bleveqa"
	"github.com/coalitionbot/coalitionbot/bench/bleve/questions"
	"github.com/coalitionbot/coalitionbot/knowledge"
)

// kinds are the bleve indexes compared with the bot, by sub-benchmark
// name: bleve is bleve.NewMemOnly, the documented in-memory index.
var kinds = []struct {
	name string
	kind bleveqa.Kind
}{{"bleve", bleveqa.MemOnly}, {"bleve-scorch", bleveqa.Scorch}}

// current holds what the running sub-benchmark answers with, and nothing
// else: what the other engine or corpus loaded is dropped before, so the
// garbage collector of each benchmark scans only its own engine's heap,
// as in a process that runs one of them.
var current struct {
	key   string
	value any
}

func setup[T any](b *testing.B, key string, build func() (T, error)) T {
	b.Helper()
	if current.key != key {
		if c, ok := current.value.(interface{ Close() error }); ok {
			c.Close()
		}
		current.key, current.value = "", nil
		runtime.GC()
		v, err := build()
		if err != nil {
			b.Fatal(err)
		}
		current.key, current.value = key, v
		runtime.GC()
	}
	return current.value.(T)
}

// stride walks the question set in an order that spreads any prefix over
// all its base questions and variants (it is prime to 6,300), so a short
// -benchtime still samples the whole set.
const stride = 1597

// BenchmarkQuestion is the cost of one question, cycling through the
// 6,300 of the question set: bleve (bleve.NewMemOnly), bleve-scorch
// (scorch in memory) and the bot's pipeline, over the article and over the
// article plus 10,000 synthetic passages. bot's ns/op over bleve's is the
// ratio per question.
func BenchmarkQuestion(b *testing.B) {
	qs := questions.All()
	for _, c := range Corpora {
		b.Run(c.Name, func(b *testing.B) {
			for _, k := range kinds {
				b.Run(k.name, func(b *testing.B) {
					e := setup(b, c.Name+"/"+k.name, func() (*bleveqa.Engine, error) {
						ps, err := c.Passages()
						if err != nil {
							return nil, err
						}
						return bleveqa.New(ps, k.kind)
					})
					b.ReportAllocs()
					i := 0
					for b.Loop() {
						if _, err := e.Answer(qs[i*stride%len(qs)]); err != nil {
							b.Fatal(err)
						}
						i++
					}
				})
			}
			b.Run("bot", func(b *testing.B) {
				p := setup(b, c.Name+"/bot", func() (*answer.Pipeline, error) {
					base, err := knowledge.Load(c.Extra())
					if err != nil {
						return nil, err
					}
					return answer.New(base, answer.Options{}), nil
				})
				ctx := context.Background()
				b.ReportAllocs()
				i := 0
				for b.Loop() {
					_, err := p.Answer(ctx, answer.Question{Text: qs[i*stride%len(qs)], UserID: "bench"})
					if _, ok := err.(*answer.InputError); err != nil && !ok {
						b.Fatal(err)
					}
					i++
				}
			})
		})
	}
}

// BenchmarkStartup is the cost of being ready to answer: bleve indexing
// the article's and the extra passages vs knowledge.Load (decode,
// validate, index) plus answer.New. The passages are already in memory
// for both; reading KNOWLEDGE_DIR is the same for both and timed by
// cmd/compare.
func BenchmarkStartup(b *testing.B) {
	for _, c := range Corpora {
		b.Run(c.Name, func(b *testing.B) {
			for _, k := range kinds {
				b.Run(k.name, func(b *testing.B) {
					ps := setup(b, c.Name+"/passages", c.Passages)
					b.ReportAllocs()
					for b.Loop() {
						e, err := bleveqa.New(ps, k.kind)
						if err != nil {
							b.Fatal(err)
						}
						e.Close()
					}
				})
			}
			b.Run("bot", func(b *testing.B) {
				extra := setup(b, c.Name+"/extra", func() ([]knowledge.Passage, error) { return c.Extra(), nil })
				b.ReportAllocs()
				for b.Loop() {
					base, err := knowledge.Load(extra)
					if err != nil {
						b.Fatal(err)
					}
					answer.New(base, answer.Options{})
				}
			})
		})
	}
}
