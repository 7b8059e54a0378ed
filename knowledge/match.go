package knowledge

import (
	"math"
	"slices"
	"strings"
)

// Matching compares skeletons: a question's question word, the stems of
// its content words (synonyms folded together), a slot token for each
// entity, office and region it names, and each entity's own ID, which only
// a fact about that entity shares. Tokens are interned at load, so
// matching a question compares small integers.

// Scoring settings, calibrated with TestIntentThreshold.
const (
	// minCueShare is the share of an example's own words (by weight) that
	// a question must have to match it: slots and the question word alone
	// are not it, nor is "how many" without what it counts.
	minCueShare = 0.5
	// idBonus raises an example that names the very entity the question
	// names (a fact about the US for a question about the US).
	idBonus = 0.15
	// topicWeight is the weight of the {topic} token and of numbers no
	// example has: they stand for any words of the knowledge, so they say
	// little about which intent is meant.
	topicWeight = 0.5
)

// Slot tokens. entitySlot stands for any entity: "is {country} part of
// it" matches "is King Charles part of it" too; which kinds an intent takes
// is checked on the question's mentions.
const (
	entitySlot = "{entity}"
	officeSlot = "{office}"
	regionSlot = "{region}"
	topicSlot  = "{topic}"
)

var kindName = map[Kind]string{KindMember: "member", KindCountry: "country", KindInstitution: "institution", KindPerson: "person"}

type tokKind uint8

const (
	tokCue  tokKind = iota // a content word's stem
	tokAsk                 // the question word
	tokSlot                // {entity}, {office}, {region}, {topic}
	tokID                  // an entity's own ID
)

// qtok is one token of a question's skeleton. id is -1 for a word no
// example uses; known is set for a content word of the knowledge's
// vocabulary (which a {topic} slot may stand for).
type qtok struct {
	id    int32
	w     float64
	kind  tokKind
	known bool
	ask   string // for the question word, the question it asks
}

// matcher holds every intent's examples as interned skeletons, with the
// IDF weight of each token over the intents.
type matcher struct {
	min     float64 // minIntentScore, but for tests
	ids     map[string]int32
	weight  []float64
	kind    []tokKind
	ask     []string // the question word of an ask token, normalised
	unseen  float64
	entity  int32
	office  int32
	region  int32
	topic   int32
	intents []matchIntent
	// byCue lists, for each token, the intents with an example that has it
	// as one of its own words; cueless, the intents with an example that
	// has none. Only those can match a question (see minCueShare).
	byCue   [][]int
	cueless []int
}

type matchIntent struct {
	rawIntent
	kinds    [KindPerson + 1]bool // entity kinds it takes
	office   bool                 // it takes an office, a region, a topic
	region   bool
	topics   bool
	examples []example
	vocab    []bool // by token: some example has it, or it is a slot it takes
	text     []bool // by token: a fact's answer or passages have it
	// cueless are its examples with no words of their own; byCue, by token,
	// its examples that have that word: an example can only match a
	// question that has one of its words, or if it has none.
	cueless []int
	byCue   map[int32][]int
}

type example struct {
	toks   []int32 // all but entity IDs
	ids    []int32 // entity IDs
	ask    string
	enorm2 float64
	cues   float64
}

// newMatcher interns the tokens of every example and weighs them.
func (b *Base) newMatcher(raw []rawIntent, analyze func(string) Query) *matcher {
	m := &matcher{min: minIntentScore, ids: map[string]int32{}}
	intern := func(t string, k tokKind) int32 {
		if id, ok := m.ids[t]; ok {
			return id
		}
		id := int32(len(m.kind))
		m.ids[t] = id
		m.kind = append(m.kind, k)
		m.ask = append(m.ask, normalAsk(t, k))
		return id
	}
	m.entity, m.office, m.region, m.topic = intern(entitySlot, tokSlot), intern(officeSlot, tokSlot), intern(regionSlot, tokSlot), intern(topicSlot, tokSlot)
	skeletons := make([][][]string, len(raw))
	for i, in := range raw {
		for _, ex := range in.Examples {
			sk := b.exampleSkeleton(ex, analyze)
			for _, t := range sk {
				intern(t.text, t.kind)
			}
			skeletons[i] = append(skeletons[i], tokenTexts(sk))
		}
		for t := range in.text {
			intern(t, tokCue)
		}
	}
	n := len(m.kind)
	df := make([]int, n)
	for i, in := range raw {
		mi := matchIntent{rawIntent: in, vocab: make([]bool, n), text: make([]bool, n)}
		for _, s := range in.Slots {
			switch s {
			case "office":
				mi.office, mi.vocab[m.office] = true, true
			case "region":
				mi.region, mi.vocab[m.region] = true, true
			case "topic":
				mi.topics = true
			default:
				mi.kinds[slotKinds[s]] = true
			}
		}
		for _, sk := range skeletons[i] {
			var ex example
			for _, t := range sk {
				id := m.ids[t]
				mi.vocab[id] = true
				if m.kind[id] == tokID {
					ex.ids = append(ex.ids, id)
				} else {
					ex.toks = append(ex.toks, id)
				}
				if m.kind[id] == tokAsk {
					ex.ask = m.ask[id]
				}
			}
			mi.examples = append(mi.examples, ex)
		}
		for t := range in.text {
			mi.text[m.ids[t]] = true
		}
		for id, in := range mi.vocab {
			if in {
				df[id]++
			}
		}
		m.intents = append(m.intents, mi)
	}
	m.unseen = math.Log(1 + float64(len(raw)))
	m.weight = make([]float64, n)
	for id := range m.weight {
		switch {
		case int32(id) == m.topic:
			m.weight[id] = topicWeight
		case df[id] > 0:
			m.weight[id] = math.Log(1 + float64(len(raw))/float64(df[id]))
		default:
			m.weight[id] = m.unseen
		}
	}
	m.byCue = make([][]int, n)
	for i := range m.intents {
		mi := &m.intents[i]
		mi.byCue = map[int32][]int{}
		for j := range mi.examples {
			ex := &mi.examples[j]
			cues := 0
			for _, id := range ex.toks {
				w := m.weight[id]
				ex.enorm2 += w * w
				if m.kind[id] == tokCue {
					ex.cues += w
					cues++
					mi.byCue[id] = append(mi.byCue[id], j)
					if l := m.byCue[id]; len(l) == 0 || l[len(l)-1] != i {
						m.byCue[id] = append(l, i)
					}
				}
			}
			if cues == 0 {
				mi.cueless = append(mi.cueless, j)
			}
		}
		if len(mi.cueless) > 0 {
			m.cueless = append(m.cueless, i)
		}
	}
	return m
}

// normalAsk is the question word an ask token stands for: "whom" and
// "whose" ask who.
func normalAsk(t string, k tokKind) string {
	if k != tokAsk {
		return ""
	}
	switch t {
	case "?whom", "?whose":
		return "?who"
	}
	return t
}

// skelTok is a skeleton token before interning.
type skelTok struct {
	text  string
	kind  tokKind
	known bool
}

func tokenTexts(sk []skelTok) []string {
	out := make([]string, len(sk))
	for i, t := range sk {
		out[i] = t.text
	}
	return out
}

// exampleSkeleton reads an example with placeholders: the text between
// them as a question is read, each placeholder as its slot token.
func (b *Base) exampleSkeleton(ex string, analyze func(string) Query) []skelTok {
	sk := b.skeleton(analyze(placeholder.ReplaceAllString(ex, " ")))
	for _, ph := range placeholder.FindAllStringSubmatch(ex, -1) {
		slot := "{" + ph[1] + "}"
		if _, entity := slotKinds[ph[1]]; entity {
			slot = entitySlot
		}
		sk = addTok(sk, skelTok{text: slot, kind: tokSlot})
	}
	return sk
}

func addTok(sk []skelTok, t skelTok) []skelTok {
	if slices.ContainsFunc(sk, func(o skelTok) bool { return o.text == t.text }) {
		return sk
	}
	return append(sk, t)
}

// skeleton is a question's tokens for matching.
func (b *Base) skeleton(q Query) []skelTok {
	var sk []skelTok
	if q.Ask != "" {
		sk = append(sk, skelTok{text: "?" + q.Ask, kind: tokAsk})
	}
	named := q.named()
	for i, w := range q.Words {
		if !q.lex[i].content() || named[i] {
			continue
		}
		if l := q.lex[i]; l.number && !isNumber(w) {
			sk = addTok(sk, skelTok{text: "#" + w, kind: tokCue})
		} else {
			sk = addTok(sk, skelTok{text: l.canon, kind: tokCue, known: l.known})
		}
	}
	for _, m := range q.Mentions {
		sk = addTok(sk, skelTok{text: entitySlot, kind: tokSlot})
		sk = addTok(sk, skelTok{text: "@" + m.ID, kind: tokID})
	}
	if len(q.Offices) > 0 {
		sk = addTok(sk, skelTok{text: officeSlot, kind: tokSlot})
	}
	if len(q.Regions) > 0 {
		sk = addTok(sk, skelTok{text: regionSlot, kind: tokSlot})
	}
	return sk
}

// intern turns a question's skeleton into interned tokens.
func (m *matcher) intern(sk []skelTok) []qtok {
	out := make([]qtok, 0, len(sk))
	for _, t := range sk {
		qt := qtok{id: -1, w: m.unseen, kind: t.kind, known: t.known, ask: normalAsk(t.text, t.kind)}
		if id, ok := m.ids[t.text]; ok {
			qt.id, qt.w = id, m.weight[id]
		} else if strings.HasPrefix(t.text, "#") {
			qt.w = topicWeight // a number no example has says little of the intent
		}
		out = append(out, qt)
	}
	return out
}
