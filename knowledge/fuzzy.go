package knowledge

import "sort"

// maxEdits is how many typos a word of n letters may carry and still match:
// none for short words, where one edit turns a word into another ("sea",
// "see"), one from four letters, two from eight ("Zelenskyy", "Frostadotir").
func maxEdits(n int) int {
	switch {
	case n < 4:
		return 0
	case n < 8:
		return 1
	default:
		return 2
	}
}

// dictionary is a sorted word list prepared for fuzzy look-ups: each word
// is kept as runes too, so a look-up converts nothing but the query word.
type dictionary struct {
	words []string
	runes [][]rune
}

func newDictionary(words []string) dictionary {
	sort.Strings(words)
	d := dictionary{words: words, runes: make([][]rune, len(words))}
	for i, w := range words {
		d.runes[i] = []rune(w)
	}
	return d
}

// closest returns the word nearest to w within maxEdits(len(w)), and
// whether there was one. Ties go to the earlier word, so callers get a
// deterministic answer.
func (d dictionary) closest(w string) (string, bool) {
	rw := []rune(w)
	limit := maxEdits(len(rw))
	if limit == 0 {
		return "", false
	}
	var m osaMatrix
	best, bestDist := "", limit+1
	for i, c := range d.runes {
		if abs(len(c)-len(rw)) > limit {
			continue
		}
		if dist := m.distance(rw, c, limit); dist < bestDist {
			best, bestDist = d.words[i], dist
		}
	}
	return best, bestDist <= limit
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// osaMatrix holds the three rows the distance needs, reused across calls.
type osaMatrix struct{ prev2, prev, cur []int }

// distance is the optimal-string-alignment distance between a and b
// (insertions, deletions, substitutions and transpositions of neighbours),
// giving up early with limit+1 once the distance must exceed limit.
func (m *osaMatrix) distance(a, b []rune, limit int) int {
	if abs(len(a)-len(b)) > limit {
		return limit + 1
	}
	n := len(b) + 1
	if cap(m.cur) < n {
		m.prev2, m.prev, m.cur = make([]int, n), make([]int, n), make([]int, n)
	}
	prev2, prev, cur := m.prev2[:n], m.prev[:n], m.cur[:n]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

// editDistance is the distance between two words, for one-off checks.
func editDistance(a, b string, limit int) int {
	var m osaMatrix
	return m.distance([]rune(a), []rune(b), limit)
}

// Near reports whether a is within the typos maxEdits allows of b.
func Near(a, b string) bool {
	limit := maxEdits(len(b))
	return limit > 0 && editDistance(a, b, limit) <= limit
}
