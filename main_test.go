package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"runtime/debug"
	"strings"
	"testing"
)

func discardLogger() *slog.Logger { return slog.New(slog.DiscardHandler) }

// testConfig loads a Config from the given variables only.
func testConfig(t *testing.T, vars map[string]string) Config {
	t.Helper()
	cfg, err := LoadConfig(mapEnv(vars))
	if err != nil {
		t.Fatalf("LoadConfig() error = %v", err)
	}
	return cfg
}

func mapEnv(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

// runCLI runs the program as a user would, with no environment but vars.
func runCLI(t *testing.T, stdin string, vars map[string]string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err = run(context.Background(), append([]string{"coalitionbot"}, args...), mapEnv(vars), strings.NewReader(stdin), &out, &errOut)
	return out.String(), errOut.String(), err
}

// askLine asks one question as `ask --json` does and returns its line.
func askLine(t *testing.T, question string) askResult {
	t.Helper()
	out, _, err := runCLI(t, question+"\n", nil, "ask", "--json")
	if err != nil {
		t.Fatalf("ask --json error = %v", err)
	}
	var r askResult
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("ask --json = %q, not JSON: %v", out, err)
	}
	return r
}

func TestAskPrintsAnswerAndSources(t *testing.T) {
	out, _, err := runCLI(t, "", nil, "ask", "Who", "represents", "Italy?")
	if err != nil {
		t.Fatalf("ask error = %v", err)
	}
	for _, want := range []string{"Meloni", "Sources (curated)", "[p"} {
		if !strings.Contains(out, want) {
			t.Errorf("ask output = %q, want it to contain %q", out, want)
		}
	}
}

func TestAskUsageErrors(t *testing.T) {
	tests := []struct {
		name, want string
		args       []string
	}{
		{"no question", "no question", []string{"ask"}},
		{"blank question", "no question", []string{"ask", "  "}},
		{"too long", "limit is 2000", []string{"ask", strings.Repeat("why ", 501)}},
		{"unknown flag", "flag provided but not defined", []string{"ask", "--nope", "x"}},
		{"no command", "no command", nil},
		{"unknown command", "unknown command", []string{"frobnicate"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := runCLI(t, "", nil, tt.args...)
			if err == nil || exitCode(err) != 2 || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("run(%q) = %v (exit %d), want a usage error mentioning %q", tt.args, err, exitCode(err), tt.want)
			}
		})
	}
}

func TestAskJSONLines(t *testing.T) {
	long := strings.Repeat("a", 2001)
	in := "Who represents Croatia?\n" + long + "\nWhat is the capital of Australia?\n\x07Is Norway\x1b in the coalition?\n@everyone <@&42> who is Macron?"
	out, _, err := runCLI(t, in, nil, "ask", "--json")
	if err != nil {
		t.Fatalf("ask --json error = %v", err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 5 {
		t.Fatalf("ask --json wrote %d lines, want 5 (one per question):\n%s", len(lines), out)
	}
	var got []askResult
	for _, l := range lines {
		var r askResult
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatalf("line %q is not JSON: %v", l, err)
		}
		got = append(got, r)
	}
	if got[0].Route != "curated" || !strings.Contains(got[0].Answer, "Plenković") || len(got[0].Sources) == 0 || got[0].Sources[0].ID == "" {
		t.Errorf("line 1 = %+v, want a curated answer naming Plenković with sources", got[0])
	}
	if got[1].Error == "" || got[1].Answer != "" {
		t.Errorf("line 2 = %+v, want an error for the over-long question", got[1])
	}
	if got[2].Route != "refused" {
		t.Errorf("line 3 route = %q, want refused", got[2].Route)
	}
	if !strings.Contains(got[3].Answer, "Norway") || strings.ContainsAny(got[3].Question+got[3].Answer, "\x07\x1b") {
		t.Errorf("line 4 = %+v, want control characters stripped and Norway answered", got[3])
	}
	for _, bad := range []string{"@everyone", "<@&"} {
		if strings.Contains(got[4].Question, bad) || strings.Contains(got[4].Answer, bad) {
			t.Errorf("line 5 = %+v, carries a working %q", got[4], bad)
		}
	}
}

func TestShowCommands(t *testing.T) {
	tests := []struct {
		args []string
		want []string
	}{
		{[]string{"members"}, []string{"Meloni", "von der Leyen", "24 of 24"}},
		{[]string{"members", "nordic"}, []string{"Kristersson", "Stubb"}},
		{[]string{"quote", "zelensky"}, []string{"reduce pressure", "on X"}},
		{[]string{"quote", "sanchez"}, []string{"no quote"}},
		{[]string{"quote"}, []string{"“"}},
		{[]string{"about"}, []string{"/members", "/ask"}},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			out, _, err := runCLI(t, "", nil, tt.args...)
			if err != nil {
				t.Fatalf("run(%q) error = %v", tt.args, err)
			}
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("run(%q) = %q, want it to contain %q", tt.args, out, w)
				}
			}
		})
	}
}

func TestShowCommandsJSON(t *testing.T) {
	out, _, err := runCLI(t, "", nil, "members", "--json", "Italy")
	if err != nil {
		t.Fatalf("members --json error = %v", err)
	}
	var r responseJSON
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("members --json = %q, not JSON: %v", out, err)
	}
	if len(r.Fields) != 1 || !strings.Contains(r.Fields[0].Value, "Meloni") || strings.Contains(r.Fields[0].Value, "Tusk") {
		t.Errorf("members --json Italy = %+v, want one field with Meloni only", r)
	}
}

// A filter or speaker that matches nobody exits with status 1, as grep
// finding nothing does, saying so on stderr; status 2 is for mistakes on
// the command line.
func TestNoMatchExitsOne(t *testing.T) {
	for _, args := range [][]string{{"members", "Atlantis"}, {"quote", "Atlantis"}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			out, _, err := runCLI(t, "", nil, args...)
			var ue *usageError
			if err == nil || exitCode(err) != 1 || errors.As(err, &ue) || !strings.Contains(err.Error(), "Atlantis") {
				t.Errorf("run(%q) error = %v (exit %d), want exit 1 naming the filter", args, err, exitCode(err))
			}
			if out != "" {
				t.Errorf("run(%q) wrote %q to stdout, want nothing", args, out)
			}
		})
	}
	if _, _, err := runCLI(t, "", nil, "members", "--nope"); exitCode(err) != 2 {
		t.Errorf("members --nope = %v (exit %d), want a usage error, exit 2", err, exitCode(err))
	}
}

func TestConfigErrorsNameTheVariable(t *testing.T) {
	tests := []map[string]string{
		{"LLM_TIMEOUT": "soon"},
		{"LLM_MAX_TOKENS": "-3"},
		{"LLM_BASE_URL": "ftp://x"},
		{"LOG_LEVEL": "loud"},
		{"SHARD_ID": "2", "SHARD_COUNT": "2"},
	}
	for _, vars := range tests {
		for name := range vars {
			if name == "SHARD_COUNT" {
				continue
			}
			t.Run(name, func(t *testing.T) {
				_, err := LoadConfig(mapEnv(vars))
				if err == nil || !strings.Contains(err.Error(), name) {
					t.Errorf("LoadConfig(%v) error = %v, want it to name %s", vars, err, name)
				}
			})
		}
	}
}

func TestConfigDefaults(t *testing.T) {
	cfg := testConfig(t, map[string]string{"LLM_API_KEY": "k"})
	if cfg.LLMBaseURL != defaultLLMBaseURL || cfg.HTTPAddr != ":8080" || cfg.ShardCount != 1 {
		t.Errorf("LoadConfig() = %+v, want OpenAI's base URL with a key alone, :8080, one shard", cfg)
	}
	if testConfig(t, nil).LLMEnabled() {
		t.Error("LLMEnabled() = true with no LLM variables, want false")
	}
}

// KNOWLEDGE_DIR's documents are answered from like the article, with their
// own passages as sources.
func TestKnowledgeDirDocumentsAreAnswered(t *testing.T) {
	out, _, err := runCLI(t, "How often will the defence chiefs meet?\n", map[string]string{"KNOWLEDGE_DIR": "knowledge/testdata/extra"}, "ask", "--json")
	if err != nil {
		t.Fatalf("ask error = %v", err)
	}
	var r askResult
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if r.Route != "retrieved" || !strings.Contains(r.Answer, "every month") || len(r.Sources) == 0 || !strings.HasPrefix(r.Sources[0].ID, "london-follow-up") {
		t.Errorf("answer = %+v, want the extra document's passage", r)
	}
	_, _, err = runCLI(t, "", map[string]string{"KNOWLEDGE_DIR": "no/such/dir"}, "ask", "hi")
	if err == nil || !strings.Contains(err.Error(), "KNOWLEDGE_DIR") {
		t.Errorf("ask with a missing KNOWLEDGE_DIR error = %v, want one naming the variable", err)
	}
}

// Start-up holds the garbage collector while the knowledge loads; it must
// give it back exactly as it was.
func TestNewAppReleasesTheCollector(t *testing.T) {
	previous := debug.SetGCPercent(73)
	limit := debug.SetMemoryLimit(1 << 40)
	defer debug.SetMemoryLimit(limit)
	newTestApp(t)
	if got := debug.SetGCPercent(previous); got != 73 {
		t.Errorf("GC percent after newApp = %d, want 73 as before", got)
	}
	if got := debug.SetMemoryLimit(-1); got != 1<<40 {
		t.Errorf("memory limit after newApp = %d, want %d as before", got, int64(1<<40))
	}
}
