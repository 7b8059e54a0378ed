package answer

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/coalitionbot/coalitionbot/internal/pings"
)

// streamCheck decides, while the model writes, what may be shown already:
// whole sentences that pass every check that can be made before the answer
// ends. Their citations name passages the model was given, the text up to
// them cites at least one, links to anything the passages do not have are
// removed, and with everything before them they do not give the prompt
// away; they are shown as the final answer will show them (citations
// renumbered, pings defused), up to its length. After the first sentence
// that fails, nothing more is shown: the final checks decide.
//
// Each byte the model writes is looked at a bounded number of times, so a
// stream of many tiny pieces costs what one piece of the same text does.
type streamCheck struct {
	passages []Source
	filter   outputFilter
	leak     *leakScan
	cites    citer

	text strings.Builder // the answer so far, filtered
	done int             // text[:done] is decided
	scan int             // text[done:scan] has been read for a sentence's end
	// term is where a sentence's end mark was found, -1 before one: the
	// sentence goes on over spaces and citations after it.
	term int

	held  strings.Builder // decided sentences waiting for a citation
	shown strings.Builder
	runes int // in shown and held

	stopped bool // a check failed: nothing more is shown
	full    bool // shown reached the answer's length
}

func newStreamCheck(passages []Source, leak *leakScan) *streamCheck {
	return &streamCheck{passages: passages, leak: leak, term: -1, cites: citer{order: map[int]int{}}}
}

// write takes the next piece of the model's text. It returns the text to
// show and true when that text grew.
func (c *streamCheck) write(piece string) (string, bool) {
	if c.stopped || c.full {
		return "", false
	}
	c.text.WriteString(c.filter.write(piece))
	grew := false
	t := c.text.String()
	for c.scan < len(t) && !c.stopped && !c.full {
		end, wait := c.sentenceEnd(t)
		if wait {
			break
		}
		if end >= 0 {
			grew = c.decide(t[c.done:end]) || grew
			c.done, c.term = end, -1
		}
	}
	return strings.TrimRightFunc(c.shown.String(), isSpace), grew
}

// sentenceEnd reads on from scan. It returns the end of a sentence when it
// found one, or -1, and wait when it needs more text to tell.
func (c *streamCheck) sentenceEnd(t string) (end int, wait bool) {
	b := t[c.scan]
	if c.term < 0 {
		switch b {
		case '\n':
			c.term = c.scan + 1
		case '.', '!', '?':
			if c.scan+1 == len(t) {
				return -1, true // "3.5" or the end of a sentence: the next byte tells
			}
			if isSpace(rune(t[c.scan+1])) {
				c.term = c.scan + 1
			}
		}
		c.scan++
		return -1, false
	}
	if isSpace(rune(b)) {
		c.scan++
		return -1, false
	}
	if b == '[' {
		n, complete := citationLen(t[c.scan:])
		if !complete {
			return -1, true
		}
		if n > 0 {
			c.scan += n
			return -1, false
		}
	}
	return c.scan, false // the next sentence begins here
}

// citationLen is the length of the citation t starts with ("[3]", 0 when
// it starts with none), and false when t ends before that can be told.
func citationLen(t string) (int, bool) {
	for i := 1; i < len(t) && i <= 3; i++ {
		switch {
		case t[i] == ']' && i > 1:
			return i + 1, true
		case t[i] < '0' || t[i] > '9':
			return 0, true
		}
	}
	if len(t) > 3 {
		return 0, true
	}
	return 0, false
}

// decide checks one sentence and shows it, with those held before it,
// when the answer so far passes. It reports whether shown grew.
func (c *streamCheck) decide(sentence string) bool {
	text, ok := c.cites.renumber(sentence, len(c.passages))
	if !ok {
		c.stopped = true
		return false
	}
	if c.leak.write(sentence); c.leak.suspect() {
		c.stopped = true
		return false
	}
	text = pings.Defuse(removeForeignLinks(text, c.passages))
	if c.runes += utf8.RuneCountInString(text); c.runes > maxLLMAnswer {
		c.full = true
		return false
	}
	c.held.WriteString(text)
	if len(c.cites.sources) == 0 {
		return false
	}
	c.shown.WriteString(c.held.String())
	c.held.Reset()
	return true
}

// citer renumbers citations in the order of the sources they name, across
// the pieces of one answer.
type citer struct {
	order   map[int]int // passage index -> citation number
	sources []int       // passage indexes, in citation order
}

// renumber returns text with its citations renumbered, and false when one
// names no passage of the n given.
func (c *citer) renumber(text string, n int) (string, bool) {
	if strings.IndexByte(text, '[') < 0 {
		return text, true
	}
	valid := true
	text = citationRE.ReplaceAllStringFunc(text, func(m string) string {
		k, _ := strconv.Atoi(m[1 : len(m)-1])
		if k < 1 || k > n {
			valid = false
			return ""
		}
		if _, seen := c.order[k-1]; !seen {
			c.order[k-1] = len(c.sources) + 1
			c.sources = append(c.sources, k-1)
		}
		return "[" + strconv.Itoa(c.order[k-1]) + "]"
	})
	return text, valid
}

func isSpace(r rune) bool { return r == ' ' || r == '\n' || r == '\t' || r == '\r' }
