// Package questions is the benchmark's question set: the repository's
// evaluation questions, repeated with light deterministic variations
// (case, punctuation, one typo) up to N lines, as people type them in
// Discord. The set is generated once (go generate) and embedded, so every
// run and every machine times the same questions even when the question
// files change or the shared set is absent.
package questions

import (
	_ "embed"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/coalitionbot/coalitionbot/internal/evalset"
)

//go:generate go run ../cmd/genquestions

// N is how many questions the set has.
const N = 6300

//go:embed questions.txt
var embedded string

// All returns the embedded question set, one question per element.
func All() []string {
	return strings.Split(strings.TrimSuffix(embedded, "\n"), "\n")
}

// Text is the embedded set as the CLIs read it, one question a line.
func Text() string { return embedded }

// Sources lists the question files under the repository root repo: every
// testdata/eval/*.jsonl in name order, then ../shared/eval/dev.jsonl
// beside the checkout when it is there.
func Sources(repo string) ([]string, error) {
	files, err := filepath.Glob(filepath.Join(repo, "testdata", "eval", "*.jsonl"))
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	dev := filepath.Join(repo, "..", "shared", "eval", "dev.jsonl")
	if _, err := os.Stat(dev); err == nil {
		files = append(files, dev)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no question files under %s", repo)
	}
	return files, nil
}

// Read returns the distinct "q" fields of the files, in file and line
// order, read as the bot's own evaluation reads them.
func Read(files []string) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	for _, name := range files {
		cases, err := evalset.ReadFile(name)
		if err != nil {
			return nil, err
		}
		for _, c := range cases {
			// One question a line on stdin: a question with a line break
			// would be two.
			q := strings.Join(strings.Fields(c.Question), " ")
			if q != "" && !seen[q] {
				seen[q] = true
				out = append(out, q)
			}
		}
	}
	return out, nil
}

// Generate returns n questions: round r of the base questions is variant
// r of each of them, round 0 the questions as they are.
func Generate(base []string, n int) []string {
	out := make([]string, 0, n)
	for r := 0; len(out) < n; r++ {
		for _, q := range base {
			if len(out) == n {
				break
			}
			out = append(out, Vary(q, r))
		}
	}
	return out
}

// Vary returns variant v of q: v cycles through four cases (as typed, all
// lower, first letter capitalised, all upper), then three endings (as
// typed, trailing punctuation dropped, a question mark), then with or
// without two adjacent letters swapped in one word of five letters or
// more, chosen by a hash of q and v.
func Vary(q string, v int) string {
	switch v % 4 {
	case 1:
		q = strings.ToLower(q)
	case 2:
		r, size := utf8.DecodeRuneInString(q)
		q = string(unicode.ToUpper(r)) + q[size:]
	case 3:
		q = strings.ToUpper(q)
	}
	switch v / 4 % 3 {
	case 1:
		q = strings.TrimRight(q, "?!. ")
	case 2:
		q = strings.TrimRight(q, "?!. ") + "?"
	}
	if v/12%2 == 1 {
		q = typo(q, v)
	}
	return q
}

// typo swaps two adjacent letters inside one long ASCII word of q.
func typo(q string, v int) string {
	words := strings.Split(q, " ")
	var long []int
	for i, w := range words {
		if len(w) >= 5 && isLetters(w) {
			long = append(long, i)
		}
	}
	if len(long) == 0 {
		return q
	}
	h := fnv.New32a()
	fmt.Fprintf(h, "%d %s", v, q)
	sum := h.Sum32()
	i := long[sum%uint32(len(long))]
	w := []byte(words[i])
	k := 1 + int(sum/7)%(len(w)-2) // never the first letter
	w[k], w[k+1] = w[k+1], w[k]
	words[i] = string(w)
	return strings.Join(words, " ")
}

func isLetters(w string) bool {
	for i := 0; i < len(w); i++ {
		if c := w[i] | 0x20; c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}
