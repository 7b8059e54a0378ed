// Package evalset reads question files with checks on the answers (the
// format of the shared evaluation set) and scores answers against them.
package evalset

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"sort"
	"strings"
)

// Case is one question with the checks its answer must pass.
type Case struct {
	ID       string   `json:"id"`
	Category string   `json:"cat"`
	Question string   `json:"q"`
	Kind     string   `json:"kind"` // "answer" or "refuse"
	All      []string `json:"all"`
	Any      []string `json:"any"`
	None     []string `json:"none"`
	// Lang is the question's language; LangCheck a pattern only an answer
	// in that language matches, case-insensitively.
	Lang      string `json:"lang"`
	LangCheck string `json:"lang_check"`

	all, any, none []*regexp.Regexp
	lang           *regexp.Regexp
}

// Read parses a question file, one JSON object a line; blank lines are
// skipped. Errors name the line and what is wrong with it.
func Read(r io.Reader) ([]Case, error) {
	var cases []Case
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var c Case
		dec := json.NewDecoder(strings.NewReader(line))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&c); err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		if err := c.compile(); err != nil {
			return nil, fmt.Errorf("line %d (%s): %w", n, c.ID, err)
		}
		cases = append(cases, c)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read questions: %w", err)
	}
	return cases, nil
}

// ReadFile reads the question file at path.
func ReadFile(path string) ([]Case, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	cases, err := Read(f)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return cases, nil
}

func (c *Case) compile() error {
	if c.Question == "" {
		return errors.New(`"q" is empty`)
	}
	if c.Kind != "answer" && c.Kind != "refuse" {
		return fmt.Errorf(`"kind" is %q; want "answer" or "refuse"`, c.Kind)
	}
	var err error
	if c.all, err = compileAll(c.All, "(?i)"); err != nil {
		return err
	}
	if c.any, err = compileAll(c.Any, "(?i)"); err != nil {
		return err
	}
	if c.none, err = compileAll(c.None, ""); err != nil {
		return err
	}
	if c.LangCheck != "" {
		if c.lang, err = regexp.Compile("(?i)" + c.LangCheck); err != nil {
			return fmt.Errorf("lang_check %q: %w", c.LangCheck, err)
		}
	}
	return nil
}

func compileAll(patterns []string, flags string) ([]*regexp.Regexp, error) {
	var out []*regexp.Regexp
	for _, p := range patterns {
		re, err := regexp.Compile(flags + p)
		if err != nil {
			return nil, fmt.Errorf("pattern %q: %w", p, err)
		}
		out = append(out, re)
	}
	return out, nil
}

// Check returns what is wrong with an answer (its text and route), or
// nothing when it passes: kind "answer" must not be refused and match every
// "all" pattern and one "any" pattern, case-insensitively; kind "refuse"
// must be refused; no "none" pattern may match, case-sensitively; with a
// "lang_check", the answer, whatever its kind, must be in the question's
// language.
func (c Case) Check(text, route string) []string {
	var problems []string
	if c.lang != nil && !c.lang.MatchString(text) {
		problems = append(problems, fmt.Sprintf("not in %s", c.Lang))
	}
	if c.Kind == "refuse" && route != "refused" {
		problems = append(problems, fmt.Sprintf("route %q, want refused", route))
	}
	if c.Kind == "answer" {
		if route == "refused" {
			problems = append(problems, "refused, want an answer")
		}
		for _, re := range c.all {
			if !re.MatchString(text) {
				problems = append(problems, fmt.Sprintf("missing %s", strings.TrimPrefix(re.String(), "(?i)")))
			}
		}
		if len(c.any) > 0 && !anyMatch(c.any, text) {
			problems = append(problems, fmt.Sprintf("matches none of %q", c.Any))
		}
	}
	for _, re := range c.none {
		if re.MatchString(text) {
			problems = append(problems, fmt.Sprintf("must not match %s", re))
		}
	}
	return problems
}

func anyMatch(res []*regexp.Regexp, text string) bool {
	for _, re := range res {
		if re.MatchString(text) {
			return true
		}
	}
	return false
}

// Score counts passes by category.
type Score struct {
	Passed, Total map[string]int
}

// Add records one case's result.
func (s *Score) Add(category string, passed bool) {
	if s.Total == nil {
		s.Passed, s.Total = map[string]int{}, map[string]int{}
	}
	s.Total[category]++
	if passed {
		s.Passed[category]++
	}
}

// Write prints one line a category and a total, and when questions in
// other languages are among them, the total without them: the English
// stage is judged on that.
func (s Score) Write(w io.Writer) {
	cats := make([]string, 0, len(s.Total))
	for c := range s.Total {
		cats = append(cats, c)
	}
	sort.Strings(cats)
	passed, total, passedEN, totalEN := 0, 0, 0, 0
	for _, c := range cats {
		fmt.Fprintf(w, "%-10s %3d/%-3d\n", c, s.Passed[c], s.Total[c])
		passed += s.Passed[c]
		total += s.Total[c]
		if !Multilingual(c) {
			passedEN += s.Passed[c]
			totalEN += s.Total[c]
		}
	}
	fmt.Fprintf(w, "%-10s %3d/%-3d %5.1f%%\n", "total", passed, total, percent(passed, total))
	if totalEN != total && totalEN > 0 {
		fmt.Fprintf(w, "%-10s %3d/%-3d %5.1f%%\n", "english", passedEN, totalEN, percent(passedEN, totalEN))
	}
}

// Multilingual reports whether a category holds questions in other
// languages: "multilingual" in the mixed sets, "ml-fr" and the like.
func Multilingual(category string) bool {
	return category == "multilingual" || strings.HasPrefix(category, "ml-")
}

func percent(n, of int) float64 {
	if of == 0 {
		return 0
	}
	return 100 * float64(n) / float64(of)
}

// Failed is how many cases did not pass.
func (s Score) Failed() int {
	n := 0
	for c, t := range s.Total {
		n += t - s.Passed[c]
	}
	return n
}
