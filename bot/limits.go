package bot

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Discord's limits on what a bot sends, in characters. Discord's API counts
// Unicode code points, so these are compared with rune counts.
const (
	maxContent     = 2000
	maxTitle       = 256
	maxDescription = 4096
	maxFields      = 25
	maxFieldName   = 256
	maxFieldValue  = 1024
	maxFooter      = 2048
	maxEmbedTotal  = 6000
	maxChoices     = 25
	maxChoiceName  = 100
	maxChoiceValue = 100
	maxDescOption  = 100 // command and option descriptions
)

// ellipsis marks text cut to fit.
const ellipsis = "…"

// Truncate returns s cut to at most max characters (code points), ending
// with an ellipsis when it was cut. It cuts at a word boundary when there is
// one in the second half of the allowed text, and never inside a multi-byte
// character, so what a user sees reads as a sentence cut short rather than
// as garbage.
func Truncate(s string, max int) string {
	if max < 1 {
		return ""
	}
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	cut := cutPoint(s, max-1)
	return strings.TrimRightFunc(s[:cut], unicode.IsSpace) + ellipsis
}

// Split breaks s into pieces of at most max characters each, at line breaks
// or spaces when possible, so long text can be spread over several fields or
// messages instead of being lost. Whitespace at the cuts is dropped; pieces
// are never empty. Split returns nil for max < 1 or blank s.
func Split(s string, max int) []string {
	if max < 1 {
		return nil
	}
	var out []string
	s = strings.TrimSpace(s)
	for utf8.RuneCountInString(s) > max {
		cut := cutPoint(s, max)
		out = append(out, strings.TrimRightFunc(s[:cut], unicode.IsSpace))
		s = strings.TrimLeftFunc(s[cut:], unicode.IsSpace)
	}
	if s != "" {
		out = append(out, s)
	}
	return out
}

// cutPoint returns the byte offset at which to cut s so that s[:offset]
// holds at most n characters (and at least one when n > 0): at the end of
// the window when a space follows it, else before the window's last line
// break or else last space if that lies in its second half, else right
// after n characters. The offset is always on a character boundary.
func cutPoint(s string, n int) int {
	end := len(s)
	count := 0
	for i := range s {
		if count == n {
			end = i
			break
		}
		count++
	}
	if end == len(s) || n == 0 {
		return end
	}
	// The window ending right before a space ends on a word.
	if r, _ := utf8.DecodeRuneInString(s[end:]); unicode.IsSpace(r) {
		return end
	}
	window := s[:end]
	half := len(window) / 2
	if i := strings.LastIndexByte(window, '\n'); i > 0 && i >= half {
		return i
	}
	if i := strings.LastIndexFunc(window, unicode.IsSpace); i > 0 && i >= half {
		return i
	}
	return end
}
