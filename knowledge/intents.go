package knowledge

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"sort"
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
	AnswerDescribe   = "describe"   // who someone is, their office, where they are from
	AnswerRepresents = "represents" // who represents a country, is X in the coalition
	AnswerQuotes     = "quotes"     // what a member said
	AnswerWhoSaid    = "who-said"   // who said a quote
	AnswerMembers    = "members"    // members by office, region or all of them
	AnswerCount      = "count"      // how many members
	AnswerFact       = "fact"       // a curated fact (facts.json)
)

// Answerers lists every answerer an intent may name.
var Answerers = []string{AnswerDescribe, AnswerRepresents, AnswerQuotes, AnswerWhoSaid, AnswerMembers, AnswerCount, AnswerFact}

// Slot types, as written in placeholders.
var slotKinds = map[string]Kind{"member": KindMember, "country": KindCountry, "institution": KindInstitution, "person": KindPerson}

var placeholder = regexp.MustCompile(`\{([a-z]+)\}`)

// Match is an intent a question matches, with its score (0..1).
type Match struct {
	Intent Intent
	// Fact is the fact of a fact intent.
	Fact  Fact
	Score float64
}

// minIntentScore is the score a question needs to match an intent, a
// calibrated share of its weighted words (see TestIntentThreshold).
const minIntentScore = 0.33

// matcher holds every intent's examples as skeletons: the stems of their
// words, with slot tokens in place of entities, weighted by how few
// intents use each token.
type matcher struct {
	min     float64 // minIntentScore, but for tests
	intents []matchIntent
	weight  map[string]float64
	unseen  float64
}

type matchIntent struct {
	Intent
	fact     int // index in Base.Facts, or -1
	slots    map[string]bool
	examples []map[string]bool
	vocab    map[string]bool
	// text are the stems of a fact's answer and passages: words a question
	// about the fact may use beyond its examples.
	text map[string]bool
	// names are the entities a fact's text speaks of: a question naming
	// anyone else is not about the fact ("Who founded NATO?").
	names map[string]bool
}

func (b *Base) buildMatcher(c *checker) {
	m := &matcher{min: minIntentScore, weight: map[string]float64{}}
	for i, in := range b.Intents {
		e := entry(i, in.ID)
		c.required("intents.json", e, "id", in.ID, "answer", in.Answer)
		if !slices.Contains(Answerers, in.Answer) || in.Answer == AnswerFact {
			c.errorf("intents.json", e, "unknown answer %q", in.Answer)
		}
		if len(in.Examples) == 0 {
			c.errorf("intents.json", e, "missing examples")
		}
		mi := matchIntent{Intent: in, fact: -1, slots: map[string]bool{}}
		for _, s := range in.Slots {
			if _, ok := slotKinds[s]; !ok && s != "office" && s != "region" && s != "topic" {
				c.errorf("intents.json", e, "unknown slot %q", s)
			}
			mi.slots["{"+s+"}"] = true
		}
		m.intents = append(m.intents, mi)
	}
	for i, f := range b.Facts {
		names := map[string]bool{}
		for _, men := range b.mentionsIn(Words(b.factText(f))) {
			names[men.ID] = true
		}
		slots := map[string]bool{}
		for _, q := range f.Questions {
			for _, ph := range placeholder.FindAllStringSubmatch(q, -1) {
				slots["{"+ph[1]+"}"] = true // a fact's slots are those its questions use
			}
		}
		m.intents = append(m.intents, matchIntent{Intent: Intent{ID: f.ID, Answer: AnswerFact, Examples: f.Questions}, fact: i, slots: slots, names: names, text: b.factTerms[i]})
	}
	df := map[string]int{}
	for i := range m.intents {
		mi := &m.intents[i]
		mi.vocab = map[string]bool{}
		for _, ex := range mi.Examples {
			for _, ph := range placeholder.FindAllStringSubmatch(ex, -1) {
				if !mi.slots["{"+ph[1]+"}"] {
					c.errorf(fileOf(*mi), fmt.Sprintf("%q", mi.ID), "example %q uses slot {%s} the intent does not take", ex, ph[1])
				}
			}
			sk := b.exampleSkeleton(ex)
			for t := range sk {
				mi.vocab[t] = true
			}
			mi.examples = append(mi.examples, sk)
		}
		for t := range mi.vocab {
			df[t]++
		}
	}
	n := float64(len(m.intents))
	for t, d := range df {
		m.weight[t] = math.Log(1 + n/float64(d))
	}
	m.unseen = math.Log(1 + n)
	b.matcher = m
	for _, mi := range m.intents {
		for _, ex := range mi.Examples {
			q, ok := b.sample(ex)
			if !ok {
				continue
			}
			got := "nothing"
			if best := b.MatchIntents(b.Analyze(q)); len(best) > 0 {
				got = best[0].Intent.ID
			}
			if got != mi.ID {
				c.errorf(fileOf(mi), fmt.Sprintf("%q", mi.ID), "example %q matches %s, not its own intent", ex, got)
			}
		}
	}
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

func fileOf(mi matchIntent) string {
	if mi.fact >= 0 {
		return "facts.json"
	}
	return "intents.json"
}

// topics folds the question's words that the intent's examples do not
// use, but the knowledge does, into one {topic} token: "what did Macron
// say about our soldiers" is "what did {member} say about {topic}".
func (mi matchIntent) topics(b *Base, qs map[string]bool) map[string]bool {
	view := make(map[string]bool, len(qs))
	for t := range qs {
		if (t == entitySlot || (!isSlot(t) && !isID(t) && !strings.HasPrefix(t, "?") && b.knownStems[t])) && !mi.vocab[t] {
			view["{topic}"] = true
			continue
		}
		view[t] = true
	}
	return view
}

func isSlot(t string) bool { return strings.HasPrefix(t, "{") }

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

// exampleSkeleton reads an example with placeholders: the text between
// them as a question is read, each placeholder as its slot token.
func (b *Base) exampleSkeleton(ex string) map[string]bool {
	sk := b.skeleton(b.Analyze(placeholder.ReplaceAllString(ex, " ")))
	for _, ph := range placeholder.FindAllStringSubmatch(ex, -1) {
		if _, entity := slotKinds[ph[1]]; entity {
			sk[entitySlot] = true
		} else {
			sk["{"+ph[1]+"}"] = true
		}
	}
	return sk
}

// skeleton is a question's tokens for matching: its question word, the
// stems of its content words, a slot token for each entity, office and
// region it names, and the entity's own ID (which only a fact about it
// shares).
func (b *Base) skeleton(q Query) map[string]bool {
	sk := map[string]bool{}
	if q.Ask != "" {
		sk["?"+q.Ask] = true
	}
	named := q.named()
	for i, w := range q.Words {
		if _, number := b.lang.numbers[w]; number && q.content[i] {
			sk["#"+w] = true
		} else if q.content[i] && !named[i] {
			sk[b.canonical(q.Stems[i])] = true
		}
	}
	for _, m := range q.Mentions {
		sk[entitySlot] = true
		sk["@"+m.ID] = true
	}
	if len(q.Offices) > 0 {
		sk["{office}"] = true
	}
	if len(q.Regions) > 0 {
		sk["{region}"] = true
	}
	return sk
}

// entitySlot stands for any entity in a skeleton: "is {country} part of
// it" matches "is King Charles part of it" too. Which kinds an intent takes
// is checked on the question's mentions (see accepts).
const entitySlot = "{entity}"

var kindName = map[Kind]string{KindMember: "member", KindCountry: "country", KindInstitution: "institution", KindPerson: "person"}

func (b *Base) canonical(stem string) string {
	if c, ok := b.canon[stem]; ok {
		return c
	}
	return stem
}

// minCueShare is the share of an example's own words (by weight) that a
// question must have to match it.
const minCueShare = 0.5

// idBonus raises an example that names the very entity the question
// names (a fact about the US for a question about the US).
const idBonus = 0.15

// topicWeight is the weight of the {topic} token: it stands for any words
// of the knowledge, so it says little about which intent is meant.
const topicWeight = 0.5

func (m *matcher) w(t string) float64 {
	if t == "{topic}" {
		return topicWeight
	}
	if w, ok := m.weight[t]; ok {
		return w
	}
	if strings.HasPrefix(t, "#") {
		return topicWeight // a number no example has says little of the intent
	}
	return m.unseen
}

func isID(t string) bool { return strings.HasPrefix(t, "@") }

// MatchIntents returns the intents a question matches, best first. An
// intent is scored by the cosine similarity of the question's skeleton to
// its closest example (IDF-weighted tokens), times the weighted share of
// the question's tokens that the intent's examples use at all: a word no
// example of the intent has ("favourite" in "Starmer's favourite team")
// pulls it down. An example's slots must all be filled, and every entity
// the question names must fit the intent's slots (for a fact: be named by
// the fact's text, or fill one of its examples' slots).
func (b *Base) MatchIntents(q Query) []Match {
	m := b.matcher
	qs := b.skeleton(q)
	var out []Match
	for _, mi := range m.intents {
		view, ok := mi.accepts(b, q, qs)
		if !ok {
			continue
		}
		var qsum, qnorm2, cov float64
		for t := range view {
			if isID(t) {
				continue
			}
			w := m.w(t)
			qsum += w
			qnorm2 += w * w
			if mi.vocab[t] || mi.text[t] || mi.slots[t] {
				cov += w
			}
		}
		if qsum == 0 {
			continue
		}
		best := 0.0
		for _, ex := range mi.examples {
			if !askFits(view, ex) {
				continue
			}
			var dot, enorm2, bonus, cues, cued float64
			filled := true
			for t := range ex {
				if isID(t) {
					if view[t] {
						bonus = idBonus
					}
					continue
				}
				w := m.w(t)
				enorm2 += w * w
				cue := !isSlot(t) && !strings.HasPrefix(t, "?")
				if cue {
					cues += w
				}
				if view[t] {
					dot += w * w
					if cue {
						cued += w
					}
				} else if isSlot(t) {
					filled = false
				}
			}
			// An example with words of its own ("who said {topic}") needs
			// most of their weight: slots and the question word alone are
			// not it, nor is "how many" without what it counts.
			if filled && cued >= minCueShare*cues && enorm2 > 0 {
				best = max(best, dot/math.Sqrt(qnorm2*enorm2)+bonus)
			}
		}
		if score := best * cov / qsum; score >= m.min {
			match := Match{Intent: mi.Intent, Score: score}
			if mi.fact >= 0 {
				match.Fact = b.Facts[mi.fact]
			}
			out = append(out, match)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Score > out[j].Score })
	return out
}

// askFits reports whether an example asks the way the question does: "when
// did Finland join NATO?" is not "did Finland join?". An example without a
// question word ("any quotes from {member}") fits any; "what" and "which"
// ask alike.
func askFits(q, ex map[string]bool) bool {
	qa, ea := askToken(q), askToken(ex)
	return qa == "" || ea == "" || qa == ea || identifies(qa, ea) || identifies(ea, qa)
}

// identifies reports whether "which" meets "who" or "what": "which leader
// said…" asks who, "which countries…" what.
func identifies(a, b string) bool { return a == "?which" && (b == "?who" || b == "?what") }

// askToken is the question word token of a skeleton, or "".
func askToken(sk map[string]bool) string {
	for t := range sk {
		if strings.HasPrefix(t, "?") {
			if t == "?whom" || t == "?whose" {
				return "?who"
			}
			return t
		}
	}
	return ""
}

// accepts reports whether the entities, offices and regions a question
// names fit the intent, and returns the question's tokens as the intent
// sees them (with {topic} for an intent that takes one).
func (mi matchIntent) accepts(b *Base, q Query, qs map[string]bool) (map[string]bool, bool) {
	view := qs
	if mi.slots["{topic}"] {
		view = mi.topics(b, qs)
	}
	for _, men := range q.Mentions {
		if mi.slots["{"+kindName[men.Kind]+"}"] {
			continue
		}
		if mi.slots["{topic}"] && !mi.vocab[entitySlot] {
			continue // "who said … pressure on Russia": Russia is part of the topic
		}
		if mi.fact < 0 || !mi.names[men.ID] {
			return nil, false
		}
	}
	for _, s := range []struct {
		spans []Span
		slot  string
	}{{q.Offices, "{office}"}, {q.Regions, "{region}"}} {
		if len(s.spans) > 0 && !mi.slots[s.slot] && mi.fact < 0 {
			return nil, false
		}
	}
	return view, true
}
