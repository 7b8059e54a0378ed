package knowledge

import (
	"slices"
	"strings"
	"unicode"
)

// Sentence is one sentence of a passage with its distinct terms, read at
// load: extractive answers pick the sentences that answer a question.
type Sentence struct {
	Text  string
	Terms []string
}

// Sentences returns the sentences of the passage with the given ID.
func (b *Base) Sentences(passageID string) []Sentence {
	i, ok := b.passageByID[passageID]
	if !ok {
		return nil
	}
	return b.sentences[i]
}

// readSentences splits every passage into sentences with their terms.
func (b *Base) readSentences() {
	b.sentences = make([][]Sentence, len(b.Passages))
	for i, p := range b.Passages {
		for _, text := range splitSentences(p.Text) {
			var terms []string
			for _, t := range b.index.Terms(text) {
				if !slices.Contains(terms, t) {
					terms = append(terms, t)
				}
			}
			b.sentences[i] = append(b.sentences[i], Sentence{Text: text, Terms: terms})
		}
	}
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
