package knowledge

import (
	"strings"
)

// Kind says what an entity mention refers to.
type Kind int

// The kinds of entity a question can name.
const (
	KindMember Kind = iota
	KindCountry
	KindInstitution
)

// Mention is an entity named in a question.
type Mention struct {
	Kind Kind
	ID   string // member ID, country code or institution ID
	// Start and End are the positions of the first and one past the last
	// word of the mention in Words(question).
	Start, End int
	// Phrase is the question's own words for it.
	Phrase string
}

// lexicon maps names to entities: every name, alias, surname, demonym and
// institution alias, as folded word sequences.
type lexicon struct {
	phrases map[string][]Mention // key: folded words joined by " "
	longest int
	// singles are the one-word names, the dictionary for fuzzy matching.
	singles dictionary
}

func (b *Base) buildLexicon() *lexicon {
	lx := &lexicon{phrases: map[string][]Mention{}}
	var singles []string
	add := func(kind Kind, id, phrase string) {
		words := Words(phrase)
		if len(words) == 0 {
			return
		}
		key := strings.Join(words, " ")
		for _, m := range lx.phrases[key] {
			if m.Kind == kind && m.ID == id {
				return
			}
		}
		lx.phrases[key] = append(lx.phrases[key], Mention{Kind: kind, ID: id})
		lx.longest = max(lx.longest, len(words))
		if len(words) == 1 {
			singles = append(singles, key)
		}
	}
	for _, m := range b.Members {
		for _, p := range append([]string{m.Name}, m.Aliases...) {
			add(KindMember, m.ID, p)
		}
		if words := Words(m.Name); len(words) > 1 && !genericNameWords[words[len(words)-1]] {
			add(KindMember, m.ID, words[len(words)-1])
		}
	}
	for _, c := range b.Countries {
		for _, p := range append(append([]string{c.Name}, c.Aliases...), c.Demonyms...) {
			add(KindCountry, c.Code, p)
		}
	}
	for _, in := range b.Institutions {
		for _, p := range append([]string{in.Name}, in.Aliases...) {
			add(KindInstitution, in.ID, p)
		}
	}
	lx.singles = newDictionary(singles)
	return lx
}

// Mentions finds the members, countries and institutions a question names,
// in the order it names them. It prefers the longest name at each place
// ("European Commission" over "European") and forgives typos in one-word
// names that are not ordinary words of the article ("Macrom", "Kristerson").
// A name shared by several entities ("Montenegro": a country and Portugal's
// prime minister) yields one mention for each.
func (b *Base) Mentions(question string) []Mention {
	words := Words(question)
	var out []Mention
	for i := 0; i < len(words); {
		n, found := b.matchAt(words, i)
		if n == 0 {
			i++
			continue
		}
		phrase := strings.Join(words[i:i+n], " ")
		for _, m := range found {
			m.Start, m.End, m.Phrase = i, i+n, phrase
			out = append(out, m)
		}
		i += n
	}
	return out
}

func (b *Base) matchAt(words []string, i int) (int, []Mention) {
	lx := b.lexicon
	for n := min(lx.longest, len(words)-i); n >= 1; n-- {
		if found, ok := lx.phrases[strings.Join(words[i:i+n], " ")]; ok {
			return n, found
		}
	}
	w := words[i]
	if IsStopWord(w) || b.index.known[w] {
		return 0, nil
	}
	if c, ok := lx.singles.closest(w); ok {
		return 1, lx.phrases[c]
	}
	return 0, nil
}

// Covered marks which of n question words the mentions cover, so callers
// can read the rest of the question on its own.
func Covered(mentions []Mention, n int) []bool {
	covered := make([]bool, n)
	for _, m := range mentions {
		for i := m.Start; i < m.End && i < n; i++ {
			covered[i] = true
		}
	}
	return covered
}
