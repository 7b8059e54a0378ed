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

// InstitutionName is an institution's name in lang: alone ("Conseil
// européen") or, inSentence, as the language's sentences name it, with its
// article ("le Conseil européen"). Alone it falls back to the English
// name; in a sentence it is "" when the language gives none, for the
// caller to word the English name.
func (b *Base) InstitutionName(in Institution, lang string, inSentence bool) string {
	var names [2]string
	if g := b.glosses[lang]; g != nil {
		names = g.institutions[in.ID]
	}
	switch {
	case inSentence:
		return names[1]
	case names[0] != "":
		return names[0]
	}
	return in.Name
}

// PersonTitle is the office of a well-known non-member in lang.
func (b *Base) PersonTitle(p Person, lang string) string {
	if g := b.glosses[lang]; g != nil && g.personTitles[p.ID] != "" {
		return g.personTitles[p.ID]
	}
	return p.Title
}

// PersonName is a well-known non-member's name in lang: the language's
// own for those it names otherwise (popes, kings), else the name itself.
func (b *Base) PersonName(p Person, lang string) string {
	if g := b.glosses[lang]; g != nil && g.personNames[p.ID] != "" {
		return g.personNames[p.ID]
	}
	return p.Name
}

// CountryNote is what is said in lang of a country the article does not
// list; "" for a country without a note.
func (b *Base) CountryNote(c Country, lang string) string {
	if g := b.glosses[lang]; g != nil && g.notes[c.Code] != "" {
		return g.notes[c.Code]
	}
	return c.Note
}

// QuoteContext says in lang where and how a quote was said ("sur X").
func (b *Base) QuoteContext(q Quote, lang string) string {
	if g := b.glosses[lang]; g != nil && g.quoteContexts[q.ID] != "" {
		return g.quoteContexts[q.ID]
	}
	return q.Where
}
