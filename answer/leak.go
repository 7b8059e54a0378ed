package answer

import (
	"strings"
	"unicode"

	"github.com/coalitionbot/coalitionbot/knowledge"
)

// A model talked into giving its instructions away rarely copies them
// exactly: it changes words, case and punctuation, or restates the rules
// in its own words. The guard looks for three signs, each ignoring what the
// passages and the question already say (an answer may repeat those):
//   - shingles, runs of leakShingle words, of the system prompt: an exact
//     echo has all of them, an echo with every sixth word changed half;
//   - the prompt's own vocabulary: a restatement of the rules is made of
//     words such as "passages", "cite", "instructions", "reveal";
//   - markers, tokens mixing letters and digits such as a canary an
//     operator planted in the prompt.
const (
	// leakShingle words make a shingle: short enough that light edits leave
	// many intact, long enough that an answer shares few with the prompt.
	leakShingle = 3
	// leakShingles of the prompt's shingles in an answer give it away.
	leakShingles = 6
	// An answer with at least leakWords distinct content words of the
	// prompt, making up at least leakWordShare of its content words, is
	// restating the prompt.
	leakWords     = 5
	leakWordShare = 0.3
	// While the answer is being written, what it will become is unknown:
	// text is shown only while it has fewer of the prompt's shingles and
	// words than this, so the start of an echo never is.
	suspectShingles = 2
	suspectWords    = 3
)

// leakGuard holds what of a system prompt the checks look for. It is built
// once per prompt text.
type leakGuard struct {
	system   string
	shingles map[string]bool
	stems    map[string]bool // of the prompt's content words
	markers  []string
}

func newLeakGuard(system string) *leakGuard {
	g := &leakGuard{system: system, shingles: map[string]bool{}, stems: map[string]bool{}}
	words := knowledge.Words(system)
	for i := 0; i+leakShingle <= len(words); i++ {
		g.shingles[strings.Join(words[i:i+leakShingle], " ")] = true
	}
	for _, w := range words {
		if contentWord(w) {
			g.stems[knowledge.Stem(w)] = true
		}
	}
	for _, w := range strings.Fields(strings.ToLower(system)) {
		if w = strings.Trim(w, `.,;:!?"'()[]`); isMarker(w) {
			g.markers = append(g.markers, w)
		}
	}
	return g
}

// contentWord reports whether w says something: not a stop word, not a
// number, not a letter or two.
func contentWord(w string) bool {
	return len(w) > 2 && !knowledge.IsStopWord(w) && !strings.ContainsFunc(w, unicode.IsDigit)
}

// said is what the question and the passages of one answer already say,
// which the answer may repeat without giving the prompt away: their stems
// and shingles, and their text for markers. It is read once a question and
// serves every scan of the answer (while streaming, and at the end).
type said struct {
	known map[string]bool
	text  string
}

func alreadySaid(question string, passages []Source) *said {
	s := &said{known: map[string]bool{}}
	texts := []string{question}
	for _, p := range passages {
		texts = append(texts, p.Text)
	}
	for _, t := range texts {
		words := knowledge.Words(t)
		for i, w := range words {
			s.known[knowledge.Stem(w)] = true
			if i+leakShingle <= len(words) {
				s.known[strings.Join(words[i:i+leakShingle], " ")] = true
			}
		}
	}
	s.text = strings.ToLower(strings.Join(texts, "\n"))
	return s
}

// leakScan checks one answer, fed in order in pieces that end between
// words, so each word is looked at once however the answer arrives.
type leakScan struct {
	g          *leakGuard
	said       *said
	window     []string        // the last leakShingle-1 words
	shingles   map[string]bool // the prompt's, found in the answer
	stems      map[string]bool // the prompt's content stems, found in the answer
	content    map[string]bool // the answer's content stems
	markerSeen bool
}

// scan starts checking an answer to a question whose passages and words
// are s.
func (g *leakGuard) scan(s *said) *leakScan {
	return &leakScan{g: g, said: s, shingles: map[string]bool{}, stems: map[string]bool{}, content: map[string]bool{}}
}

// write adds the next piece of the answer.
func (s *leakScan) write(text string) {
	for _, w := range knowledge.Words(text) {
		s.window = append(s.window, w)
		if len(s.window) == leakShingle {
			if sh := strings.Join(s.window, " "); s.g.shingles[sh] && !s.said.known[sh] {
				s.shingles[sh] = true
			}
			s.window = append(s.window[:0], s.window[1:]...)
		}
		if contentWord(w) {
			st := knowledge.Stem(w)
			s.content[st] = true
			if s.g.stems[st] && !s.said.known[st] {
				s.stems[st] = true
			}
		}
	}
	if len(s.g.markers) > 0 && !s.markerSeen {
		lower := strings.ToLower(text)
		for _, m := range s.g.markers {
			if strings.Contains(lower, m) && !strings.Contains(s.said.text, m) {
				s.markerSeen = true
			}
		}
	}
}

// leaked reports whether the answer so far gives the prompt away.
func (s *leakScan) leaked() bool {
	return s.markerSeen || len(s.shingles) >= leakShingles ||
		(len(s.stems) >= leakWords && float64(len(s.stems)) >= leakWordShare*float64(len(s.content)))
}

// suspect reports whether the answer so far may be the start of a leak:
// too close to the prompt to show before the whole answer is checked.
func (s *leakScan) suspect() bool {
	return s.leaked() || len(s.shingles) >= suspectShingles || len(s.stems) >= suspectWords
}

func isMarker(w string) bool {
	if len(w) < 6 {
		return false
	}
	letters, digits := false, false
	for _, r := range w {
		letters = letters || unicode.IsLetter(r)
		digits = digits || unicode.IsDigit(r)
	}
	return letters && digits
}
