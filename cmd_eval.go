package main

import (
	"context"
	"fmt"

	"github.com/coalitionbot/coalitionbot/answer"
	"github.com/coalitionbot/coalitionbot/internal/evalset"
)

// eval scores the pipeline on a question file and prints per-category
// scores, with each failure and why. It fails when any question does.
func (e *cliEnv) eval(ctx context.Context, args []string) error {
	c := e.commandLine("eval")
	noLLM := c.Bool("no-llm", false, "answer without the LLM even when one is configured")
	args, err := c.parse(args)
	if err != nil {
		return err
	}
	if len(args) != 1 {
		return c.usageError("eval takes one question file")
	}
	if err := e.configure(); err != nil {
		return err
	}
	cases, err := evalset.ReadFile(args[0])
	if err != nil {
		return fmt.Errorf("eval: %w", err)
	}
	a, err := e.newApp(e.logger(), !*noLLM, nil)
	if err != nil {
		return err
	}
	var score evalset.Score
	for _, c := range cases {
		ans, err := a.pipeline.Answer(ctx, answer.Question{Text: c.Question, UserID: "eval"})
		problems := c.Check(ans.Text, string(ans.Route))
		if err != nil {
			problems = append(problems, err.Error())
		}
		score.Add(c.Category, len(problems) == 0)
		if len(problems) > 0 {
			fmt.Fprintf(e.stdout, "FAIL %s %q (%s): %v\n     answer: %q\n", c.ID, c.Question, ans.Route, problems, ans.Text)
		}
	}
	score.Write(e.stdout)
	if n := score.Failed(); n > 0 {
		return fmt.Errorf("eval: %d of %d questions failed", n, len(cases))
	}
	return nil
}
