package knowledge

import (
	"cmp"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"
	"time"
)

//go:embed data/*.json data/languages/*.json
var embedded embed.FS

// Base is the loaded, validated knowledge base. It is immutable after Load.
type Base struct {
	Passages     []Passage
	Members      []Member
	Countries    []Country
	Institutions []Institution
	Quotes       []Quote
	Facts        []Fact
	People       []Person
	Intents      []Intent

	passageByID map[string]int
	memberByID  map[string]int
	countryByID map[string]int
	instByID    map[string]int
	personByID  map[string]int

	index   *Index
	lexicon *lexicon
	// articleDay is the article's date, YYYY-MM-DD, or "" when it has none.
	articleDay string
	regions    []string
	// factTerms and quoteTerms are the terms of each fact's text (see
	// factText) and quote, read once for matching questions against them.
	factTerms  []TermSet
	quoteTerms []TermSet
	// sentences are each passage's sentences, by passage position.
	sentences [][]Sentence
	// quoteContext adds where each quote was said ("on X") to its terms.
	quoteContext []TermSet
	quoteByID    map[string]int

	// lang, vocab, stems and words are what question analysis reads: the
	// language data, every word the knowledge uses (passages, curated data,
	// intents), their stems, and the dictionary typos are corrected to.
	lang *lang
	// glosses read questions in the other languages, by code; byCode
	// holds them in the order of their codes, for stable detection.
	glosses map[string]*gloss
	byCode  []*gloss
	signs   signs
	vocab   map[string]bool
	stems   map[string]string
	// knownStems are the stems of vocab, so "taking" is known through "take".
	knownStems map[string]bool
	// lexemes are what reading a question needs of each known word.
	lexemes map[string]*lexeme
	// cues are the words of intent examples, facts' questions and the
	// language's question words: what short typos are corrected to.
	cues map[string]bool
	// canon maps the stem of each synonym to its group's first word's.
	canon   map[string]string
	words   dictionary
	matcher *matcher
}

// Load reads the embedded data files, adds the extra documents (may be
// nil), validates every cross-reference and builds the retrieval index.
func Load(extra []Passage) (*Base, error) {
	return LoadFS(embedded, "data", extra)
}

// LoadFS is Load from any file system, so tests can feed broken data.
func LoadFS(fsys fs.FS, dir string, extra []Passage) (*Base, error) {
	var f Base
	var language Language
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
		{"people.json", &f.People},
		{"intents.json", &f.Intents},
		{"english.json", &language},
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
		People:       f.People,
		Intents:      f.Intents,
	}
	// The languages' tables are a third of the work of loading and depend
	// only on their own file and the data read above, so they are built
	// while the English tables are.
	glosses := b.startGlosses(fsys, path.Join(dir, "languages"))
	var c checker
	b.lang = language.prepare(&c, "english.json", regions)
	if err := b.validate(&c); err != nil {
		// The languages' errors are reported with the rest.
		if gerr := b.addGlosses(&c, glosses); gerr != nil {
			return nil, gerr
		}
		return nil, errors.Join(c.errs...)
	}
	b.index = NewIndex(b.Passages, b.expansions())
	b.lexicon = b.buildLexicon()
	b.indexRegions()
	b.buildVocabulary()
	b.buildLexemes()
	b.readSentences()
	for _, p := range b.Passages {
		if p.Doc == articleDoc && p.Date != "" {
			b.articleDay = p.Date
			break
		}
	}
	for _, f := range b.Facts {
		b.factTerms = append(b.factTerms, b.index.TermSet(b.factText(f)))
	}
	b.quoteByID = map[string]int{}
	for i, q := range b.Quotes {
		b.quoteByID[q.ID] = i
		b.quoteTerms = append(b.quoteTerms, b.index.TermSet(q.Text))
		b.quoteContext = append(b.quoteContext, b.index.TermSet(q.Text+" "+q.Where))
	}
	b.buildMatcher(&c)
	if err := b.addGlosses(&c, glosses); err != nil {
		return nil, err
	}
	b.signs = b.gatherSigns(b.lexicon.names)
	if err := errors.Join(c.errs...); err != nil {
		return nil, err
	}
	return b, nil
}

// glossFile is one language file, read and prepared.
type glossFile struct {
	name  string
	gloss *gloss
	errs  []error // what its checker found
	err   error   // why it could not be read
}

// pendingGlosses are the language files being read, one result each.
type pendingGlosses struct {
	results []chan glossFile
	err     error // why they could not be listed
}

// startGlosses reads and prepares every language file in dir (there may be
// none), each in its own goroutine, from data it only reads; addGlosses
// waits for them.
func (b *Base) startGlosses(fsys fs.FS, dir string) pendingGlosses {
	files, err := fs.Glob(fsys, path.Join(dir, "*.json"))
	if err != nil {
		return pendingGlosses{err: fmt.Errorf("list %s: %w", dir, err)}
	}
	keys := glossKeys{names: map[string]string{}, countries: slices.Clone(b.Countries),
		members: map[string]bool{}, institutions: map[string]bool{}, people: map[string]bool{},
		notes: map[string]bool{}, quotes: map[string]bool{}, facts: map[string]bool{}}
	for _, m := range b.Members {
		keys.names[m.ID] = m.Name
		keys.members[m.ID] = true
	}
	for _, ct := range b.Countries {
		keys.names[ct.Code] = ct.Name
		if ct.Note != "" {
			keys.notes[ct.Code] = true
		}
	}
	for _, in := range b.Institutions {
		keys.names[in.ID] = in.Name
		keys.institutions[in.ID] = true
	}
	for _, p := range b.People {
		keys.people[p.ID] = true
	}
	for _, q := range b.Quotes {
		keys.quotes[q.ID] = true
	}
	for _, f := range b.Facts {
		keys.facts[f.ID] = true
	}
	p := pendingGlosses{results: make([]chan glossFile, len(files))}
	for i, file := range files {
		p.results[i] = make(chan glossFile, 1)
		go func() {
			res := glossFile{name: path.Join("languages", path.Base(file))}
			var g Gloss
			if res.err = decodeFile(fsys, file, &g); res.err == nil {
				var c checker
				if want := strings.TrimSuffix(path.Base(file), ".json"); g.Code != want {
					c.errorf(res.name, "language", "is %q in a file named for %q", g.Code, want)
				}
				res.gloss = g.prepare(&c, res.name, keys)
				res.errs = c.errs
			}
			p.results[i] <- res
		}()
	}
	return p
}

// addGlosses waits for every language file startGlosses reads, so no
// goroutine outlives the load, and adds them in the order of their names,
// so errors come in a stable order.
func (b *Base) addGlosses(c *checker, p pendingGlosses) error {
	b.glosses = map[string]*gloss{}
	failed := p.err
	for _, ch := range p.results {
		res := <-ch
		if res.err != nil {
			failed = cmp.Or(failed, res.err)
			continue
		}
		c.errs = append(c.errs, res.errs...)
		code := res.gloss.code
		if code == English || b.glosses[code] != nil {
			c.errorf(res.name, "language", "%q is read already", code)
			continue
		}
		b.glosses[code] = res.gloss
	}
	if failed != nil {
		return failed
	}
	for _, code := range sortedKeys(b.glosses) {
		b.byCode = append(b.byCode, b.glosses[code])
	}
	return nil
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

// IsExtra reports whether p comes from a document beside the article
// (KNOWLEDGE_DIR's), not from the article itself.
func (b *Base) IsExtra(p Passage) bool { return p.Doc != "" && p.Doc != articleDoc }

// LaterThanArticle reports whether p comes from a document dated after the
// article: what it says may have changed since.
func (b *Base) LaterThanArticle(p Passage) bool {
	return b.IsExtra(p) && p.Date != "" && b.articleDay != "" && p.Date > b.articleDay // YYYY-MM-DD, validated at load
}

// ArticleDate is the date of the embedded article ("27 March 2025"), from
// its passages, or "" when they carry none: offices are as of that day.
func (b *Base) ArticleDate() string {
	d, err := time.Parse(time.DateOnly, b.articleDay)
	if err != nil {
		return ""
	}
	return d.Format("2 January 2006")
}

// Person returns the non-member with the given ID.
func (b *Base) Person(id string) (Person, bool) {
	i, ok := b.personByID[id]
	if !ok {
		return Person{}, false
	}
	return b.People[i], true
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

// QuoteTermsOf returns the terms of a quote and of where it was said.
func (b *Base) QuoteTermsOf(q Quote) TermSet {
	if i, ok := b.quoteByID[q.ID]; ok {
		return b.quoteContext[i]
	}
	return b.index.TermSet(q.Text + " " + q.Where)
}

// SearchQuery returns the k passages that best match an analysed
// question, best first: its corrected words, without reading the text
// again.
func (b *Base) SearchQuery(q Query, k int) []Hit {
	return b.index.SearchCorrected(q.Words, k)
}

// TermsOf turns folded words into stemmed content words, as the index
// reads them.
func (b *Base) TermsOf(words []string) []string {
	var out []string
	for _, w := range words {
		if !IsStopWord(w) {
			out = append(out, b.index.stem(w))
		}
	}
	return out
}

// IsNumber reports whether a folded word is a number, in digits or words.
func (b *Base) IsNumber(w string) bool {
	_, ok := b.lang.numbers[w]
	return ok || isNumber(w)
}

// QuoteCoverages is how much of an analysed question each quote covers,
// in the order of Quotes, reading the question once.
func (b *Base) QuoteCoverages(q Query) []float64 {
	return b.index.Coverages(q.Words, b.quoteTerms)
}

// Terms turns text into stemmed content words, as the index reads them.
func (b *Base) Terms(s string) []string { return b.index.Terms(s) }

// Regions lists the region names used by countries, sorted.
func (b *Base) Regions() []string { return b.regions }

// indexRegions collects the region names countries use, sorted; the
// words that name them in questions are the language data's.
func (b *Base) indexRegions() {
	seen := map[string]bool{}
	for _, c := range b.Countries {
		for _, r := range c.Regions {
			if !seen[r] {
				seen[r] = true
				b.regions = append(b.regions, r)
			}
		}
	}
	sort.Strings(b.regions)
}
