package main

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/coalitionbot/coalitionbot/answer"
	"github.com/coalitionbot/coalitionbot/internal/evalset"
)

// TestEvalSets runs every question file under testdata/eval (the shared set
// and the project's own set of other phrasings) and requires every question
// to pass, offline.
func TestEvalSets(t *testing.T) {
	a := newTestApp(t)
	files, err := filepath.Glob("testdata/eval/*.jsonl")
	if err != nil || len(files) == 0 {
		t.Fatalf("no question files in testdata/eval: %v", err)
	}
	for _, file := range files {
		f, err := os.Open(file)
		if err != nil {
			t.Fatal(err)
		}
		cases, err := evalset.Read(f)
		f.Close()
		if err != nil {
			t.Fatalf("read %s: %v", file, err)
		}
		for _, c := range cases {
			t.Run(filepath.Base(file)+"/"+c.ID, func(t *testing.T) {
				ans, err := a.pipeline.Answer(context.Background(), answer.Question{Text: c.Question})
				if err != nil {
					t.Fatalf("Answer(%q) error = %v", c.Question, err)
				}
				if problems := c.Check(ans.Text, string(ans.Route)); len(problems) > 0 {
					t.Errorf("Answer(%q) = %q (route %s): %v", c.Question, ans.Text, ans.Route, problems)
				}
			})
		}
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
