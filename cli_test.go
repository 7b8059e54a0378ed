package main

import (
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"regexp"
	"runtime/debug"
	"slices"
	"strings"
	"testing"
)

// Every subcommand answers -h and --help with its own usage on stdout and
// exit status 0, even when the config is broken; so does help COMMAND.
func TestHelpOnEverySubcommand(t *testing.T) {
	broken := map[string]string{"LOG_LEVEL": "loud"}
	for _, cmd := range subcommands() {
		for _, arg := range []string{"-h", "--help"} {
			t.Run(cmd.name+" "+arg, func(t *testing.T) {
				out, errOut, err := runCLI(t, "", broken, cmd.name, arg)
				if err != nil || errOut != "" {
					t.Fatalf("%s %s = %v, stderr %q; want exit 0 and nothing on stderr", cmd.name, arg, err, errOut)
				}
				if !strings.HasPrefix(out, "usage: coalitionbot "+cmd.name) || !strings.Contains(out, cmd.summary) {
					t.Errorf("%s %s printed %q, want its usage", cmd.name, arg, out)
				}
				if help, _, _ := runCLI(t, "", nil, "help", cmd.name); help != out {
					t.Errorf("help %s = %q, want what %s %s prints", cmd.name, help, cmd.name, arg)
				}
			})
		}
	}
	out, _, _ := runCLI(t, "", nil, "ask", "-h")
	for _, f := range []string{"-json", "-no-llm", "-lang"} {
		if !strings.Contains(out, "  "+f) {
			t.Errorf("ask -h = %q, want it to list %s", out, f)
		}
	}
	for _, args := range [][]string{{"-h"}, {"--help"}, {"help"}} {
		out, _, err := runCLI(t, "", broken, args...)
		if err != nil || !strings.HasPrefix(out, "usage: coalitionbot COMMAND") {
			t.Errorf("run(%q) = %v, %q; want the usage on stdout and exit 0", args, err, out)
		}
	}
	if _, _, err := runCLI(t, "", nil, "help", "frobnicate"); exitCode(err) != 2 {
		t.Errorf("help frobnicate = %v, want a usage error", err)
	}
}

// Flags may come after the question, and `--` ends them.
func TestFlagsAnywhere(t *testing.T) {
	t.Run("ask QUESTION --json", func(t *testing.T) {
		out, _, err := runCLI(t, "", nil, "ask", "Who represents Italy?", "--json")
		var r askResult
		if err != nil || json.Unmarshal([]byte(out), &r) != nil || !strings.Contains(r.Answer, "Meloni") {
			t.Errorf("ask \"Who represents Italy?\" --json = %v, %q; want one JSON answer naming Meloni", err, out)
		}
	})
	t.Run("ask words --lang fr", func(t *testing.T) {
		out, _, err := runCLI(t, "", nil, "ask", "Who", "represents", "Italy", "--lang", "fr")
		if err != nil || !strings.Contains(out, "Italie") {
			t.Errorf("ask Who represents Italy --lang fr = %v, %q; want the answer in French", err, out)
		}
	})
	t.Run("members FILTER --json", func(t *testing.T) {
		out, _, err := runCLI(t, "", nil, "members", "Italy", "--json")
		var r responseJSON
		if err != nil || json.Unmarshal([]byte(out), &r) != nil || !strings.Contains(out, "Meloni") {
			t.Errorf("members Italy --json = %v, %q; want JSON naming Meloni", err, out)
		}
	})
	t.Run("-- ends the flags", func(t *testing.T) {
		out, _, err := runCLI(t, "", nil, "ask", "--", "-h")
		if err != nil || strings.Contains(out, "usage:") {
			t.Errorf("ask -- -h = %v, %q; want -h taken as the question", err, out)
		}
	})
}

func TestEndedFlags(t *testing.T) {
	fs := flag.NewFlagSet("ask", flag.ContinueOnError)
	fs.Bool("json", false, "")
	fs.String("lang", "", "")
	tests := []struct {
		consumed []string
		want     bool
	}{
		{[]string{"--json"}, false},
		{[]string{"--json", "--"}, true},
		{[]string{"--"}, true},
		{[]string{"--lang", "--"}, false},
		{[]string{"--lang", "--", "--"}, true},
		{[]string{"--lang=fr", "--"}, true},
		{[]string{"-json=true", "--"}, true},
	}
	for _, tt := range tests {
		if got := endedFlags(fs, tt.consumed); got != tt.want {
			t.Errorf("endedFlags(%q) = %v, want %v", tt.consumed, got, tt.want)
		}
	}
}

// Messages name the program as it was run, and `go run .` when go run
// built it, in a temporary directory or in the build cache.
func TestProgramName(t *testing.T) {
	tests := []struct{ arg0, want string }{
		{"/tmp/go-build2914855073/b001/exe/coalitionbot", "go run ."},
		{"/home/ada/.cache/tmp/go-build1/b001/exe/coalitionbot", "go run ."},
		{"/root/.cache/go-build/29/29cdc4f44a539e5d4af60434ab6e45bff6a35aac9698b199ef350ce47e9f3e74-d/coalitionbot", "go run ."}, // cached since Go 1.24
		{"/home/ada/bin/29/29cdc4f4-d/coalitionbot", "coalitionbot"},
		{"/usr/local/bin/coalitionbot", "coalitionbot"},
		{"/home/ada/go/bin/cbot", "cbot"},
		{"./coalitionbot", "coalitionbot"},
		{"/srv/exe/coalitionbot", "coalitionbot"},
		{"", "coalitionbot"},
	}
	for _, tt := range tests {
		if got := invokedAs(tt.arg0); got != tt.want {
			t.Errorf("invokedAs(%q) = %q, want %q", tt.arg0, got, tt.want)
		}
	}
	for _, tt := range []struct {
		arg0, want string
		args       []string
	}{
		{"/tmp/go-build1/b001/exe/coalitionbot", "usage: go run . ask", []string{"ask"}},
		{"/usr/bin/cbot", "usage: cbot ask", []string{"ask"}},
		{"/tmp/go-build1/b001/exe/coalitionbot", "`go run . ask", []string{"bot"}},
		{"/usr/bin/cbot", "`cbot ask", []string{"serve"}},
	} {
		var out, errOut strings.Builder
		err := run(t.Context(), append([]string{tt.arg0}, tt.args...), mapEnv(nil), strings.NewReader(""), &out, &errOut)
		if got := errOut.String() + err.Error(); !strings.Contains(got, tt.want) {
			t.Errorf("run(%q) said %q, want it to contain %q", append([]string{tt.arg0}, tt.args...), got, tt.want)
		}
	}
}

// `go run .` itself: the temporary binary calls itself `go run .`.
func TestGoRunNamesItself(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the whole binary; skipped with -short")
	}
	cmd := exec.Command("go", "run", ".", "help")
	cmd.Env = append(os.Environ(), "NO_COLOR=1")
	out, err := cmd.Output()
	if err != nil || !strings.Contains(string(out), "usage: go run . COMMAND") {
		t.Errorf("go run . help = %v\n%s\nwant its usage to say `go run .`", err, out)
	}
}

func TestResolveVersion(t *testing.T) {
	vcs := func(settings ...string) *debug.BuildInfo {
		info := &debug.BuildInfo{Main: debug.Module{Path: "github.com/coalitionbot/coalitionbot", Version: "(devel)"}}
		for i := 0; i+1 < len(settings); i += 2 {
			info.Settings = append(info.Settings, debug.BuildSetting{Key: settings[i], Value: settings[i+1]})
		}
		return info
	}
	installed := vcs()
	installed.Main.Version = "v1.4.0" // as `go install …@v1.4.0` records it
	tests := []struct {
		name, stamped string
		info          *debug.BuildInfo
		want          string
	}{
		{"stamped with -ldflags", "v2.0.0-rc1", installed, "v2.0.0-rc1"},
		{"go install @version", "dev", installed, "v1.4.0"},
		{"a checkout with VCS stamping", "dev", vcs("vcs.revision", "0123456789abcdef0123", "vcs.modified", "true"), "0123456789ab-dirty"},
		{"a clean checkout", "dev", vcs("vcs.revision", "0123456789abcdef0123", "vcs.modified", "false"), "0123456789ab"},
		{"nothing recorded", "dev", vcs(), "dev"},
		{"no build info", "dev", nil, "dev"},
	}
	for _, tt := range tests {
		if got := resolveVersion(tt.stamped, tt.info); got != tt.want {
			t.Errorf("%s: resolveVersion(%q, …) = %q, want %q", tt.name, tt.stamped, got, tt.want)
		}
	}
}

func TestVersionCommand(t *testing.T) {
	want := "coalitionbot " + buildVersion() + "\n"
	for _, args := range [][]string{{"--version"}, {"version"}, {"-version"}} {
		out, _, err := runCLI(t, "", map[string]string{"LOG_LEVEL": "loud"}, args...)
		if err != nil || out != want {
			t.Errorf("run(%q) = %v, %q; want %q", args, err, out, want)
		}
	}
	if _, _, err := runCLI(t, "", nil, "version", "now"); exitCode(err) != 2 {
		t.Errorf("version now = %v, want a usage error", err)
	}
}

// help lists every variable the config reads, with what .env.example says
// of it; the list is read off the config, not kept by hand.
func TestHelpListsEveryVariable(t *testing.T) {
	out, _, err := runCLI(t, "", nil, "help")
	if err != nil {
		t.Fatalf("help error = %v", err)
	}
	vars := configVariables()
	src, err := os.ReadFile("config.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range regexp.MustCompile(`l\.\w+\("([A-Z_]+)"`).FindAllStringSubmatch(string(src), -1) {
		if !slices.Contains(vars, m[1]) {
			t.Errorf("configVariables() = %q lacks %s, which config.go reads", vars, m[1])
		}
	}
	if len(vars) < 20 {
		t.Errorf("configVariables() = %q, want every variable config.go reads", vars)
	}
	for _, name := range vars {
		if !regexp.MustCompile(`(?m)^  (\S+  )*` + name + `(=\S*)?(  |$)`).MatchString(out) {
			t.Errorf("help does not list %s:\n%s", name, out)
		}
	}
	if strings.Contains(out, "Not in .env.example") {
		t.Errorf("help lists variables .env.example does not document:\n%s", out)
	}
	for _, g := range parseEnvExample(envExample) {
		if len(g.doc) > 0 && !strings.Contains(out, "      "+g.doc[0]+"\n") {
			t.Errorf("help does not show .env.example's note %q", g.doc[0])
		}
	}
}

// A variable the config reads is listed even when the example does not
// document it, and one the config does not read is left out.
func TestPrintEnvironment(t *testing.T) {
	const example = "# --- Logs ---\n# debug or info\nLOG_LEVEL=info\n# Gone.\nOLD_VAR=1\n"
	var b strings.Builder
	printEnvironment(&b, example, []string{"LOG_LEVEL", "NEW_VAR"})
	out := b.String()
	for _, want := range []string{"\nLogs\n  LOG_LEVEL=info\n      debug or info\n", "\nNot in .env.example\n  NEW_VAR\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("printEnvironment() = %q, want it to contain %q", out, want)
		}
	}
	if strings.Contains(out, "OLD_VAR") || strings.Contains(out, "Gone.") {
		t.Errorf("printEnvironment() = %q, lists a variable the config does not read", out)
	}
}

func TestParseEnvExample(t *testing.T) {
	const text = `# header, about the file

# --- Discord ---------
# The token.
DISCORD_TOKEN=
# Sharding,
# over two lines.
SHARD_ID=0
SHARD_COUNT=1

# a setting left commented out
#NOT_A_VAR=1

# --- Logs ---
LOG_LEVEL=info
`
	got := parseEnvExample(text)
	want := []envGroup{
		{"Discord", []string{"The token."}, []string{"DISCORD_TOKEN="}},
		{"Discord", []string{"Sharding,", "over two lines."}, []string{"SHARD_ID=0", "SHARD_COUNT=1"}},
		{"Logs", nil, []string{"LOG_LEVEL=info"}},
	}
	if len(got) != len(want) {
		t.Fatalf("parseEnvExample() = %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i].section != want[i].section || !slices.Equal(got[i].doc, want[i].doc) || !slices.Equal(got[i].vars, want[i].vars) {
			t.Errorf("group %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}
