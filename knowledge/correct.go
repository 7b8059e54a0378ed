package knowledge

import "unicode/utf8"

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
