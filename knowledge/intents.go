package knowledge

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// Intent is one kind of question the curated stage answers, as data: the
// answerer that answers it, the slot types it takes and example questions
// with slot placeholders ("who represents {country}"). Curated facts are
// intents too, with the fact as their answer.
type Intent struct {
	ID     string `json:"id"`
	Answer string `json:"answer"`
	// Slots are the entity types a question matching it may name: member,
	// country, institution, person, office, region.
	Slots    []string `json:"slots,omitempty"`
	Examples []string `json:"examples"`
}

// The answerers intents name; answer/ implements one for each.
const (
	AnswerDescribe     = "describe"     // who someone is, their office, where they are from
	AnswerRepresents   = "represents"   // who represents a country, is X in the coalition
	AnswerQuotes       = "quotes"       // what a member said
	AnswerWhoSaid      = "who-said"     // who said a quote
	AnswerMembers      = "members"      // members by office, region or all of them
	AnswerInstitutions = "institutions" // the members who head an institution, not a country
	AnswerCount        = "count"        // how many members
	AnswerFact         = "fact"         // a curated fact (facts.json)
)

// Answerers lists every answerer an intent may name; the curated stage
// implements each (answer/ tests it does).
func Answerers() []string {
	return []string{AnswerDescribe, AnswerRepresents, AnswerQuotes, AnswerWhoSaid, AnswerMembers, AnswerInstitutions, AnswerCount, AnswerFact}
}

// Slot types, as written in placeholders.
var slotKinds = map[string]Kind{"member": KindMember, "country": KindCountry, "institution": KindInstitution, "person": KindPerson}

var placeholder = regexp.MustCompile(`\{([a-z]+)\}`)

// Match is an intent a question matches, with its score (0..1).
type Match struct {
	Intent *Intent
	// Fact is the fact of a fact intent, nil for others.
	Fact  *Fact
	Score float64
}

// minIntentScore is the score a question needs to match an intent, a
// calibrated share of its weighted words (see TestIntentThreshold).
const minIntentScore = 0.33

// buildMatcher checks the intents and facts and prepares them for
// matching; then every example must match its own intent, filled with an
// entity of each slot's type as a user would ask it.
func (b *Base) buildMatcher(c *checker) {
	var intents []rawIntent
	for i, in := range b.Intents {
		e := entry(i, in.ID)
		c.required("intents.json", e, "id", in.ID, "answer", in.Answer)
		if !slices.Contains(Answerers(), in.Answer) || in.Answer == AnswerFact {
			c.errorf("intents.json", e, "unknown answer %q", in.Answer)
		}
		if len(in.Examples) == 0 {
			c.errorf("intents.json", e, "missing examples")
		}
		for _, s := range in.Slots {
			if _, ok := slotKinds[s]; !ok && s != "office" && s != "region" && s != "topic" {
				c.errorf("intents.json", e, "unknown slot %q", s)
			}
		}
		intents = append(intents, rawIntent{Intent: in, fact: -1, file: "intents.json"})
	}
	for i, f := range b.Facts {
		names := map[string]bool{}
		for _, men := range b.mentionsIn(Words(b.factText(f)), nil, nil) {
			names[men.ID] = true
		}
		var slots []string
		for _, q := range f.Questions {
			for _, ph := range placeholder.FindAllStringSubmatch(q, -1) {
				slots = append(slots, ph[1]) // a fact's slots are those its questions use
			}
		}
		in := Intent{ID: f.ID, Answer: AnswerFact, Slots: slots, Examples: f.Questions}
		intents = append(intents, rawIntent{Intent: in, fact: i, file: "facts.json", names: names, text: b.factTerms[i]})
	}
	for _, in := range intents {
		for _, ex := range in.Examples {
			for _, ph := range placeholder.FindAllStringSubmatch(ex, -1) {
				if !slices.Contains(in.Slots, ph[1]) {
					c.errorf(in.file, fmt.Sprintf("%q", in.ID), "example %q uses slot {%s} the intent does not take", ex, ph[1])
				}
			}
		}
	}
	analyzed := map[string]Query{} // an example without slots is read once
	analyze := func(text string) Query {
		q, ok := analyzed[text]
		if !ok {
			q = b.analyze(text) // examples are English: nothing to detect
			analyzed[text] = q
		}
		return q
	}
	b.matcher = b.newMatcher(intents, analyze)
	for _, in := range intents {
		for _, ex := range in.Examples {
			q, ok := b.sample(ex)
			if !ok {
				continue
			}
			got := "nothing"
			if best := b.MatchIntents(analyze(q)); len(best) > 0 {
				got = best[0].Intent.ID
			}
			if got != in.ID {
				c.errorf(in.file, fmt.Sprintf("%q", in.ID), "example %q matches %s, not its own intent", ex, got)
			}
		}
	}
}

// rawIntent is an intent or a fact as read, before its examples are
// turned into skeletons.
type rawIntent struct {
	Intent
	fact int // index in Base.Facts, or -1
	file string
	// names are the entities a fact's text speaks of: a question naming
	// anyone else is not about the fact ("Who founded NATO?"). text are the
	// stems of its answer and passages: words a question about the fact may
	// use beyond its examples.
	names map[string]bool
	text  TermSet
}

// factText is what a fact is about: its answer, its passages and the
// questions curators wrote for it.
func (b *Base) factText(f Fact) string {
	text := f.Answer + "\n" + strings.Join(f.Questions, "\n")
	for _, id := range f.Passages {
		if p, ok := b.Passage(id); ok {
			text += "\n" + p.Text
		}
	}
	return text
}

// sampleSlot fills a placeholder with an entity of its type, to check
// that an example matches its own intent as a user would ask it; "" when
// the knowledge has none of that type.
func (b *Base) sampleSlot(slot string) string {
	switch slot {
	case "member":
		if n := len(b.Members); n > 0 {
			return b.Members[n-1].Name
		}
	case "country":
		if n := len(b.Countries); n > 0 {
			return b.Countries[n/2].Name
		}
	case "institution":
		if len(b.Institutions) > 0 {
			return b.Institutions[0].Name
		}
	case "person":
		if len(b.People) > 0 {
			return b.People[0].Name
		}
	case "office":
		return "prime minister"
	case "region":
		if len(b.regions) > 0 {
			return b.regions[0]
		}
	case "topic":
		return "sanctions"
	}
	return ""
}

// sample fills every placeholder of an example, or reports false when the
// knowledge lacks an entity for one.
func (b *Base) sample(ex string) (string, bool) {
	ok := true
	s := placeholder.ReplaceAllStringFunc(ex, func(ph string) string {
		v := b.sampleSlot(placeholder.FindStringSubmatch(ph)[1])
		ok = ok && v != ""
		return v
	})
	return s, ok
}
