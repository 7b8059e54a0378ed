package knowledge

// What answers in a language other than English say of the knowledge.
// Each falls back to the English data when the language has nothing to
// say, so an answer is always complete, if partly in English.

// say is what lang's file gives for id in the table pick chooses, or
// english when it gives nothing (or lang has no file).
func (b *Base) say(lang string, pick func(*gloss) map[string]string, id, english string) string {
	if g := b.glosses[lang]; g != nil && pick(g)[id] != "" {
		return pick(g)[id]
	}
	return english
}

// CountryName is the country's name in lang: CLDR's, English's for
// English or an unknown code.
func (b *Base) CountryName(code, lang string) string {
	english := code
	if i, ok := b.countryByID[code]; ok {
		english = b.Countries[i].Name
	}
	return b.say(lang, func(g *gloss) map[string]string { return g.countries }, code, english)
}

// MemberTitle is the member's title in lang.
func (b *Base) MemberTitle(id, lang string) string {
	english := ""
	if i, ok := b.memberByID[id]; ok {
		english = b.Members[i].Title
	}
	return b.say(lang, func(g *gloss) map[string]string { return g.titles }, id, english)
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
	return b.say(lang, func(g *gloss) map[string]string { return g.regions }, region, region)
}

// FactAnswer is a curated fact's answer in lang, or in English.
func (b *Base) FactAnswer(f Fact, lang string) string {
	return b.say(lang, func(g *gloss) map[string]string { return g.facts }, f.ID, f.Answer)
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
	return b.say(lang, func(g *gloss) map[string]string { return g.personTitles }, p.ID, p.Title)
}

// PersonName is a well-known non-member's name in lang: the language's
// own for those it names otherwise (popes, kings), else the name itself.
func (b *Base) PersonName(p Person, lang string) string {
	return b.say(lang, func(g *gloss) map[string]string { return g.personNames }, p.ID, p.Name)
}

// CountryNote is what is said in lang of a country the article does not
// list; "" for a country without a note.
func (b *Base) CountryNote(c Country, lang string) string {
	return b.say(lang, func(g *gloss) map[string]string { return g.notes }, c.Code, c.Note)
}

// QuoteContext says in lang where and how a quote was said ("sur X").
func (b *Base) QuoteContext(q Quote, lang string) string {
	return b.say(lang, func(g *gloss) map[string]string { return g.quoteContexts }, q.ID, q.Where)
}
