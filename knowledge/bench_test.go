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

// benchQuestions are questions of every kind, as people type them.
var benchQuestions = []string{
	"who's there for germany", "whos kristrun frostadottir", "what did melono say",
	"how mnay military planners were involved", "nordic countries in the coalition?",
	"is erdogan attending or is it someone else for turkey", "how tall is zelensky",
	"What would the force monitor?",
}

// BenchmarkAnalyze is the one reading of a question every answer starts
// with: spellings, typos, entities, offices, regions, parts.
func BenchmarkAnalyze(b *testing.B) {
	base := loadBase(b)
	b.ReportAllocs()
	for b.Loop() {
		for _, q := range benchQuestions {
			base.Analyze(q)
		}
	}
}

// BenchmarkMatchIntents is the intent matching of an analysed question.
func BenchmarkMatchIntents(b *testing.B) {
	base := loadBase(b)
	var qs []Query
	for _, q := range benchQuestions {
		qs = append(qs, base.Analyze(q))
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, q := range qs {
			base.MatchIntents(q)
		}
	}
}
