package knowledge

import "strings"

// English is the language of the article and of every answer the bot
// gives when it cannot tell another.
const English = "en"

// languageOf picks the language to read text in. Each language scores its
// frequent words and its own letters, once the names the knowledge holds
// are set aside ("von der Leyen" is no German, "De Wever" no French). With
// no hint the best score wins, English on a tie. A hint (the language a
// Discord user's client is set to) wins unless the text is clearly in
// another language: at least two signs of it, and twice any other's.
func (b *Base) languageOf(text, hint string) string {
	if (hint == "" || hint == English) && b.surelyEnglish(text) {
		return English // most questions: nothing but English could win
	}
	return b.scoreLanguages(text, hint)
}

// scoreLanguages is languageOf's full reading.
func (b *Base) scoreLanguages(text, hint string) string {
	// scores[0] is English's, scores[i+1] that of byCode[i].
	scores := make([]int, len(b.byCode)+1)
	for _, w := range b.withoutNames(Words(text)) {
		b.signs.words[w].langs.addTo(scores)
	}
	if !isASCII(text) { // every letter that tells a language is not ASCII
		var seen map[rune]bool
		for _, r := range strings.ToLower(text) {
			if m, ok := b.signs.letters[r]; ok && !seen[r] {
				if seen == nil {
					seen = map[rune]bool{}
				}
				seen[r] = true
				m.addTo(scores)
			}
		}
	}
	best, bestScore, second := English, scores[0], 0
	for i, g := range b.byCode { // in a fixed order: a tie goes to the first
		switch s := scores[i+1]; {
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

// surelyEnglish reports whether text is ASCII and English must win however
// its names are set aside: no other language scores more than English would
// with every one of its signs that is also a word of a name left out.
// Setting names aside only lowers scores, so then the full reading would
// give English too. It reads the words in place, without allocating, and
// decides most questions: half of those in English carry a word such as
// "in" or "die" that other languages are told by too.
func (b *Base) surelyEnglish(text string) bool {
	if !isASCII(text) {
		return false
	}
	var scores [32]int // scores[0] is English's, as in languageOf
	english := 0       // English's lowest score, its signs in names left out
	var buf [maxSignWord]byte
	for i := 0; i < len(text); {
		for i < len(text) && !isASCIIWordByte(text[i]) {
			i++
		}
		n := 0
		for ; i < len(text) && isASCIIWordByte(text[i]); i++ {
			if n < len(buf) {
				buf[n] = lowerASCII(text[i])
			}
			n++
		}
		if n == 0 || n > len(buf) {
			continue
		}
		if sg, ok := b.signs.words[string(buf[:n])]; ok {
			sg.langs.addTo(scores[:len(b.byCode)+1])
			if sg.langs&1 != 0 && !sg.inName {
				english++
			}
		}
	}
	for _, s := range scores[1 : len(b.byCode)+1] {
		if s > english {
			return false
		}
	}
	return true
}

// maxSignWord is longer than any frequent word a language is told by.
const maxSignWord = 32

func isASCIIWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func lowerASCII(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// signs are what tells the languages apart, gathered once at load: for
// each frequent word and telling letter, the languages it is a sign of.
type signs struct {
	words   map[string]wordSign
	letters map[rune]langSet
}

// wordSign is what a frequent word tells: the languages it is frequent in,
// and whether it is also a word of an entity's name ("de" of "De Wever"),
// which the full reading sets aside.
type wordSign struct {
	langs  langSet
	inName bool
}

// langSet is a set of languages: bit 0 English, bit i+1 byCode[i].
type langSet uint32

// addTo adds one to the score of each language of the set.
func (s langSet) addTo(scores []int) {
	for i := range scores {
		if s&(1<<i) != 0 {
			scores[i]++
		}
	}
}

// gatherSigns builds the signs of English and of every gloss, and marks
// the words of names.
func (b *Base) gatherSigns(names phrases[[]Mention]) signs {
	sg := signs{words: map[string]wordSign{}, letters: map[rune]langSet{}}
	add := func(w string, langs langSet) {
		s := sg.words[w]
		s.langs |= langs
		sg.words[w] = s
	}
	for w := range b.lang.detect {
		add(w, 1)
	}
	for i, g := range b.byCode {
		for w := range g.detect {
			add(w, 1<<(i+1))
		}
		for _, r := range g.letters {
			sg.letters[r] |= 1 << (i + 1)
		}
	}
	for w := range names.words() {
		if s, ok := sg.words[w]; ok {
			s.inName = true
			sg.words[w] = s
		}
	}
	return sg
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

// withoutNames drops the words of entity names from words, in place.
func (b *Base) withoutNames(words []string) []string {
	out := words[:0]
	for i := 0; i < len(words); i++ {
		if n := b.nameAt(words, i); n > 0 {
			i += n - 1
			continue
		}
		out = append(out, words[i])
	}
	return out
}

// BaseCode is the language of a locale tag, as the bot names languages:
// "fr" of "fr-FR", "pt" of "pt_BR", "" of "".
func BaseCode(tag string) string {
	base, _, _ := strings.Cut(tag, "-")
	base, _, _ = strings.Cut(base, "_")
	return strings.ToLower(base)
}
