package knowledge

import (
	"sort"
	"strings"
)

// Language is how questions are read in one language: which words ask,
// which carry no request, how casual spellings and irregular forms map to
// the words the knowledge uses, and the words for offices and regions. It
// is data (data/english.json), so a new phrasing or word is an edit of the
// file, not of the code.
type Language struct {
	Code string `json:"language"`
	// Detect are frequent words that show a question is in English.
	Detect        []string `json:"detect"`
	QuestionWords []string `json:"question_words"`
	YesNoWords    []string `json:"yes_no_words"`
	// ClauseBreaks join two questions in one ("who is Stubb and who is
	// Michal"); a break splits only before a part that is itself a question.
	ClauseBreaks []string `json:"clause_breaks"`
	// QuestionOpeners are imperatives that ask ("tell me who…", "list the
	// presidents"): a clause break before one starts a new question.
	QuestionOpeners []string `json:"question_openers"`
	// Pronouns stand for an entity named in another part of the question.
	Pronouns []string `json:"pronouns"`
	// DefaultSubject is what a pronoun stands for when nothing before it
	// names anything: the bot's own subject ("who convened it"), and what
	// SubjectPronouns stand for in a question that names nothing else
	// ("what is it for?").
	DefaultSubject  string   `json:"default_subject"`
	SubjectPronouns []string `json:"subject_pronouns"`
	// BotWords address the bot itself ("who made you"), unless one of
	// PoliteBeforeBot comes just before ("can you tell me").
	BotWords        []string `json:"bot_words"`
	PoliteBeforeBot []string `json:"polite_before_bot"`
	// Fillers carry no request of their own ("lol", "pls", "tbh").
	Fillers []string `json:"fillers"`
	// Meaningful are stop words that still tell intents apart ("after"
	// the first meeting, "before" the summit).
	Meaningful []string `json:"meaningful"`
	// Spellings rewrite casual spellings and contractions ("whos": "who
	// is") before anything else reads the question; one mapped to nothing
	// is dropped ("fr").
	Spellings map[string]string `json:"spellings"`
	// Phrases rewrite idioms to the word they mean ("take part":
	// "participate", "showed up": "attend").
	Phrases map[string]string `json:"phrases"`
	// Lemmas map forms the stemmer does not reduce ("sent", "said") to the
	// word it would reduce them with.
	Lemmas map[string]string `json:"lemmas"`
	// Offices and Regions map phrases to a member's role and to a region
	// of countries.json.
	Offices map[string]string `json:"offices"`
	Regions map[string]string `json:"regions"`
	// Numbers are the numbers written as words ("thirty", "third").
	Numbers map[string]int `json:"numbers"`
	// Synonyms are groups of words that ask the same ("troops",
	// "soldiers"): search expands a question with them, and intents match
	// through them.
	Synonyms [][]string `json:"synonyms"`
}

// lang is a Language prepared for reading questions: sets and phrase
// tables built once at load.
type lang struct {
	questionWords, yesNo, openers, breaks, pronouns, botWords, polite, fillers, meaningful, subjectPronouns, detect map[string]bool
	spellings                                                                                                       map[string][]string
	lemmas                                                                                                          map[string]string
	numbers                                                                                                         map[string]int
	synonyms                                                                                                        [][]string
	offices, regions, phrases                                                                                       phraseTable
	defaultSubject                                                                                                  []string
}

// phraseTable maps folded phrases to a value: an office, a region, the
// word an idiom means.
type phraseTable = phrases[string]

func newPhraseTable(m map[string]string) phraseTable {
	folded := make(map[string]string, len(m))
	for k, v := range m {
		folded[strings.Join(Words(k), " ")] = v
	}
	return newPhrases(folded)
}

func set(words []string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[Fold(w)] = true
	}
	return m
}

// prepare checks a language file and builds its tables. Offices must name
// a role members can have and regions one countries use.
func (l Language) prepare(c *checker, file string, knownRegions map[string]bool) *lang {
	c.required(file, "language", "language", l.Code)
	if len(l.QuestionWords) == 0 {
		c.errorf(file, "question_words", "is empty")
	}
	for _, k := range sortedKeys(l.Offices) {
		if !roles[l.Offices[k]] {
			c.errorf(file, "offices", "%q maps to unknown role %q", k, l.Offices[k])
		}
	}
	named := map[string]bool{}
	for _, k := range sortedKeys(l.Regions) {
		if !knownRegions[l.Regions[k]] {
			c.errorf(file, "regions", "%q maps to unknown region %q", k, l.Regions[k])
		}
		named[l.Regions[k]] = true
	}
	for _, r := range sortedKeys(knownRegions) {
		if !named[r] {
			c.errorf(file, "regions", "no words name region %q", r)
		}
	}
	lg := &lang{
		detect: set(l.Detect), questionWords: set(l.QuestionWords), yesNo: set(l.YesNoWords), openers: set(l.QuestionOpeners), breaks: set(l.ClauseBreaks),
		pronouns: set(l.Pronouns), botWords: set(l.BotWords), polite: set(l.PoliteBeforeBot), fillers: set(l.Fillers), meaningful: set(l.Meaningful), subjectPronouns: set(l.SubjectPronouns),
		spellings: map[string][]string{}, lemmas: map[string]string{}, numbers: map[string]int{},
		offices: newPhraseTable(l.Offices), regions: newPhraseTable(l.Regions), phrases: newPhraseTable(l.Phrases),
		synonyms: l.Synonyms, defaultSubject: Words(l.DefaultSubject),
	}
	for _, k := range sortedKeys(l.Spellings) {
		if len(Words(k)) != 1 {
			c.errorf(file, "spellings", "%q must be one word", k)
			continue
		}
		lg.spellings[Fold(k)] = Words(l.Spellings[k]) // none: the word is dropped ("fr")
	}
	for k, n := range l.Numbers {
		lg.numbers[Fold(k)] = n
	}
	for _, k := range sortedKeys(l.Lemmas) {
		lg.lemmas[Fold(k)] = Fold(l.Lemmas[k])
	}
	return lg
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
