package answer

import (
	"regexp"
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
	c := citer{order: map[int]int{}}
	text, valid := c.renumber(text, len(passages))
	if !valid || len(c.sources) == 0 {
		return grounded{}, false, false
	}
	g.sources = c.sources
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
