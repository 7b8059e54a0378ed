package answer

import (
	"fmt"
	"slices"

	"github.com/coalitionbot/coalitionbot/knowledge"
)

// Curator answers questions from the curated data alone, without search
// or an LLM: it matches the analysed question to an intent of the data
// (knowledge/data/intents.json and facts.json) and calls the intent's
// answerer. It is immutable, so safe for concurrent use.
type Curator struct {
	base *knowledge.Base
	// asOf is the article's date, said beside every office: offices change
	// (Germany's chancellor did in May 2025).
	asOf      string
	answerers map[string]answerer
	notes     map[string]memberNote
	// byCountry lists each country's members, and asOfNote is the line
	// that dates offices: both read once.
	byCountry map[string][]knowledge.Member
	asOfNote  string
	everyone  struct {
		text     string
		passages []string
	}
}

// answerer answers a question matched to an intent, or reports false when
// the question is not one it can answer after all (a "who said" whose
// words are in no quote).
type answerer func(q knowledge.Query, m knowledge.Match) (Answer, bool)

// NewCurator returns the curated stage over a knowledge base; offices are
// dated with its article's date.
func NewCurator(base *knowledge.Base) *Curator {
	asOf := base.ArticleDate()
	c := &Curator{base: base, asOf: asOf, notes: memberNotes(base), byCountry: map[string][]knowledge.Member{}}
	for _, m := range base.Members {
		if m.Country != "" {
			c.byCountry[m.Country] = append(c.byCountry[m.Country], m)
		}
	}
	if asOf != "" {
		c.asOfNote = "\n_Offices as of the article, " + asOf + "._"
	}
	d := c.newDescriber()
	c.everyone.text = c.all(d)
	for _, s := range d.sources {
		c.everyone.passages = append(c.everyone.passages, s.ID)
	}
	c.answerers = map[string]answerer{
		knowledge.AnswerDescribe:   c.describe,
		knowledge.AnswerRepresents: c.represents,
		knowledge.AnswerQuotes:     c.quotes,
		knowledge.AnswerWhoSaid:    c.whoSaid,
		knowledge.AnswerMembers:    c.members,
		knowledge.AnswerCount:      c.count,
		knowledge.AnswerFact:       c.fact,
	}
	return c
}

// Answer answers one analysed question, or reports false when the curated
// data cannot. A question about the bot, or one that asks about what the
// knowledge has no word for, gets a refusal here, so it never reaches
// retrieval or the LLM.
func (c *Curator) Answer(q knowledge.Query) (Answer, bool) {
	if q.AddressesBot {
		return Answer{Text: refusal, Route: Refused}, true
	}
	if len(q.Unknown) > 0 {
		return c.notCovered(q), true
	}
	if a, ok := c.match(q); ok {
		return a, true
	}
	if qs, ok := c.base.WithSubject(q); ok {
		return c.match(qs) // "what is it for?": the coalition
	}
	return Answer{}, false
}

// match answers from the best intent whose answerer can.
func (c *Curator) match(q knowledge.Query) (Answer, bool) {
	for _, m := range c.base.MatchIntents(q) {
		if a, ok := c.answerers[m.Intent.Answer](q, m); ok {
			return a, true
		}
	}
	return Answer{}, false
}

// notCovered is the refusal for a question that asks what the knowledge
// has no word for: about someone it names, it says the article does not
// say that about them ("How old is Mette Frederiksen?"), not who they are.
func (c *Curator) notCovered(q knowledge.Query) Answer {
	d := c.newDescriber()
	var names []string
	for _, men := range dedupe(q.Mentions) {
		names = append(names, d.name(men))
	}
	if len(names) == 0 {
		return Answer{Text: refusal, Route: Refused}
	}
	return Answer{
		Text:    fmt.Sprintf("The article doesn't say that about %s. %s", joinAnd(names), aboutBot),
		Route:   Refused,
		Sources: d.sources,
	}
}

// dedupe drops repeated mentions of one entity, keeping the first.
func dedupe(ms []knowledge.Mention) []knowledge.Mention {
	var out []knowledge.Mention
	for _, m := range ms {
		if !slices.ContainsFunc(out, func(o knowledge.Mention) bool { return o.Kind == m.Kind && o.ID == m.ID }) {
			out = append(out, m)
		}
	}
	return out
}

// fact answers from the curated fact the intent is.
func (c *Curator) fact(_ knowledge.Query, m knowledge.Match) (Answer, bool) {
	d := c.newDescriber()
	d.cite(m.Fact.Passages...)
	if m.Fact.Context {
		return d.answer(m.Fact.Answer + " (Curated context: the article itself does not say this.)"), true
	}
	return d.answer(m.Fact.Answer), true
}

// finish adds to an answer stating offices, once, that they are as of the
// article.
func (c *Curator) finish(a Answer) Answer {
	if a.dated {
		a.Text += c.asOfNote
		a.dated = false
	}
	return a
}
