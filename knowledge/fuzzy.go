package knowledge

import (
	"math/bits"
	"slices"
	"sort"
	"unicode/utf8"
)

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

// maxTypoLen is the longest word corrected: no word of the knowledge is
// longer, and a deletion index look-up grows with the cube of the length,
// so a 2,000-letter "word" must not reach it.
const maxTypoLen = 32

// dictionary is a sorted word list prepared for fuzzy look-ups: each word
// is kept as runes too, so a look-up converts nothing but the query word.
//
// A look-up must not compare the query with every word: questions carry
// several unknown words, and operators' documents grow the dictionary. So
// it is a symmetric-deletion index (as in SymSpell): every string made by
// deleting up to two runes from a word points back to the word. Each
// operation of the OSA distance (substitution, insertion, deletion,
// transposition of neighbours) costs at most one deletion on each side, so
// a word within k edits of the query shares with it some string made by
// deleting at most k runes from each: the query's own deletions find every
// word that can be near, and only those are measured.
type dictionary struct {
	words []string
	runes [][]rune
	// variants is an open-addressing hash set (linear probing, at most
	// half full, 0 for an empty slot) of one key per (deletion variant,
	// word): the variant's hash (see slot) above wordBits, the word's
	// number below. It builds in about half the time of a Go map or a
	// sorted slice of the same keys, and start-up builds several
	// dictionaries. A hash collision only adds a candidate, which
	// measuring rejects.
	variants []uint64
}

// wordBits is how many low bits of a variant key number the word: room
// for 16 million words, leaving 40 bits of hash (the top one always set).
const wordBits = 24

func newDictionary(words []string) dictionary {
	words = slices.DeleteFunc(words, func(w string) bool { return utf8.RuneCountInString(w) > maxTypoLen })
	sort.Strings(words)
	d := dictionary{words: words, runes: make([][]rune, len(words))}
	n := 0 // at most this many keys
	for i, w := range words {
		d.runes[i] = []rune(w)
		l := len(d.runes[i])
		n += 1 + l + l*(l-1)/2
	}
	d.variants = make([]uint64, max(16, 1<<bits.Len(uint(2*n))))
	mask := uint64(len(d.variants) - 1)
	var hashes []uint64
	for i := range words {
		hashes = deletionHashes(d.runes[i], wordDeletions(len(d.runes[i])), hashes[:0])
		for _, h := range hashes {
			key := h<<wordBits | uint64(i)
			j := h & mask
			for d.variants[j] != 0 && d.variants[j] != key {
				j = (j + 1) & mask
			}
			d.variants[j] = key // a repeated variant ("ss" less either "s") lands on itself
		}
	}
	return d
}

// wordDeletions is how many runes must be deleted from a dictionary word
// of n runes to meet every query that maxEdits lets reach it: a query of m
// runes reaches words of m±maxEdits(m) runes.
func wordDeletions(n int) int {
	k := 0
	for m := n - 2; m <= n+2; m++ {
		if e := maxEdits(m); abs(m-n) <= e {
			k = max(k, e)
		}
	}
	return k
}

// FNV-1a, over runes rather than bytes.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func fnv(h uint64, rs []rune) uint64 {
	for _, r := range rs {
		h = (h ^ uint64(r)) * fnvPrime
	}
	return h
}

// slot turns a hash into a variant hash: mixed, so that its low bits
// serve as a table slot, cut to the bits above wordBits, and with its top
// bit set so that it is never 0, the empty slot.
func slot(h uint64) uint64 {
	h = (h ^ h>>32) * 0x9e3779b97f4a7c15
	return h>>wordBits | 1<<(63-wordBits)
}

// deletionHashes appends to out the variant hashes of w with up to k (at
// most 2) runes deleted, w itself included. Each hash resumes from the
// hash of the runes before the first deletion (and between the two), so
// a word's variants cost far less than hashing each afresh.
func deletionHashes(w []rune, k int, out []uint64) []uint64 {
	out = append(out, slot(fnv(fnvOffset, w)))
	if k == 0 {
		return out
	}
	prefix := uint64(fnvOffset) // the hash of w[:i]
	for i := range w {
		out = append(out, slot(fnv(prefix, w[i+1:])))
		mid := prefix // the hash of w[:i] + w[i+1:j]
		for j := i + 1; k >= 2 && j < len(w); j++ {
			out = append(out, slot(fnv(mid, w[j+1:])))
			mid = (mid ^ uint64(w[j])) * fnvPrime
		}
		prefix = (prefix ^ uint64(w[i])) * fnvPrime
	}
	return out
}

// closest returns the word nearest to w within maxEdits(len(w)), and
// whether there was one. Ties go to the earlier word, so callers get a
// deterministic answer: candidates are measured in dictionary order.
func (d dictionary) closest(w string) (string, bool) {
	rw := []rune(w)
	limit := maxEdits(len(rw))
	if limit == 0 || len(rw) > maxTypoLen {
		return "", false
	}
	var buf [64]uint64
	var candidates []uint64
	mask := uint64(len(d.variants) - 1)
	for _, h := range deletionHashes(rw, limit, buf[:0]) {
		for j := h & mask; d.variants[j] != 0; j = (j + 1) & mask {
			if d.variants[j]>>wordBits == h {
				candidates = append(candidates, d.variants[j]&(1<<wordBits-1))
			}
		}
	}
	slices.Sort(candidates)
	var m osaMatrix
	best, bestDist := -1, limit+1
	for i, c := range candidates {
		if i > 0 && c == candidates[i-1] {
			continue
		}
		if dist := m.distance(rw, d.runes[c], limit); dist < bestDist {
			best, bestDist = int(c), dist
		}
	}
	if best < 0 {
		return "", false
	}
	return d.words[best], true
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
