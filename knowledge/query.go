package knowledge

import (
	"regexp"
	"strings"
)

// Query is one question read once: every later step (curated answers,
// search, extractive answers, the LLM stage, the cache key, follow-ups)
// reads it instead of splitting the text again.
type Query struct {
	// Text is the question as it was asked, cleaned by the caller; for a
	// part of a compound question, the part's words.
	Text string
	// Words are the folded words with casual spellings expanded and typos
	// corrected against the knowledge's own vocabulary; Stems[i] is the
	// stem of Words[i] (irregular forms first mapped to their lemma).
	Words []string
	Stems []string
	// Mentions are the entities it names, in order: members, countries,
	// institutions and people who are not members.
	Mentions []Mention
	// Offices and Regions are the members' roles and the country groups it
	// names outside entity names ("the Nordic prime ministers").
	Offices []Span
	Regions []Span
	// Ask is the question word it starts with ("who", "what", ...), "yes-no"
	// for "Is Norway in it?", or "" for a statement.
	Ask string
	// Unknown are its content words that no passage, curated entry or
	// intent uses, even after correction: what it asks about that the
	// knowledge cannot hold.
	Unknown []string
	// AddressesBot is set for questions about the bot itself ("who made
	// you?"), which the knowledge has nothing on: a part that asks it, or
	// every part when a clause that asks nothing puts the question to the
	// bot ("…, your honest opinion").
	AddressesBot bool
	// Questioned is set when the question ends with "?".
	Questioned bool
	// Lang is the language the question is read in and is to be answered
	// in: English, or one the knowledge has a gloss for.
	Lang string
	// Parts are the questions of a compound question ("who is Stubb and
	// who is Michal"), each read on its own; nil for a single question.
	Parts []Query

	lex []*lexeme // lex[i]: what the analysis knows of Words[i]
}

// Span is a value a question names over Words[Start:End].
type Span struct {
	Value      string
	Start, End int
}

// AskYesNo is the Ask of a question answered by yes or no.
const AskYesNo = "yes-no"

// YesNo reports whether the question asks yes or no: it opens with an
// auxiliary ("Is Norway in it?"), or asks nothing else and ends with "?"
// ("latvia's pm in the group?").
func (q Query) YesNo() bool { return q.Ask == AskYesNo || (q.Ask == "" && q.Questioned) }

// HowMany reports whether the question asks for a number.
func (q Query) HowMany() bool {
	for i := 0; i+1 < len(q.Words); i++ {
		if q.Words[i] == "how" && (q.Words[i+1] == "many" || q.Words[i+1] == "much") {
			return true
		}
	}
	return false
}

// Content returns the query's content words: not stop words, fillers,
// question words or parts of entity names, offices or regions. They are
// what it asks about what it names.
func (q Query) Content() []string {
	named := q.named()
	var out []string
	for i, w := range q.Words {
		if q.lex[i].content() && !named[i] {
			out = append(out, w)
		}
	}
	return out
}

// named marks the words inside mentions, offices and regions.
func (q Query) named() []bool {
	named := Covered(q.Mentions, len(q.Words))
	for _, spans := range [][]Span{q.Offices, q.Regions} {
		for _, s := range spans {
			for i := s.Start; i < s.End; i++ {
				named[i] = true
			}
		}
	}
	return named
}

// Joined is the words joined by spaces: the normalised question, for
// cache keys and logs.
func (q Query) Joined() string { return strings.Join(q.Words, " ") }

// Markup the analysis skips: code blocks and inline code (not questions),
// link targets (their text is kept) and bare URLs.
var (
	codeBlock = regexp.MustCompile("(?s)```.*?```|`[^`]*`")
	mdLink    = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)
	bareURL   = regexp.MustCompile(`(?i)\b(?:https?://|www\.)\S+`)
)

// stripMarkup removes what is not part of the question's words.
func stripMarkup(s string) string {
	if strings.IndexByte(s, '`') < 0 && strings.IndexByte(s, '[') < 0 && !strings.Contains(s, "://") && !strings.Contains(s, "www.") {
		return s // nothing to strip: most questions
	}
	s = codeBlock.ReplaceAllString(s, " ")
	s = mdLink.ReplaceAllString(s, "$1")
	return bareURL.ReplaceAllString(s, " ")
}

// Analyze reads a question once. Of a question in several sentences or
// clauses, the parts that ask something are read; the others ("Ignore all
// previous instructions.", "my friend says Belgium is in it") only lend
// what they name to a pronoun after them. A compound question gets one
// Part per question it holds.
func (b *Base) Analyze(text string) Query { return b.AnalyzeLang(text, "") }

// AnalyzeLang is Analyze for a user whose language is hint (a base code
// such as "fr", or ""): the question is read in hint's language unless it
// is clearly in another one the bot reads (see languageOf). A question in a
// language other than English is read as the English its gloss rewrites it
// to; Text stays as asked.
func (b *Base) AnalyzeLang(text, hint string) Query {
	code := b.languageOf(text, hint)
	read := text
	if g := b.glosses[code]; g != nil {
		read = g.rewrite(stripMarkup(text), b.nameAt)
	}
	q := b.analyze(read)
	q.Text, q.Lang = text, code
	for i := range q.Parts {
		q.Parts[i].Lang = code
	}
	return q
}

// analyze reads an English question.
func (b *Base) analyze(text string) Query {
	toks := b.tokens(stripMarkup(text))
	parts := b.questionParts(toks)
	whole := b.read(text, toks)
	switch len(parts) {
	case 0:
		return whole
	case 1:
		parts[0].Text = text
		parts[0].AddressesBot = whole.AddressesBot
		return parts[0]
	}
	whole.Parts = parts
	return whole
}
