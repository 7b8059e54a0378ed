package knowledge

// Hit is one passage found by a search, with its relevance score.
type Hit struct {
	Passage Passage
	Score   float64
}

// Index is the BM25 retrieval index over the passages.
type Index struct{}

// NewIndex builds the index.
func NewIndex(passages []Passage, expand map[string][]string) *Index { return &Index{} }

// Search returns the best k passages for the query, best first.
func (ix *Index) Search(query string, k int) []Hit { return nil }

func (b *Base) expansions() map[string][]string { return nil }
