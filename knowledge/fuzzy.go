package knowledge

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

// closest returns the candidate nearest to w within maxEdits(len(w)), and
// whether there was one. Ties go to the earlier candidate, so callers get a
// deterministic answer.
func closest(w string, candidates []string) (string, bool) {
	limit := maxEdits(len(w))
	if limit == 0 {
		return "", false
	}
	best, bestDist := "", limit+1
	for _, c := range candidates {
		if d := editDistance(w, c, limit); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best, bestDist <= limit
}

// editDistance is the optimal-string-alignment distance between a and b
// (insertions, deletions, substitutions and transpositions of neighbours),
// giving up early with limit+1 once the distance must exceed limit.
func editDistance(a, b string, limit int) int {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d > limit || -d > limit {
		return limit + 1
	}
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

// Near reports whether a is within the typos maxEdits allows of b.
func Near(a, b string) bool {
	limit := maxEdits(len(b))
	return limit > 0 && editDistance(a, b, limit) <= limit
}
