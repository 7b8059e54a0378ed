package knowledge

import "strings"

// Matches reports whether the folded words of a question carry every
// keyword of the fact: each keyword is a set of lower-case stems separated
// by "|", one of which must start a word ("troop|soldier" matches
// "soldiers").
func (f Fact) Matches(words []string) bool {
	for _, k := range f.Keywords {
		found := false
		for _, alt := range strings.Split(k, "|") {
			for _, w := range words {
				if alt != "" && strings.HasPrefix(w, alt) {
					found = true
				}
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// MatchFact returns the fact a question asks for: among the facts it
// matches, the most specific (most keywords), the earlier on a tie.
func (b *Base) MatchFact(question string) (Fact, bool) {
	words := Words(question)
	best := -1
	for i, f := range b.Facts {
		if f.Matches(words) && (best < 0 || len(f.Keywords) > len(b.Facts[best].Keywords)) {
			best = i
		}
	}
	if best < 0 {
		return Fact{}, false
	}
	return b.Facts[best], true
}
