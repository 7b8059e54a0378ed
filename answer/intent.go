package answer

import (
	"strings"

	"github.com/coalitionbot/coalitionbot/knowledge"
)

// parsed is a question read for the curated stage: its folded words, the
// entities it names and the kinds of request its other words make.
type parsed struct {
	words    []string
	mentions []knowledge.Mention
	// roles are the offices the question names ("president"), in order.
	roles []string
	// regions are the country groups it names ("Nordic").
	regions []string
	quote   bool // asks what someone said
	member  bool // asks about membership or representation
	// leadership asks about leading the coalition ("Is Meloni a leader of
	// the coalition?"), when no country or institution says whose leader.
	leadership bool
	// membership is the narrower question of belonging to the coalition
	// ("part of", "member", "join"), not of leading a country.
	membership bool
	list       bool // asks for a list of members
	count      bool // asks how many
	// leftover counts the content words no curated answer accounts for; a
	// curated answer is only given when there are none, so "Who did Starmer
	// meet?" is not mistaken for "Who is Starmer?".
	leftover int
}

var (
	quoteWords  = words("say said says saying quote quoted quotes quotation wrote write writes written tweet tweeted tweets post posted statement statements remark remarks comment comments commented stated claim claimed argue argued warn warned spoke speech told words message think thinks thought believe believes opinion view views stance call called calls urge urged urges appeal appealed")
	memberWords = words("member members membership represent represents represented representing representative representatives part include included includes including join joined joining belong belongs participate participates participating involved attend attended attending there leader leaders lead leads head heads led sent send delegate delegation chief boss top representative envoy official chair chairs chaired run runs")
	listWords   = words("list members leaders countries states nations institutions organisations organizations names")
	countWords  = words("many number count")
	// leadWords ask who leads.
	leadWords = words("lead leads leader leaders leading led")
	// membershipWords ask whether someone belongs to the coalition.
	membershipWords = words("member members membership represent represents represented representing part include included includes including join joined joining belong belongs participate participates participating involved attend attended attending coalition")
	// fillerWords carry no request of their own in the questions the
	// curated stage answers.
	fillerWords = words("coalition willing group alliance summit meeting paris today currently current now still actually exactly really officially person people man woman he she him her his role title job position office hold holds serve serves country nation from come comes do does rather instead than also either both besides apart other others minister ministers prime general speaks speak for of rep answer institution organisation organization body play plays playing two three four five")
)

func words(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// parse reads a question for the curated stage.
func parse(base *knowledge.Base, question string) parsed {
	p := parsed{words: knowledge.Words(question), mentions: base.Mentions(question)}
	inMention := knowledge.Covered(p.mentions, len(p.words))
	for i, w := range p.words {
		if inMention[i] {
			continue
		}
		if role, ok := knowledge.RoleAt(p.words, i); ok {
			p.addRole(role)
			continue
		}
		if r, ok := base.RegionOf(w); ok {
			p.regions = append(p.regions, r)
			continue
		}
		known := false
		for _, f := range []struct {
			set  map[string]bool
			flag *bool
		}{{quoteWords, &p.quote}, {memberWords, &p.member}, {membershipWords, &p.membership}, {leadWords, &p.leadership}, {listWords, &p.list}, {countWords, &p.count}} {
			if f.set[w] {
				*f.flag, known = true, true
			}
		}
		if !known && !fillerWords[w] && !knowledge.IsStopWord(w) {
			p.leftover++
		}
	}
	// "speaks for" and "speak for" ask who represents, not what was said.
	for i := 0; i+1 < len(p.words); i++ {
		if (p.words[i] == "speaks" || p.words[i] == "speak") && p.words[i+1] == "for" {
			p.member = true
		}
	}
	return p
}

func (p *parsed) addRole(role string) {
	for _, r := range p.roles {
		if r == role {
			return
		}
	}
	p.roles = append(p.roles, role)
}

// asksWhenWhyHow reports whether the question asks when, why or how
// (not how many): the curated descriptions of members and countries do
// not answer those ("When did Finland join NATO?").
func (p parsed) asksWhenWhyHow() bool {
	if len(p.words) == 0 {
		return false
	}
	switch p.words[0] {
	case "when", "why":
		return true
	case "how":
		return !p.count
	}
	return false
}

// yesNo reports whether the question asks yes or no ("Is Norway in it?").
func (p parsed) yesNo() bool {
	if len(p.words) == 0 {
		return false
	}
	switch p.words[0] {
	case "is", "are", "was", "were", "does", "do", "did", "has", "have", "can", "will":
		return true
	}
	return false
}

// politeAsks are the words before "you" in a request ("can you tell me",
// "do you know"), which address the bot without asking about it.
var politeAsks = words("can could would will do did please")

// addressesBot reports whether a question asks about the bot itself ("Who
// created you?", "What are your rules?") rather than about the coalition:
// the article has nothing on that, and the refusal says what the bot does.
func addressesBot(words []string) bool {
	for i, w := range words {
		switch w {
		case "you", "your", "yours", "yourself":
			if i == 0 || !politeAsks[words[i-1]] {
				return true
			}
		}
	}
	return false
}
