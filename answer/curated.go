package answer

import (
	"fmt"
	"slices"
	"strings"

	"github.com/coalitionbot/coalitionbot/knowledge"
)

// curated answers from the curated data alone, without search or an LLM,
// or reports false when the question is not one it can answer.
func (p *Pipeline) curated(question string) (Answer, bool) {
	q := parse(p.base, question)
	if outsiders := p.outsiders(q); len(outsiders) > 0 {
		return Answer{Route: Refused, Text: refusal + " (" + joinAnd(outsiders) + " is not among the members the article lists.)"}, true
	}
	for _, try := range []func(parsed) (string, *describer, bool){
		p.quotes, p.entities, p.groups, p.facts,
	} {
		if text, d, ok := try(q); ok {
			return Answer{Text: text, Route: Curated, Sources: d.sources}, true
		}
	}
	return Answer{}, false
}

// speakers are the members a question names, directly or through their
// country or institution.
func (p *Pipeline) speakers(q parsed) []knowledge.Member {
	var out []knowledge.Member
	for _, m := range p.base.Members {
		if slices.ContainsFunc(q.mentions, m.NamedBy) {
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

// entities answers questions that only name members, countries or
// institutions: who is Y, who represents X, is X in the coalition.
func (p *Pipeline) entities(q parsed) (string, *describer, bool) {
	if len(q.mentions) == 0 || q.leftover > 0 || q.quote || q.asksWhenWhyHow() {
		return "", nil, false
	}
	d := newDescriber(p.base)
	if text, ok := p.checkClaim(d, q); ok {
		return text, d, true
	}
	var parts []string
	done := map[string]bool{}
	for _, men := range q.mentions {
		key := fmt.Sprint(men.Kind, men.ID)
		if done[key] {
			continue
		}
		done[key] = true
		switch men.Kind {
		case knowledge.KindCountry:
			parts = append(parts, p.country(d, q, men))
		case knowledge.KindInstitution:
			parts = append(parts, p.institution(d, q, men.ID))
		case knowledge.KindMember:
			if q.sharesPlaceWith(men, knowledge.KindCountry) {
				continue // said in the country's part
			}
			m, _ := p.base.Member(men.ID)
			parts = append(parts, d.member(m, true)+", "+d.represents(m)+p.leaderNote(d, m))
		}
	}
	return strings.Join(parts, "\n"), d, len(parts) > 0
}

// checkClaim answers a yes-or-no question about one member that also names
// an office, a country or an institution ("Is Frederiksen a president?",
// "Is Rutte the Dutch prime minister?"): yes only when all of them fit the
// member, and either way who the member really is. A question naming only
// the member ("Is Meloni in the coalition?") is a yes.
func (p *Pipeline) checkClaim(d *describer, q parsed) (string, bool) {
	var member *knowledge.Member
	var others []knowledge.Mention
	for _, men := range q.mentions {
		switch {
		case men.Kind == knowledge.KindMember && !q.sharesPlaceWith(men, knowledge.KindCountry):
			if member != nil && member.ID != men.ID {
				return "", false // two people: not one claim
			}
			m, _ := p.base.Member(men.ID)
			member = &m
		case men.Kind != knowledge.KindMember:
			others = append(others, men)
		}
	}
	if !q.yesNo() || member == nil {
		return "", false
	}
	fits := len(q.roles) == 0 || slices.Contains(q.roles, member.Role)
	for _, o := range others {
		fits = fits && member.NamedBy(o)
	}
	answer := "No: "
	if fits {
		answer = "Yes: "
	}
	return answer + d.member(*member, true) + ", " + d.represents(*member) + p.leaderNote(d, *member), true
}

// outsiders returns the countries the article does not list that a
// question asks about other than as members ("Who is the prime minister of
// Canada?", "Who leads Canada?"): the article cannot answer that, so the
// bot refuses, saying the country is not a member. Questions with more to
// them ("What did the US do after the first meeting?") go on to the facts
// and the passages.
func (p *Pipeline) outsiders(q parsed) []string {
	if q.leftover > 0 || q.quote || q.membership || q.yesNo() || onlyNames(q) {
		return nil
	}
	var names []string
	for _, men := range q.mentions {
		c, ok := p.base.Country(men.ID)
		if men.Kind == knowledge.KindCountry && ok && !q.sharesPlaceWith(men, knowledge.KindMember) &&
			!slices.ContainsFunc(p.base.Members, func(m knowledge.Member) bool { return m.NamedBy(men) }) {
			names = append(names, c.Name)
		}
	}
	return names
}

// sharesPlaceWith reports whether another mention of kind covers the same
// words as men ("Montenegro" the country and the prime minister).
func (q parsed) sharesPlaceWith(men knowledge.Mention, kind knowledge.Kind) bool {
	for _, o := range q.mentions {
		if o.Kind == kind && o.Start == men.Start {
			return true
		}
	}
	return false
}

func (p *Pipeline) country(d *describer, q parsed, men knowledge.Mention) string {
	c, _ := p.base.Country(men.ID)
	var ms []knowledge.Member
	for _, m := range p.base.Members {
		if m.Country == c.Code {
			ms = append(ms, m)
		}
	}
	name := strings.TrimSpace(c.Name + " " + c.Flag)
	if len(ms) == 0 {
		s := fmt.Sprintf("No: **%s** is not among the members the article lists.", name)
		if c.Note != "" {
			d.cite(c.NotePassage)
			s += " " + c.Note
		}
		for _, o := range q.mentions {
			if o.Kind == knowledge.KindMember && o.Start == men.Start {
				m, _ := p.base.Member(o.ID)
				s += fmt.Sprintf(" (%s, is a member.)", d.member(m, true))
			}
		}
		return s
	}
	var who []string
	notes := ""
	for _, m := range ms {
		who = append(who, d.member(m, false))
		notes += p.leaderNote(d, m)
	}
	prefix := ""
	if q.yesNo() {
		prefix = "Yes: "
	}
	return fmt.Sprintf("%s**%s** is represented by %s.%s", prefix, name, strings.Join(who, "; "), notes)
}

func (p *Pipeline) institution(d *describer, q parsed, id string) string {
	in, _ := p.base.Institution(id)
	var who []string
	for _, m := range p.base.Members {
		if m.Institution == id {
			who = append(who, d.member(m, false))
		}
	}
	prefix := ""
	if q.yesNo() {
		prefix = "Yes: "
	}
	return fmt.Sprintf("%s**%s** is represented by %s.", prefix, in.Name, strings.Join(who, "; "))
}

// leaderNote says, for the coalition's leaders, that they lead it.
func (p *Pipeline) leaderNote(d *describer, m knowledge.Member) string {
	if !m.Leader {
		return ""
	}
	var others []string
	for _, l := range d.leaders() {
		if l.ID != m.ID {
			others = append(others, l.Name)
		}
	}
	return fmt.Sprintf(" They lead the coalition with %s.", joinAnd(others))
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
