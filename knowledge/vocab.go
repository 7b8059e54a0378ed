package knowledge

import (
	"strings"
	"unicode"
)

// buildVocabulary collects every word the knowledge uses: the passages
// (and their query expansions), the names, titles and notes of the curated
// data, quotes, facts, intent examples and the language data. A question
// word outside it is something the knowledge cannot speak of; a word near
// one of them is a typo of it.
func (b *Base) buildVocabulary() {
	b.vocab = map[string]bool{}
	b.stems = map[string]string{}
	for w := range b.index.known {
		b.vocab[w] = true
	}
	var texts []string
	for _, m := range b.Members {
		texts = append(texts, m.Name, m.Title, m.Role, m.Institution, m.ArticleTitle)
		texts = append(texts, m.Aliases...)
	}
	for _, c := range b.Countries {
		texts = append(texts, c.Name, c.Note)
		texts = append(append(append(texts, c.Aliases...), c.Demonyms...), c.Regions...)
	}
	for _, in := range b.Institutions {
		texts = append(append(texts, in.Name), in.Aliases...)
	}
	for _, p := range b.People {
		texts = append(append(texts, p.Name, p.Title), p.Aliases...)
	}
	for _, q := range b.Quotes {
		texts = append(texts, q.Text, q.Where)
	}
	for _, f := range b.Facts {
		texts = append(append(texts, f.Answer), f.Questions...)
	}
	b.cues = map[string]bool{}
	var cueTexts []string
	for _, in := range b.Intents {
		cueTexts = append(cueTexts, in.Examples...)
	}
	for _, f := range b.Facts {
		cueTexts = append(cueTexts, f.Questions...)
	}
	for w := range b.lang.questionWords {
		cueTexts = append(cueTexts, w)
	}
	for w := range b.lang.yesNo {
		cueTexts = append(cueTexts, w)
	}
	for _, t := range cueTexts {
		for _, w := range Words(placeholder.ReplaceAllString(t, " ")) {
			b.cues[w] = true
		}
	}
	texts = append(texts, cueTexts...)
	for k, v := range b.lang.lemmas {
		texts = append(texts, k, v)
	}
	// The language's own words are known too, so reading them costs a
	// look-up, not a stemming.
	for _, set := range []map[string]bool{b.lang.fillers, b.lang.meaningful, b.lang.pronouns, b.lang.botWords, b.lang.polite, b.lang.openers, b.lang.breaks} {
		for w := range set {
			texts = append(texts, w)
		}
	}
	for _, words := range b.lang.spellings {
		texts = append(texts, words...)
	}
	for first, list := range b.lang.phrases.byFirst {
		for _, ph := range list {
			texts = append(texts, first+" "+strings.Join(ph.rest, " "))
		}
	}
	for _, t := range []phraseTable{b.lang.offices, b.lang.regions} {
		for first, list := range t.byFirst {
			for _, ph := range list {
				texts = append(texts, first+" "+strings.Join(ph.rest, " "))
			}
		}
	}
	for _, g := range b.lang.synonyms {
		texts = append(texts, g...)
	}
	for _, t := range texts {
		for _, w := range Words(placeholder.ReplaceAllString(t, " ")) {
			b.vocab[w] = true
		}
	}
	var dict []string
	b.knownStems = map[string]bool{}
	for w := range b.vocab {
		if _, lemma := b.lang.lemmas[w]; lemma {
			b.stems[w] = b.stemOf(w)
		} else {
			b.stems[w] = b.index.stem(w)
			b.index.cacheStem(w, b.stems[w]) // one Stem a word, for search too
		}
		b.knownStems[b.stems[w]] = true
		if (!b.skip(w) || b.asks(w)) && !strings.ContainsFunc(w, unicode.IsDigit) {
			dict = append(dict, w) // question words too: "wher", "wich"
		}
	}
	b.words = newDictionary(dict)
	b.canon = map[string]string{}
	for _, g := range b.lang.synonyms {
		for _, w := range g {
			if s := b.stemOf(Fold(w)); b.canon[s] == "" {
				b.canon[s] = b.stemOf(Fold(g[0]))
			}
		}
	}
}
