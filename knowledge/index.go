package knowledge

import (
	"cmp"
	"math"
	"slices"
	"sync"
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

	ix  *Index // the index that found the passage, for Has
	doc int32  // the passage's position in the index
}

// Has reports whether the passage holds a stemmed term (see Terms). It
// reads the index's postings, so hits carry no term set of their own.
func (h Hit) Has(term string) bool { return h.ix != nil && h.ix.count(h.doc, term) > 0 }

// posting is one passage holding a term, and how many times.
type posting struct{ doc, tf int32 }

// Index is a BM25 index over passages, with query expansion and fuzzy
// correction of misspelt words. It is immutable once the knowledge base
// that builds it is loaded (Load caches the stems of the curated data's
// words in it; scratch is only reused memory), so searches may run
// concurrently.
//
// It is an inverted index: a search walks the postings of the question's
// terms only, so its cost grows with how common those terms are, not with
// how many documents operators add.
type Index struct {
	passages []Passage
	// term numbers the stemmed terms; postings[id] lists the passages that
	// hold term id, in passage order, and idf[id] is the term's rarity.
	term     map[string]int32
	postings [][]posting
	idf      []float64
	// norm is each passage's BM25 length normalisation, fixed at build.
	norm []float64
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
	// expandTerms are the terms of each word's expansions, read at build.
	expandTerms map[string][]string
	// scratch pools per-search score accumulators (*accumulator).
	scratch sync.Pool
}

// accumulator is one search's scores by passage, with the passages
// touched so far, so that clearing it costs what the search touched.
type accumulator struct {
	score   []float64
	touched []int32
}

// NewIndex indexes the passages; expand maps folded words to related ones.
func NewIndex(passages []Passage, expand map[string][]string) *Index {
	ix := &Index{passages: passages, term: map[string]int32{}, expand: expand, known: map[string]bool{}, stems: map[string]string{}}
	ix.scratch.New = func() any { return &accumulator{score: make([]float64, len(passages))} }
	// Building reads every word once: termOf maps each distinct word to
	// its term (-1 for stop words), so stemming and the term map are paid
	// per distinct word, and counts tallies a passage's terms by number.
	termOf := map[string]int32{}
	var counts []int32
	var held []int32 // the terms the current passage holds
	lengths := make([]int, len(passages))
	total := 0
	for i, p := range passages {
		for _, w := range Words(p.Section + " " + p.Text) {
			id, ok := termOf[w]
			if !ok {
				id = ix.addWord(w)
				termOf[w] = id
				counts = append(counts, make([]int32, len(ix.postings)-len(counts))...)
			}
			if id < 0 {
				continue
			}
			if counts[id] == 0 {
				held = append(held, id)
			}
			counts[id]++
			lengths[i]++
		}
		for _, id := range held {
			ix.postings[id] = append(ix.postings[id], posting{int32(i), counts[id]})
			counts[id] = 0
		}
		held = held[:0]
		total += lengths[i]
	}
	n := float64(len(passages))
	ix.idf = make([]float64, len(ix.postings))
	for id, ps := range ix.postings {
		ix.idf[id] = idf(n, float64(len(ps)))
	}
	ix.norm = make([]float64, len(passages))
	if len(passages) > 0 {
		avgLen := float64(total) / n
		for i, l := range lengths {
			ix.norm[i] = 1 - bm25B + bm25B*float64(l)/avgLen
		}
	}
	ix.expandTerms = make(map[string][]string, len(expand))
	for w, more := range expand {
		ix.known[w] = true
		for _, m := range more {
			ix.known[m] = true
			for _, t := range ix.Terms(m) {
				if !slices.Contains(ix.expandTerms[w], t) {
					ix.expandTerms[w] = append(ix.expandTerms[w], t)
				}
			}
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

// addWord records a word first met in a passage and returns its term's
// number, or -1 for a stop word, which has none.
func (ix *Index) addWord(w string) int32 {
	ix.known[w] = true
	s := Stem(w)
	ix.stems[w] = s
	if IsStopWord(w) {
		return -1
	}
	id, ok := ix.term[s]
	if !ok {
		id = int32(len(ix.postings))
		ix.term[s] = id
		ix.postings = append(ix.postings, nil)
	}
	return id
}

// idf is the BM25 rarity of a term held by df of n passages.
func idf(n, df float64) float64 { return math.Log(1 + (n-df+0.5)/(df+0.5)) }

// termIDF is a term's rarity; terms no passage holds are the rarest.
func (ix *Index) termIDF(term string) float64 {
	if id, ok := ix.term[term]; ok {
		return ix.idf[id]
	}
	return idf(float64(len(ix.passages)), 0)
}

// count is how many times passage doc holds term.
func (ix *Index) count(doc int32, term string) int32 {
	id, ok := ix.term[term]
	if !ok {
		return 0
	}
	ps := ix.postings[id]
	if i, found := slices.BinarySearchFunc(ps, doc, func(p posting, d int32) int { return cmp.Compare(p.doc, d) }); found {
		return ps[i].tf
	}
	return 0
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

// cacheStem records the stem of a word the passages do not use but
// questions may (the curated data's, the intents'), at load, so queries
// need not stem it again.
func (ix *Index) cacheStem(w, stem string) {
	if _, ok := ix.stems[w]; !ok {
		ix.stems[w] = stem
	}
}

// Coverages is Coverage of one query of corrected words (see
// SearchCorrected) against many texts, reading the query once.
func (ix *Index) Coverages(words []string, texts []TermSet) []float64 {
	q := ix.parse(words, false)
	out := make([]float64, len(texts))
	for i, terms := range texts {
		out[i] = q.coverage(func(t string) bool { return terms[t] })
	}
	return out
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

// Search returns up to k passages matching the query, best first. Passages
// matching no term are never returned.
func (ix *Index) Search(text string, k int) []Hit {
	return ix.SearchWords(Words(text), k)
}

// SearchWords is Search of a query already split by Words, so a caller
// that has the question's words need not split it again. Equal scores keep
// passage order.
func (ix *Index) SearchWords(words []string, k int) []Hit {
	return ix.search(ix.parse(words, true), k)
}

// SearchCorrected is SearchWords for words whose typos are corrected
// already (an analysed question's, against a larger vocabulary than the
// passages'): correcting them again against the passages alone would turn
// "pope" into "hope".
func (ix *Index) SearchCorrected(words []string, k int) []Hit {
	return ix.search(ix.parse(words, false), k)
}

func (ix *Index) search(q query, k int) []Hit {
	if k <= 0 {
		return nil
	}
	acc := ix.scratch.Get().(*accumulator)
	for _, t := range q.terms {
		id, ok := ix.term[t.term]
		if !ok {
			continue
		}
		idf := ix.idf[id]
		for _, p := range ix.postings[id] {
			if acc.score[p.doc] == 0 {
				acc.touched = append(acc.touched, p.doc)
			}
			f := float64(p.tf)
			acc.score[p.doc] += t.weight * idf * f * (bm25K1 + 1) / (f + bm25K1*ix.norm[p.doc])
		}
	}
	top := ix.best(acc, k)
	ix.scratch.Put(acc) // only once clear again: a panic drops it instead
	if len(top) == 0 {
		return nil
	}
	hits := make([]Hit, len(top))
	for i, r := range top {
		cov := q.coverage(func(t string) bool { return ix.count(r.doc, t) > 0 })
		hits[i] = Hit{Passage: ix.passages[r.doc], Score: r.score, Coverage: cov, ix: ix, doc: r.doc}
	}
	return hits
}

// ranked is a scored passage.
type ranked struct {
	score float64
	doc   int32
}

// before orders by score, best first, then by passage order.
func (a ranked) before(b ranked) bool {
	return a.score > b.score || (a.score == b.score && a.doc < b.doc)
}

// best takes the k best touched passages out of acc, best first, leaving
// acc clear. Most passages lose to the k-th kept with one comparison, so
// only the few kept are ever ordered.
func (ix *Index) best(acc *accumulator, k int) []ranked {
	top := make([]ranked, 0, min(k, len(acc.touched))+1)
	for _, d := range acc.touched {
		r := ranked{acc.score[d], d}
		acc.score[d] = 0
		i := len(top)
		for i > 0 && r.before(top[i-1]) {
			i--
		}
		if i < k {
			top = slices.Insert(top, i, r)[:min(len(top)+1, k)]
		}
	}
	acc.touched = acc.touched[:0]
	return top
}
