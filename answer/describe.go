package answer

import (
	"fmt"
	"strings"

	"github.com/coalitionbot/coalitionbot/knowledge"
)

// describer renders curated entities as answer text and collects the
// passages the text rests on.
// It writes in one language.
type describer struct {
	base    *knowledge.Base
	msgs    *Messages
	lang    string
	notes   map[string]memberNote
	sources []Source
	seen    map[string]bool
}

func (c *Curator) newDescriber(lang string) *describer {
	return &describer{base: c.base, msgs: c.msgs, lang: lang, notes: c.texts[lang].notes, seen: map[string]bool{}}
}

// text renders a message in the describer's language.
func (d *describer) text(id MessageID, data map[string]any) string {
	return d.msgs.Text(d.lang, id, data)
}

// plural renders a message with plural forms in the describer's language.
func (d *describer) plural(id MessageID, count int, data map[string]any) string {
	return d.msgs.Plural(d.lang, id, count, data)
}

// title is a member's title in the describer's language, and country a
// country's name: the knowledge's, in English where the language's data
// has none.
func (d *describer) title(m knowledge.Member) string { return d.base.MemberTitle(m.ID, d.lang) }

func (d *describer) country(c knowledge.Country) string { return d.base.CountryName(c.Code, d.lang) }

// join joins items as prose in the describer's language: "a, b and c".
func (d *describer) join(items []string) string { return d.msgs.Join(d.lang, items) }

// memberNote is what answers say of a member, written once at start-up in
// each language: the member in full, with and without the flag (name, the
// article's spelling where it differs, flag, title, and the article's
// styling of the office where it differs), whom they represent, and for
// the coalition's leaders that they lead it.
type memberNote struct{ withFlag, plain, represents, leads string }

// memberNotes writes every member in full in lang.
func memberNotes(base *knowledge.Base, msgs *Messages, lang string) map[string]memberNote {
	notes := map[string]memberNote{}
	d := &describer{base: base, msgs: msgs, lang: lang, seen: map[string]bool{}}
	for _, m := range base.Members {
		notes[m.ID] = memberNote{withFlag: d.full(m, true), plain: d.full(m, false), represents: d.representation(m), leads: d.leadsWith(m)}
	}
	return notes
}

// answer is a curated answer with the passages cited so far.
func (d *describer) answer(text string) Answer {
	return Answer{Text: text, Route: Curated, Sources: d.sources}
}

// datedAnswer is a curated answer that states offices, which changed after
// the article.
func (d *describer) datedAnswer(text string) Answer {
	a := d.answer(text)
	a.dated = true
	return a
}

// refuse is a refusal that still says what the article does, with its
// passages.
func (d *describer) refuse(text string) Answer {
	return Answer{Text: text, Route: Refused, Sources: d.sources}
}

// cite adds a passage to the answer's sources, once.
func (d *describer) cite(ids ...string) {
	for _, id := range ids {
		if d.seen[id] {
			continue
		}
		if p, ok := d.base.Passage(id); ok {
			d.seen[id] = true
			d.sources = append(d.sources, Source{ID: p.ID, Section: p.Section, Text: p.Text})
		}
	}
}

// flag returns the flag of a member's country or institution, or "".
func (d *describer) flag(m knowledge.Member) string {
	if c, ok := d.base.Country(m.Country); ok {
		return c.Flag
	}
	if in, ok := d.base.Institution(m.Institution); ok {
		return in.Flag
	}
	return ""
}

// member is one member in full (see full), citing the member's passage.
func (d *describer) member(m knowledge.Member, withFlag bool) string {
	d.cite(m.Passage)
	note := d.notes[m.ID]
	if withFlag {
		return note.withFlag
	}
	return note.plain
}

// name is any entity a question names, for a sentence about it: a
// member or person with their title, a country or an institution by name.
func (d *describer) name(men knowledge.Mention) string {
	switch men.Kind {
	case knowledge.KindMember:
		m, _ := d.base.Member(men.ID)
		d.cite(m.Passage)
		return fmt.Sprintf("**%s** (%s)", m.Name, d.title(m))
	case knowledge.KindPerson:
		p, _ := d.base.Person(men.ID)
		return d.person(p)
	case knowledge.KindCountry:
		c, _ := d.base.Country(men.ID)
		return "**" + d.country(c) + "**"
	}
	in, _ := d.base.Institution(men.ID)
	return "**" + d.theName(in) + "**"
}

// person is a well-known non-member with their office, in the describer's
// language: "**Donald Trump** (Président des États-Unis)".
func (d *describer) person(p knowledge.Person) string {
	return fmt.Sprintf("**%s** (%s)", d.base.PersonName(p, d.lang), d.base.PersonTitle(p, d.lang))
}

// full is one member in full: name, flag (unless the answer already shows
// the country's) and title, and where the article spells the name or
// styles the title differently, the article's version, so a reader can
// match the answer to the source.
func (d *describer) full(m knowledge.Member, withFlag bool) string {
	var b strings.Builder
	b.WriteString("**" + m.Name + "**")
	if spelt := articleSpelling(d.base, m); spelt != "" {
		b.WriteString(" " + d.text(msgSpeltInArticle, map[string]any{"Spelling": spelt}))
	}
	if f := d.flag(m); f != "" && withFlag {
		b.WriteString(" " + f)
	}
	b.WriteString(", " + d.title(m))
	if styledOtherwise(m) {
		b.WriteString(" " + d.text(msgStyledInArticle, map[string]any{"Title": m.ArticleTitle}))
	}
	return b.String()
}

// represents says whom the member speaks for in the coalition (see
// representation).
func (d *describer) represents(m knowledge.Member) string { return d.notes[m.ID].represents }

// representation says whom the member speaks for in the coalition, with
// the demonym, so "Who is Mette Frederiksen?" is answered "... Danish ...".
func (d *describer) representation(m knowledge.Member) string {
	if c, ok := d.base.Country(m.Country); ok && len(c.Demonyms) > 0 {
		return d.text(msgRepresentsGovernment, map[string]any{"Demonym": c.Demonyms[0], "Country": d.country(c)})
	}
	if in, ok := d.base.Institution(m.Institution); ok {
		return d.text(msgRepresentsInstitution, map[string]any{"Institution": d.theName(in)})
	}
	return d.text(msgMemberOfCoalition, nil)
}

// styledOtherwise reports whether the article gives the member an office
// other than the real one ("Lithuanian chairman" for a president), ignoring
// typos and word order.
func styledOtherwise(m knowledge.Member) bool {
	if m.ArticleTitle == "" {
		return false
	}
	styled := knowledge.Fold(m.ArticleTitle)
	for _, w := range strings.Fields(m.Role) {
		if !strings.Contains(styled, w[:min(5, len(w))]) {
			return true
		}
	}
	return false
}

// short is one member in a list: name, title and flag.
func (d *describer) short(m knowledge.Member) string {
	d.cite(m.Passage)
	s := fmt.Sprintf("**%s**, %s", m.Name, d.title(m))
	if f := d.flag(m); f != "" {
		s += " " + f
	}
	return s
}

// articleSpelling returns how the member's passage misspells the name
// ("Giorgia Melono", "Gitanas Nauseda"), or "" when it spells it right or
// uses another form of it ("Sir Keir").
func articleSpelling(base *knowledge.Base, m knowledge.Member) string {
	p, ok := base.Passage(m.Passage)
	if !ok || strings.Contains(p.Text, m.Name) {
		return ""
	}
	for _, a := range m.Aliases {
		if strings.Contains(p.Text, a) && knowledge.Near(knowledge.Fold(a), knowledge.Fold(m.Name)) {
			return a
		}
	}
	return ""
}

// leaders are the members the article names as leading the coalition.
func (d *describer) leaders() []knowledge.Member {
	var out []knowledge.Member
	for _, m := range d.base.Members {
		if m.Leader {
			out = append(out, m)
		}
	}
	return out
}

// leaderNote says, for the coalition's leaders, that they lead it (see
// leadsWith).
func (d *describer) leaderNote(m knowledge.Member) string { return d.notes[m.ID].leads }

// leadsWith says, for the coalition's leaders, that they lead it, with
// whom; it is "" for the other members.
func (d *describer) leadsWith(m knowledge.Member) string {
	if !m.Leader {
		return ""
	}
	var others []string
	for _, l := range d.leaders() {
		if l.ID != m.ID {
			others = append(others, l.Name)
		}
	}
	return " " + d.text(msgLeadsWith, map[string]any{"Others": d.join(others)})
}

// leadership says who leads the coalition, for list answers.
func (d *describer) leadership() string {
	var names []string
	for _, m := range d.leaders() {
		d.cite(m.Passage)
		names = append(names, "**"+m.Name+"**")
	}
	return d.text(msgLedBy, map[string]any{"Names": d.join(names)})
}

// bullets renders lines as a Markdown list.
func bullets(lines []string) string {
	return "- " + strings.Join(lines, "\n- ")
}

// institution is an institution's name in the describer's language, alone
// ("Commission européenne").
func (d *describer) institution(in knowledge.Institution) string {
	return d.base.InstitutionName(in, d.lang, false)
}

// theName is an institution's name as a sentence gives it: the language's
// own ("la Commission européenne", "l'OTAN"), or the English name with the
// article before it unless it is an acronym: "the European Commission",
// but "NATO".
func (d *describer) theName(in knowledge.Institution) string {
	if name := d.base.InstitutionName(in, d.lang, true); name != "" {
		return name
	}
	if strings.ToUpper(in.Name) == in.Name {
		return in.Name
	}
	return d.text(msgInstitutionThe, map[string]any{"Name": in.Name})
}
