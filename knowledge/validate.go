package knowledge

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"
)

// articleDoc is the Doc of the embedded article's passages. Extra documents
// are named after their files, so LoadDir refuses a file that would take it.
const articleDoc = "article"

// roles are the offices members are grouped by; a typo here would silently
// drop a member from answers such as "which leaders are presidents".
var roles = map[string]bool{
	"prime minister":    true,
	"president":         true,
	"chancellor":        true,
	"vice president":    true,
	"secretary general": true,
}

// regions are the only region names countries may use, so that questions
// like "which Nordic leaders" find every country of the group.
var regions = map[string]bool{
	"Nordic":          true,
	"Baltic":          true,
	"Iberia":          true,
	"Mediterranean":   true,
	"Western Europe":  true,
	"Central Europe":  true,
	"Southern Europe": true,
	"Eastern Europe":  true,
	"North America":   true,
	"Asia-Pacific":    true,
	"EU":              true,
	"NATO":            true,
}

var countryCode = regexp.MustCompile(`^[a-z]{2}$`)

// checker collects every problem of the data, so an operator editing the
// files sees all of them at once rather than one per restart.
type checker struct{ errs []error }

func (c *checker) errorf(file, entry, format string, args ...any) {
	c.errs = append(c.errs, fmt.Errorf("%s: entry %s: %s", file, entry, fmt.Sprintf(format, args...)))
}

// entry names an entry by its ID, or by its position when the ID is missing.
func entry(i int, id string) string {
	if id == "" {
		return fmt.Sprintf("%d", i+1)
	}
	return fmt.Sprintf("%q", id)
}

// index maps each non-empty, unique ID to its position and reports missing
// and duplicate IDs.
func (c *checker) index(n int, file, id func(int) string) map[string]int {
	byID := make(map[string]int, n)
	for i := range n {
		k := id(i)
		if k == "" {
			c.errorf(file(i), entry(i, k), "missing id")
			continue
		}
		if j, dup := byID[k]; dup {
			c.errorf(file(i), entry(i, k), "duplicate id (also used in %s)", file(j))
			continue
		}
		byID[k] = i
	}
	return byID
}

// required reports each named field whose value is empty.
func (c *checker) required(file, entry string, fields ...string) {
	for i := 0; i+1 < len(fields); i += 2 {
		if strings.TrimSpace(fields[i+1]) == "" {
			c.errorf(file, entry, "missing %s", fields[i])
		}
	}
}

// in names the file of entries that all come from one file.
func in(file string) func(int) string { return func(int) string { return file } }

// passageFile names where a passage comes from: the embedded passages file
// or the extra document it was read from.
func passageFile(p Passage) string {
	if p.Doc == "" || p.Doc == articleDoc {
		return "passages.json"
	}
	return p.Doc + ".md"
}

// validate builds the lookup maps and checks that every entry is complete
// and every cross-reference resolves, so answers never point at nothing.
func (b *Base) validate(c *checker) error {
	b.personByID = c.index(len(b.People), in("people.json"), func(i int) string { return b.People[i].ID })
	b.passageByID = c.index(len(b.Passages),
		func(i int) string { return passageFile(b.Passages[i]) },
		func(i int) string { return b.Passages[i].ID })
	b.memberByID = c.index(len(b.Members), in("members.json"), func(i int) string { return b.Members[i].ID })
	b.countryByID = c.index(len(b.Countries), in("countries.json"), func(i int) string { return b.Countries[i].Code })
	b.instByID = c.index(len(b.Institutions), in("institutions.json"), func(i int) string { return b.Institutions[i].ID })
	c.index(len(b.Quotes), in("quotes.json"), func(i int) string { return b.Quotes[i].ID })
	c.index(len(b.Facts), in("facts.json"), func(i int) string { return b.Facts[i].ID })
	c.index(len(b.Intents), in("intents.json"), func(i int) string { return b.Intents[i].ID })
	b.checkPassages(c)
	b.checkMembers(c)
	b.checkCountries(c)
	b.checkInstitutions(c)
	b.checkQuotes(c)
	b.checkFacts(c)
	b.checkPeople(c)
	return errors.Join(c.errs...)
}

func (b *Base) checkPassages(c *checker) {
	for i, p := range b.Passages {
		file, e := passageFile(p), entry(i, p.ID)
		c.required(file, e, "section", p.Section, "text", p.Text)
		if p.Date != "" {
			if _, err := time.Parse(time.DateOnly, p.Date); err != nil {
				c.errorf(file, e, "date %q is not YYYY-MM-DD", p.Date)
			}
		}
	}
}

// passageText returns the text of a passage, reporting a dangling reference.
func (b *Base) passageText(c *checker, file, e, id string) (string, bool) {
	i, ok := b.passageByID[id]
	if !ok {
		c.errorf(file, e, "passage %q does not exist", id)
		return "", false
	}
	return b.Passages[i].Text, true
}

func (b *Base) checkMembers(c *checker) {
	const file = "members.json"
	aliasOf := map[string]string{}
	for i, m := range b.Members {
		e := entry(i, m.ID)
		c.required(file, e, "name", m.Name, "title", m.Title, "role", m.Role, "passage", m.Passage)
		if m.Role != "" && !roles[m.Role] {
			c.errorf(file, e, "unknown role %q", m.Role)
		}
		switch {
		case m.Country == "" && m.Institution == "":
			c.errorf(file, e, "needs a country or an institution")
		case m.Country != "" && m.Institution != "":
			c.errorf(file, e, "has both country %q and institution %q", m.Country, m.Institution)
		case m.Country != "":
			if _, ok := b.countryByID[m.Country]; !ok {
				c.errorf(file, e, "country %q does not exist", m.Country)
			}
		default:
			if _, ok := b.instByID[m.Institution]; !ok {
				c.errorf(file, e, "institution %q does not exist", m.Institution)
			}
		}
		for _, a := range m.Aliases {
			key := strings.ToLower(strings.TrimSpace(a))
			switch other, taken := aliasOf[key]; {
			case key == "":
				c.errorf(file, e, "empty alias")
			case taken && other != m.ID:
				c.errorf(file, e, "alias %q also names %q", a, other)
			default:
				aliasOf[key] = m.ID
			}
		}
		if m.Passage == "" {
			continue
		}
		if text, ok := b.passageText(c, file, e, m.Passage); ok && !names(text, m) {
			c.errorf(file, e, "passage %q does not name %s", m.Passage, m.Name)
		}
	}
}

// names reports whether the text mentions the member by name or alias,
// which proves the member's passage link points at the right paragraph.
func names(text string, m Member) bool {
	text = strings.ToLower(text)
	for _, n := range append([]string{m.Name}, m.Aliases...) {
		if n != "" && strings.Contains(text, strings.ToLower(n)) {
			return true
		}
	}
	return false
}

func (b *Base) checkCountries(c *checker) {
	const file = "countries.json"
	for i, k := range b.Countries {
		e := entry(i, k.Code)
		c.required(file, e, "name", k.Name)
		if k.Code != "" && !countryCode.MatchString(k.Code) {
			c.errorf(file, e, "code is not two lower-case letters")
		}
		if k.Flag != "" && k.Flag != flagOf(k.Code) {
			c.errorf(file, e, "flag %q is not the flag of %q", k.Flag, k.Code)
		}
		for _, r := range k.Regions {
			if !regions[r] {
				c.errorf(file, e, "unknown region %q", r)
			}
		}
		switch {
		case k.Note != "" && k.NotePassage == "":
			c.errorf(file, e, "note needs a note_passage")
		case k.Note == "" && k.NotePassage != "":
			c.errorf(file, e, "note_passage without a note")
		case k.NotePassage != "":
			b.passageText(c, file, e, k.NotePassage)
		}
	}
}

// flagOf returns the flag emoji of a two-letter code: the code's letters as
// Unicode regional indicator symbols.
func flagOf(code string) string {
	var s strings.Builder
	for _, r := range code {
		s.WriteRune('🇦' + r - 'a')
	}
	return s.String()
}

func (b *Base) checkPeople(c *checker) {
	for i, p := range b.People {
		e := entry(i, p.ID)
		c.required("people.json", e, "name", p.Name, "title", p.Title, "country", p.Country)
		if _, ok := b.countryByID[p.Country]; p.Country != "" && !ok {
			c.errorf("people.json", e, "country %q does not exist", p.Country)
		}
	}
}

func (b *Base) checkInstitutions(c *checker) {
	for i, inst := range b.Institutions {
		c.required("institutions.json", entry(i, inst.ID), "name", inst.Name)
		if inst.Bloc != "" && !regions[inst.Bloc] {
			c.errorf("institutions.json", entry(i, inst.ID), "unknown bloc %q", inst.Bloc)
		}
	}
}

// plain replaces typographic quotes with straight ones, so a quote typed
// with either kind still matches the article's text.
var plain = strings.NewReplacer("‘", "'", "’", "'", "“", `"`, "”", `"`)

func (b *Base) checkQuotes(c *checker) {
	const file = "quotes.json"
	for i, q := range b.Quotes {
		e := entry(i, q.ID)
		c.required(file, e, "speaker", q.Speaker, "text", q.Text, "where", q.Where, "passage", q.Passage)
		if _, ok := b.memberByID[q.Speaker]; q.Speaker != "" && !ok {
			c.errorf(file, e, "speaker %q does not exist", q.Speaker)
		}
		for _, w := range q.With {
			if _, ok := b.memberByID[w]; !ok || w == q.Speaker {
				c.errorf(file, e, "with %q is not another member", w)
			}
		}
		if q.Passage == "" {
			continue
		}
		text, ok := b.passageText(c, file, e, q.Passage)
		if ok && q.Text != "" && !strings.Contains(plain.Replace(text), plain.Replace(q.Text)) {
			c.errorf(file, e, "text is not verbatim in passage %q", q.Passage)
		}
	}
}

func (b *Base) checkFacts(c *checker) {
	const file = "facts.json"
	for i, f := range b.Facts {
		e := entry(i, f.ID)
		c.required(file, e, "answer", f.Answer)
		if len(f.Questions) == 0 {
			c.errorf(file, e, "missing questions")
		}
		for _, q := range f.Questions {
			if strings.TrimSpace(q) == "" {
				c.errorf(file, e, "empty question")
			}
		}
		if len(f.Passages) == 0 {
			c.errorf(file, e, "missing passages")
		}
		for _, p := range f.Passages {
			b.passageText(c, file, e, p)
		}
	}
}
