package knowledge

import (
	"slices"
	"strings"
)

// roleWords maps words of a question to the normalised roles of members.
var roleWords = map[string]string{
	"president": "president", "presidents": "president", "presidential": "president",
	"pm": "prime minister", "pms": "prime minister", "premier": "prime minister", "premiers": "prime minister",
	"chancellor": "chancellor", "chancellors": "chancellor",
	"vice":      "vice president",
	"secretary": "secretary general",
}

// RoleAt returns the role that words[i] names, if any: "prime" before
// "minister(s)" is a prime minister, "president" after "vice" a vice
// president.
func RoleAt(words []string, i int) (string, bool) {
	w := words[i]
	prev, next := "", ""
	if i > 0 {
		prev = words[i-1]
	}
	if i+1 < len(words) {
		next = words[i+1]
	}
	role := roleWords[w]
	switch {
	case w == "prime" && strings.HasPrefix(next, "minister"):
		role = "prime minister"
	case role == "president" && prev == "vice":
		role = "vice president"
	}
	return role, role != ""
}

// RegionOf returns the region a folded word names ("nordic", "baltics",
// "western" for Western Europe, "scandinavian" for Nordic), if any.
func (b *Base) RegionOf(w string) (string, bool) {
	if r, ok := b.regionByWord[w]; ok {
		return r, true
	}
	r, ok := b.regionByWord[Stem(w)]
	return r, ok
}

// Select returns the members a filter names, in list order: by name,
// country, institution, role ("presidents") or region ("Nordic"), or
// several of these together ("Nordic prime ministers"). An empty filter
// selects everyone; a filter that names nothing selects no one.
func (b *Base) Select(filter string) []Member {
	words := Words(filter)
	if len(words) == 0 {
		return b.Members
	}
	mentions := b.Mentions(filter)
	named := Covered(mentions, len(words))
	var roles, regions []string
	for i, w := range words {
		if named[i] {
			continue // "NATO" the institution, not the region
		}
		if r, ok := RoleAt(words, i); ok {
			roles = append(roles, r)
		} else if r, ok := b.RegionOf(w); ok {
			regions = append(regions, r)
		}
	}
	if len(mentions)+len(roles)+len(regions) == 0 {
		return nil
	}
	var out []Member
	for _, m := range b.Members {
		if b.matches(m, mentions, roles, regions) {
			out = append(out, m)
		}
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
