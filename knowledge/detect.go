package knowledge

import (
	"slices"
	"strings"
)

// English is the language of the article and of every answer the bot
// gives when it cannot tell another.
const English = "en"

// Languages are the languages the bot reads questions in: English and one
// for each gloss, sorted.
func (b *Base) Languages() []string {
	out := []string{English}
	for _, g := range b.byCode {
		out = append(out, g.code)
	}
	slices.Sort(out)
	return out
}

// languageOf picks the language to read text in. Each language scores its
// frequent words and its own letters, once the names the knowledge holds
// are set aside ("von der Leyen" is no German, "De Wever" no French). With
// no hint the best score wins, English on a tie. A hint (the language a
// Discord user's client is set to) wins unless the text is clearly in
// another language: at least two signs of it, and twice any other's.
func (b *Base) languageOf(text, hint string) string {
	words := b.withoutNames(Words(text))
	best, bestScore, second := English, b.lang.score(words), 0
	for _, g := range b.byCode { // in a fixed order: a tie goes to the first
		switch s := g.score(words, text); {
		case s > bestScore:
			best, bestScore, second = g.code, s, bestScore
		case s > second:
			second = s
		}
	}
	if !b.supports(hint) {
		return best // a tie keeps English, scored first
	}
	if best != hint && bestScore >= 2 && bestScore >= 2*second {
		return best
	}
	return hint
}

// supports reports whether code is a language the bot reads.
func (b *Base) supports(code string) bool {
	return code == English || b.glosses[code] != nil
}

// nameAt is the length in words of the entity name at words[i], or 0.
func (b *Base) nameAt(words []string, i int) int {
	_, n := b.lexicon.names.at(words, i)
	return n
}

// withoutNames drops the words of entity names from words.
func (b *Base) withoutNames(words []string) []string {
	out := words[:0:0]
	for i := 0; i < len(words); i++ {
		if n := b.nameAt(words, i); n > 0 {
			i += n - 1
			continue
		}
		out = append(out, words[i])
	}
	return out
}

// score is how many of words are English's frequent words.
func (l *lang) score(words []string) int {
	n := 0
	for _, w := range words {
		if l.detect[w] {
			n++
		}
	}
	return n
}

// BaseCode is the language of a locale tag, as the bot names languages:
// "fr" of "fr-FR", "pt" of "pt_BR", "" of "".
func BaseCode(tag string) string {
	base, _, _ := strings.Cut(tag, "-")
	base, _, _ = strings.Cut(base, "_")
	return strings.ToLower(base)
}
