package knowledge

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// bruteClosest is the look-up the deletion index replaced: every word of
// the dictionary measured, the first nearest kept. closest must agree with
// it on every word, so users' typos are corrected as before.
func bruteClosest(d dictionary, w string) (string, bool) {
	rw := []rune(w)
	limit := maxEdits(len(rw))
	if limit == 0 {
		return "", false
	}
	var m osaMatrix
	best, bestDist := "", limit+1
	for i, c := range d.runes {
		if dist := m.distance(rw, c, limit); dist < bestDist {
			best, bestDist = d.words[i], dist
		}
	}
	return best, bestDist <= limit
}

// typo applies n random edits of the kinds OSA counts.
func typo(r *rand.Rand, w []rune, alphabet []rune, n int) []rune {
	w = slices.Clone(w)
	for range n {
		i := r.IntN(len(w) + 1)
		switch op := r.IntN(4); {
		case op == 0 || len(w) == 0 || i == len(w):
			w = slices.Insert(w, i, alphabet[r.IntN(len(alphabet))])
		case op == 1:
			w = slices.Delete(w, i, i+1)
		case op == 2:
			w[i] = alphabet[r.IntN(len(alphabet))]
		case i+1 < len(w):
			w[i], w[i+1] = w[i+1], w[i]
		}
	}
	return w
}

func randomWord(r *rand.Rand, alphabet []rune, n int) []rune {
	w := make([]rune, n)
	for i := range w {
		w[i] = alphabet[r.IntN(len(alphabet))]
	}
	return w
}

func TestClosestMatchesBruteForce(t *testing.T) {
	base := loadBase(t)
	r := rand.New(rand.NewPCG(7, 7))
	// A small alphabet with non-ASCII runes makes near words, ties and
	// repeated letters common, where an index would most likely slip.
	small := []rune("aeinsłéöжß")
	var dense []string
	for range 2000 {
		dense = append(dense, string(randomWord(r, small, 1+r.IntN(11))))
	}
	slices.Sort(dense)
	dense = slices.Compact(dense)
	for _, tt := range []struct {
		name     string
		words    []string
		alphabet []rune
	}{
		{"embedded vocabulary", slices.Clone(base.index.words.words), []rune("abcdefghijklmnopqrstuvwxyzéø")},
		{"dense non-ASCII vocabulary", dense, small},
		{"empty", nil, small},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := newDictionary(tt.words)
			for i := range 3000 {
				var w []rune
				if len(d.runes) > 0 && i%4 != 0 {
					w = typo(r, d.runes[r.IntN(len(d.runes))], tt.alphabet, r.IntN(4))
				} else {
					w = randomWord(r, tt.alphabet, r.IntN(14))
				}
				gotW, gotOK := d.closest(string(w))
				wantW, wantOK := bruteClosest(d, string(w))
				if gotW != wantW || gotOK != wantOK {
					t.Fatalf("closest(%q) = %q, %v; brute force gives %q, %v", string(w), gotW, gotOK, wantW, wantOK)
				}
			}
		})
	}
}

func TestClosestCorrectsTypos(t *testing.T) {
	base := loadBase(t)
	for _, tt := range []struct {
		typo, want string
	}{
		{"macrom", "macron"},
		{"kristerson", "kristersson"},
		{"zelenskyy", "zelenskyy"},       // known words are their own nearest
		{"frostadotitr", "frostadottir"}, // a transposition
		{"cesefire", "ceasefire"},        // a deletion
		{"sea", ""},                      // too short to correct
		{"qqqqqqqq", ""},                 // near nothing
	} {
		t.Run(tt.typo, func(t *testing.T) {
			got, ok := base.index.words.closest(tt.typo)
			if got != tt.want || ok != (tt.want != "") {
				t.Errorf("closest(%q) = %q, %v; want %q", tt.typo, got, ok, tt.want)
			}
		})
	}
}

func TestWordDeletions(t *testing.T) {
	// A word must carry as many deletions as the furthest query that
	// maxEdits lets reach it.
	for n := range 12 {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			want := 0
			for m := range 20 {
				if abs(m-n) <= maxEdits(m) {
					want = max(want, maxEdits(m))
				}
			}
			if got := wordDeletions(n); got != want {
				t.Errorf("wordDeletions(%d) = %d, want %d", n, got, want)
			}
		})
	}
}
