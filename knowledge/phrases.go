package knowledge

import (
	"iter"
	"slices"
	"strings"
)

// phrases maps folded word sequences to values, indexed by their first
// word, so the longest phrase at a place in a question is found by
// comparing words, with no string built per look-up.
type phrases[V any] struct {
	byFirst map[string][]phrase[V] // longest first
}

type phrase[V any] struct {
	rest  []string
	value V
}

// newPhrases indexes values keyed by folded words joined by spaces.
func newPhrases[V any](m map[string]V) phrases[V] {
	p := phrases[V]{byFirst: map[string][]phrase[V]{}}
	for key, v := range m {
		words := strings.Fields(key)
		if len(words) == 0 {
			continue
		}
		p.byFirst[words[0]] = append(p.byFirst[words[0]], phrase[V]{rest: words[1:], value: v})
	}
	for _, list := range p.byFirst {
		slices.SortFunc(list, func(a, b phrase[V]) int {
			if d := len(b.rest) - len(a.rest); d != 0 {
				return d
			}
			return strings.Compare(strings.Join(a.rest, " "), strings.Join(b.rest, " "))
		})
	}
	return p
}

// at returns the value of the longest phrase starting at words[i] and its
// length in words, or 0.
func (p phrases[V]) at(words []string, i int) (V, int) {
	for _, ph := range p.byFirst[words[i]] {
		if end := i + 1 + len(ph.rest); end <= len(words) && slices.Equal(words[i+1:end], ph.rest) {
			return ph.value, 1 + len(ph.rest)
		}
	}
	var zero V
	return zero, 0
}

// words yields every word of every phrase, a word once for each phrase
// that holds it.
func (p phrases[V]) words() iter.Seq[string] {
	return func(yield func(string) bool) {
		for first, list := range p.byFirst {
			if !yield(first) {
				return
			}
			for _, ph := range list {
				for _, w := range ph.rest {
					if !yield(w) {
						return
					}
				}
			}
		}
	}
}
