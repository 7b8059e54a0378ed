package main

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/coalitionbot/coalitionbot/answer"
	"github.com/coalitionbot/coalitionbot/internal/evalset"
)

// floors are the shares of a question file that must pass, for the files
// of questions as people type them (dev.jsonl, from the shared sets, and
// casual.jsonl and casual-2.jsonl, the project's own); every other file
// must pass whole. Questions in other languages (dev_multilingual.jsonl,
// and the multilingual category of dev.jsonl) are held to
// multilingualFloor, counted apart from the file's English questions.
var floors = map[string]float64{"dev.jsonl": 0.95, "casual.jsonl": 0.95, "casual-2.jsonl": 0.95}

const multilingualFloor = 0.9

// TestEvalSets runs every question file under testdata/eval offline and
// requires each to pass: whole, or to its floor.
func TestEvalSets(t *testing.T) {
	a := newTestApp(t)
	files, err := filepath.Glob("testdata/eval/*.jsonl")
	if err != nil || len(files) == 0 {
		t.Fatalf("no question files in testdata/eval: %v", err)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			cases, err := evalset.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			// score counts one kind of question of the file: English, or
			// in other languages.
			type score struct {
				passed, asked int
				floor         float64
				partial       bool
			}
			floor, partial := floors[filepath.Base(file)]
			english, other := &score{floor: floor, partial: partial}, &score{floor: multilingualFloor, partial: true}
			for _, c := range cases {
				s := english
				if evalset.Multilingual(c.Category) {
					s = other
				}
				s.asked++
				problems := []string{}
				ans, err := a.pipeline.Answer(context.Background(), answer.Question{Text: c.Question})
				if err != nil {
					problems = append(problems, err.Error())
				} else {
					problems = c.Check(ans.Text, string(ans.Route))
				}
				switch {
				case len(problems) == 0:
					s.passed++
				case s.partial:
					t.Logf("%s: Answer(%q) = %q (route %s): %v", c.ID, c.Question, ans.Text, ans.Route, problems)
				default:
					t.Errorf("%s: Answer(%q) = %q (route %s): %v", c.ID, c.Question, ans.Text, ans.Route, problems)
				}
			}
			for name, s := range map[string]*score{"in English": english, "in other languages": other} {
				if s.asked == 0 {
					continue
				}
				t.Logf("%d of %d questions %s pass", s.passed, s.asked, name)
				if s.partial && float64(s.passed) < s.floor*float64(s.asked) {
					t.Errorf("%d of %d questions %s pass, want at least %.0f%%", s.passed, s.asked, name, 100*s.floor)
				}
			}
		})
	}
}

// newTestApp wires the app on the embedded knowledge, offline.
func newTestApp(t *testing.T) *app {
	t.Helper()
	env := &cliEnv{cfg: testConfig(t, nil), stderr: os.Stderr}
	a, err := env.newApp(discardLogger(), false, nil)
	if err != nil {
		t.Fatalf("newApp() error = %v", err)
	}
	return a
}
