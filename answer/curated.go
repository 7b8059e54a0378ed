package answer

import (
	"fmt"
	"slices"
	"strings"

	"github.com/coalitionbot/coalitionbot/knowledge"
)

// curated answers from the curated data alone, without search or an LLM,
// or reports false when the question is not one it can answer.
func (p *Pipeline) curated(q parsed) (Answer, bool) {
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
	if q.leadership && len(others) == 0 {
		fits = fits && member.Leader // a leader of the coalition, not a member of it
	}
	text := "No: " + d.member(*member, true) + ", " + d.represents(*member)
	if fits {
		text = "Yes: " + d.member(*member, true) + ", " + d.represents(*member) + p.leaderNote(d, *member)
	} else if q.leadership && !member.Leader {
		text += " " + d.leadership()
	}
	return text, true
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
