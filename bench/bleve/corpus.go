// Package blevebench compares the bot's answering pipeline with bleve, the
// full-text search library a Go developer would otherwise reach for, on
// the same questions and passages: per question and at start-up in the
// benchmarks of this directory, for the whole `ask --json` process in
// cmd/compare. See README.md.
package blevebench

import (
	"github.com/coalitionbot/coalitionbot/internal/synthetic"
	"github.com/coalitionbot/coalitionbot/knowledge"
)

// Synthetic is how many synthetic passages the large corpus adds to the
// article, standing for years of meeting reports in KNOWLEDGE_DIR.
const Synthetic = 10_000

// Corpus is a set of extra passages the bot loads beside its article.
type Corpus struct {
	Name  string
	Extra func() []knowledge.Passage
}

// Corpora are the article alone and the article with Synthetic passages.
var Corpora = []Corpus{
	{"article", func() []knowledge.Passage { return nil }},
	{"10k", func() []knowledge.Passage { return synthetic.Passages(Synthetic) }},
}

// Passages is what bleve indexes for the corpus: the passages the bot
// answers from, the article's followed by the extra ones, as in
// knowledge.Base.Passages.
func (c Corpus) Passages() ([]knowledge.Passage, error) {
	base, err := knowledge.Load(nil)
	if err != nil {
		return nil, err
	}
	return append(base.Passages, c.Extra()...), nil
}
