package answer

import (
	"fmt"
	"slices"
	"strings"

	"github.com/coalitionbot/coalitionbot/knowledge"
)

// speakers are the members a question names, directly or through their
// country or institution. A country or institution stands for its member
// only in a question with no words left over: in "What did Trump say about
// Ukraine?" Ukraine is the topic, and Trump the speaker the article lacks.
func (p *Pipeline) speakers(q parsed) []knowledge.Member {
	var out []knowledge.Member
	for _, m := range p.base.Members {
		if slices.ContainsFunc(q.mentions, func(men knowledge.Mention) bool {
			return m.NamedBy(men) && (men.Kind == knowledge.KindMember || q.leftover == 0)
		}) {
			out = append(out, m)
		}
	}
	return out
}

// quotes answers "what did Y say": Y's quotes verbatim, or that the article
// has none from Y, never someone else's words.
func (p *Pipeline) quotes(q parsed) (string, *describer, bool) {
	ms := p.speakers(q)
	if q.quote && len(ms) == 0 {
		return p.whoSaid(q)
	}
	if !q.quote || len(ms) > 3 {
		return "", nil, false
	}
	d := newDescriber(p.base)
	var parts []string
	for _, m := range ms {
		qs := p.base.QuotesBy(m.ID)
		if len(qs) == 0 {
			d.cite(m.Passage)
			parts = append(parts, fmt.Sprintf("The article has no quote from **%s** (%s): it lists them among the coalition's members without reporting anything they said.", m.Name, m.Title))
			continue
		}
		lines := []string{fmt.Sprintf("**%s**, %s:", m.Name, m.Title)}
		for _, qt := range p.byRelevance(qs, q.words) {
			d.cite(qt.Passage)
			lines = append(lines, fmt.Sprintf("> “%s” (%s%s)", qt.Text, p.alongWith(qt, m.ID), qt.Where))
		}
		parts = append(parts, strings.Join(lines, "\n"))
	}
	return strings.Join(parts, "\n\n"), d, true
}

// alongWith names the others the article gives a quote to as well, for
// the quote as shown under member: "with Keir Starmer, ".
func (p *Pipeline) alongWith(qt knowledge.Quote, member string) string {
	var names []string
	for _, id := range append([]string{qt.Speaker}, qt.With...) {
		if m, ok := p.base.Member(id); ok && id != member {
			names = append(names, m.Name)
		}
	}
	if len(names) == 0 {
		return ""
	}
	return "with " + joinAnd(names) + ", "
}

// minQuoteCoverage is how much of "who said …?" a quote must cover to be
// the one asked about.
const minQuoteCoverage = 0.6

// whoSaid answers "Who said sanctions must remain in force?": the speaker
// of the quote that covers the question best, if one covers it well.
func (p *Pipeline) whoSaid(q parsed) (string, *describer, bool) {
	if len(q.words) == 0 || (q.words[0] != "who" && q.words[0] != "which") {
		return "", nil, false
	}
	question := strings.Join(q.words, " ")
	best, bestCov := -1, minQuoteCoverage
	for i := range p.base.Quotes {
		if cov := p.base.Coverage(question, p.base.QuoteTerms(i)); cov >= bestCov {
			best, bestCov = i, cov
		}
	}
	if best < 0 {
		return "", nil, false
	}
	qt := p.base.Quotes[best]
	d := newDescriber(p.base)
	d.cite(qt.Passage)
	var who []string
	for _, id := range append([]string{qt.Speaker}, qt.With...) {
		m, _ := p.base.Member(id)
		who = append(who, fmt.Sprintf("**%s** (%s)", m.Name, m.Title))
	}
	return fmt.Sprintf("%s, %s:\n> “%s”", joinAnd(who), qt.Where, qt.Text), d, true
}

// byRelevance orders quotes by how many of the question's words they
// share, so "What did Starmer say about the peacekeeping force?" starts
// with the quote about it; ties keep the article's order.
func (p *Pipeline) byRelevance(qs []knowledge.Quote, words []string) []knowledge.Quote {
	want := map[string]bool{}
	for _, t := range p.base.Terms(strings.Join(words, " ")) {
		want[t] = true
	}
	score := func(q knowledge.Quote) int {
		n := 0
		for _, t := range p.base.Terms(q.Text + " " + q.Where) {
			if want[t] {
				n++
			}
		}
		return n
	}
	out := slices.Clone(qs)
	slices.SortStableFunc(out, func(a, b knowledge.Quote) int { return score(b) - score(a) })
	return out
}
