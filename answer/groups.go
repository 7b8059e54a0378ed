package answer

import (
	"slices"
	"strings"

	"github.com/coalitionbot/coalitionbot/knowledge"
)

// members answers questions about sets of members: by office ("which are
// presidents?"), by region ("the Nordic leaders"), both, or all of them.
// Each office and region the question names gets its part ("the Baltic
// and Nordic countries").
func (c *Curator) members(lang string, q knowledge.Query, _ knowledge.Match) (Answer, bool) {
	d := c.newDescriber(lang)
	offices, regions := spanValues(q.Offices), spanValues(q.Regions)
	var parts []string
	switch {
	case len(offices) > 0 && len(regions) > 0:
		for _, o := range offices {
			for _, r := range regions {
				parts = append(parts, c.byRoleAndRegion(d, o, r))
			}
		}
	case len(offices) > 0:
		for _, o := range offices {
			parts = append(parts, c.byRole(d, o))
		}
	case len(regions) > 0:
		for _, r := range regions {
			parts = append(parts, c.byRegion(d, q, r))
		}
	default:
		everyone := c.texts[lang].everyone
		d.cite(everyone.passages...)
		return d.datedAnswer(everyone.text), true
	}
	return d.datedAnswer(strings.Join(parts, "\n\n")), true
}

// spanValues are the distinct values of spans, in the order they come.
func spanValues(spans []knowledge.Span) []string {
	var out []string
	for _, sp := range spans {
		if !slices.Contains(out, sp.Value) {
			out = append(out, sp.Value)
		}
	}
	return out
}

// institutions answers which members head an institution rather than
// represent a country.
func (c *Curator) institutions(lang string, _ knowledge.Query, _ knowledge.Match) (Answer, bool) {
	d := c.newDescriber(lang)
	var lines []string
	for _, m := range c.base.Members {
		if m.Country == "" {
			lines = append(lines, d.short(m))
		}
	}
	return d.datedAnswer(d.text(msgInstitutionMembers, nil) + "\n" + bullets(lines)), true
}

// count answers how many members the article lists.
func (c *Curator) count(lang string, _ knowledge.Query, _ knowledge.Match) (Answer, bool) {
	d := c.newDescriber(lang)
	countries, institutions := 0, 0
	for _, m := range c.base.Members {
		d.cite(m.Passage)
		if m.Country != "" {
			countries++
		} else {
			institutions++
		}
	}
	text := d.plural(msgCountMembers, len(c.base.Members), map[string]any{
		"Leaders": d.plural(msgCountLeaders, countries, nil),
		"Heads":   d.plural(msgCountHeads, institutions, nil),
	})
	return d.answer(text + " " + d.leadership()), true
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
		return d.text(msgRoleNone, map[string]any{"Role": d.role(role, false)})
	}
	s := roleHeading(d, len(national)+len(other), role) + bullets(national)
	if len(national) == 0 {
		s = roleHeading(d, len(other), role) + bullets(other)
	} else if len(other) > 0 {
		s += "\n" + d.text(msgOfInstitutions, nil) + "\n" + bullets(other)
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
		return d.text(msgRoleRegionNone, map[string]any{"Role": d.role(role, false), "Region": d.region(region)})
	}
	return d.plural(msgRoleRegionHeading, len(lines), map[string]any{"Region": d.region(region), "Roles": d.role(role, true)}) + "\n" + bullets(lines)
}

// roleHeading introduces the list of the n members holding role.
func roleHeading(d *describer, n int, role string) string {
	return d.plural(msgRoleHeading, n, map[string]any{"Role": d.role(role, false), "Roles": d.role(role, true)}) + "\n"
}

// role is a role's name in the describer's language, plural or not, and
// region a region's: the knowledge's, or the English words.
func (d *describer) role(role string, many bool) string {
	if name := d.base.RoleName(role, d.lang, many); name != "" {
		return name
	}
	if many {
		return plural(role)
	}
	return role
}

func (d *describer) region(region string) string { return d.base.RegionName(region, d.lang) }

// plural is a role in the plural, for the messages' Roles: roles are the
// knowledge's English words, and so is their plural; in "secretary
// general" the noun is the first word.
func plural(role string) string {
	if role == "secretary general" {
		return "secretaries general"
	}
	return role + "s"
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
			missing = append(missing, d.country(k))
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
		heading := msgRegionInstitutions
		if q.YesNo() {
			heading = msgRegionInstitutionsYes
		}
		parts = append(parts, d.text(heading, map[string]any{"Region": d.region(region)})+"\n"+bullets(bodies))
	}
	if len(in) == 0 {
		parts = append(parts, d.text(msgRegionNone, map[string]any{"Region": d.region(region)}))
	} else {
		parts = append(parts, d.text(msgRegionMembers, map[string]any{"Region": d.region(region)})+"\n"+bullets(in))
	}
	if len(missing) > 0 && len(missing) <= 10 {
		parts = append(parts, d.text(msgRegionNotListed, map[string]any{"Names": d.join(missing)}))
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
	return d.leadership() + " " + d.text(msgMembersListed, nil) + "\n" + bullets(lines)
}
