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
