package commands

import (
	"strings"

	"github.com/coalitionbot/coalitionbot/knowledge"
)

// MaxChoices is Discord's limit on autocomplete suggestions.
const MaxChoices = 25

// complete ranks candidates for what the user has typed so far: those
// whose name or any word of it starts with the input first, then those
// containing it, then near misses ("Macrom"), keeping candidate order within
// each rank. An empty input, or one nothing matches, suggests the first
// candidates: Discord shows "loading options failed" for an empty list
// (which discordgo cannot even send), and a list to pick from helps more.
// It does no I/O.
func complete(typed string, candidates []Choice) []Choice {
	in := knowledge.Fold(strings.TrimSpace(typed))
	first := candidates[:min(len(candidates), MaxChoices)]
	if in == "" {
		return first
	}
	var ranks [3][]Choice
	for _, c := range candidates {
		name := knowledge.Fold(c.Name)
		switch {
		case strings.HasPrefix(name, in) || wordPrefix(name, in):
			ranks[0] = append(ranks[0], c)
		case strings.Contains(name, in):
			ranks[1] = append(ranks[1], c)
		case nearWord(name, in):
			ranks[2] = append(ranks[2], c)
		}
	}
	out := append(append(ranks[0], ranks[1]...), ranks[2]...)
	if len(out) == 0 {
		return first
	}
	return out[:min(len(out), MaxChoices)]
}

func wordPrefix(name, in string) bool {
	for _, w := range knowledge.Words(name) {
		if strings.HasPrefix(w, in) {
			return true
		}
	}
	return false
}

// nearWord reports whether a word of name, cut to the input's length, is
// within a typo of it.
func nearWord(name, in string) bool {
	for _, w := range knowledge.Words(name) {
		if len(w) > len(in) {
			w = w[:len(in)]
		}
		if knowledge.Near(w, in) {
			return true
		}
	}
	return false
}
