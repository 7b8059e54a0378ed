package knowledge

import (
	"math"
	"sort"
)

// BM25 parameters: the usual defaults, which suit paragraph-sized passages.
const (
	bm25K1 = 1.2
	bm25B  = 0.75
	// expansionWeight discounts terms added by query expansion, so a
	// passage naming what the user typed outranks one naming a synonym.
	expansionWeight = 0.4
)

// Hit is one passage found by a search.
type Hit struct {
	Passage Passage
	Score   float64
	// Coverage is the share (0..1, weighted by rarity) of the question's own
	// terms that the passage contains, directly or through an expansion. It
	// tells an on-topic question from an off-topic one better than the raw
	// score, which grows with the question's length.
	Coverage float64

	terms map[string]int // the passage's terms, as indexed
}

// Has reports whether the passage holds a stemmed term (see Terms).
func (h Hit) Has(term string) bool { return h.terms[term] > 0 }

// Index is a BM25 index over passages, with query expansion and fuzzy
// correction of misspelt words. It is immutable after NewIndex.
type Index struct {
	passages []Passage
	tf       []map[string]int // per passage: stemmed term -> count
	length   []int
	avgLen   float64
	df       map[string]int
	// expand maps a folded word to related folded words (country ↔ demonym
	// ↔ leader, abbreviations).
	expand map[string][]string
	// words is every folded word the passages and expansions know, sorted,
	// the dictionary fuzzy correction draws from.
	words dictionary
	known map[string]bool
	// stems caches the stem of every word the passages use: stemming is
	// the costliest step of reading text, and answers re-read passages.
	stems map[string]string
}

// NewIndex indexes the passages; expand maps folded words to related ones.
func NewIndex(passages []Passage, expand map[string][]string) *Index {
	ix := &Index{passages: passages, df: map[string]int{}, expand: expand, known: map[string]bool{}, stems: map[string]string{}}
	total := 0
	for _, p := range passages {
		tf := map[string]int{}
		text := p.Section + " " + p.Text
		for _, w := range Words(text) {
			ix.known[w] = true
			ix.stems[w] = Stem(w)
		}
		terms := ix.Terms(text)
		for _, t := range terms {
			tf[t]++
		}
		for t := range tf {
			ix.df[t]++
		}
		ix.tf = append(ix.tf, tf)
		ix.length = append(ix.length, len(terms))
		total += len(terms)
	}
	if len(passages) > 0 {
		ix.avgLen = float64(total) / float64(len(passages))
	}
	for w, more := range expand {
		ix.known[w] = true
		for _, m := range more {
			ix.known[m] = true
		}
	}
	var words []string
	for w := range ix.known {
		if !IsStopWord(w) {
			words = append(words, w)
		}
	}
	ix.words = newDictionary(words)
	return ix
}

// Terms turns text into the stemmed content words that the index compares:
// folded, stop words dropped, stemmed (known words' stems looked up).
func (ix *Index) Terms(s string) []string {
	words := Words(s)
	out := words[:0]
	for _, w := range words {
		if !IsStopWord(w) {
			out = append(out, ix.stem(w))
		}
	}
	return out
}

func (ix *Index) stem(w string) string {
	if s, ok := ix.stems[w]; ok {
		return s
	}
	return Stem(w)
}

// queryTerm is one stemmed term of a query, with the original term it
// stands for (itself, or the word an expansion came from).
type queryTerm struct {
	term   string
	origin string
	weight float64
}

// Correct returns w, or the known word it is a likely misspelling of.
func (ix *Index) Correct(w string) string {
	if ix.known[w] || IsStopWord(w) {
		return w
	}
	if c, ok := ix.words.closest(w); ok {
		return c
	}
	return w
}

func (ix *Index) queryTerms(query string) []queryTerm {
	seen := map[string]int{}
	var qs []queryTerm
	add := func(term, origin string, weight float64) {
		if i, ok := seen[term]; ok {
			if qs[i].weight < weight {
				qs[i] = queryTerm{term, origin, weight}
			}
			return
		}
		seen[term] = len(qs)
		qs = append(qs, queryTerm{term, origin, weight})
	}
	for _, w := range Words(query) {
		if IsStopWord(w) {
			continue
		}
		w = ix.Correct(w)
		origin := ix.stem(w)
		add(origin, origin, 1)
		for _, e := range ix.expand[w] {
			for _, t := range ix.Terms(e) {
				add(t, origin, expansionWeight)
			}
		}
	}
	return qs
}

func (ix *Index) idf(term string) float64 {
	n, df := float64(len(ix.passages)), float64(ix.df[term])
	return math.Log(1 + (n-df+0.5)/(df+0.5))
}

// query is a parsed query: its terms with expansions, and the rarity of
// each of the user's own terms, which weighs coverage.
type query struct {
	terms     []queryTerm
	originIDF map[string]float64
	totalIDF  float64
}

func (ix *Index) parse(text string) query {
	q := query{terms: ix.queryTerms(text), originIDF: map[string]float64{}}
	for _, t := range q.terms {
		if t.term == t.origin {
			q.originIDF[t.origin] = ix.idf(t.term)
		}
	}
	for _, v := range q.originIDF {
		q.totalIDF += v
	}
	return q
}

// coverage is the rarity-weighted share of the query's own terms that a
// text has, directly or through an expansion (see Hit.Coverage).
func (q query) coverage(has func(term string) bool) float64 {
	if q.totalIDF == 0 {
		return 0
	}
	covered := map[string]bool{}
	for _, t := range q.terms {
		if !covered[t.origin] && has(t.term) {
			covered[t.origin] = true
		}
	}
	var cov float64
	for o := range covered {
		cov += q.originIDF[o]
	}
	return cov / q.totalIDF
}

// TermSet is the set of stemmed terms of a text, for Coverage.
type TermSet map[string]bool

// TermSet reads text into its terms once, for texts checked against many
// questions (facts, quotes).
func (ix *Index) TermSet(text string) TermSet {
	terms := TermSet{}
	for _, t := range ix.Terms(text) {
		terms[t] = true
	}
	return terms
}

// Coverage is how much of the query a text's terms cover, weighted as
// Search weighs it: the test that a curated answer is about what was asked.
func (ix *Index) Coverage(queryText string, terms TermSet) float64 {
	return ix.parse(queryText).coverage(func(t string) bool { return terms[t] })
}

// Search returns up to k passages matching the query, best first. Passages
// matching no term are never returned.
func (ix *Index) Search(text string, k int) []Hit {
	q := ix.parse(text)
	var hits []Hit
	for i, tf := range ix.tf {
		var score float64
		for _, t := range q.terms {
			f := float64(tf[t.term])
			if f == 0 {
				continue
			}
			norm := 1 - bm25B + bm25B*float64(ix.length[i])/ix.avgLen
			score += t.weight * ix.idf(t.term) * f * (bm25K1 + 1) / (f + bm25K1*norm)
		}
		if score == 0 {
			continue
		}
		cov := q.coverage(func(t string) bool { return tf[t] > 0 })
		hits = append(hits, Hit{Passage: ix.passages[i], Score: score, Coverage: cov, terms: tf})
	}
	sort.SliceStable(hits, func(a, b int) bool { return hits[a].Score > hits[b].Score })
	if len(hits) > k {
		hits = hits[:k]
	}
	return hits
}
