package answer

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxLLMAnswer caps an LLM answer, in characters: room for the sources in
// one Discord embed, and far more than the prompt's 120 words.
const maxLLMAnswer = 1500

var (
	citationRE = regexp.MustCompile(`\[(\d{1,2})\]`)
	linkRE     = regexp.MustCompile(`(?i)\bhttps?://[^\s<>()\[\]"']+|\bwww\.[^\s<>()\[\]"']+`)
	// doesntSayRE recognises the prompt's refusal sentence and its usual
	// variants, in case the model paraphrases it.
	doesntSayRE = regexp.MustCompile(`(?i)\b(article|passages?|sources?)\b[^.]{0,40}\b(doesn'?t|does not|do not|don'?t)\s+(say|mention|answer|cover|contain|specify)`)
)

// grounded is an LLM answer after the checks: its text, with citations
// renumbered in the order of the sources they name.
type grounded struct {
	text    string
	sources []int // indexes into the passages the model was given
}

// ground checks an LLM answer against the n passages it was given. It
// fails (ok false) when the answer cites nothing or cites a passage it was
// not given; refused is true when the answer says the passages don't
// answer. Links not found in the given passages are removed and the length
// is capped. Mentions are neutralised later, for every route alike.
func ground(text string, passages []Source) (g grounded, refused, ok bool) {
	if doesntSayRE.MatchString(text) && len(citationRE.FindAllString(text, -1)) == 0 {
		return grounded{}, true, false
	}
	order := map[int]int{} // passage index -> new citation number
	valid := true
	text = citationRE.ReplaceAllStringFunc(text, func(m string) string {
		n, _ := strconv.Atoi(m[1 : len(m)-1])
		if n < 1 || n > len(passages) {
			valid = false
			return ""
		}
		if _, seen := order[n-1]; !seen {
			order[n-1] = len(g.sources) + 1
			g.sources = append(g.sources, n-1)
		}
		return "[" + strconv.Itoa(order[n-1]) + "]"
	})
	if !valid || len(g.sources) == 0 {
		return grounded{}, false, false
	}
	g.text = capLength(removeForeignLinks(text, passages), maxLLMAnswer)
	return g, false, strings.TrimSpace(citationRE.ReplaceAllString(g.text, "")) != ""
}

// removeForeignLinks drops every link that does not appear in a passage: a
// model can be talked into advertising anything.
func removeForeignLinks(text string, passages []Source) string {
	return linkRE.ReplaceAllStringFunc(text, func(link string) string {
		for _, p := range passages {
			if strings.Contains(p.Text, link) {
				return link
			}
		}
		return "[link removed]"
	})
}

// capLength cuts text to at most max characters, at a word boundary, with
// an ellipsis.
func capLength(text string, max int) string {
	if utf8.RuneCountInString(text) <= max {
		return text
	}
	rs := []rune(text)[:max-1]
	cut := len(rs)
	for i := len(rs) - 1; i > max/2; i-- {
		if unicode.IsSpace(rs[i]) {
			cut = i
			break
		}
	}
	return strings.TrimRightFunc(string(rs[:cut]), unicode.IsSpace) + "…"
}

// leakRun is how many consecutive words of the system prompt in an
// answer count as giving it away.
const leakRun = 8

// leakGuard recognises the system prompt in a model's answer. It is built
// once per system prompt text, so checking an answer costs only the
// answer's own words.
type leakGuard struct {
	system string
	// runs holds every leakRun consecutive words of the system prompt.
	runs map[string]bool
	// markers are its tokens mixing letters and digits, such as a canary
	// an operator planted to detect leaks.
	markers []string
}

func newLeakGuard(system string) *leakGuard {
	g := &leakGuard{system: system, runs: map[string]bool{}}
	words := strings.Fields(strings.ToLower(system))
	for i := 0; i+leakRun <= len(words); i++ {
		g.runs[strings.Join(words[i:i+leakRun], " ")] = true
	}
	for _, w := range words {
		if w = strings.Trim(w, `.,;:!?"'()[]`); isMarker(w) {
			g.markers = append(g.markers, w)
		}
	}
	return g
}

// leaks reports whether text gives away the system prompt: leakRun
// consecutive words of it, or a marker token that the question and the
// passages do not contain.
func (g *leakGuard) leaks(text, question string, passages []Source) bool {
	words := strings.Fields(strings.ToLower(text))
	for i := 0; i+leakRun <= len(words); i++ {
		if g.runs[strings.Join(words[i:i+leakRun], " ")] {
			return true
		}
	}
	lower := strings.ToLower(text)
	for _, m := range g.markers {
		if strings.Contains(lower, m) && !strings.Contains(strings.ToLower(question), m) && !inPassages(m, passages) {
			return true
		}
	}
	return false
}

func inPassages(m string, passages []Source) bool {
	for _, p := range passages {
		if strings.Contains(strings.ToLower(p.Text), m) {
			return true
		}
	}
	return false
}

func isMarker(w string) bool {
	if len(w) < 6 {
		return false
	}
	letters, digits := false, false
	for _, r := range w {
		letters = letters || unicode.IsLetter(r)
		digits = digits || unicode.IsDigit(r)
	}
	return letters && digits
}
