package knowledge

import (
	"strings"
	"unicode"

	"github.com/blevesearch/snowballstem"
	porter2 "github.com/blevesearch/snowballstem/english"
	"github.com/kljensen/snowball/english"
)

// Fold lower-cases s and strips diacritics, so "Plenković", "Plenkovic" and
// "PLENKOVIC" compare equal. Apostrophes of any shape become "'".
func Fold(s string) string {
	if isFolded(s) {
		return s // most words: lower-case ASCII already
	}
	if isASCII(s) {
		return strings.ToLower(s) // most of the rest ("Who", "Italy"), without a look-up per letter
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if f, ok := foldMap[r]; ok {
			b.WriteString(f)
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// isFolded reports whether s is lower-case ASCII letters and digits, which
// Fold would return unchanged.
func isFolded(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < 'a' || c > 'z') && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}

// foldMap covers the letters of the European names and places the bot
// deals with; anything else is only lower-cased.
var foldMap = func() map[rune]string {
	m := map[rune]string{'’': "'", '‘': "'", 'ʼ': "'", 'ß': "ss", 'ø': "o", 'Ø': "o", 'æ': "ae", 'Æ': "ae", 'ð': "d", 'þ': "th", 'ı': "i", 'İ': "i", 'ł': "l", 'Ł': "l", 'đ': "d", 'Đ': "d"}
	for base, variants := range map[string]string{
		"a": "áàâäãåāăąÁÀÂÄÃÅĀĂĄ",
		"c": "çćčĉċÇĆČ",
		"e": "éèêëēĕėęěÉÈÊËĒĖĘĚ",
		"g": "ğĝġģĞ",
		"i": "íìîïīįÍÌÎÏĪĮ",
		"n": "ñńňņÑŃŇ",
		"o": "óòôöõōőÓÒÔÖÕŌŐ",
		"r": "řŕŘ",
		"s": "śšşșŚŠŞȘ",
		"t": "ťţțŤŢȚ",
		"u": "úùûüūůűųÚÙÛÜŪŮŰ",
		"y": "ýÿÝ",
		"z": "źżžŹŻŽ",
	} {
		for _, r := range variants {
			m[r] = base
		}
	}
	return m
}()

// Words splits s into folded words: runs of letters and digits, keeping
// inner apostrophes and hyphens out ("Kyiv's" gives "kyiv", "s"). The
// upper-case abbreviation "US" becomes "usa" so it is not lost as the
// pronoun "us".
func Words(s string) []string {
	var out []string
	eachWord(s, func(start, end int) {
		if w := s[start:end]; w == "US" {
			out = append(out, "usa")
		} else {
			out = append(out, Fold(w))
		}
	})
	return out
}

// eachWord calls f with the bounds of each run of letters and digits in s,
// in order.
func eachWord(s string, f func(start, end int)) {
	start := -1
	for i, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			f(start, i)
			start = -1
		}
	}
	if start >= 0 {
		f(start, len(s))
	}
}

// Stem reduces a folded word to its English stem (Porter2), leaving stop
// words as they are. Snowball's own generated code does the stemming: it
// gives the same stems as a hand port, three times as fast, and stemming
// is most of what reading a word the knowledge does not hold costs.
func Stem(w string) string {
	if english.IsStopWord(w) {
		return w
	}
	env := snowballstem.NewEnv(w)
	porter2.Stem(env)
	return env.Current()
}

// IsStopWord reports whether a folded word carries no meaning for search.
func IsStopWord(w string) bool {
	if len(w) == 1 && !unicode.IsDigit(rune(w[0])) {
		return true
	}
	return english.IsStopWord(w) || extraStopWords[w]
}

// extraStopWords are words of questions (not of the article) that would
// otherwise count as matches.
var extraStopWords = map[string]bool{
	"tell": true, "please": true, "know": true, "also": true, "would": true,
	"could": true, "may": true, "might": true, "anything": true, "something": true,
	"thing": true, "things": true, "get": true, "give": true, "us": true,
	"one": true, "ones": true, "exactly": true, "bot": true, "hey": true, "hi": true,
	"shall": true, "let": true, "want": true, "much": true, "many": true, "say": true,
	"said": true, "says": true,
}
