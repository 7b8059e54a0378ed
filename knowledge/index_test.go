package knowledge

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
)

// exhaustive is the search the inverted index replaced: every passage
// scored against every query term, then a stable sort. Search must give
// exactly its hits, scores and coverage, so users see the same answers.
type exhaustive struct {
	ix      *Index
	tfs     []map[string]int
	df      map[string]int
	lengths []int
	avgLen  float64
}

func newExhaustive(ix *Index) *exhaustive {
	e := &exhaustive{ix: ix, df: map[string]int{}}
	total := 0
	for _, p := range ix.passages {
		tf := map[string]int{}
		terms := ix.Terms(p.Section + " " + p.Text)
		for _, t := range terms {
			tf[t]++
		}
		for t := range tf {
			e.df[t]++
		}
		e.tfs = append(e.tfs, tf)
		e.lengths = append(e.lengths, len(terms))
		total += len(terms)
	}
	e.avgLen = float64(total) / float64(len(ix.passages))
	return e
}

func (e *exhaustive) search(words []string, k int) []Hit {
	q := e.ix.parse(words, true)
	var hits []Hit
	for i, tf := range e.tfs {
		var score float64
		for _, t := range q.terms {
			f := float64(tf[t.term])
			if f == 0 {
				continue
			}
			norm := 1 - bm25B + bm25B*float64(e.lengths[i])/e.avgLen
			idf := idf(float64(len(e.tfs)), float64(e.df[t.term]))
			score += t.weight * idf * f * (bm25K1 + 1) / (f + bm25K1*norm)
		}
		if score == 0 {
			continue
		}
		cov := q.coverage(func(t string) bool { return tf[t] > 0 })
		hits = append(hits, Hit{Passage: e.ix.passages[i], Score: score, Coverage: cov})
	}
	sort.SliceStable(hits, func(a, b int) bool { return hits[a].Score > hits[b].Score })
	return hits[:min(k, len(hits))]
}

// randomCorpus is n passages of the base's own words, a tenth of them
// copies of earlier ones so that equal scores occur.
func randomCorpus(r *rand.Rand, vocab []string, n int) []Passage {
	ps := make([]Passage, n)
	for i := range ps {
		if i > 0 && r.IntN(10) == 0 {
			ps[i] = ps[r.IntN(i)]
		} else {
			ws := make([]string, 5+r.IntN(60))
			for j := range ws {
				ws[j] = vocab[r.IntN(len(vocab))]
			}
			ps[i] = Passage{Section: vocab[r.IntN(len(vocab))], Text: strings.Join(ws, " ")}
		}
		ps[i].ID = fmt.Sprintf("r%04d", i)
	}
	return ps
}

// randomQuery draws a question of vocabulary words, some misspelt so that
// correction and expansion take part.
func randomQuery(r *rand.Rand, vocab []string) []string {
	q := make([]string, 1+r.IntN(9))
	for i := range q {
		w := []rune(vocab[r.IntN(len(vocab))])
		if len(w) > 4 && r.IntN(4) == 0 {
			j := r.IntN(len(w))
			w = slices.Delete(w, j, j+1)
		}
		q[i] = string(w)
	}
	return q
}

func TestSearchMatchesExhaustiveScoring(t *testing.T) {
	base := loadBase(t)
	var vocab []string
	for _, p := range base.Passages {
		vocab = append(vocab, Words(p.Text)...)
	}
	r := rand.New(rand.NewPCG(1, 1))
	for _, tt := range []struct {
		name string
		ix   *Index
	}{
		{"embedded article with expansions", base.index},
		{"random corpus with duplicates", NewIndex(randomCorpus(r, vocab, 400), base.expansions())},
		{"one passage", NewIndex(randomCorpus(r, vocab, 1), nil)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ref := newExhaustive(tt.ix)
			for range 300 {
				words, k := randomQuery(r, vocab), 1+r.IntN(12)
				got, want := tt.ix.SearchWords(words, k), ref.search(words, k)
				if len(got) != len(want) {
					t.Fatalf("SearchWords(%q, %d) gave %d hits, want %d", words, k, len(got), len(want))
				}
				for i := range want {
					g, w := got[i], want[i]
					if g.Passage != w.Passage || g.Score != w.Score || g.Coverage != w.Coverage {
						t.Fatalf("SearchWords(%q, %d)[%d] = %s %v %v, want %s %v %v", words, k, i,
							g.Passage.ID, g.Score, g.Coverage, w.Passage.ID, w.Score, w.Coverage)
					}
					text := g.Passage.Section + " " + g.Passage.Text
					for _, term := range tt.ix.Terms(strings.Join(words, " ") + " " + text) {
						if has := slices.Contains(tt.ix.Terms(text), term); g.Has(term) != has {
							t.Fatalf("hit %s: Has(%q) = %v, want %v", g.Passage.ID, term, !has, has)
						}
					}
				}
			}
		})
	}
}

func TestSearchEdges(t *testing.T) {
	dup := Passage{Section: "Talks", Text: "The ceasefire talks resumed."}
	same := []Passage{dup, dup, dup}
	for i := range same {
		same[i].ID = fmt.Sprint(i)
	}
	for _, tt := range []struct {
		name     string
		passages []Passage
		query    string
		k        int
		want     []string
	}{
		{"equal scores keep passage order", same, "ceasefire", 2, []string{"0", "1"}},
		{"k above the matches", same, "talks", 10, []string{"0", "1", "2"}},
		{"k of zero", same, "talks", 0, nil},
		{"no term matches", same, "sanctions", 4, nil},
		{"only stop words", same, "what is the", 4, nil},
		{"empty index", nil, "ceasefire", 4, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, h := range NewIndex(tt.passages, nil).Search(tt.query, tt.k) {
				got = append(got, h.Passage.ID)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Search(%q, %d) = %q, want %q", tt.query, tt.k, got, tt.want)
			}
		})
	}
	if (Hit{}).Has("ceasefir") {
		t.Error("a zero Hit has a term")
	}
}

// TestWordsVariants checks that searching pre-split words agrees with
// searching the text.
func TestWordsVariants(t *testing.T) {
	base := loadBase(t)
	for _, q := range []string{"Is Meloni for the ceasefire?", "What about the Italian PM?", "kremlim", ""} {
		t.Run(q, func(t *testing.T) {
			got, want := base.index.SearchWords(Words(q), 4), base.index.Search(q, 4)
			if len(got) != len(want) {
				t.Fatalf("SearchWords gave %d hits, Search %d", len(got), len(want))
			}
			for i := range got {
				if got[i].Passage != want[i].Passage || got[i].Score != want[i].Score || got[i].Coverage != want[i].Coverage {
					t.Errorf("hit %d: SearchWords %+v, Search %+v", i, got[i], want[i])
				}
			}
		})
	}
}

// TestSearchConcurrently runs searches in parallel, as the bot does for
// simultaneous users: the pooled accumulators must not mix (run with -race).
func TestSearchConcurrently(t *testing.T) {
	base := loadBase(t)
	queries := []string{"Black Sea ceasefire", "Who leads the coalition?", "Meloni Italy", "troops reassurance force"}
	want := map[string][]Hit{}
	for _, q := range queries {
		want[q] = base.Search(q, 4)
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 200 {
				q := queries[(g+i)%len(queries)]
				got := base.Search(q, 4)
				for j := range got {
					if got[j].Passage.ID != want[q][j].Passage.ID || got[j].Score != want[q][j].Score {
						t.Errorf("concurrent Search(%q)[%d] = %s %v, want %s %v", q, j, got[j].Passage.ID, got[j].Score, want[q][j].Passage.ID, want[q][j].Score)
						return
					}
				}
			}
		})
	}
	wg.Wait()
}
