package answer

import (
	"fmt"
	"slices"
	"strings"
)

// groups answers questions about sets of members: by office ("which are
// presidents?"), by region ("the Nordic leaders"), all of them, or how many.
func (p *Pipeline) groups(q parsed) (string, *describer, bool) {
	if len(q.mentions) > 0 || q.leftover > 0 || q.quote {
		return "", nil, false
	}
	d := newDescriber(p.base)
	switch {
	case len(q.roles) > 0 && len(q.regions) > 0:
		return p.byRoleAndRegion(d, q.roles[0], q.regions[0]), d, true
	case len(q.roles) > 0:
		return p.byRole(d, q.roles[0]), d, true
	case len(q.regions) > 0:
		return p.byRegion(d, q, q.regions[0]), d, true
	case q.count:
		return p.count(d), d, true
	case q.list:
		return p.all(d), d, true
	}
	return "", nil, false
}

func (p *Pipeline) byRole(d *describer, role string) string {
	var national, other []string
	for _, m := range p.base.Members {
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
func (p *Pipeline) byRoleAndRegion(d *describer, role, region string) string {
	var lines []string
	for _, m := range p.base.Members {
		if c, ok := p.base.Country(m.Country); ok && m.Role == role && slices.Contains(c.Regions, region) {
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

func (p *Pipeline) byRegion(d *describer, q parsed, region string) string {
	var in, missing, bodies []string
	for _, c := range p.base.Countries {
		if !slices.Contains(c.Regions, region) {
			continue
		}
		found := false
		for _, m := range p.base.Members {
			if m.Country == c.Code {
				in = append(in, d.short(m))
				found = true
			}
		}
		if !found {
			missing = append(missing, c.Name)
		}
	}
	for _, inst := range p.base.Institutions {
		for _, m := range p.base.Members {
			if inst.Bloc == region && m.Institution == inst.ID {
				bodies = append(bodies, d.short(m))
			}
		}
	}
	var parts []string
	if len(bodies) > 0 {
		lead := "The"
		if q.yesNo() {
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

func (p *Pipeline) count(d *describer) string {
	countries, institutions := 0, 0
	for _, m := range p.base.Members {
		d.cite(m.Passage)
		if m.Country != "" {
			countries++
		} else {
			institutions++
		}
	}
	return fmt.Sprintf("The article names %d members: %d national leaders and the heads of %d institutions. %s",
		len(p.base.Members), countries, institutions, d.leadership())
}

func (p *Pipeline) all(d *describer) string {
	var lines []string
	for _, m := range p.base.Members {
		lines = append(lines, d.short(m))
	}
	return d.leadership() + " The members the article lists:\n" + bullets(lines)
}

// facts answers from the curated fact the question asks for.
func (p *Pipeline) facts(q parsed) (string, *describer, bool) {
	f, ok := p.base.MatchFact(strings.Join(q.words, " "))
	if !ok {
		return "", nil, false
	}
	d := newDescriber(p.base)
	d.cite(f.Passages...)
	if f.Context {
		return f.Answer + " (Curated context: the article itself does not say this.)", d, true
	}
	return f.Answer, d, true
}
