package knowledge

import "strings"

// minFactCoverage is how much of a question a fact's text (its answer
// and passages) must cover for the fact to answer it. Keywords alone are
// loose: "What group won Eurovision?" has "what" and "group" like "What is
// the coalition (group)?" but is not about it. Calibrated in
// TestMatchFactIgnoresLookalikes.
const minFactCoverage = 0.5

// Matches reports whether the folded words of a question carry every
// keyword of the fact: each keyword is a set of lower-case stems separated
// by "|", one of which must start a word ("troop|soldier" matches
// "soldiers").
func (f Fact) Matches(words []string) bool {
	for _, k := range f.Keywords {
		found := false
		for _, alt := range strings.Split(k, "|") {
			for _, w := range words {
				if alt != "" && startsWord(w, alt) {
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

// startsWord reports whether alt starts w. Alternatives of three letters or
// fewer must be the whole word: "us" is the US, not "use".
func startsWord(w, alt string) bool {
	if len(alt) <= 3 {
		return w == alt
	}
	return strings.HasPrefix(w, alt)
}

// MatchFact returns the fact a question asks for: among the facts whose
// keywords it carries and whose text covers it, the most specific (most
// keywords), the earlier on a tie.
func (b *Base) MatchFact(question string) (Fact, bool) {
	words := Words(question)
	best := -1
	for i, f := range b.Facts {
		if !f.Matches(words) || (best >= 0 && len(f.Keywords) <= len(b.Facts[best].Keywords)) {
			continue
		}
		if text := b.factTerms[i]; b.Coverage(question, text) >= minFactCoverage && b.namesAll(question, text) {
			best = i
		}
	}
	if best < 0 {
		return Fact{}, false
	}
	return b.Facts[best], true
}

// factText is what a fact is about: its answer, its passages and the
// questions curators wrote for it.
func (b *Base) factText(f Fact) string {
	text := f.Answer + "\n" + strings.Join(f.Questions, "\n")
	for _, id := range f.Passages {
		if p, ok := b.Passage(id); ok {
			text += "\n" + p.Text
		}
	}
	return text
}

// namesAll reports whether text speaks of everyone and everywhere the
// question names: "Who founded NATO?" is not about the coalition's
// founding, whatever its other words.
func (b *Base) namesAll(question string, text TermSet) bool {
	for _, m := range b.Mentions(question) {
		if b.Coverage(m.Phrase, text) == 0 {
			return false
		}
	}
	return true
}
