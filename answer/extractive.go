package answer

import (
	"strings"
	"unicode"

	"github.com/coalitionbot/coalitionbot/knowledge"
)

// maxExtract bounds an extractive answer, in bytes: two sentences of the
// article are what a chat answer wants.
const maxExtract = 450

// extractive answers from the passages themselves: the sentence of the best
// passages that shares most terms with the question, and the sentence after
// it when that one is relevant too.
func (p *Pipeline) extractive(query knowledge.Query, hits []knowledge.Hit) Answer {
	want := map[string]bool{}
	for _, t := range p.base.TermsOf(query.Words) {
		want[t] = true
	}
	type pick struct {
		hit, sent int
		score     float64
	}
	var best pick
	best.score = -1
	sentences := make([][]string, len(hits))
	for h, hit := range hits {
		sentences[h] = splitSentences(hit.Passage.Text)
		rank := hit.Score / hits[0].Score // 1 for the best passage
		for s, sent := range sentences[h] {
			score := float64(p.overlap(want, sent)) + 0.5*rank
			if score > best.score {
				best = pick{h, s, score}
			}
		}
	}
	sents := sentences[best.hit]
	text := sents[best.sent]
	if next := best.sent + 1; next < len(sents) && p.overlap(want, sents[next]) > 0 && len(text)+len(sents[next]) < maxExtract {
		text += " " + sents[next]
	}
	src := hits[best.hit].Passage
	return Answer{
		Text:    "From the article: " + text,
		Route:   Retrieved,
		Sources: []Source{{ID: src.ID, Section: src.Section, Text: src.Text}},
	}
}

// overlap counts the question terms a sentence contains.
func (p *Pipeline) overlap(want map[string]bool, sentence string) int {
	n := 0
	seen := map[string]bool{}
	for _, t := range p.base.Terms(sentence) {
		if want[t] && !seen[t] {
			seen[t] = true
			n++
		}
	}
	return n
}

// splitSentences splits text after ".", "?" or "!" (and any closing quote)
// when a space and a capital letter or an opening quote follow.
func splitSentences(text string) []string {
	var out []string
	rs := []rune(text)
	start := 0
	for i := 0; i < len(rs); i++ {
		if rs[i] != '.' && rs[i] != '?' && rs[i] != '!' {
			continue
		}
		end := i + 1
		for end < len(rs) && strings.ContainsRune("”\"’)", rs[end]) {
			end++
		}
		if end+1 < len(rs) && rs[end] == ' ' && (unicode.IsUpper(rs[end+1]) || strings.ContainsRune("“\"‘", rs[end+1])) {
			out = append(out, strings.TrimSpace(string(rs[start:end])))
			start = end + 1
			i = end
		}
	}
	if rest := strings.TrimSpace(string(rs[start:])); rest != "" {
		out = append(out, rest)
	}
	return out
}
