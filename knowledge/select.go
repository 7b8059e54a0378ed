package knowledge

import "slices"

// Select returns the members a filter names, in list order: by name,
// country, institution, role ("presidents") or region ("Nordic"), or
// several of these together ("Nordic prime ministers"). An empty filter
// selects everyone; a filter that names nothing selects no one.
//
// The filter is read like a question (Analyze): one parser for both, so
// whatever a question can name, so can a filter.
func (b *Base) Select(filter string) []Member {
	q := b.Analyze(filter)
	if len(q.Words) == 0 {
		return slices.Clone(b.Members) // the caller may reorder its copy
	}
	roles, regions := spanValues(q.Offices), spanValues(q.Regions)
	if len(q.Mentions)+len(roles)+len(regions) == 0 {
		return nil
	}
	var out []Member
	for _, m := range b.Members {
		if b.matches(m, q.Mentions, roles, regions) {
			out = append(out, m)
		}
	}
	return out
}

func spanValues(spans []Span) []string {
	var out []string
	for _, s := range spans {
		out = append(out, s.Value)
	}
	return out
}

func (b *Base) matches(m Member, mentions []Mention, roles, regions []string) bool {
	if len(mentions) > 0 && !slices.ContainsFunc(mentions, m.NamedBy) {
		return false
	}
	if len(roles) > 0 && !slices.Contains(roles, m.Role) {
		return false
	}
	if len(regions) > 0 {
		c, ok := b.Country(m.Country)
		if !ok || !slices.ContainsFunc(regions, func(r string) bool { return slices.Contains(c.Regions, r) }) {
			return false
		}
	}
	return true
}

// NamedBy reports whether a mention refers to the member: by name, by the
// member's country or by the member's institution.
func (m Member) NamedBy(men Mention) bool {
	switch men.Kind {
	case KindMember:
		return men.ID == m.ID
	case KindCountry:
		return men.ID == m.Country
	case KindInstitution:
		return men.ID == m.Institution
	}
	return false
}
