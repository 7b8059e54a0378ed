package knowledge

import "slices"

// queryTerm is one stemmed term of a query, with the original term it
// stands for (itself, or the word an expansion came from).
type queryTerm struct {
	term   string
	origin string
	weight float64
}

// query is a parsed query: its terms with expansions, and the rarity of
// each of the user's own terms, which weighs coverage.
type query struct {
	terms     []queryTerm
	originIDF map[string]float64
	totalIDF  float64
}

// parse corrects, stems and expands the query's words. Sums run in term
// order, so equal queries get bit-identical coverage.
func (ix *Index) parse(words []string, correct bool) query {
	q := query{originIDF: map[string]float64{}}
	seen := map[string]int{}
	add := func(term, origin string, weight float64) {
		if i, ok := seen[term]; ok {
			if q.terms[i].weight < weight {
				q.terms[i] = queryTerm{term, origin, weight}
			}
			return
		}
		seen[term] = len(q.terms)
		q.terms = append(q.terms, queryTerm{term, origin, weight})
	}
	for _, w := range words {
		if IsStopWord(w) {
			continue
		}
		if correct {
			w = ix.Correct(w)
		}
		origin := ix.stem(w)
		add(origin, origin, 1)
		for _, t := range ix.expandTerms[w] {
			add(t, origin, expansionWeight)
		}
	}
	for _, t := range q.terms {
		if t.term == t.origin {
			q.originIDF[t.origin] = ix.termIDF(t.term)
			q.totalIDF += q.originIDF[t.origin]
		}
	}
	return q
}

// coverage is the rarity-weighted share of the query's own terms that a
// text has, directly or through an expansion (see Hit.Coverage).
func (q query) coverage(has func(term string) bool) float64 {
	if q.totalIDF == 0 {
		return 0
	}
	var covered []string
	var cov float64
	for _, t := range q.terms {
		if !slices.Contains(covered, t.origin) && has(t.term) {
			covered = append(covered, t.origin)
			cov += q.originIDF[t.origin]
		}
	}
	return cov / q.totalIDF
}

// TermSet is the set of stemmed terms of a text, for Coverages.
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
