package answer

import (
	"slices"

	"github.com/coalitionbot/coalitionbot/knowledge"
)

// Curator answers questions from the curated data alone, without search
// or an LLM: it matches the analysed question to an intent of the data
// (knowledge/data/intents.json and facts.json) and calls the intent's
// answerer. It is immutable, so safe for concurrent use.
type Curator struct {
	base      *knowledge.Base
	msgs      *Messages
	answerers map[string]answerer
	// byCountry lists each country's members, read once.
	byCountry map[string][]knowledge.Member
	// texts are, for each shipped language, the texts answers reuse.
	texts map[string]*curatedTexts
}

// curatedTexts are what answers in one language reuse, written once at
// start-up: every member in full, the line that dates offices (offices
// change: Germany's chancellor did in May 2025) and the list of everyone.
type curatedTexts struct {
	notes    map[string]memberNote
	asOfNote string
	everyone struct {
		text     string
		passages []string
	}
}

// answerer answers a question matched to an intent, or reports false when
// the question is not one it can answer after all (a "who said" whose
// words are in no quote). It answers in lang.
type answerer func(lang string, q knowledge.Query, m knowledge.Match) (Answer, bool)

// NewCurator returns the curated stage over a knowledge base, writing its
// answers with msgs; offices are dated with the article's date.
func NewCurator(base *knowledge.Base, msgs *Messages) *Curator {
	c := &Curator{base: base, msgs: msgs, byCountry: map[string][]knowledge.Member{}, texts: map[string]*curatedTexts{}}
	for _, m := range base.Members {
		if m.Country != "" {
			c.byCountry[m.Country] = append(c.byCountry[m.Country], m)
		}
	}
	for lang := range msgs.langs {
		t := &curatedTexts{notes: memberNotes(base, msgs, lang)}
		c.texts[lang] = t
		if asOf := msgs.ArticleDate(lang, base); asOf != "" {
			t.asOfNote = "\n_" + msgs.Text(lang, msgOfficesAsOf, map[string]any{"Date": asOf}) + "_"
		}
		d := c.newDescriber(lang)
		t.everyone.text = c.all(d)
		for _, s := range d.sources {
			t.everyone.passages = append(t.everyone.passages, s.ID)
		}
	}
	c.answerers = map[string]answerer{
		knowledge.AnswerDescribe:     c.describe,
		knowledge.AnswerRepresents:   c.represents,
		knowledge.AnswerQuotes:       c.quotes,
		knowledge.AnswerWhoSaid:      c.whoSaid,
		knowledge.AnswerMembers:      c.members,
		knowledge.AnswerInstitutions: c.institutions,
		knowledge.AnswerCount:        c.count,
		knowledge.AnswerFact:         c.fact,
	}
	return c
}

// Answer answers one analysed question in lang, a language
// Messages.Lang returned, or reports false when the curated data cannot. A
// question about the bot, or one that asks about what the knowledge has no
// word for, gets a refusal here, so it never reaches retrieval or the LLM.
func (c *Curator) Answer(lang string, q knowledge.Query) (Answer, bool) {
	if q.AddressesBot {
		return c.msgs.refusal(lang), true
	}
	if len(q.Unknown) > 0 {
		return c.notCovered(lang, q), true
	}
	if a, ok := c.match(lang, q); ok {
		return a, true
	}
	if qs, ok := c.base.WithSubject(q); ok {
		return c.match(lang, qs) // "what is it for?": the coalition
	}
	return Answer{}, false
}

// match answers from the best intent whose answerer can.
func (c *Curator) match(lang string, q knowledge.Query) (Answer, bool) {
	for _, m := range c.base.MatchIntents(q) {
		if a, ok := c.answerers[m.Intent.Answer](lang, q, m); ok {
			return a, true
		}
	}
	return Answer{}, false
}

// notCovered is the refusal for a question that asks what the knowledge
// has no word for: about someone it names, it says the article does not
// say that about them ("How old is Mette Frederiksen?"), not who they are.
func (c *Curator) notCovered(lang string, q knowledge.Query) Answer {
	d := c.newDescriber(lang)
	var names []string
	for _, men := range dedupe(q.Mentions) {
		names = append(names, d.name(men))
	}
	if len(names) == 0 {
		return c.msgs.refusal(lang)
	}
	return Answer{
		Text:    d.text(msgNotCoveredAbout, map[string]any{"Names": d.join(names)}) + " " + d.text(msgAboutBot, nil),
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
func (c *Curator) fact(lang string, _ knowledge.Query, m knowledge.Match) (Answer, bool) {
	d := c.newDescriber(lang)
	d.cite(m.Fact.Passages...)
	text := c.base.FactAnswer(*m.Fact, lang)
	if m.Fact.Context {
		text = d.text(msgFactContext, map[string]any{"Answer": text})
	}
	a := d.answer(text)
	a.fact = m.Fact
	return a, true
}

// finish marks an answer as written in lang and adds to one stating
// offices, once, that they are as of the article.
func (c *Curator) finish(lang string, a Answer) Answer {
	a.Lang = lang
	if a.dated {
		a.Text += c.texts[lang].asOfNote
		a.dated = false
	}
	return a
}
