package knowledge

// genericNameWords appear in many names and titles, so they must not pull
// in one country's or person's passages.
var genericNameWords = map[string]bool{
	"republic": true, "united": true, "kingdom": true, "great": true, "prime": true,
	"minister": true, "president": true, "von": true, "der": true, "de": true,
	"european": true, "council": true, "commission": true, "sir": true, "states": true,
	"north": true, "south": true, "new": true,
}

// expansions builds the query expansion map from the curated data: every
// word naming a country, its people or its leader leads to the others, so
// "Italy", "Italian" and "Meloni" find the same passage.
func (b *Base) expansions() map[string][]string {
	groups := append([][]string(nil), b.lang.synonyms...)
	for _, c := range b.Countries {
		g := append(append([]string{c.Name}, c.Aliases...), c.Demonyms...)
		for _, m := range b.Members {
			if m.Country == c.Code {
				g = append(append(g, m.Name), m.Aliases...)
			}
		}
		groups = append(groups, g)
	}
	for _, in := range b.Institutions {
		g := append([]string{in.Name}, in.Aliases...)
		for _, m := range b.Members {
			if m.Institution == in.ID {
				g = append(append(g, m.Name), m.Aliases...)
			}
		}
		groups = append(groups, g)
	}
	out := map[string][]string{}
	for _, g := range groups {
		var words []string
		seen := map[string]bool{}
		for _, phrase := range g {
			for _, w := range Words(phrase) {
				if !seen[w] && !IsStopWord(w) && !genericNameWords[w] {
					seen[w] = true
					words = append(words, w)
				}
			}
		}
		for _, w := range words {
			for _, other := range words {
				if other != w {
					out[w] = append(out[w], other)
				}
			}
		}
	}
	return out
}
