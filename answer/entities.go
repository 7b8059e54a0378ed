package answer

import (
	"slices"
	"strings"

	"github.com/coalitionbot/coalitionbot/knowledge"
)

// represents answers whether someone or somewhere is in the coalition and
// who represents a country or an institution: is X in it, who did X send,
// who is the Y prime minister. Outsiders get "not among the members the
// article lists"; asked for the office holder of a country the article does
// not list ("Who is the prime minister of Canada?"), it cannot say.
func (c *Curator) represents(lang string, q knowledge.Query, _ knowledge.Match) (Answer, bool) {
	return c.entities(lang, q, true)
}

// describe answers who someone named is: their office, what they
// represent, where they are from. Of someone the article does not list it
// can only say so: that is a refusal, the article has nothing on them.
func (c *Curator) describe(lang string, q knowledge.Query, _ knowledge.Match) (Answer, bool) {
	return c.entities(lang, q, false)
}

func (c *Curator) entities(lang string, q knowledge.Query, membership bool) (Answer, bool) {
	if len(q.Mentions) == 0 {
		return Answer{}, false
	}
	d := c.newDescriber(lang)
	if text, ok := c.checkClaim(d, q); ok {
		return d.datedAnswer(text), true
	}
	var parts []string
	outsiders := 0
	for _, men := range dedupe(q.Mentions) {
		switch men.Kind {
		case knowledge.KindCountry:
			if !membership && sharesPlaceWith(q, men, knowledge.KindMember) && len(c.membersOf(men.ID)) == 0 {
				continue // "Who is Montenegro?": Portugal's prime minister
			}
			text, listed := c.country(d, q, men)
			parts = append(parts, text)
			if !listed && outsider(q, membership) {
				outsiders++
			}
		case knowledge.KindInstitution:
			parts = append(parts, c.institution(d, q, men.ID))
		case knowledge.KindPerson:
			parts = append(parts, c.person(d, q, men.ID))
			if outsider(q, membership) {
				outsiders++
			}
		case knowledge.KindMember:
			if sharesPlaceWith(q, men, knowledge.KindCountry) && (membership || c.placeListed(q, men)) {
				continue // said in the country's part
			}
			m, _ := c.base.Member(men.ID)
			parts = append(parts, d.member(m, true)+", "+d.represents(m)+d.leaderNote(m))
		}
	}
	if len(parts) == 0 {
		return Answer{}, false
	}
	text := strings.Join(parts, "\n")
	if outsiders == len(parts) {
		return d.refuse(text + " " + d.text(msgSaysNothingMore, nil)), true
	}
	return d.datedAnswer(text), true
}

// asksLeadership reports whether a question asks about leading the
// coalition ("Is Meloni a leader of the coalition?") rather than a
// country: it speaks of leading and names no country or institution.
func asksLeadership(q knowledge.Query) bool {
	for _, m := range q.Mentions {
		if m.Kind == knowledge.KindCountry || m.Kind == knowledge.KindInstitution {
			return false
		}
	}
	return slices.Contains(q.Stems, "lead")
}

// checkClaim answers a yes-or-no question about one member that may also
// name an office, a country or an institution ("Is Frederiksen a
// president?", "Is Rutte the Dutch prime minister?"): yes only when all of
// them fit the member, and either way who the member really is. A question
// naming only the member ("Is Meloni in the coalition?") is a yes.
func (c *Curator) checkClaim(d *describer, q knowledge.Query) (string, bool) {
	var member *knowledge.Member
	var others []knowledge.Mention
	for _, men := range q.Mentions {
		switch {
		case men.Kind == knowledge.KindMember && !sharesPlaceWith(q, men, knowledge.KindCountry):
			if member != nil && member.ID != men.ID {
				return "", false // two people: not one claim
			}
			m, _ := c.base.Member(men.ID)
			member = &m
		case men.Kind != knowledge.KindMember:
			others = append(others, men)
		}
	}
	if !q.YesNo() || member == nil || slices.ContainsFunc(others, func(o knowledge.Mention) bool { return o.Kind == knowledge.KindPerson }) {
		return "", false
	}
	if len(q.Offices) > 1 { // "Stubb: PM or president?" asks which
		return d.member(*member, true) + ", " + d.represents(*member), true
	}
	fits := len(q.Offices) == 0 || q.Offices[0].Value == member.Role
	for _, o := range others {
		fits = fits && member.NamedBy(o)
	}
	leadership := asksLeadership(q)
	if leadership && len(others) == 0 {
		fits = fits && member.Leader // a leader of the coalition, not a member of it
	}
	text := d.text(msgNo, nil) + " " + d.member(*member, true) + ", " + d.represents(*member)
	if fits {
		text = d.text(msgYes, nil) + " " + d.member(*member, true) + ", " + d.represents(*member) + d.leaderNote(*member)
	} else if leadership && !member.Leader {
		text += " " + d.leadership()
	}
	return text, true
}

// sharesPlaceWith reports whether another mention of kind covers the same
// words as men ("Montenegro" the country and the prime minister).
func sharesPlaceWith(q knowledge.Query, men knowledge.Mention, kind knowledge.Kind) bool {
	for _, o := range q.Mentions {
		if o.Kind == kind && o.Start == men.Start {
			return true
		}
	}
	return false
}

// placeListed reports whether the country named at the same place as a
// member's name has members of its own.
func (c *Curator) placeListed(q knowledge.Query, men knowledge.Mention) bool {
	for _, o := range q.Mentions {
		if o.Kind == knowledge.KindCountry && o.Start == men.Start && len(c.membersOf(o.ID)) > 0 {
			return true
		}
	}
	return false
}

// membersOf returns the members of a country, in list order.
func (c *Curator) membersOf(code string) []knowledge.Member { return c.byCountry[code] }

// country describes a country: who represents it, or that it is not among
// the members the article lists (then listed is false).
func (c *Curator) country(d *describer, q knowledge.Query, men knowledge.Mention) (text string, listed bool) {
	k, _ := c.base.Country(men.ID)
	ms := c.membersOf(k.Code)
	name := strings.TrimSpace(d.country(k) + " " + k.Flag)
	if len(ms) == 0 {
		s := no(d, q) + d.text(msgCountryNotListed, map[string]any{"Country": name})
		if note := d.base.CountryNote(k, d.lang); note != "" {
			d.cite(k.NotePassage)
			s += " " + note
		}
		for _, o := range q.Mentions {
			if o.Kind == knowledge.KindMember && o.Start == men.Start {
				m, _ := c.base.Member(o.ID)
				s += " " + d.text(msgAlsoMember, map[string]any{"Member": d.member(m, true)})
			}
		}
		return s, false
	}
	var who []string
	notes := ""
	holds := len(q.Offices) == 0 // "is the Italian president in it?" asks of an office too
	for _, m := range ms {
		who = append(who, d.member(m, false))
		notes += d.leaderNote(m)
		holds = holds || slices.ContainsFunc(q.Offices, func(o knowledge.Span) bool { return o.Value == m.Role })
	}
	prefix := ""
	switch {
	case q.YesNo() && holds:
		prefix = d.text(msgYes, nil) + " "
	case q.YesNo():
		prefix = d.text(msgNo, nil) + " "
	}
	return prefix + d.text(msgRepresentedBy, map[string]any{"Name": name, "Members": strings.Join(who, "; ")}) + notes, true
}

func (c *Curator) institution(d *describer, q knowledge.Query, id string) string {
	in, _ := c.base.Institution(id)
	var who []string
	for _, m := range c.base.Members {
		if m.Institution == id {
			who = append(who, d.member(m, false))
		}
	}
	prefix := ""
	if q.YesNo() {
		prefix = d.text(msgYes, nil) + " "
	}
	return prefix + d.text(msgRepresentedBy, map[string]any{"Name": d.institution(in), "Members": strings.Join(who, "; ")})
}

// person answers for someone well known whom the article does not list:
// not a member, and who represents their country when someone does
// (Erdoğan: Turkey's vice president) or what the article says of it.
func (c *Curator) person(d *describer, q knowledge.Query, id string) string {
	p, _ := c.base.Person(id)
	s := no(d, q) + d.text(msgPersonNotListed, map[string]any{"Name": d.base.PersonName(p, d.lang), "Title": d.base.PersonTitle(p, d.lang)})
	k, _ := c.base.Country(p.Country)
	var who []string
	for _, m := range c.membersOf(k.Code) {
		who = append(who, d.member(m, false))
	}
	switch {
	case len(who) > 0:
		s += " " + d.text(msgRepresentedBy, map[string]any{"Name": strings.TrimSpace(d.country(k) + " " + k.Flag), "Members": strings.Join(who, "; ")})
	case k.Note != "":
		d.cite(k.NotePassage)
		s += " " + d.base.CountryNote(k, d.lang)
	}
	return s
}

// outsider reports whether a question about someone or somewhere the
// article does not list asks what the article cannot say: not whether they
// are in the coalition ("Is Norway in it?", "Who represents Romania?") but
// who they are or who holds an office there ("Who is the prime minister of
// Canada?").
func outsider(q knowledge.Query, membership bool) bool {
	if q.YesNo() {
		return false
	}
	return !membership || len(q.Offices) > 0
}

// no is the "No: " that starts the answer to a yes-or-no question about
// an outsider.
func no(d *describer, q knowledge.Query) string {
	if q.YesNo() {
		return d.text(msgNo, nil) + " "
	}
	return ""
}
