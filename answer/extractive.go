package answer

import (
	"slices"
	"time"

	"github.com/coalitionbot/coalitionbot/knowledge"
)

// maxExtract bounds an extractive answer, in bytes: two sentences of the
// article are what a chat answer wants.
const maxExtract = 450

// extractive answers from the passages themselves: the sentence of the best
// passages that shares most terms with the question, and the sentence after
// it when that one is relevant too.
func (p *Pipeline) extractive(lang string, query knowledge.Query, hits []knowledge.Hit) Answer {
	want := p.base.TermsOf(query.Words)
	type pick struct {
		hit, sent int
		score     float64
	}
	var best pick
	best.score = -1
	sentences := make([][]knowledge.Sentence, len(hits))
	for h, hit := range hits {
		sentences[h] = p.base.Sentences(hit.Passage.ID)
		rank := hit.Score / hits[0].Score // 1 for the best passage
		for s, sent := range sentences[h] {
			score := float64(overlap(want, sent)) + 0.5*rank
			if score > best.score {
				best = pick{h, s, score}
			}
		}
	}
	sents := sentences[best.hit]
	text := sents[best.sent].Text
	if next := best.sent + 1; next < len(sents) && overlap(want, sents[next]) > 0 && len(text)+len(sents[next].Text) < maxExtract {
		text += " " + sents[next].Text
	}
	src := hits[best.hit].Passage
	return Answer{
		Text:    p.fromPassage(lang, src, text),
		Route:   Retrieved,
		Sources: []Source{{ID: src.ID, Section: src.Section, Text: src.Text}},
	}
}

// fromPassage introduces text, sentences of src, with where they are from:
// the article, or a later document by its title and date.
func (p *Pipeline) fromPassage(lang string, src knowledge.Passage, text string) string {
	if !p.base.IsExtra(src) {
		return p.msgs.Text(lang, msgFromArticle, map[string]any{"Text": text})
	}
	data := map[string]any{"Title": src.Title, "Text": text}
	if d, err := time.Parse(time.DateOnly, src.Date); err == nil {
		data["Date"] = p.msgs.Date(lang, d)
		return p.msgs.Text(lang, msgFromDocument, data)
	}
	return p.msgs.Text(lang, msgFromDocumentUndated, data)
}

// overlap counts the question's terms a sentence contains.
func overlap(want []string, s knowledge.Sentence) int {
	n := 0
	for _, t := range s.Terms {
		if slices.Contains(want, t) {
			n++
		}
	}
	return n
}
