package main

import (
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/coalitionbot/coalitionbot/answer"
)

// styled reports whether what is written for people on stdout gets ANSI
// styles: stdout is a terminal (a character device) and NO_COLOR
// (no-color.org) is unset or empty. A pipe or a file gets plain text.
func styled(stdout io.Writer, getenv func(string) string) bool {
	f, ok := stdout.(*os.File)
	if !ok || getenv("NO_COLOR") != "" {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// terminal returns a writer for people reading stdout.
func (e *cliEnv) terminal() *styler { return &styler{w: e.stdout, ansi: e.styled} }

// ANSI select graphic rendition sequences.
const (
	ansiBold      = "\x1b[1m"
	ansiNotBold   = "\x1b[22m"
	ansiItalic    = "\x1b[3m"
	ansiNotItalic = "\x1b[23m"
)

// styler writes the bot's texts, which are Discord markdown, for a person
// at a terminal: **bold** and _italic_ become ANSI bold and italic when
// ansi is set and lose their markers otherwise. It works on a stream, as
// an LLM answer arrives in pieces: a '*' or '_' is held back until the
// next byte says whether it is a marker. An underscore opens italics only
// at the start of a word and closes them only at the end of one, as in
// Discord, so snake_case stays as it is; italics end with the line. end
// finishes a text.
type styler struct {
	w            io.Writer
	ansi         bool
	bold, italic bool
	held         byte // a '*' or '_' the next byte decides; 0 for none
	prev         byte // the last byte written as text; 0 at the start
}

// Write writes p, styled, in one write to the underlying writer.
func (s *styler) Write(p []byte) (int, error) {
	out := make([]byte, 0, len(p)+len(ansiBold)+len(ansiNotBold))
	for _, c := range p {
		out = s.step(out, c)
	}
	if _, err := s.w.Write(out); err != nil {
		return 0, err
	}
	return len(p), nil
}

// end finishes the text: a marker still held is text after all, and open
// styles are closed, so what follows starts plain.
func (s *styler) end() {
	var out []byte
	switch {
	case s.held == '_' && s.italic:
		out = s.setItalic(out, false)
	case s.held != 0:
		out = append(out, s.held)
	}
	out = s.setBold(s.setItalic(out, false), false)
	s.held, s.prev = 0, 0
	if len(out) > 0 {
		s.w.Write(out)
	}
}

func (s *styler) step(out []byte, c byte) []byte {
	held := s.held
	s.held = 0
	switch {
	case held == '*' && c == '*':
		return s.setBold(out, !s.bold)
	case held == '_' && s.italic && !wordByte(c):
		out = s.setItalic(out, false)
	case held == '_' && !s.italic && c != ' ' && c != '\n':
		out = s.setItalic(out, true)
	case held != 0:
		out = s.text(out, held)
	}
	switch {
	case c == '*':
		s.held = c
		return out
	case c == '_' && (s.italic || !wordByte(s.prev)):
		s.held = c
		return out
	case c == '\n':
		out = s.setItalic(out, false)
	}
	return s.text(out, c)
}

func (s *styler) text(out []byte, c byte) []byte {
	s.prev = c
	return append(out, c)
}

func (s *styler) setBold(out []byte, on bool) []byte {
	if s.bold == on {
		return out
	}
	s.bold = on
	return s.sgr(out, on, ansiBold, ansiNotBold)
}

func (s *styler) setItalic(out []byte, on bool) []byte {
	if s.italic == on {
		return out
	}
	s.italic = on
	return s.sgr(out, on, ansiItalic, ansiNotItalic)
}

func (s *styler) sgr(out []byte, on bool, start, stop string) []byte {
	switch {
	case !s.ansi:
		return out
	case on:
		return append(out, start...)
	default:
		return append(out, stop...)
	}
}

// wordByte reports whether c is part of a word: an ASCII letter or digit,
// or a byte of a multi-byte (non-ASCII) character.
func wordByte(c byte) bool {
	return c >= utf8.RuneSelf || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// sourceWidth is how many characters of a passage a source line shows.
const sourceWidth = 72

// sourceLine is a source in one line: its section and the start of its
// passage, cut at a word.
func sourceLine(s answer.Source) string {
	text := strings.TrimSpace(s.Text)
	first, _, more := strings.Cut(text, "\n")
	first = strings.TrimSpace(first)
	if utf8.RuneCountInString(first) > sourceWidth {
		cut := first[:runeOffset(first, sourceWidth)]
		if i := strings.LastIndexByte(cut, ' '); i > 0 {
			cut = cut[:i]
		}
		first, more = strings.TrimRight(cut, " ,;:"), true
	}
	if more {
		first += "…"
	}
	if s.Section == "" {
		return first
	}
	return s.Section + " — " + first
}

// runeOffset is the byte offset of the n-th rune of s.
func runeOffset(s string, n int) int {
	for i := range s {
		if n == 0 {
			return i
		}
		n--
	}
	return len(s)
}
