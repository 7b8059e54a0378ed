package main

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/coalitionbot/coalitionbot/answer"
	"github.com/coalitionbot/coalitionbot/internal/evalset"
	"github.com/coalitionbot/coalitionbot/internal/fakeopenai"
)

// `LLM_BASE_URL=... ask --json` against an OpenAI-compatible server:
// curated and off-topic questions make no request, others are answered by
// the model with sources, and what it says is sanitised.
func TestAskJSONWithLLM(t *testing.T) {
	srv := fakeopenai.New(t, fakeopenai.WithRespond(func(r fakeopenai.Request) fakeopenai.Reply {
		return fakeopenai.Reply{Text: "It was the third meeting [1]. @everyone see https://evil.example <@&1>"}
	}))
	in := "Who represents Italy?\nWhat is the capital of Australia?\nWhat did Starmer do with world leaders in Paris?\n"
	out, _, err := runCLI(t, in, map[string]string{"LLM_BASE_URL": srv.URL, "LLM_MODEL": "local"}, "ask", "--json")
	if err != nil {
		t.Fatalf("ask --json error = %v", err)
	}
	var got []askResult
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var r askResult
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("line %q: %v", line, err)
		}
		got = append(got, r)
	}
	if len(got) != 3 || got[0].Route != "curated" || got[1].Route != "refused" || got[2].Route != "llm" {
		t.Fatalf("routes = %+v, want curated, refused, llm", got)
	}
	if len(got[2].Sources) == 0 || strings.Contains(got[2].Answer, "@everyone") || strings.Contains(got[2].Answer, "evil.example") || strings.Contains(got[2].Answer, "<@&") {
		t.Errorf("llm answer = %+v, want sources and no mention or foreign link", got[2])
	}
	if n := len(srv.Requests()); n != 1 {
		t.Errorf("requests to the model = %d, want 1 (curated and off-topic make none)", n)
	}
	if r := srv.Requests()[0]; r.Authorization != "" || r.Model != "local" {
		t.Errorf("request = %+v, want model local and no key", r)
	}
}

// TestTokensPerQuestion measures what the question sets cost with the LLM
// on: curated and refused answers nothing, the others one prompt each
// within the budget. The figures are in the README.
func TestTokensPerQuestion(t *testing.T) {
	srv := fakeopenai.New(t, fakeopenai.WithRespond(func(r fakeopenai.Request) fakeopenai.Reply {
		return fakeopenai.Reply{Text: "According to the article, this is so [1]."}
	}))
	var cases []evalset.Case
	for _, name := range []string{"testdata/eval/shared.jsonl", "testdata/eval/extra.jsonl"} {
		cs, err := evalset.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		cases = append(cases, cs...)
	}
	env := &cliEnv{cfg: testConfig(t, map[string]string{"LLM_BASE_URL": srv.URL}), stderr: os.Stderr}
	a, err := env.newApp(discardLogger(), true, nil)
	if err != nil {
		t.Fatal(err)
	}
	byRoute := map[string]int{}
	for _, c := range cases {
		before := len(srv.Requests())
		ans, err := a.pipeline.Answer(t.Context(), answer.Question{Text: c.Question, UserID: c.ID})
		if err != nil {
			t.Fatal(err)
		}
		byRoute[string(ans.Route)]++
		calls := len(srv.Requests()) - before
		if (ans.Route == "curated" || ans.Route == "refused") && calls != 0 {
			t.Errorf("%s (%s) made %d model calls, want 0", c.ID, ans.Route, calls)
		}
	}
	prompt, completion := srv.Tokens()
	calls := len(srv.Requests())
	for _, r := range srv.Requests() {
		if r.PromptTokens > 1200 {
			t.Errorf("a prompt of %d tokens, want at most 1200", r.PromptTokens)
		}
	}
	t.Logf("%d questions, routes %v: %d model calls, %d prompt + %d completion tokens (%.0f tokens a question overall)",
		len(cases), byRoute, calls, prompt, completion, float64(prompt+completion)/float64(len(cases)))
}
