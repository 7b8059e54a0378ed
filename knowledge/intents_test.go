package knowledge

import (
	"testing"
)

// topIntent is the intent a question matches best, or "" when it matches
// none or asks what the knowledge has no word for (then it is refused
// before any intent is tried).
func topIntent(b *Base, question string) (string, float64) {
	q := b.Analyze(question)
	if len(q.Unknown) > 0 || q.AddressesBot {
		return "", 0
	}
	ms := b.MatchIntents(q)
	if len(ms) == 0 {
		return "", 0
	}
	return ms[0].Intent.ID, ms[0].Score
}

// Paraphrases the intents were not written with go to the right intent;
// questions of the article's words that no curated answer answers, and
// questions about something else, go to none.
func TestMatchIntents(t *testing.T) {
	b := loadBase(t)
	tests := []struct{ question, want string }{
		{"who is repping poland", "represents"},
		{"did lithuania send someone", "represents"},
		{"is canada in the group", "represents"},
		{"who does meloni speak for", "represents"},
		{"what's costa's job", "describe"},
		{"what has stubb said", "quotes"},
		{"any quotes from the german chancellor", "quotes"},
		{"who said sanctions must remain in force", "who-said"},
		{"list the presidents", "members-by"},
		{"which baltic countries are members", "members-by"},
		{"so who all is in this coalition", "members-all"},
		{"how many members are listed", "count"},
		{"In which city did the leaders meet?", "paris-summit"},
		{"Who hosted the summit in London?", "london-summit"},
		{"What did the Kremlin say about the Black Sea ceasefire?", "black-sea"},
		{"How long was the earlier ceasefire proposal?", "thirty-day-ceasefire"},
		{"Who did Starmer meet before the summit?", "rutte-meeting"},
		{"Which countries have pledged soldiers?", "troop-commitments"},
		{"How many people attended?", "leader-count"},
		{"When did they meet at the Élysée?", "paris-date"},
		{"What is the capital of Australia?", ""},
		{"Can you help me with my maths homework?", ""},
		{"Why was the Harvard scientist's visa revoked?", ""},
		{"Recommend a good pizza place.", ""},
		{"What group won Eurovision?", ""},
		{"How many people live in Paris?", ""},
		{"How many soldiers does Ukraine have?", ""},
		{"When did Finland join NATO?", ""},
		{"Trump’s mineral deal forces Ukraine to choose between being a US or Russian colony", ""},
	}
	for _, tt := range tests {
		if got, score := topIntent(b, tt.question); got != tt.want {
			t.Errorf("MatchIntents(%q) = %q (%.2f), want %q", tt.question, got, score, tt.want)
		}
	}
}

// TestIntentThreshold calibrates minIntentScore: the weakest right match
// of questions asked as people ask them must clear it, and the strongest
// match of on-topic questions no curated answer covers must not.
func TestIntentThreshold(t *testing.T) {
	b := loadBase(t)
	right := []struct{ question, want string }{
		{"croatia sent who lol", "represents"},
		{"who's attending on behalf of slovenia", "represents"},
		{"greek guy at the table??", "represents"},
		{"what's sweden's guy called", "represents"},
		{"which portuguese leader is part of it", "represents"},
		{"is the finnish president going", "represents"},
		{"nauseda is president of where", "describe"},
		{"stubb - pm or president?", "represents"},
		{"what is the title of olaf scholz", "describe"},
		{"exact quote from macron about an attack", "quotes"},
		{"who talked about the security of europe as a whole", "who-said"},
		{"any central european members", "members-by"},
		{"give me the full list of members", "members-all"},
		{"how mnay military planners were involved", "planners"},
		{"what happened to the earlier ceasefire proposal", "thirty-day-ceasefire"},
		{"what will starmer present on thursday", "thursday-plan"},
		{"When was the coalition of the willing first announced?", "announced"},
		{"sumit location?", "paris-summit"},
	}
	weakest := 1.0
	for _, tt := range right {
		got, score := topIntent(b, tt.question)
		if got != tt.want {
			t.Errorf("MatchIntents(%q) = %q (%.2f), want %q", tt.question, got, score, tt.want)
		}
		weakest = min(weakest, score)
	}
	uncovered := []string{
		"What did European leaders argue about at the summit?",
		"Does Russia agree with the coalition?",
		"Is the peace agreement between Moscow and Kyiv formal?",
		"Will the military planners meet again?",
		"What would the force monitor?",
		"What happens after the Paris summit?",
		"How many troops will the UK send?",
		"Will the leaders meet Russian negotiators?",
		"Is Ukraine's security guaranteed?",
		"Who met the military experts?",
	}
	strongest := 0.0
	b.matcher.min = 0 // every score, not only those that pass
	for _, question := range uncovered {
		q := b.Analyze(question)
		if len(q.Unknown) > 0 {
			t.Errorf("Analyze(%q) unknown = %v, want an on-topic question", question, q.Unknown)
		}
		for _, m := range b.MatchIntents(b.Analyze(question)) {
			strongest = max(strongest, m.Score)
		}
	}
	t.Logf("weakest right match %.2f, threshold %.2f, strongest uncovered match %.2f", weakest, minIntentScore, strongest)
	if weakest < minIntentScore || strongest >= minIntentScore {
		t.Errorf("threshold %.2f does not separate the weakest right match (%.2f) from the strongest uncovered one (%.2f)", minIntentScore, weakest, strongest)
	}
}
