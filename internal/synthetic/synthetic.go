// Package synthetic makes deterministic fake knowledge for load tests and
// benchmarks: the embedded article holds a few dozen passages, too few to
// show how retrieval and start-up scale when operators add years of meeting
// reports through KNOWLEDGE_DIR. Passages are paragraph-sized and their
// words follow a Zipf law over common English words and a few thousand
// pseudo-words, so term frequencies, posting-list lengths and the fuzzy
// dictionary look like those of real text rather than of uniform noise.
//
// Everything is drawn from fixed-seed PCG generators: the same n always
// gives the same passages, and Passages(n) is a prefix of Passages(m) for
// n <= m, so figures measured on different days compare.
package synthetic

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"

	"github.com/coalitionbot/coalitionbot/knowledge"
)

const (
	// Date is the date every synthetic passage carries.
	Date = "2025-05-10"
	// PerDoc is how many passages Markdown puts in one file, so a large
	// corpus is many documents, as operators' reports would be.
	PerDoc = 50

	minWords, maxWords = 40, 80
	pseudoWords        = 3000
)

// common are frequent English words, stop words included, which take the
// top Zipf ranks as they do in real text.
var common = strings.Fields(`the of and to in a is that for it as was with be by on not he
this are or his from at which but have an they you were her she there been one all we their
has would when if so no will can more about also its who what than them into only some could
other then our time new said these two may first after any like well over most such even
because where people through much before must those while both each under last between
ceasefire coalition leaders support security troops peace talks minister president meeting
summit europe military defence guarantees sanctions agreement forces border russia ukraine
countries government capital statement partners plan force allies aid war funding air sea`)

// sections name the parts of a synthetic report, headings in Markdown.
var sections = []string{"Overview", "Security guarantees", "Ceasefire", "Sanctions",
	"Funding", "Air policing", "Maritime security", "Reconstruction", "Next steps", "Statements"}

// vocabulary is common followed by pseudo-words, most frequent first.
var vocabulary = func() []string {
	r := rand.New(rand.NewPCG(1, 2))
	onsets := strings.Fields("b br c ch d dr f g gr h j k kr l m n p pl r s sh st t tr v w z")
	vowels := strings.Fields("a e i o u ai ea ou y")
	codas := []string{"", "", "", "n", "r", "s", "l", "k", "nd", "st"}
	seen := map[string]bool{}
	for _, w := range common {
		seen[w] = true
	}
	words := append([]string(nil), common...)
	for len(words) < len(common)+pseudoWords {
		var b strings.Builder
		for range 2 + r.IntN(3) {
			b.WriteString(onsets[r.IntN(len(onsets))])
			b.WriteString(vowels[r.IntN(len(vowels))])
		}
		b.WriteString(codas[r.IntN(len(codas))])
		if w := b.String(); !seen[w] {
			seen[w] = true
			words = append(words, w)
		}
	}
	return words
}()

// Passages returns n synthetic passages with IDs "s00001" onwards, Doc
// "synthetic", and the title of the report (of PerDoc passages) each
// belongs to, as Markdown writes them.
func Passages(n int) []knowledge.Passage {
	r := rand.New(rand.NewPCG(3, 4))
	zipf := rand.NewZipf(r, 1.1, 1, uint64(len(vocabulary)-1))
	out := make([]knowledge.Passage, n)
	for i := range out {
		doc := i/PerDoc + 1
		out[i] = knowledge.Passage{
			ID:      fmt.Sprintf("s%05d", i+1),
			Doc:     "synthetic",
			Section: sections[r.IntN(len(sections))],
			Title:   fmt.Sprintf("Synthetic report %d", doc),
			Date:    Date,
			URL:     fmt.Sprintf("https://example.org/synthetic/%d", doc),
			Text:    paragraph(r, zipf),
		}
	}
	return out
}

// paragraph is one line of minWords to maxWords Zipf-drawn words, cut
// into sentences of 6 to 15 words.
func paragraph(r *rand.Rand, zipf *rand.Zipf) string {
	var b strings.Builder
	n, sentence := minWords+r.IntN(maxWords-minWords+1), 0
	for i := range n {
		w := vocabulary[zipf.Uint64()]
		if sentence == 0 {
			if i > 0 {
				b.WriteString(" ")
			}
			w = strings.ToUpper(w[:1]) + w[1:]
			sentence = 6 + r.IntN(10)
		} else {
			b.WriteString(" ")
		}
		b.WriteString(w)
		if sentence--; sentence == 0 || i == n-1 {
			b.WriteString(".")
			sentence = 0
		}
	}
	return b.String()
}

// Markdown returns Passages(n) as the files knowledge.LoadDir reads, by
// file name: "synthetic-0001.md" holds the first PerDoc passages, each
// under a heading of its section. LoadDir gives them back with the same
// Section, Text, Title, Date and URL; their ID and Doc come from the file
// name ("synthetic-0001-01"), as for any extra document.
func Markdown(n int) map[string]string {
	files := map[string]string{}
	passages := Passages(n)
	for start := 0; start < n; start += PerDoc {
		doc := passages[start:min(start+PerDoc, n)]
		var b strings.Builder
		fmt.Fprintf(&b, "---\ntitle: %s\ndate: %s\nurl: %s\n---\n", doc[0].Title, doc[0].Date, doc[0].URL)
		for _, p := range doc {
			fmt.Fprintf(&b, "\n## %s\n\n%s\n", p.Section, p.Text)
		}
		files[fmt.Sprintf("synthetic-%04d.md", start/PerDoc+1)] = b.String()
	}
	return files
}

// WriteDir writes Markdown(n) into dir, ready for KNOWLEDGE_DIR.
func WriteDir(dir string, n int) error {
	for name, text := range Markdown(n) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			return fmt.Errorf("write synthetic documents: %w", err)
		}
	}
	return nil
}
