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
	var out []token
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
	var out []token
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

// opensAt reports whether a question opens at toks[i], after any fillers
// (", like why was it formed").
func opensAt(toks []token, i int) bool {
	for ; i < len(toks); i++ {
		if l := toks[i].lex; l.opens() || !l.skip {
			return l.opens()
		}
	}
	return false
}

// questionParts splits a question into the parts that ask something, each
// read, with pronouns resolved against the part before. It returns nil
// when no part on its own is a question (then the text is read whole).
func (b *Base) questionParts(toks []token) []Query {
	var groups [][]token
	start := 0
	for i := 1; i < len(toks); i++ {
		// A sentence ends a part; a comma or a clause break ("and",
		// "also") only when a question follows: "who represents Italy,
		// France and Spain" is one question.
		opensNext := i+1 < len(toks) && toks[i+1].lex.opens()
		if toks[i].stop || (toks[i].comma && opensAt(toks, i)) || (toks[i].lex.clauseBreak && opensNext) {
			groups = append(groups, toks[start:i])
			start = i
		}
	}
	groups = append(groups, toks[start:])
	if len(groups) == 1 {
		return nil
	}
	var parts []Query
	var prev *Query
	toBot := false
	for _, g := range groups {
		for len(g) > 0 && g[0].lex.clauseBreak {
			g = g[1:] // "also who's there for Denmark"
		}
		if len(g) == 0 {
			continue
		}
		q := b.read("", g)
		q.Text = q.Joined()
		if prev != nil {
			q = b.resolvePronouns(q, g, *prev)
		}
		prev = &q
		switch {
		case b.isQuestion(q, g) && len(q.Content())+len(q.Mentions)+len(q.Offices)+len(q.Regions) > 0:
			parts = append(parts, q)
		case q.AddressesBot:
			toBot = true // "…, your honest opinion": the question is put to the bot
		}
	}
	for i := range parts {
		parts[i].AddressesBot = parts[i].AddressesBot || toBot
	}
	return parts
}

// WithSubject reads a question again with the bot's subject in place of
// the "it" it asks about, when it names nothing else, or reports false:
// "what is it for?" may ask what the coalition is for. The curated stage
// tries it when the question as asked matches nothing ("what building was
// it in?" is about the summit, and matches as asked).
func (b *Base) WithSubject(q Query) (Query, bool) {
	if len(q.Mentions) > 0 || len(q.Parts) > 0 || !slices.ContainsFunc(q.lex, func(l *lexeme) bool { return l.subjectPronoun }) {
		return q, false
	}
	toks := make([]token, 0, len(q.Words)+len(b.lang.defaultSubject))
	for i, w := range q.Words {
		toks = append(toks, token{word: w, lex: q.lex[i]})
	}
	if q.Questioned {
		toks[len(toks)-1].question = true
	}
	for _, w := range b.lang.defaultSubject {
		toks = append(toks, token{word: w, lex: b.lexemeOf(w)})
	}
	return b.read(q.Text, toks), true
}

// isQuestion reports whether a part asks something: it holds a question
// word, opens like a question or ends with "?".
func (b *Base) isQuestion(q Query, g []token) bool {
	return q.Ask != "" || g[0].lex.opens() || g[len(g)-1].question
}

// resolvePronouns lets a part that names nothing but uses a pronoun ("and
// where did he post it") speak of what the part before named: its first
// entity, or failing that its subject; when the part before has a pronoun
// of its own, both speak of the bot's subject, the coalition.
func (b *Base) resolvePronouns(q Query, g []token, prev Query) Query {
	if len(q.Mentions) > 0 || !q.hasPronoun() {
		return q
	}
	var add []token
	if len(prev.Mentions) > 0 {
		m := prev.Mentions[0]
		for _, w := range prev.Words[m.Start:m.End] {
			add = append(add, token{word: w, lex: b.lexemeOf(w)})
		}
	} else {
		subject := prev.subject()
		if prev.hasPronoun() {
			subject = b.lang.defaultSubject // "who convened it and what does it want": both the coalition
		}
		for _, w := range subject {
			add = append(add, token{word: w, lex: b.lexemeOf(w)})
		}
	}
	if len(add) == 0 {
		return q
	}
	return b.read(q.Text, append(slices.Clone(g), add...))
}

func (q Query) hasPronoun() bool {
	return slices.ContainsFunc(q.lex, func(l *lexeme) bool { return l.pronoun })
}

// subject is what a part without entities speaks of, for a pronoun after
// it: its first run of content words, at most three ("the Black Sea deal",
// "the Kremlin").
func (q Query) subject() []string {
	var run []string
	for i, w := range q.Words {
		switch {
		case q.content[i] && len(run) < 3:
			run = append(run, w)
		case len(run) > 0:
			return run
		}
	}
	return run
}

// read analyses one run of tokens: corrections, entities, offices,
// regions, the question word and the words the knowledge does not know.
func (b *Base) read(text string, toks []token) Query {
	n := len(toks)
	q := Query{Text: text, Words: make([]string, n), Stems: make([]string, n), content: make([]bool, n), lex: make([]*lexeme, n)}
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
		filler := l.skip || l.asks()
		q.content[i] = !filler
		if !filler && !inSpan[i] && !l.known {
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

// correct returns w, or the word of the knowledge it is likely a typo of,
// with its lexeme. Names are corrected from four letters ("macrom"); other
// words from six, or from four when the typo only dropped a letter or
// swapped two ("sumit", "mnay"), so short ordinary words outside the
// knowledge ("party", "tall", "story") stay unknown instead of becoming
// another word of it.
func (b *Base) correct(w string, l *lexeme) (string, *lexeme) {
	n := utf8.RuneCountInString(w)
	if l.known || l.skip || n < 4 || n > maxTypoLen {
		return w, l
	}
	c, ok := b.lexicon.singles.closest(w)
	if !ok && n < 6 {
		c, ok = b.droppedOrSwapped(w)
	} else if !ok {
		c, ok = b.words.closest(w)
	}
	if !ok {
		return w, l
	}
	return c, b.lexemeOf(c)
}

// droppedOrSwapped returns the word of the intents, facts' questions or
// the language data that w is with one letter left out ("sumit", "wich")
// or two neighbours swapped ("mnay"), trying each place in turn. Short
// words get only these typos, the commonest, and only towards words
// questions use, so that "party" becomes neither "part" nor "partly".
func (b *Base) droppedOrSwapped(w string) (string, bool) {
	if !isASCII(w) {
		return "", false
	}
	buf := make([]byte, len(w)+1)
	for i := 0; i+1 < len(w); i++ {
		copy(buf, w)
		buf[i], buf[i+1] = buf[i+1], buf[i]
		if b.cues[string(buf[:len(w)])] {
			return string(buf[:len(w)]), true
		}
	}
	for i := 0; i <= len(w); i++ {
		copy(buf, w[:i])
		copy(buf[i+1:], w[i:])
		for r := byte('a'); r <= 'z'; r++ {
			buf[i] = r
			if b.cues[string(buf)] {
				return string(buf), true
			}
		}
	}
	return "", false
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
