package knowledge

// What answers in a language other than English say of the knowledge.
// Each falls back to the English data when the language has nothing to
// say, so an answer is always complete, if partly in English.

// CountryName is the country's name in lang: CLDR's, English's for
// English or an unknown code.
func (b *Base) CountryName(code, lang string) string {
	if g := b.glosses[lang]; g != nil && g.countries[code] != "" {
		return g.countries[code]
	}
	if i, ok := b.countryByID[code]; ok {
		return b.Countries[i].Name
	}
	return code
}

// MemberTitle is the member's title in lang.
func (b *Base) MemberTitle(id, lang string) string {
	if g := b.glosses[lang]; g != nil && g.titles[id] != "" {
		return g.titles[id]
	}
	if i, ok := b.memberByID[id]; ok {
		return b.Members[i].Title
	}
	return ""
}

// RoleName is a role's name in lang, plural or not; "" when the language
// gives none, for the caller to word it in English.
func (b *Base) RoleName(role, lang string, plural bool) string {
	g := b.glosses[lang]
	if g == nil {
		return ""
	}
	names, ok := g.roles[role]
	if !ok {
		return ""
	}
	if plural {
		return names[1]
	}
	return names[0]
}

// RegionName is a region's name in lang, or the region itself.
func (b *Base) RegionName(region, lang string) string {
	if g := b.glosses[lang]; g != nil && g.regions[region] != "" {
		return g.regions[region]
	}
	return region
}

// FactAnswer is a curated fact's answer in lang, or in English.
func (b *Base) FactAnswer(f Fact, lang string) string {
	if g := b.glosses[lang]; g != nil && g.facts[f.ID] != "" {
		return g.facts[f.ID]
	}
	return f.Answer
}
