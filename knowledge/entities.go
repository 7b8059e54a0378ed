package knowledge

import (
	"slices"
	"strings"
)

// Kind says what an entity mention refers to.
type Kind int

// The kinds of entity a question can name.
const (
	KindMember Kind = iota
	KindCountry
	KindInstitution
	// KindPerson is someone well known who is not a member (people.json).
	KindPerson
)

// Mention is an entity named in a question.
type Mention struct {
	Kind Kind
	ID   string // member ID, country code, institution ID or person ID
	// Start and End are the positions of the first and one past the last
	// word of the mention in Words(question).
	Start, End int
	// Phrase is the question's own words for it.
	Phrase string
}

// lexicon maps names to entities: every name, alias, surname, demonym and
// institution alias, as folded word sequences.
type lexicon struct {
	names phrases[[]Mention]
	// singles are the one-word names, the dictionary for fuzzy matching;
	// byStem finds them by stem too ("swedens", "belgiums").
	singles dictionary
	byStem  map[string][]Mention
}

func (b *Base) buildLexicon() *lexicon {
	lx := &lexicon{}
	byKey := map[string][]Mention{} // key: folded words joined by " "
	var singles []string
	add := func(kind Kind, id, phrase string) {
		words := Words(phrase)
		if len(words) == 0 {
			return
		}
		key := strings.Join(words, " ")
		for _, m := range byKey[key] {
			if m.Kind == kind && m.ID == id {
				return
			}
		}
		byKey[key] = append(byKey[key], Mention{Kind: kind, ID: id})
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
	named := b.nameWords()
	for _, m := range b.Members {
		if first := firstName(m, named); first != "" {
			add(KindMember, m.ID, first)
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
	for _, p := range b.People {
		for _, n := range append([]string{p.Name}, p.Aliases...) {
			add(KindPerson, p.ID, n)
		}
	}
	lx.names = newPhrases(byKey)
	lx.singles = newDictionary(singles)
	lx.byStem = map[string][]Mention{}
	for _, w := range slices.Compact(slices.Sorted(slices.Values(singles))) {
		s := Stem(w) // a name of two entities is among singles twice
		lx.byStem[s] = append(lx.byStem[s], byKey[w]...)
	}
	return lx
}

// nameWords counts, for each word, the members and people whose names
// have it.
func (b *Base) nameWords() map[string]int {
	count := map[string]int{}
	names := make([]string, 0, len(b.Members)+len(b.People))
	for _, m := range b.Members {
		names = append(names, m.Name)
	}
	for _, p := range b.People {
		names = append(names, p.Name)
	}
	for _, n := range names {
		for _, w := range slices.Compact(slices.Sorted(slices.Values(Words(n)))) {
			count[w]++
		}
	}
	return count
}

// firstName returns a member's first name when no one else the knowledge
// names has it ("Ursula", but not "Mark": Rutte and Carney), or "".
func firstName(m Member, named map[string]int) string {
	words := Words(m.Name)
	if len(words) < 2 || genericNameWords[words[0]] || named[words[0]] > 1 {
		return ""
	}
	return words[0]
}

// Mentions finds the members, countries, institutions and people a
// question names, in the order it names them, through the same analysis
// as every question (typos, spellings, demonyms).
func (b *Base) Mentions(question string) []Mention { return b.Analyze(question).Mentions }

// mentionsIn finds the entities named in folded, corrected words (and,
// when stems are given, by the stem of a one-word name: "swedens"),
// preferring the longest name at each place ("European Commission" over
// "European"). A name shared by several entities ("Montenegro": a country
// and Portugal's prime minister) yields one mention for each.
func (b *Base) mentionsIn(words, stems []string, lex []*lexeme) []Mention {
	lx := b.lexicon
	var out []Mention
	for i := 0; i < len(words); {
		var found []Mention
		n := 0
		if lex == nil || lex[i].startsName {
			found, n = lx.names.at(words, i)
		}
		if n == 0 && stems != nil {
			found = lx.byStem[stems[i]]
			n = min(1, len(found))
		}
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
