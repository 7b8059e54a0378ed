package knowledge

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"
)

//go:embed data/*.json
var embedded embed.FS

// Base is the loaded, validated knowledge base. It is immutable after Load.
type Base struct {
	Passages     []Passage
	Members      []Member
	Countries    []Country
	Institutions []Institution
	Quotes       []Quote
	Facts        []Fact

	passageByID map[string]int
	memberByID  map[string]int
	countryByID map[string]int
	instByID    map[string]int

	index        *Index
	lexicon      *lexicon
	regions      []string
	regionByWord map[string]string
	// factTerms and quoteTerms are the terms of each fact's text (see
	// factText) and quote, read once for matching questions against them.
	factTerms  []TermSet
	quoteTerms []TermSet
}

// Load reads the embedded data files, adds the extra documents (may be
// nil), validates every cross-reference and builds the retrieval index.
func Load(extra []Passage) (*Base, error) {
	return LoadFS(embedded, "data", extra)
}

// LoadFS is Load from any file system, so tests can feed broken data.
func LoadFS(fsys fs.FS, dir string, extra []Passage) (*Base, error) {
	var f Base
	// Read in a fixed order so errors are reported in a stable order.
	for _, d := range []struct {
		name string
		into any
	}{
		{"passages.json", &f.Passages},
		{"members.json", &f.Members},
		{"countries.json", &f.Countries},
		{"institutions.json", &f.Institutions},
		{"quotes.json", &f.Quotes},
		{"facts.json", &f.Facts},
	} {
		if err := decodeFile(fsys, path.Join(dir, d.name), d.into); err != nil {
			return nil, err
		}
	}
	b := &Base{
		Passages:     append(f.Passages, extra...),
		Members:      f.Members,
		Countries:    f.Countries,
		Institutions: f.Institutions,
		Quotes:       f.Quotes,
		Facts:        f.Facts,
	}
	if err := b.validate(); err != nil {
		return nil, err
	}
	b.index = NewIndex(b.Passages, b.expansions())
	b.lexicon = b.buildLexicon()
	b.indexRegions()
	for _, f := range b.Facts {
		b.factTerms = append(b.factTerms, b.index.TermSet(b.factText(f)))
	}
	for _, q := range b.Quotes {
		b.quoteTerms = append(b.quoteTerms, b.index.TermSet(q.Text))
	}
	return b, nil
}

func decodeFile(fsys fs.FS, name string, into any) error {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(into); err != nil {
		return fmt.Errorf("decode %s: %w", name, err)
	}
	return nil
}

// Passage returns the passage with the given ID.
func (b *Base) Passage(id string) (Passage, bool) {
	i, ok := b.passageByID[id]
	if !ok {
		return Passage{}, false
	}
	return b.Passages[i], true
}

// Member returns the member with the given ID.
func (b *Base) Member(id string) (Member, bool) {
	i, ok := b.memberByID[id]
	if !ok {
		return Member{}, false
	}
	return b.Members[i], true
}

// Country returns the country with the given code.
func (b *Base) Country(code string) (Country, bool) {
	i, ok := b.countryByID[code]
	if !ok {
		return Country{}, false
	}
	return b.Countries[i], true
}

// Institution returns the institution with the given ID.
func (b *Base) Institution(id string) (Institution, bool) {
	i, ok := b.instByID[id]
	if !ok {
		return Institution{}, false
	}
	return b.Institutions[i], true
}

// QuotesBy returns the quotes of one member, alone or with others, in
// article order.
func (b *Base) QuotesBy(memberID string) []Quote {
	var qs []Quote
	for _, q := range b.Quotes {
		if q.Speaker == memberID || slices.Contains(q.With, memberID) {
			qs = append(qs, q)
		}
	}
	return qs
}

// Search returns the k passages that best match the query, best first.
func (b *Base) Search(query string, k int) []Hit {
	return b.index.Search(query, k)
}

// Coverage is how much of a question a text covers, as retrieval weighs
// it (see Hit.Coverage).
func (b *Base) Coverage(question string, text TermSet) float64 {
	return b.index.Coverage(question, text)
}

// QuoteTerms returns the terms of the i-th quote, read at load.
func (b *Base) QuoteTerms(i int) TermSet { return b.quoteTerms[i] }

// Terms turns text into stemmed content words, as the index reads them.
func (b *Base) Terms(s string) []string { return b.index.Terms(s) }

// Regions lists the region names used by countries, sorted.
func (b *Base) Regions() []string { return b.regions }

// indexRegions collects the regions and the words that name them: the
// folded name, its first word ("western" for Western Europe) and stem.
func (b *Base) indexRegions() {
	b.regionByWord = map[string]string{"scandinavian": "Nordic", "scandinavia": "Nordic"}
	seen := map[string]bool{}
	for _, c := range b.Countries {
		for _, r := range c.Regions {
			if seen[r] {
				continue
			}
			seen[r] = true
			b.regions = append(b.regions, r)
			f := Fold(r)
			for _, w := range []string{f, strings.Fields(f)[0]} {
				b.regionByWord[w] = r
				b.regionByWord[Stem(w)] = r
			}
		}
	}
	sort.Strings(b.regions)
}
