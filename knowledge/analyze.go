package knowledge

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is one word of a question as typed, folded, with what precedes it.
type token struct {
	word string
	lex  *lexeme
	// stop is set when a sentence mark (. ? ! ; :) comes before the word,
	// comma when a comma does; question when the clause the word ends
	// closes with "?".
	stop, comma, question bool
}

// tokens splits text into folded words like Words, expanding casual
// spellings and contractions ("whos", "hasn't") from the language data and
// noting the punctuation between clauses.
func (b *Base) tokens(s string) []token {
	// Room for words of five letters and a space, so most questions need
	// one allocation, not one for each doubling.
	out := make([]token, 0, len(s)/6+1)
	stop, comma := false, false
	start := -1
	// An all-capitals question ("CAN YOU TELL US…") has no "US" apart from
	// "us".
	shouting := !strings.ContainsFunc(s, unicode.IsLower)
	emit := func(w string) {
		if w == "US" && !shouting {
			w = "usa"
		} else {
			w = Fold(w)
		}
		if w == "us" && len(out) > 0 && out[len(out)-1].word == "the" {
			w = "usa" // "the us" is the country, "us" alone the pronoun
		}
		l := b.lexemeOf(w)
		if !l.respell {
			out = append(out, token{word: w, lex: l, stop: stop, comma: comma})
			stop, comma = false, false
			return
		}
		for _, x := range l.spelling {
			out = append(out, token{word: x, lex: b.lexemeOf(x), stop: stop, comma: comma})
			stop, comma = false, false
		}
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if start < 0 {
				start = i
			}
			i += size
			continue
		}
		// "hasn't", "don't": one word, so the spellings can expand it.
		if isApostrophe(r) && start >= 0 && i > 0 && (s[i-1] == 'n' || s[i-1] == 'N') && i+size < len(s) &&
			(s[i+size] == 't' || s[i+size] == 'T') && !letterAt(s, i+size+1) {
			emit(s[start:i] + "t")
			start = -1
			i += size + 1
			continue
		}
		if start >= 0 {
			emit(s[start:i])
			start = -1
		}
		switch r {
		case '.', '!', ';', '\n', ':':
			stop = true
		case ',':
			comma = true
		case '?':
			stop = true
			if len(out) > 0 {
				out[len(out)-1].question = true
			}
		}
		i += size
	}
	if start >= 0 {
		emit(s[start:])
	}
	return b.rewritePhrases(out)
}

// rewritePhrases replaces idioms with the word they mean, keeping the
// clause marks of their first word.
func (b *Base) rewritePhrases(toks []token) []token {
	if !slices.ContainsFunc(toks, func(t token) bool { return t.lex.startsPhrase }) {
		return toks // most questions
	}
	words := make([]string, len(toks))
	for i, t := range toks {
		words[i] = t.word
	}
	out := make([]token, 0, len(toks)+4) // a rewrite seldom adds more
	for i := 0; i < len(toks); i++ {
		v, n := "", 0
		if toks[i].lex.startsPhrase {
			v, n = b.lang.phrases.at(words, i)
		}
		if n == 0 {
			out = append(out, toks[i])
			continue
		}
		for j, w := range Words(v) {
			t := token{word: w, lex: b.lexemeOf(w)}
			if j == 0 {
				t.stop, t.comma = toks[i].stop, toks[i].comma
			}
			out = append(out, t)
		}
		out[len(out)-1].question = toks[i+n-1].question
		i += n - 1
	}
	return out
}

// letterAt reports whether a letter starts at byte i of s.
func letterAt(s string, i int) bool {
	if i >= len(s) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r)
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' || r == '‘' }

// read analyses one run of tokens: corrections, entities, offices,
// regions, the question word and the words the knowledge does not know.
func (b *Base) read(text string, toks []token) Query {
	n := len(toks)
	q := Query{Text: text, Words: make([]string, n), Stems: make([]string, n), lex: make([]*lexeme, n)}
	for i, t := range toks {
		q.Words[i], q.lex[i] = b.correct(t.word, t.lex)
		q.Stems[i] = q.lex[i].stem
	}
	q.Mentions = b.mentionsIn(q.Words, q.Stems, q.lex)
	named := Covered(q.Mentions, n)
	for i := 0; i < n; i++ {
		if named[i] {
			continue
		}
		l := q.lex[i]
		if l.startsOffice {
			if v, k := b.lang.offices.at(q.Words, i); k > 0 {
				q.Offices = append(q.Offices, Span{v, i, i + k})
				i += k - 1
				continue
			}
		}
		if l.startsRegion {
			if v, k := b.lang.regions.at(q.Words, i); k > 0 {
				q.Regions = append(q.Regions, Span{v, i, i + k})
				i += k - 1
			}
		}
	}
	inSpan := q.named()
	for i, l := range q.lex {
		if l.content() && !inSpan[i] && !l.known {
			q.Unknown = append(q.Unknown, q.Words[i])
		}
		if l.bot && (i == 0 || !q.lex[i-1].polite) {
			q.AddressesBot = true
		}
	}
	q.Ask = q.askOf()
	q.Questioned = n > 0 && toks[n-1].question
	return q
}

// askOf is the question word a part opens with, or the first it holds;
// yes-no for a part opening with an auxiliary ("is", "did"). A bare
// "greek guy at the table??" asks nothing in particular: "".
func (q Query) askOf() string {
	for i := 0; i < len(q.lex); i++ {
		l := q.lex[i]
		switch {
		case l.yesNo && i+2 < len(q.lex) && q.lex[i+1].bot && q.lex[i+2].opener:
			i += 2 // "could you tell me which…" asks which
			continue
		case l.yesNo:
			return AskYesNo
		case l.qword:
			return q.Words[i]
		case l.skip || l.opener || l.bot:
			continue // "so who…", "tell me who…"
		}
		break
	}
	for i, l := range q.lex {
		if l.qword {
			return q.Words[i]
		}
	}
	return ""
}

func isNumber(w string) bool {
	for _, r := range w {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return w != ""
}

// stemOf is the stem of a folded word: its lemma's stem for irregular
// forms, cached at load for every word the knowledge uses.
func (b *Base) stemOf(w string) string {
	if s, ok := b.stems[w]; ok {
		return s
	}
	if l, ok := b.lang.lemmas[w]; ok {
		w = l
	}
	return Stem(w)
}
