package answer

import (
	"fmt"
	"slices"
	"strings"

	"github.com/coalitionbot/coalitionbot/knowledge"
)

// speakers are the members a question names, directly or through their
// country or institution, and the people it names who are not members. A
// country or institution stands for its member only when no one is named:
// in "What did Trump say about Ukraine?" Ukraine is the topic.
func (c *Curator) speakers(q knowledge.Query) ([]knowledge.Member, []knowledge.Person) {
	people := slices.ContainsFunc(q.Mentions, func(m knowledge.Mention) bool {
		return m.Kind == knowledge.KindMember || m.Kind == knowledge.KindPerson
	})
	var ms []knowledge.Member
	for _, m := range c.base.Members {
		if slices.ContainsFunc(q.Mentions, func(men knowledge.Mention) bool {
			return m.NamedBy(men) && (men.Kind == knowledge.KindMember || !people)
		}) {
			ms = append(ms, m)
		}
	}
	var ps []knowledge.Person
	for _, men := range dedupe(q.Mentions) {
		if p, ok := c.base.Person(men.ID); ok && men.Kind == knowledge.KindPerson {
			ps = append(ps, p)
		}
	}
	return ms, ps
}

// quotes answers "what did Y say": Y's quotes verbatim, most relevant
// first, or that the article has none from Y, never someone else's words.
func (c *Curator) quotes(lang string, q knowledge.Query, _ knowledge.Match) (Answer, bool) {
	ms, ps := c.speakers(q)
	if len(ms)+len(ps) == 0 || len(ms) > 3 {
		return Answer{}, false
	}
	d := c.newDescriber(lang)
	var parts []string
	for _, p := range ps {
		parts = append(parts, d.text(msgQuoteNoneOutsider, map[string]any{"Name": d.base.PersonName(p, d.lang), "Title": d.base.PersonTitle(p, d.lang)}))
	}
	quoted := false
	for _, m := range ms {
		qs := c.base.QuotesBy(m.ID)
		if len(qs) == 0 {
			d.cite(m.Passage)
			parts = append(parts, d.text(msgQuoteNoneMember, map[string]any{"Name": m.Name, "Title": d.title(m)}))
			continue
		}
		quoted = true
		lines := []string{d.text(msgQuoteSpeaker, map[string]any{"Name": m.Name, "Title": d.title(m)})}
		for _, qt := range c.byRelevance(qs, q) {
			d.cite(qt.Passage)
			lines = append(lines, fmt.Sprintf("> “%s” (%s%s)", qt.Text, c.alongWith(d, qt, m.ID), d.base.QuoteContext(qt, d.lang)))
		}
		parts = append(parts, strings.Join(lines, "\n"))
	}
	text := strings.Join(parts, "\n\n")
	if len(ms) == 0 {
		return d.refuse(text), true // no one the article quotes
	}
	if quoted {
		text = d.msgs.QuotedInEnglish(d.lang) + text
	}
	return d.answer(text), true
}

// alongWith names the others the article gives a quote to as well, for
// the quote as shown under member: "with Keir Starmer, ".
func (c *Curator) alongWith(d *describer, qt knowledge.Quote, member string) string {
	var names []string
	for _, id := range append([]string{qt.Speaker}, qt.With...) {
		if m, ok := c.base.Member(id); ok && id != member {
			names = append(names, m.Name)
		}
	}
	if len(names) == 0 {
		return ""
	}
	return d.text(msgQuoteWith, map[string]any{"Names": d.join(names)}) + ", "
}

// minQuoteCoverage is how much of "who said …?" a quote must cover to be
// the one asked about.
const minQuoteCoverage = 0.6

// whoSaid answers "Who said sanctions must remain in force?": the speaker
// of the quote that covers the question best, if one covers it well.
func (c *Curator) whoSaid(lang string, q knowledge.Query, _ knowledge.Match) (Answer, bool) {
	best, bestCov := -1, minQuoteCoverage
	for i, cov := range c.base.QuoteCoverages(q) {
		if cov >= bestCov {
			best, bestCov = i, cov
		}
	}
	if best < 0 {
		return Answer{}, false
	}
	qt := c.base.Quotes[best]
	d := c.newDescriber(lang)
	d.cite(qt.Passage)
	var who []string
	for _, id := range append([]string{qt.Speaker}, qt.With...) {
		m, _ := c.base.Member(id)
		who = append(who, fmt.Sprintf("**%s** (%s)", m.Name, d.title(m)))
	}
	said := d.text(msgQuoteSaid, map[string]any{"Speakers": d.join(who), "Context": d.base.QuoteContext(qt, d.lang)})
	return d.answer(fmt.Sprintf("%s%s\n> “%s”", d.msgs.QuotedInEnglish(d.lang), said, qt.Text)), true
}

// byRelevance orders quotes by how many of the question's stems they
// share, so "What did Starmer say about the peacekeeping force?" starts
// with the quote about it; ties keep the article's order.
func (c *Curator) byRelevance(qs []knowledge.Quote, q knowledge.Query) []knowledge.Quote {
	score := func(qt knowledge.Quote) int {
		terms := c.base.QuoteTermsOf(qt)
		n := 0
		for _, s := range q.Stems {
			if terms[s] {
				n++
			}
		}
		return n
	}
	out := slices.Clone(qs)
	slices.SortStableFunc(out, func(a, b knowledge.Quote) int { return score(b) - score(a) })
	return out
}
