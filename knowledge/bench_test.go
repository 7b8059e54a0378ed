package knowledge

import "testing"

// BenchmarkLoad is the start-up cost: decoding, validating and indexing
// the embedded knowledge.
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(nil); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSearch(b *testing.B) {
	base := loadBase(b)
	b.ReportAllocs()
	for b.Loop() {
		base.Search("What did the Kremlin say about the Black Sea ceasefire?", 4)
	}
}

// BenchmarkClosest is the fuzzy look-up of one misspelt word, paid for
// every word of a question the passages do not know.
func BenchmarkClosest(b *testing.B) {
	base := loadBase(b)
	for _, w := range []string{"kristerson", "macrom", "zzzzzzzzz"} {
		b.Run(w, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				base.index.words.closest(w)
			}
		})
	}
}

// BenchmarkNewDictionary is the fuzzy dictionary's share of start-up, for
// the words of the embedded knowledge.
func BenchmarkNewDictionary(b *testing.B) {
	words := loadBase(b).index.words.words
	b.ReportAllocs()
	for b.Loop() {
		newDictionary(append([]string(nil), words...))
	}
}
