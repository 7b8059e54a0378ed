package answer

import (
	"context"
	"log/slog"
	"strings"
	"time"

	"github.com/coalitionbot/coalitionbot/knowledge"
)

// Retrieval settings. The coverage thresholds were calibrated on off-topic
// and on-topic questions (see TestRefusalThreshold): off-topic questions
// share at most a common word or two with the article, on-topic ones most
// of their rarer terms. A question that names a member or an institution is
// about the coalition, so one unusual word in it ("What did Rutte and
// Starmer discuss?") need not sink it. Countries do not count:
// they turn up in unrelated news too ("Reform UK").
const (
	searchDepth      = 4
	minCoverage      = 0.5
	minCoverageNamed = 0.25
)

// refusal is the answer to questions the article does not cover. It says
// what the bot can do instead of only saying no.
const refusal = "That isn't covered by the article I answer from. I can tell you about the “coalition of the willing” " +
	"that the UK and France convened to back Ukraine: who its members are (`/members`), what they said (`/quote`), " +
	"and what the coalition is for, for example “Who represents Italy?” or “What did Zelensky say?”."

// Options configures a Pipeline.
type Options struct {
	Log *slog.Logger
}

// Pipeline answers questions. It is safe for concurrent use: it holds only
// the immutable knowledge base and its settings.
type Pipeline struct {
	base *knowledge.Base
	log  *slog.Logger
}

// New returns a pipeline over the knowledge base.
func New(base *knowledge.Base, opts Options) *Pipeline {
	log := opts.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Pipeline{base: base, log: log}
}

// Answer answers one question. The only errors are an *InputError for a
// question that cannot be taken as it is, and the context's.
func (p *Pipeline) Answer(ctx context.Context, q Question) (Answer, error) {
	start := time.Now()
	text, err := NormalizeQuestion(q.Text)
	if err != nil {
		return Answer{}, err
	}
	if err := ctx.Err(); err != nil {
		return Answer{}, err
	}
	text = p.resolveFollowUp(text, q.History)
	a := p.answer(text)
	a.Text = NeutralizeMentions(a.Text)
	p.log.LogAttrs(ctx, slog.LevelInfo, "answer",
		slog.String("route", string(a.Route)),
		slog.String("user_id", q.UserID),
		slog.Int("sources", len(a.Sources)),
		slog.Int64("latency_us", time.Since(start).Microseconds()))
	return a, nil
}

func (p *Pipeline) answer(question string) Answer {
	if a, ok := p.curated(question); ok {
		return a
	}
	hits := p.base.Search(question, searchDepth)
	if len(hits) == 0 || hits[0].Coverage < p.threshold(question) {
		return Answer{Text: refusal, Route: Refused}
	}
	return extractive(question, hits)
}

// threshold is the coverage a question's best passage needs for an answer.
func (p *Pipeline) threshold(question string) float64 {
	for _, men := range p.base.Mentions(question) {
		if men.Kind != knowledge.KindCountry {
			return minCoverageNamed
		}
	}
	return minCoverage
}

// resolveFollowUp turns a short follow-up that only names someone or
// somewhere else ("And Spain?") into the previous question about them
// ("Who represents Spain?"). Anything else is returned as it is.
func (p *Pipeline) resolveFollowUp(question string, history []Turn) string {
	if len(history) == 0 {
		return question
	}
	q := parse(p.base, question)
	if len(q.mentions) == 0 || !onlyNames(q) {
		return question
	}
	prev := history[len(history)-1].Question
	pq := parse(p.base, prev)
	if len(pq.mentions) == 0 {
		return question
	}
	m := pq.mentions[0]
	return strings.Join(append(append(append([]string{}, pq.words[:m.Start]...), q.mentions[0].Phrase), pq.words[m.End:]...), " ")
}

// followUpWords are the words a follow-up may add to a name: "And Spain?",
// "What about the Nato chief?".
var followUpWords = words("and what how about then the of for regarding too")

// onlyNames reports whether the question is nothing but names and the
// words of a follow-up.
func onlyNames(q parsed) bool {
	named := knowledge.Covered(q.mentions, len(q.words))
	for i, w := range q.words {
		if !named[i] && !followUpWords[w] {
			return false
		}
	}
	return true
}
