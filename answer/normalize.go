package answer

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxQuestionLen is the longest question accepted, in characters: the
// longest message a user can send on Discord without Nitro, so a question
// that rambles before it asks ("…what i actually want to know is…") is
// read, not rejected. Discord's /ask option carries the same limit.
const MaxQuestionLen = 2000

// InputError is a question the pipeline cannot take as it is. Its message
// is meant for the user.
type InputError struct{ Msg string }

func (e *InputError) Error() string { return e.Msg }

// NormalizeQuestion cleans a question (see Clean) and checks it: an empty
// or over-long question is an *InputError, its message in lang.
func (m *Messages) NormalizeQuestion(lang, s string) (string, error) {
	q := Clean(s)
	if q == "" {
		return "", &InputError{m.Text(lang, msgQuestionEmpty, nil)}
	}
	if n := utf8.RuneCountInString(q); n > MaxQuestionLen {
		return "", &InputError{m.Plural(lang, msgQuestionTooLong, n, map[string]any{"Limit": MaxQuestionLen})}
	}
	return q, nil
}

// clean reports whether Clean would return s as it is: printable ASCII,
// single spaces, none at either end.
func clean(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < ' ' || c > '~' || (c == ' ' && (i == 0 || i == len(s)-1 || s[i-1] == ' ')) {
			return false
		}
	}
	return true
}

// Clean makes user input safe to process and to echo: invalid UTF-8 and
// control characters are dropped, runs of white space (new lines included)
// become one space, and the result is trimmed.
func Clean(s string) string {
	if line := strings.TrimSuffix(strings.TrimSuffix(s, "\n"), "\r"); clean(line) {
		return line // most questions: nothing to drop or tidy but the line's end
	}
	s = strings.ToValidUTF8(s, "")
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		case unicode.IsControl(r), unicode.Is(unicode.Cf, r) && r != '\u200d':
			// Format characters (zero-width spaces, bidi overrides) are
			// dropped too: they hide text from readers, not from the bot.
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}
