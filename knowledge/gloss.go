package knowledge

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/dutch"
	"github.com/blevesearch/snowballstem/french"
	"github.com/blevesearch/snowballstem/german"
	"github.com/blevesearch/snowballstem/italian"
	"github.com/blevesearch/snowballstem/portuguese"
	"github.com/blevesearch/snowballstem/spanish"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// Gloss is how questions in a language other than English are read. What
// the bot understands (intents, entities, the article itself) is English,
// so a question in another language is rewritten, word by word and phrase
// by phrase, into the English it means, and then read as an English
// question: one set of intents serves every language, and search finds the
// English passages. It is data (data/languages/<code>.json); country names
// come from CLDR.
type Gloss struct {
	Code string `json:"language"`
	// Stemmer is the Snowball stemmer of the language (french, german,
	// spanish, italian, dutch, portuguese) or "suffixes": the longest of
	// Suffixes is stripped, leaving at least three letters. Words of the
	// question and of this file are compared by stem, so one form of a word
	// serves all its inflections.
	Stemmer  string   `json:"stemmer"`
	Suffixes []string `json:"suffixes,omitempty"`
	// Detect are frequent words that show a text is in this language, and
	// Letters the letters that do (ł, ñ, ß, ї...).
	Detect  []string `json:"detect"`
	Letters string   `json:"letters,omitempty"`
	// Drop are words with no English counterpart worth keeping: articles,
	// particles, polite padding.
	Drop []string `json:"drop"`
	// Words map a word or a phrase to the English words it means ("qui":
	// "who", "fait partie de": "is member of"); "" drops it.
	Words map[string]string `json:"words"`
	// Names are local names of entities that CLDR does not give: demonyms
	// and adjectives, local spellings of people ("Selenskyj", "Зеленський"),
	// institutions; by member ID, country code or institution ID.
	Names map[string][]string `json:"names,omitempty"`

	// What answers in the language say of the knowledge, by the same keys:
	// each member's title by member ID, each role's name (singular and
	// plural) and each region's, for lists ("Premiers ministres",
	// "pays nordiques"). Names themselves keep their spelling; countries'
	// names come from CLDR.
	Titles  map[string]string    `json:"titles,omitempty"`
	Roles   map[string][2]string `json:"roles,omitempty"`
	Regions map[string]string    `json:"regions,omitempty"`
	// Institutions are the institutions' names by institution ID: alone,
	// as a list or a heading names it ("Conseil européen"), and in a
	// sentence, as the language's messages put it there, with its article
	// and case ("le Conseil européen", German "den Europäischen Rat").
	Institutions map[string][2]string `json:"institutions,omitempty"`
	// PersonTitles are the offices of the well-known people who are not
	// members, by person ID, and PersonNames the names of those the
	// language calls otherwise ("Papst Franziskus"); other names keep
	// their spelling.
	PersonTitles map[string]string `json:"person_titles,omitempty"`
	PersonNames  map[string]string `json:"person_names,omitempty"`
	// Notes are what is said of a country the article does not list, by
	// country code, for the countries that have a note.
	Notes map[string]string `json:"notes,omitempty"`
	// QuoteContexts say where and how each quote was said ("sur X"), by
	// quote ID; the quotes themselves stay in English, verbatim.
	QuoteContexts map[string]string `json:"quote_contexts,omitempty"`
	// Facts are the curated facts' answers in the language, by fact ID.
	Facts map[string]string `json:"facts,omitempty"`
}

// glossKeys are what a language file's entries may be keyed by, read from
// the knowledge before the file is prepared.
type glossKeys struct {
	// names are the English names of the members, countries and
	// institutions, by ID, which the file's local names stand for.
	names     map[string]string
	countries []Country
	// The IDs of members, institutions, people, countries with a note,
	// quotes and facts.
	members, institutions, people, notes, quotes, facts map[string]bool
}

// gloss is a Gloss prepared at load.
type gloss struct {
	code    string
	stem    func(string) string
	detect  map[string]bool
	letters string
	// table maps stemmed words and phrases to the English words they mean.
	table phrases[[]string]
	// words are the folded single words of the table, for typo correction.
	words dictionary
	known map[string]bool // stems of the table's words, in phrases too, and of Drop
	drop  map[string]bool // stems

	countries     map[string]string // CLDR names by country code
	titles        map[string]string
	roles         map[string][2]string
	regions       map[string]string
	institutions  map[string][2]string
	personTitles  map[string]string
	personNames   map[string]string
	notes         map[string]string
	quoteContexts map[string]string
	facts         map[string]string
}

// snowball are the Snowball stemmers by the name a Gloss gives.
var snowball = map[string]func(*snowballstem.Env) bool{
	"french": french.Stem, "german": german.Stem, "spanish": spanish.Stem,
	"italian": italian.Stem, "dutch": dutch.Stem, "portuguese": portuguese.Stem,
}

// minStem is the fewest letters suffix stripping leaves.
const minStem = 3

// prepare checks a Gloss against the knowledge's keys and builds its
// tables. What answers say of the knowledge is kept as the file gives it:
// plain maps, looked up when an answer is written.
func (g Gloss) prepare(c *checker, file string, keys glossKeys) *gloss {
	c.required(file, "language", "language", g.Code)
	tag, err := language.Parse(g.Code)
	if err != nil {
		c.errorf(file, "language", "%q is not a language code", g.Code)
	}
	out := &gloss{code: g.Code, detect: set(g.Detect), letters: strings.ToLower(g.Letters), drop: map[string]bool{}, known: map[string]bool{},
		countries: map[string]string{}, titles: g.Titles, roles: g.Roles, regions: g.Regions, institutions: g.Institutions,
		personTitles: g.PersonTitles, personNames: g.PersonNames, notes: g.Notes, quoteContexts: g.QuoteContexts, facts: g.Facts}
	checkKeys(c, file, "titles", g.Titles, keys.members, "member")
	checkKeys(c, file, "institutions", g.Institutions, keys.institutions, "institution")
	checkKeys(c, file, "person_titles", g.PersonTitles, keys.people, "person in people.json")
	checkKeys(c, file, "person_names", g.PersonNames, keys.people, "person in people.json")
	checkKeys(c, file, "notes", g.Notes, keys.notes, "country with a note")
	checkKeys(c, file, "quote_contexts", g.QuoteContexts, keys.quotes, "quote")
	checkKeys(c, file, "facts", g.Facts, keys.facts, "fact")
	for _, id := range sortedKeys(g.Institutions) {
		if names := g.Institutions[id]; names[0] == "" || names[1] == "" {
			c.errorf(file, "institutions", "%q needs its name alone and in a sentence", id)
		}
	}
	for _, r := range sortedKeys(g.Roles) {
		if !roles[r] {
			c.errorf(file, "roles", "%q is no role", r)
		}
	}
	for _, r := range sortedKeys(g.Regions) {
		if !regions[r] {
			c.errorf(file, "regions", "%q is no region", r)
		}
	}
	switch {
	case g.Stemmer == "suffixes":
		suffixes := slices.Clone(g.Suffixes)
		for i, s := range suffixes {
			suffixes[i] = Fold(s)
		}
		slices.SortFunc(suffixes, func(a, b string) int { return utf8.RuneCountInString(b) - utf8.RuneCountInString(a) })
		out.stem = func(w string) string { return stripSuffix(w, suffixes) }
	case snowball[g.Stemmer] != nil:
		stem := snowball[g.Stemmer]
		out.stem = func(w string) string {
			env := snowballstem.NewEnv(w)
			stem(env)
			return env.Current()
		}
	default:
		c.errorf(file, "stemmer", "%q is not a Snowball stemmer nor \"suffixes\"", g.Stemmer)
		out.stem = func(w string) string { return w }
	}
	if len(g.Detect) == 0 {
		c.errorf(file, "detect", "is empty")
	}
	// Files repeat their words a lot ("de", "la"...): each is stemmed once.
	memo := map[string]string{}
	stemAll := func(words []string) []string {
		out2 := make([]string, len(words))
		for i, w := range words {
			st, ok := memo[w]
			if !ok {
				st = out.stem(w)
				memo[w] = st
			}
			out2[i] = st
		}
		return out2
	}
	table := map[string][]string{}
	var single []string
	add := func(phrase string, english []string) {
		words := Words(phrase)
		if len(words) == 0 {
			return
		}
		stems := stemAll(words)
		if len(words) > 1 {
			// Dropped words are skipped in questions, so in phrases too.
			stems = slices.DeleteFunc(stems, func(s string) bool { return out.drop[s] })
			if len(stems) == 0 {
				return
			}
		}
		key := strings.Join(stems, " ")
		if prev, dup := table[key]; dup {
			if !slices.Equal(prev, english) {
				c.errorf(file, "words", "%q reads as %q, which already means %q: one stem, one meaning", phrase, key, strings.Join(prev, " "))
			}
			return
		}
		table[key] = english
		for _, st := range stems {
			out.known[st] = true // a word of a phrase is no typo either
		}
		if len(words) == 1 {
			single = append(single, words[0])
		}
	}
	for _, w := range g.Drop {
		for _, s := range stemAll(Words(w)) {
			out.drop[s] = true
			out.known[s] = true
		}
	}
	for _, k := range sortedKeys(g.Words) {
		add(k, Words(g.Words[k]))
	}
	for _, id := range sortedKeys(g.Names) {
		english, ok := keys.names[id]
		if !ok {
			c.errorf(file, "names", "%q is no member, country or institution", id)
			continue
		}
		for _, n := range g.Names[id] {
			add(n, Words(english))
		}
	}
	if err == nil {
		regions := display.Regions(tag)
		for _, ct := range keys.countries {
			if r, err := language.ParseRegion(ct.Code); err == nil {
				out.countries[ct.Code] = regions.Name(r)
				add(out.countries[ct.Code], Words(ct.Name))
			}
		}
	}
	out.table = newPhrases(table)
	out.words = newDictionary(single)
	return out
}

// checkKeys reports each key of entries that is not one of known: an
// entry for a member, quote or fact that does not exist is a typo, and
// would never be said.
func checkKeys[V any](c *checker, file, field string, entries map[string]V, known map[string]bool, what string) {
	for _, id := range sortedKeys(entries) {
		if !known[id] {
			c.errorf(file, field, "%q is no %s", id, what)
		}
	}
}

// isAcronym reports whether w is written in capitals, two letters or more.
func isAcronym(w string) bool {
	return utf8.RuneCountInString(w) >= 2 && !strings.ContainsFunc(w, func(r rune) bool { return !unicode.IsUpper(r) })
}

// stripSuffix removes the longest of suffixes (longest first) that leaves
// at least minStem letters.
func stripSuffix(w string, suffixes []string) string {
	n := utf8.RuneCountInString(w)
	for _, s := range suffixes {
		if strings.HasSuffix(w, s) && n-utf8.RuneCountInString(s) >= minStem {
			return w[:len(w)-len(s)]
		}
	}
	return w
}

// rewrite turns a question in g's language into the English it means. Word
// separators and punctuation stay, so the English reading still sees
// sentences, commas and the question mark. A word the table does not hold
// is corrected to a close one when it is long enough to tell, and is
// otherwise kept: names are names in any language.
//
// names reports the length in words of the name of an entity starting at
// words[i], 0 for none.
func (g *gloss) rewrite(text string, names func(words []string, i int) int) string {
	type word struct {
		start, end int
		folded     string
	}
	var words []word
	eachWord(text, func(start, end int) { words = append(words, word{start, end, Fold(text[start:end])}) })
	// Names the knowledge holds pass as they are, neither stemmed nor
	// corrected nor dropped ("Giorgia" is no "Georgia", the "der" of "von
	// der Leyen" no article), unless short enough to be a word too
	// (Portuguese "eu" is "I") and not written in capitals as an acronym
	// ("NATO" is no Italian "nato", born).
	folded := make([]string, len(words))
	for i, w := range words {
		folded[i] = w.folded
	}
	name := make([]bool, len(words))
	for i := 0; i < len(words); i++ {
		if n := names(folded, i); n > 1 || (n == 1 && (utf8.RuneCountInString(folded[i]) >= 5 || isAcronym(text[words[i].start:words[i].end]))) {
			for j := i; j < i+n; j++ {
				name[j] = true
			}
			i += n - 1
		}
	}
	// Dropped words are skipped before phrases are matched, as they were
	// in the phrases' keys: "fait-il partie" reads as "fait partie".
	var kept []int
	var stems []string
	for i, w := range words {
		if name[i] {
			kept, stems = append(kept, i), append(stems, "") // no key is empty
			continue
		}
		st := g.stem(w.folded)
		if !g.known[st] && utf8.RuneCountInString(w.folded) >= 6 {
			if fixed, ok := g.words.closest(w.folded); ok {
				st = g.stem(fixed)
			}
		}
		if !g.drop[st] {
			kept, stems = append(kept, i), append(stems, st)
		}
	}
	var b strings.Builder
	last := 0
	for k := 0; k < len(kept); {
		first := words[kept[k]]
		b.WriteString(separators(text[last:first.start]))
		english, n := g.table.at(stems, k)
		if n > 0 {
			b.WriteString(strings.Join(english, " "))
		} else {
			n = 1
			b.WriteString(first.folded)
		}
		last = words[kept[k+n-1]].end
		k += n
	}
	b.WriteString(separators(text[last:]))
	return b.String()
}

// separators keeps of the text between two kept words what the English
// reading needs: the punctuation, and a space where there was any gap.
func separators(s string) string {
	if s == "" {
		return ""
	}
	var b strings.Builder
	for _, r := range s { // dropped words' letters go with the spaces
		if unicode.IsPunct(r) && r != '\'' && r != '’' && r != '-' {
			b.WriteRune(r)
		}
	}
	return " " + b.String() + " "
}
