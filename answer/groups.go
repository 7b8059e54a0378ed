package answer

import (
	"fmt"
	"slices"
	"strings"

	"github.com/coalitionbot/coalitionbot/knowledge"
)

// members answers questions about sets of members: by office ("which are
// presidents?"), by region ("the Nordic leaders"), both, or all of them.
func (c *Curator) members(q knowledge.Query, _ knowledge.Match) (Answer, bool) {
	d := c.newDescriber()
	switch {
	case len(q.Offices) > 0 && len(q.Regions) > 0:
		return d.datedAnswer(c.byRoleAndRegion(d, q.Offices[0].Value, q.Regions[0].Value)), true
	case len(q.Offices) > 0:
		return d.datedAnswer(c.byRole(d, q.Offices[0].Value)), true
	case len(q.Regions) > 0:
		return d.datedAnswer(c.byRegion(d, q, q.Regions[0].Value)), true
	}
	d.cite(c.everyone.passages...)
	return d.datedAnswer(c.everyone.text), true
}

// count answers how many members the article lists.
func (c *Curator) count(_ knowledge.Query, _ knowledge.Match) (Answer, bool) {
	d := c.newDescriber()
	countries, institutions := 0, 0
	for _, m := range c.base.Members {
		d.cite(m.Passage)
		if m.Country != "" {
			countries++
		} else {
			institutions++
		}
	}
	return d.answer(fmt.Sprintf("The article names %d members: %d national leaders and the heads of %d institutions. %s",
		len(c.base.Members), countries, institutions, d.leadership())), true
}

func (c *Curator) byRole(d *describer, role string) string {
	var national, other []string
	for _, m := range c.base.Members {
		if m.Role != role {
			continue
		}
		if m.Country != "" {
			national = append(national, d.short(m))
		} else {
			other = append(other, d.short(m))
		}
	}
	if len(national)+len(other) == 0 {
		return fmt.Sprintf("None of the members the article lists is a %s.", role)
	}
	s := roleHeading(len(national)+len(other), role) + bullets(national)
	if len(national) == 0 {
		s = roleHeading(len(other), role) + bullets(other)
	} else if len(other) > 0 {
		s += fmt.Sprintf("\nOf institutions:\n%s", bullets(other))
	}
	return s
}

// byRoleAndRegion answers "Who are the Nordic prime ministers?".
func (c *Curator) byRoleAndRegion(d *describer, role, region string) string {
	var lines []string
	for _, m := range c.base.Members {
		if k, ok := c.base.Country(m.Country); ok && m.Role == role && slices.Contains(k.Regions, region) {
			lines = append(lines, d.short(m))
		}
	}
	if len(lines) == 0 {
		return fmt.Sprintf("None of the members the article lists is a %s of a %s country.", role, region)
	}
	return fmt.Sprintf("The members from %s countries who are %ss:\n%s", region, plural(role), bullets(lines))
}

// roleHeading introduces the list of the n members holding role.
func roleHeading(n int, role string) string {
	if n == 1 {
		return fmt.Sprintf("The one member who is a %s:\n", role)
	}
	return fmt.Sprintf("The %d members who are %ss:\n", n, plural(role))
}

func plural(role string) string {
	if role == "secretary general" {
		return "secretaries general"
	}
	return role
}

func (c *Curator) byRegion(d *describer, q knowledge.Query, region string) string {
	var in, missing, bodies []string
	for _, k := range c.base.Countries {
		if !slices.Contains(k.Regions, region) {
			continue
		}
		ms := c.membersOf(k.Code)
		for _, m := range ms {
			in = append(in, d.short(m))
		}
		if len(ms) == 0 {
			missing = append(missing, k.Name)
		}
	}
	for _, inst := range c.base.Institutions {
		for _, m := range c.base.Members {
			if inst.Bloc == region && m.Institution == inst.ID {
				bodies = append(bodies, d.short(m))
			}
		}
	}
	var parts []string
	if len(bodies) > 0 {
		lead := "The"
		if q.YesNo() {
			lead = "Yes: the"
		}
		parts = append(parts, fmt.Sprintf("%s %s's own institutions are represented:\n%s", lead, region, bullets(bodies)))
	}
	if len(in) == 0 {
		parts = append(parts, fmt.Sprintf("The article lists no members from %s countries.", region))
	} else {
		parts = append(parts, fmt.Sprintf("Members from %s countries:\n%s", region, bullets(in)))
	}
	if len(missing) > 0 && len(missing) <= 10 {
		parts = append(parts, fmt.Sprintf("Not among the members the article lists: %s.", joinAnd(missing)))
	}
	return strings.Join(parts, "\n")
}

// all is the list of every member, written once at start-up with the
// passages it cites.
func (c *Curator) all(d *describer) string {
	var lines []string
	for _, m := range c.base.Members {
		lines = append(lines, d.short(m))
	}
	return d.leadership() + " The members the article lists:\n" + bullets(lines)
}
