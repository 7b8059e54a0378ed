package knowledge

import (
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
)

// lexeme is what reading a question needs to know of one folded word.
// Every word of the knowledge and of the language file gets one at load,
// so reading them costs one look-up; any other word gets one when read.
type lexeme struct {
	stem  string
	canon string // the stem its synonym group is matched by
	// known: the knowledge uses the word, or a word of its stem.
	known bool
	// skip: it carries no request (a stop word, a filler, a lone letter).
	skip                                   bool
	qword, yesNo, opener, clauseBreak      bool
	pronoun, bot, polite, number           bool
	subjectPronoun                         bool // "it": the coalition, when nothing else is named
	respell                                bool // spelling replaces the word
	spelling                               []string
	startsPhrase, startsOffice, startsName bool // a phrase table has a phrase starting with it
	startsRegion                           bool
}

// asks reports whether the word asks: a question word or an auxiliary.
func (l *lexeme) asks() bool { return l.qword || l.yesNo }

// content reports whether the word is what a question asks about: neither
// a word that carries no request nor a question word.
func (l *lexeme) content() bool { return !l.skip && !l.asks() }

// opens reports whether the word can open a question: one that asks, or
// an imperative that does ("tell", "list").
func (l *lexeme) opens() bool { return l.asks() || l.opener }

// buildLexemes makes the lexeme of every word the knowledge and the
// language file use (after the vocabulary and the lexicon are built).
func (b *Base) buildLexemes() {
	b.lexemes = make(map[string]*lexeme, len(b.vocab))
	for w := range b.vocab {
		b.lexemes[w] = b.makeLexeme(w)
	}
	for w := range b.lang.spellings {
		b.lexemes[w] = b.makeLexeme(w)
	}
}

// skip reports whether a word carries no request: a stop word, a filler
// or a lone letter ("s" of "who's").
func (b *Base) skip(w string) bool {
	return b.lang.fillers[w] || (english.IsStopWord(w) && !b.lang.meaningful[w]) || (utf8.RuneCountInString(w) == 1 && !isNumber(w))
}

// asks reports whether a word asks: a question word or an auxiliary.
func (b *Base) asks(w string) bool { return b.lang.questionWords[w] || b.lang.yesNo[w] }

// lexemeOf returns the lexeme of a folded word. A word with none made at
// load is in no data file, so the language gives it no role: only its
// stem, and whether it is a stop word or a number, are read.
func (b *Base) lexemeOf(w string) *lexeme {
	if l, ok := b.lexemes[w]; ok {
		return l
	}
	stem := Stem(w)
	l := &lexeme{stem: stem, canon: stem, number: isNumber(w), skip: b.skip(w)}
	if c, ok := b.canon[stem]; ok {
		l.canon = c
	}
	l.known = b.knownStems[stem] || l.number
	return l
}

func (b *Base) makeLexeme(w string) *lexeme {
	lg := b.lang
	l := &lexeme{stem: b.stemOf(w)}
	l.canon = l.stem
	if c, ok := b.canon[l.stem]; ok {
		l.canon = c
	}
	_, numberWord := lg.numbers[w]
	l.number = numberWord || isNumber(w)
	l.known = b.vocab[w] || b.knownStems[l.stem] || l.number
	l.skip = b.skip(w)
	l.qword, l.yesNo, l.opener, l.clauseBreak = lg.questionWords[w], lg.yesNo[w], lg.openers[w], lg.breaks[w]
	l.pronoun, l.bot, l.polite, l.subjectPronoun = lg.pronouns[w], lg.botWords[w], lg.polite[w], lg.subjectPronouns[w]
	l.spelling, l.respell = lg.spellings[w]
	l.startsPhrase = len(lg.phrases.byFirst[w]) > 0
	l.startsOffice = len(lg.offices.byFirst[w]) > 0
	l.startsRegion = len(lg.regions.byFirst[w]) > 0
	l.startsName = len(b.lexicon.names.byFirst[w]) > 0
	return l
}
