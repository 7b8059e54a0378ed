// Package bleveqa is what a Go developer would write instead of the bot's
// pipeline: an in-memory bleve index over the passages with bleve's
// English analyzer, a match query per question, and the two sentences of
// the best hits that share the most analysed terms with the question as
// the answer. It is the baseline the bot's figures are compared with.
package bleveqa

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/index/scorch"

	"github.com/coalitionbot/coalitionbot/answer"
	"github.com/coalitionbot/coalitionbot/knowledge"
)

// Kind picks bleve's in-memory index implementation.
type Kind string

const (
	// MemOnly is bleve.NewMemOnly, the documented in-memory index
	// (upsidedown over the gtreap key-value store).
	MemOnly Kind = "memonly"
	// Scorch is bleve's default index format kept in memory (an empty
	// path), usually faster to search than MemOnly.
	Scorch Kind = "scorch"
)

// Hits is how many of the best passages the answer's sentences come from;
// Sentences is how many sentences the answer has.
const (
	Hits      = 3
	Sentences = 2
)

// Engine answers questions from an index over a fixed set of passages.
// It is safe for concurrent use, as bleve's index is.
type Engine struct {
	passages []knowledge.Passage
	index    bleve.Index
	analyzer analysis.Analyzer
	// sentences are each passage's sentences with their terms, analysed
	// the first time the passage is a hit and kept: a passage that answers
	// once tends to answer again, and start-up stays bleve's indexing
	// alone.
	sentences []atomic.Pointer[[]sentence]
}

type sentence struct {
	text  string
	terms map[string]bool
}

// Source is a passage an answer quotes: the bot's own type, so both list
// them alike in their JSON.
type Source = answer.Source

// Answer is the top sentences and the passages they come from; Text is
// empty when nothing matched.
type Answer struct {
	Text    string
	Sources []Source
}

// New indexes the passages (in one batch) in an index of the given kind.
// Close the engine to stop bleve's background work.
func New(passages []knowledge.Passage, kind Kind) (*Engine, error) {
	text := bleve.NewTextFieldMapping()
	text.Analyzer = en.AnalyzerName
	// The passages stay in memory beside the index, and nothing is
	// highlighted: storing the text or its term vectors would only slow
	// bleve down.
	text.Store = false
	text.IncludeTermVectors = false
	text.IncludeInAll = false
	text.DocValues = false
	doc := bleve.NewDocumentStaticMapping()
	doc.AddFieldMappingsAt("text", text)
	m := bleve.NewIndexMapping()
	m.DefaultMapping = doc
	m.DefaultAnalyzer = en.AnalyzerName
	m.StoreDynamic, m.IndexDynamic, m.DocValuesDynamic = false, false, false

	var idx bleve.Index
	var err error
	switch kind {
	case MemOnly, "":
		idx, err = bleve.NewMemOnly(m)
	case Scorch:
		idx, err = bleve.NewUsing("", m, scorch.Name, scorch.Name, nil)
	default:
		return nil, fmt.Errorf("unknown index kind %q", kind)
	}
	if err != nil {
		return nil, fmt.Errorf("create index: %w", err)
	}
	batch := idx.NewBatch()
	for i, p := range passages {
		if err := batch.Index(strconv.Itoa(i), map[string]any{"text": p.Text}); err != nil {
			idx.Close()
			return nil, fmt.Errorf("index passage %s: %w", p.ID, err)
		}
	}
	if err := idx.Batch(batch); err != nil {
		idx.Close()
		return nil, fmt.Errorf("index passages: %w", err)
	}
	a := idx.Mapping().AnalyzerNamed(en.AnalyzerName)
	if a == nil {
		idx.Close()
		return nil, fmt.Errorf("no %q analyzer", en.AnalyzerName)
	}
	return &Engine{passages: passages, index: idx, analyzer: a,
		sentences: make([]atomic.Pointer[[]sentence], len(passages))}, nil
}

// Close releases the index.
func (e *Engine) Close() error { return e.index.Close() }

// Answer searches for the question and returns the Sentences sentences of
// the Hits best passages that contain the most of the question's terms,
// weighted by their passage's score, in the order of the passages.
func (e *Engine) Answer(question string) (Answer, error) {
	q := bleve.NewMatchQuery(question)
	q.SetField("text")
	res, err := e.index.Search(bleve.NewSearchRequestOptions(q, Hits, 0, false))
	if err != nil {
		return Answer{}, fmt.Errorf("search: %w", err)
	}
	if len(res.Hits) == 0 {
		return Answer{}, nil
	}
	terms := e.terms(question)
	type scored struct {
		text       string
		hit, order int
		score      float64
	}
	var all []scored
	for h, hit := range res.Hits {
		i, err := strconv.Atoi(hit.ID)
		if err != nil || i < 0 || i >= len(e.passages) {
			return Answer{}, fmt.Errorf("search: unknown document %q", hit.ID)
		}
		for n, s := range e.sentencesOf(i) {
			shared := 0
			for t := range s.terms {
				if terms[t] {
					shared++
				}
			}
			all = append(all, scored{s.text, h, n, float64(shared) * hit.Score})
		}
	}
	sort.SliceStable(all, func(a, b int) bool { return all[a].score > all[b].score })
	best := all[:min(Sentences, len(all))]
	sort.Slice(best, func(a, b int) bool {
		if best[a].hit != best[b].hit {
			return best[a].hit < best[b].hit
		}
		return best[a].order < best[b].order
	})
	var ans Answer
	texts := make([]string, len(best))
	used := map[int]bool{}
	for k, s := range best {
		texts[k] = s.text
		if !used[s.hit] {
			used[s.hit] = true
			i, _ := strconv.Atoi(res.Hits[s.hit].ID)
			p := e.passages[i]
			ans.Sources = append(ans.Sources, Source{ID: p.ID, Section: p.Section, Text: p.Text})
		}
	}
	ans.Text = strings.Join(texts, " ")
	return ans, nil
}

// sentencesOf returns passage i's sentences, analysing them on first use.
func (e *Engine) sentencesOf(i int) []sentence {
	if s := e.sentences[i].Load(); s != nil {
		return *s
	}
	var out []sentence
	for _, text := range Split(e.passages[i].Text) {
		out = append(out, sentence{text, e.terms(text)})
	}
	e.sentences[i].Store(&out)
	return out
}

// terms is the set of the English analyzer's terms of s.
func (e *Engine) terms(s string) map[string]bool {
	ts := e.analyzer.Analyze([]byte(s))
	set := make(map[string]bool, len(ts))
	for _, t := range ts {
		set[string(t.Term)] = true
	}
	return set
}

var closers = []string{`"`, "'", ")", "]", "\u201d", "\u2019"}

// Split cuts text into sentences: at line breaks (the article's lists
// are one member a line), and after '.', '!' or '?' (and any closing
// quotes or brackets) followed by a space.
func Split(text string) []string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		out = splitLine(line, out)
	}
	return out
}

func splitLine(text string, out []string) []string {
	start := 0
	for i := 0; i < len(text); i++ {
		if c := text[i]; c != '.' && c != '!' && c != '?' {
			continue
		}
		j := i + 1
		for more := true; more; {
			more = false
			for _, c := range closers {
				if strings.HasPrefix(text[j:], c) {
					j, more = j+len(c), true
					break
				}
			}
		}
		if j < len(text) && text[j] != ' ' {
			continue
		}
		if s := strings.TrimSpace(text[start:j]); s != "" {
			out = append(out, s)
		}
		start, i = j, j
	}
	if s := strings.TrimSpace(text[start:]); s != "" {
		out = append(out, s)
	}
	return out
}
