package synthetic

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/coalitionbot/coalitionbot/knowledge"
)

func TestPassages(t *testing.T) {
	ps := Passages(200)
	if !reflect.DeepEqual(ps, Passages(200)) {
		t.Fatal("Passages(200) differs between calls")
	}
	if !reflect.DeepEqual(ps[:50], Passages(50)) {
		t.Error("Passages(50) is not a prefix of Passages(200)")
	}
	ids := map[string]bool{}
	for _, p := range ps {
		n := len(strings.Fields(p.Text))
		if n < minWords || n > maxWords {
			t.Errorf("%s has %d words, want %d to %d", p.ID, n, minWords, maxWords)
		}
		if ids[p.ID] || p.Doc != "synthetic" || p.Date != Date || p.Section == "" || p.Title == "" {
			t.Errorf("passage %+v: duplicate ID or missing metadata", p)
		}
		ids[p.ID] = true
	}
}

// TestZipf checks the shape that makes the corpus realistic: a few words
// are everywhere, most are rare, and the vocabulary is wide.
func TestZipf(t *testing.T) {
	counts := map[string]int{}
	total := 0
	for _, p := range Passages(2000) {
		for _, w := range knowledge.Words(p.Text) {
			counts[w]++
			total++
		}
	}
	freq := make([]int, 0, len(counts))
	for _, c := range counts {
		freq = append(freq, c)
	}
	slices.Sort(freq)
	slices.Reverse(freq)
	if len(freq) < 1500 {
		t.Errorf("%d distinct words, want a vocabulary of thousands", len(freq))
	}
	if top := float64(freq[0]) / float64(total); top < 0.03 || top > 0.3 {
		t.Errorf("the most frequent word is %.3f of the text, want a Zipf head", top)
	}
	if freq[0] < 20*freq[99] {
		t.Errorf("rank 1 has %d occurrences and rank 100 %d, want a long tail", freq[0], freq[99])
	}
}

// TestMarkdownLoads checks that the files are what LoadDir reads, and that
// they give back the passages Passages returns.
func TestMarkdownLoads(t *testing.T) {
	for _, n := range []int{1, PerDoc, 2*PerDoc + 7} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			dir := t.TempDir()
			if err := WriteDir(dir, n); err != nil {
				t.Fatal(err)
			}
			got, err := knowledge.LoadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			want := Passages(n)
			if len(got) != len(want) {
				t.Fatalf("LoadDir read %d passages, want %d", len(got), len(want))
			}
			for i := range want {
				g, w := got[i], want[i]
				g.ID, g.Doc = w.ID, w.Doc
				if g != w {
					t.Errorf("passage %d read back as %+v, want %+v", i, got[i], w)
				}
			}
			if _, err := knowledge.Load(got); err != nil {
				t.Errorf("Load rejects the synthetic documents: %v", err)
			}
		})
	}
}
