package answer

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// What a model writes is untrusted text. Before any check reads it and
// before anyone sees it, streamed or final, two filters run over it:
// reasoning blocks go, and so does every character that could act on a
// terminal or hide text from a reader. Both work piece by piece, holding
// back only a tail that may be the start of a tag or an escape sequence, so
// a stream and the same text in one piece come out the same.

// reasoningTags are the blocks reasoning models served through
// OpenAI-compatible servers (Ollama, vLLM) write before their answer.
var reasoningTags = [...]struct{ open, close string }{
	{"<think>", "</think>"},
	{"<thinking>", "</thinking>"},
}

// outputFilter is both filters in a row.
type outputFilter struct {
	reasoning reasoningFilter
	controls  controlFilter
}

// write takes the next piece of the model's text and returns what of it
// may be read: possibly less than the piece, when its end is held back.
func (f *outputFilter) write(piece string) string {
	return f.controls.write(f.reasoning.write(piece))
}

// flush returns what was held back, once the text is complete.
func (f *outputFilter) flush() string {
	return f.controls.write(f.reasoning.flush()) + f.controls.flush()
}

// cleanOutput is a whole text through a fresh outputFilter.
func cleanOutput(text string) string {
	var f outputFilter
	return f.write(text) + f.flush()
}

// reasoningFilter drops reasoning blocks, also one cut off before its
// closing tag. Tags are matched without regard to case.
type reasoningFilter struct {
	closing string // the tag that ends the block being dropped; "" outside one
	held    string // a tail that may be the start of a tag
}

func (f *reasoningFilter) write(piece string) string {
	if f.closing == "" && f.held == "" && strings.IndexByte(piece, '<') < 0 {
		return piece // no tag can start here: nearly every piece
	}
	s := f.held + piece
	f.held = ""
	var out strings.Builder
	for {
		if f.closing != "" {
			i := indexFold(s, f.closing)
			if i < 0 {
				f.held = s[len(s)-tagPrefixLen(s, f.closing):]
				return out.String()
			}
			s, f.closing = s[i+len(f.closing):], ""
			continue
		}
		i, tag := -1, 0
		for t, rt := range reasoningTags {
			if j := indexFold(s, rt.open); j >= 0 && (i < 0 || j < i) {
				i, tag = j, t
			}
		}
		if i < 0 {
			n := 0
			for _, rt := range reasoningTags {
				n = max(n, tagPrefixLen(s, rt.open))
			}
			out.WriteString(s[:len(s)-n])
			f.held = s[len(s)-n:]
			return out.String()
		}
		out.WriteString(s[:i])
		s, f.closing = s[i+len(reasoningTags[tag].open):], reasoningTags[tag].close
	}
}

// flush ends the text: what was held outside a block was not a tag after
// all; inside an unclosed block it was reasoning.
func (f *reasoningFilter) flush() string {
	s := f.held
	f.held = ""
	if f.closing != "" {
		return ""
	}
	return s
}

// indexFold is strings.Index for an ASCII tag, ignoring case.
func indexFold(s, tag string) int {
	for i := 0; i+len(tag) <= len(s); i++ {
		j := strings.IndexByte(s[i:], tag[0])
		if j < 0 || i+j+len(tag) > len(s) {
			return -1
		}
		i += j
		if strings.EqualFold(s[i:i+len(tag)], tag) {
			return i
		}
	}
	return -1
}

// tagPrefixLen is the length of the longest end of s that begins tag (and
// is shorter than it): what must wait for the next piece.
func tagPrefixLen(s, tag string) int {
	for n := min(len(tag)-1, len(s)); n > 0; n-- {
		if strings.EqualFold(s[len(s)-n:], tag[:n]) {
			return n
		}
	}
	return 0
}

// controlFilter removes ANSI escape sequences whole (CSI such as ESC[2J,
// OSC such as ESC]0;title BEL), other control characters but new lines
// (tabs become spaces), format characters such as bidi overrides and
// zero-width spaces (the bot adds its own zero-width spaces to defuse
// pings, after this filter), and invalid UTF-8.
type controlFilter struct {
	held string // an escape sequence or a character not yet complete
}

const esc = '\x1b'

func (f *controlFilter) write(piece string) string {
	s := f.held + piece
	f.held = ""
	if plainText(s) {
		return s // nearly every piece
	}
	var out strings.Builder
	out.Grow(len(s))
	for i := 0; i < len(s); {
		if s[i] == esc {
			n, complete := escapeLen(s[i:])
			if !complete {
				f.held = s[i:]
				break
			}
			i += n
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			if !utf8.FullRuneInString(s[i:]) {
				f.held = s[i:] // a character split between pieces
				break
			}
			i++
			continue
		}
		i += size
		switch {
		case r == '\n':
			out.WriteByte('\n')
		case r == '\t':
			out.WriteByte(' ')
		case unicode.IsControl(r), unicode.Is(unicode.Cf, r) && r != '\u200d':
			// ZWJ stays: it joins emoji.
		default:
			out.WriteRune(r)
		}
	}
	return out.String()
}

// flush drops an escape sequence or character the text ended inside.
func (f *controlFilter) flush() string {
	f.held = ""
	return ""
}

// plainText reports whether s is printable ASCII and new lines: nothing for
// the control filter to do.
func plainText(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < ' ' && c != '\n') || c > '~' {
			return false
		}
	}
	return true
}

// escapeLen returns the length of the escape sequence s starts with, and
// false when s ends before the sequence does. CSI (ESC [) runs to a final
// byte in @–~; OSC, DCS, SOS, PM and APC (ESC ] P X ^ _) run to BEL or
// ESC \; any other escape is ESC and one character.
func escapeLen(s string) (int, bool) {
	if len(s) < 2 {
		return 0, false
	}
	switch s[1] {
	case '[':
		for i := 2; i < len(s) && i < maxEscape; i++ {
			switch c := s[i]; {
			case c >= '@' && c <= '~':
				return i + 1, true
			case c < ' ' || c > '~':
				return i, true // malformed: drop what came before
			}
		}
	case ']', 'P', 'X', '^', '_':
		for i := 2; i < len(s) && i < maxEscape; i++ {
			switch {
			case s[i] == '\a':
				return i + 1, true
			case s[i] == esc && i+1 < len(s) && s[i+1] == '\\':
				return i + 2, true
			}
		}
	default:
		_, size := utf8.DecodeRuneInString(s[1:])
		return 1 + size, true
	}
	if len(s) >= maxEscape {
		return 2, true // never ended: drop its introducer, keep the rest as text
	}
	return 0, false
}

// maxEscape bounds how long an escape sequence may be held back waiting
// for its end, so an unterminated one costs the stream nothing more.
const maxEscape = 256
