package answer_test

import (
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/coalitionbot/coalitionbot/answer"
)

// FuzzNormalizeQuestion checks that an accepted question is clean, within
// the limit and already normal. Seeds are in
// testdata/fuzz/FuzzNormalizeQuestion.
func FuzzNormalizeQuestion(f *testing.F) {
	f.Fuzz(func(t *testing.T, s string) {
		q, err := answer.NormalizeQuestion(s)
		if err != nil {
			return
		}
		if !utf8.ValidString(q) {
			t.Errorf("NormalizeQuestion(%q) = %q, not valid UTF-8", s, q)
		}
		if n := utf8.RuneCountInString(q); n == 0 || n > answer.MaxQuestionLen {
			t.Errorf("NormalizeQuestion(%q) = %q, %d characters, want 1 to %d", s, q, n, answer.MaxQuestionLen)
		}
		for _, r := range q {
			if unicode.IsControl(r) || (unicode.Is(unicode.Cf, r) && r != '\u200d') {
				t.Errorf("NormalizeQuestion(%q) = %q, contains control or format character %U", s, q, r)
			}
		}
		if again, err := answer.NormalizeQuestion(q); err != nil || again != q {
			t.Errorf("NormalizeQuestion(%q) = %q, %v, want %q unchanged (idempotent)", q, again, err, q)
		}
	})
}
