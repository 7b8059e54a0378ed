package knowledge

import (
	"cmp"
	"math"
	"slices"
)

// MatchIntents returns the intents a question matches, best first. An
// intent is scored by the cosine similarity of the question's skeleton to
// its closest example (IDF-weighted tokens), times the weighted share of
// the question's tokens that the intent's examples use at all: a word no
// example of the intent has ("favourite" in "Starmer's favourite team")
// pulls it down. An example must ask the way the question does, have its
// slots filled and most of its own words present; every entity the
// question names must fit the intent's slots (for a fact: be named by the
// fact's text, or fill one of its examples' slots).
func (b *Base) MatchIntents(q Query) []Match {
	m := b.matcher
	qs := m.intern(b.skeleton(q))
	ask := ""
	for _, t := range qs {
		if t.kind == tokAsk {
			ask = t.ask // "whom" asks who, though no example says "whom"
		}
	}
	var out []Match
	view := make([]qtok, 0, len(qs)+1)
	for _, i := range m.candidates(qs) {
		mi := &m.intents[i]
		if !mi.accepts(q) {
			continue
		}
		view = mi.view(m, qs, view[:0])
		var qsum, qnorm2, cov float64
		for _, t := range view {
			if t.kind == tokID {
				continue
			}
			qsum += t.w
			qnorm2 += t.w * t.w
			if t.id >= 0 && (mi.vocab[t.id] || mi.text[t.id]) {
				cov += t.w
			}
		}
		if qsum == 0 {
			continue
		}
		best := 0.0
		score := func(j int) {
			if s, ok := m.similarity(&mi.examples[j], view, ask, qnorm2); ok {
				best = max(best, s)
			}
		}
		for _, j := range mi.cueless {
			score(j)
		}
		for _, t := range view {
			if t.kind == tokCue && t.id >= 0 {
				for _, j := range mi.byCue[t.id] {
					score(j) // an example with two of the words is scored twice, to the same
				}
			}
		}
		if score := best * cov / qsum; score >= m.min {
			match := Match{Intent: &mi.Intent, Score: score}
			if mi.fact >= 0 {
				match.Fact = &b.Facts[mi.fact]
			}
			out = append(out, match)
		}
	}
	slices.SortStableFunc(out, func(a, b Match) int { return cmp.Compare(b.Score, a.Score) })
	return out
}

// candidates are the intents that can match a question, in order: those
// with an example sharing one of its words, or with an example that has
// none of its own. An intent taking a topic may find its words in the
// topic, so it is always a candidate.
func (m *matcher) candidates(qs []qtok) []int {
	seen := make([]bool, len(m.intents))
	for _, i := range m.cueless {
		seen[i] = true
	}
	for i := range m.intents {
		if m.intents[i].topics {
			seen[i] = true
		}
	}
	for _, t := range qs {
		if t.id >= 0 {
			for _, i := range m.byCue[t.id] {
				seen[i] = true
			}
		}
	}
	var out []int
	for i, ok := range seen {
		if ok {
			out = append(out, i)
		}
	}
	return out
}

// similarity is the cosine similarity of an example to the question's
// view, plus idBonus when it names the same entity, or false when the
// example cannot match: it asks otherwise, leaves a slot empty, or the
// question lacks most of its own words.
func (m *matcher) similarity(ex *example, view []qtok, ask string, qnorm2 float64) (float64, bool) {
	if !askFits(ask, ex.ask) || ex.enorm2 == 0 {
		return 0, false
	}
	var dot, cued float64
	for _, id := range ex.toks {
		if !has(view, id) {
			if m.kind[id] == tokSlot {
				return 0, false
			}
			continue
		}
		w := m.weight[id]
		dot += w * w
		if m.kind[id] == tokCue {
			cued += w
		}
	}
	if cued < minCueShare*ex.cues {
		return 0, false
	}
	s := dot / math.Sqrt(qnorm2*ex.enorm2)
	for _, id := range ex.ids {
		if has(view, id) {
			s += idBonus
			break
		}
	}
	return s, true
}

func has(view []qtok, id int32) bool {
	for _, t := range view {
		if t.id == id {
			return true
		}
	}
	return false
}

// view is the question's tokens as an intent sees them: for an intent that
// takes a topic, the words of the knowledge its examples do not use, and
// entities it does not take, become one {topic} ("what did {member} say
// about {topic}").
func (mi *matchIntent) view(m *matcher, qs, view []qtok) []qtok {
	if !mi.topics {
		return append(view, qs...)
	}
	topic := false
	for _, t := range qs {
		foreign := t.id < 0 || !mi.vocab[t.id]
		if foreign && ((t.kind == tokCue && t.known) || t.id == m.entity) {
			if !topic {
				topic = true
				view = append(view, qtok{id: m.topic, w: m.weight[m.topic], kind: tokSlot})
			}
			continue
		}
		view = append(view, t)
	}
	return view
}

// askFits reports whether an example asks the way the question does: "when
// did Finland join NATO?" is not "did Finland join?". An example without a
// question word ("any quotes from {member}") fits any; "which" fits both
// "who" ("which leader said…") and "what" ("which countries…").
func askFits(q, ex string) bool {
	return q == "" || ex == "" || q == ex || identifies(q, ex) || identifies(ex, q)
}

func identifies(a, b string) bool { return a == "?which" && (b == "?who" || b == "?what") }

// accepts reports whether the entities, offices and regions a question
// names fit the intent.
func (mi *matchIntent) accepts(q Query) bool {
	for _, men := range q.Mentions {
		switch {
		case mi.kinds[men.Kind]:
		case mi.topics && !mi.hasEntitySlot():
			// "who said … pressure on Russia": Russia is part of the topic
		case mi.fact >= 0 && mi.names[men.ID]:
		default:
			return false
		}
	}
	if mi.fact < 0 && ((len(q.Offices) > 0 && !mi.office) || (len(q.Regions) > 0 && !mi.region)) {
		return false
	}
	return true
}

// hasEntitySlot reports whether the intent takes an entity of any kind.
func (mi *matchIntent) hasEntitySlot() bool {
	return slices.Contains(mi.kinds[:], true)
}
