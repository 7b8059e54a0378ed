package main

import (
	"bufio"
	"crypto/ed25519"
	"debug/elf"
	"encoding/hex"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// dockerfile is the parts of the Dockerfile the tests hold to account.
type dockerfile struct {
	builderImage string            // the golang image of the build stage
	finalImage   string            // the last FROM
	args         map[string]string // ARG defaults
	build        string            // the RUN line that runs go build, without RUN and its --flags
	copyBinary   string            // COPY --from=build SRC DST, as "SRC DST"
	healthcheck  string
	entrypoint   string
	cmd          string
}

func readDockerfile(t *testing.T) dockerfile {
	t.Helper()
	f, err := os.Open("Dockerfile")
	if err != nil {
		t.Fatalf("open Dockerfile: %v", err)
	}
	defer f.Close()
	d := dockerfile{args: map[string]string{}}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		instr, rest, _ := strings.Cut(line, " ")
		switch strings.ToUpper(instr) {
		case "FROM":
			image := strings.Fields(rest)[0]
			if strings.HasPrefix(image, "golang:") {
				d.builderImage = image
			}
			d.finalImage = image
		case "ARG":
			name, def, _ := strings.Cut(rest, "=")
			d.args[name] = def
		case "RUN":
			for strings.HasPrefix(rest, "--") {
				_, rest, _ = strings.Cut(rest, " ")
			}
			if strings.Contains(rest, "go build") {
				d.build = rest
			}
		case "COPY":
			if strings.HasPrefix(rest, "--from=build ") {
				d.copyBinary = strings.TrimPrefix(rest, "--from=build ")
			}
		case "HEALTHCHECK":
			d.healthcheck = rest
		case "ENTRYPOINT":
			d.entrypoint = rest
		case "CMD":
			d.cmd = rest
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("read Dockerfile: %v", err)
	}
	return d
}

// TestDockerfileShape checks what a docker build would rely on without a
// Docker engine: the builder matches go.mod's Go, the image is distroless
// and non-root, and the binary copied, run and health-checked is the one
// built.
func TestDockerfileShape(t *testing.T) {
	d := readDockerfile(t)
	mod, err := os.ReadFile("go.mod")
	if err != nil {
		t.Fatalf("read go.mod: %v", err)
	}
	goLine := regexp.MustCompile(`(?m)^go (\d+\.\d+)`).FindStringSubmatch(string(mod))
	if goLine == nil {
		t.Fatalf("go.mod has no go line")
	}
	out := outputPath(t, splitShell(t, d.build))
	tests := []struct {
		name, got, want string
	}{
		{"builder image", d.builderImage, "golang:" + goLine[1]},
		{"final image", d.finalImage, "gcr.io/distroless/static-debian12:nonroot"},
		{"binary copied from the build", d.copyBinary, out + " /coalitionbot"},
		{"entrypoint", d.entrypoint, `["/coalitionbot"]`},
		{"default command", d.cmd, `["bot"]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("Dockerfile %s = %q, want %q", tt.name, tt.got, tt.want)
			}
		})
	}
	if !strings.HasSuffix(d.healthcheck, `CMD ["/coalitionbot", "healthcheck"]`) {
		t.Errorf("Dockerfile HEALTHCHECK = %q, want the exec form running /coalitionbot healthcheck (the image has no shell)", d.healthcheck)
	}
	for _, flag := range []string{"CGO_ENABLED=0", "-trimpath", "-s -w", "-X main.version="} {
		if !strings.Contains(d.build, flag) {
			t.Errorf("Dockerfile go build = %q, want it to contain %q", d.build, flag)
		}
	}
}

// TestDockerBuild builds the binary with the Dockerfile's own command and
// checks that it is static and answers from an empty directory with an
// empty environment, as in the distroless image.
func TestDockerBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the whole binary; skipped with -short")
	}
	d := readDockerfile(t)
	words := splitShell(t, d.build)
	var env []string
	for len(words) > 0 && strings.Contains(words[0], "=") {
		env = append(env, words[0])
		words = words[1:]
	}
	args := map[string]string{"VERSION": "test-build"}
	for i, w := range words {
		words[i] = os.Expand(w, func(name string) string {
			v, ok := args[name]
			if !ok {
				t.Fatalf("Dockerfile go build uses $%s, which the test does not set", name)
			}
			return v
		})
	}
	bin := filepath.Join(t.TempDir(), "coalitionbot")
	for i, w := range words {
		if w == outputPath(t, words) {
			words[i] = bin
		}
	}
	build := exec.Command(words[0], words[1:]...)
	build.Env = append(os.Environ(), env...)
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", strings.Join(words, " "), err, out)
	}

	t.Run("static", func(t *testing.T) {
		f, err := elf.Open(bin)
		if err != nil {
			t.Fatalf("open binary: %v", err)
		}
		defer f.Close()
		for _, p := range f.Progs {
			if p.Type == elf.PT_INTERP || p.Type == elf.PT_DYNAMIC {
				t.Errorf("binary has a %v program header, want a static binary", p.Type)
			}
		}
	})
	t.Run("serve, its version and its health check", func(t *testing.T) {
		checkServe(t, bin, args["VERSION"])
	})
	t.Run("--version says the stamped version", func(t *testing.T) {
		out, err := exec.Command(bin, "--version").Output()
		if want := "coalitionbot " + args["VERSION"] + "\n"; err != nil || string(out) != want {
			t.Errorf("coalitionbot --version = %v, %q; want %q", err, out, want)
		}
	})
	t.Run("SIGTERM ends ask waiting for input", func(t *testing.T) {
		checkStopsOnSIGTERM(t, bin)
	})
	t.Run("ask with nothing around it", func(t *testing.T) {
		cmd := exec.Command(bin, "ask", "Who represents Italy?")
		cmd.Dir = t.TempDir()
		cmd.Env = []string{}
		out, err := cmd.CombinedOutput()
		if err != nil || !strings.Contains(string(out), "Meloni") {
			t.Errorf("coalitionbot ask = %v\n%s\nwant Meloni", err, out)
		}
	})
}

// checkServe runs bin as the image runs it with `serve`: it must log the
// version the build stamped, pass its own HEALTHCHECK, and exit 0 on
// SIGTERM, as `docker stop` sends.
func checkServe(t *testing.T, bin, wantVersion string) {
	t.Helper()
	pub, _, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatalf("generate key: %v", err)
	}
	cmd := exec.Command(bin, "serve")
	cmd.Dir = t.TempDir()
	cmd.Env = []string{"DISCORD_PUBLIC_KEY=" + hex.EncodeToString(pub), "HTTP_ADDR=127.0.0.1:0", "LOG_FORMAT=json"}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatalf("stderr pipe: %v", err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("start serve: %v", err)
	}
	defer cmd.Process.Kill()
	var rec struct{ Addr, Version string }
	sc := bufio.NewScanner(stderr)
	for rec.Addr == "" && sc.Scan() {
		_ = json.Unmarshal(sc.Bytes(), &rec)
	}
	if rec.Addr == "" {
		t.Fatalf("serve never logged its address")
	}
	go io.Copy(io.Discard, stderr)
	if rec.Version != wantVersion {
		t.Errorf("serve logged version %q, want the stamped %q", rec.Version, wantVersion)
	}
	check := exec.Command(bin, "healthcheck")
	check.Env = []string{"HTTP_ADDR=" + rec.Addr}
	if out, err := check.CombinedOutput(); err != nil {
		t.Errorf("healthcheck = %v\n%s, want exit 0", err, out)
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatalf("SIGTERM: %v", err)
	}
	if err := cmd.Wait(); err != nil {
		t.Errorf("serve after SIGTERM = %v, want exit 0", err)
	}
}

// checkStopsOnSIGTERM runs `ask --json` with stdin left open, as a program
// holding a conversation over pipes does, and sends it SIGTERM while it
// waits for the next line: it must exit 0 within the 10 s Docker gives a
// container, where it used to wait for stdin to close.
func checkStopsOnSIGTERM(t *testing.T, bin string) {
	t.Helper()
	cmd := exec.Command(bin, "ask", "--json")
	cmd.Dir = t.TempDir()
	cmd.Env = []string{}
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatalf("stdin pipe: %v", err)
	}
	defer stdin.Close()
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatalf("stdout pipe: %v", err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("start ask: %v", err)
	}
	defer cmd.Process.Kill()
	io.WriteString(stdin, "Who represents Italy?\n")
	if line, err := bufio.NewReader(stdout).ReadString('\n'); err != nil || !strings.Contains(line, "Meloni") {
		t.Fatalf("ask --json answered %q, %v; want Meloni", line, err)
	}
	start := time.Now()
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatalf("SIGTERM: %v", err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	select {
	case err := <-exited:
		if err != nil {
			t.Errorf("ask --json after SIGTERM = %v, want exit 0", err)
		}
		t.Logf("ask --json waiting for input exited %v after SIGTERM", time.Since(start).Round(time.Millisecond))
	case <-time.After(30 * time.Second):
		t.Errorf("ask --json still running 30 s after SIGTERM, want it gone within 10 s")
	}
}

// outputPath returns the argument of go build's -o.
func outputPath(t *testing.T, words []string) string {
	t.Helper()
	for i, w := range words {
		if w == "-o" && i+1 < len(words) {
			return words[i+1]
		}
	}
	t.Fatalf("Dockerfile go build %q has no -o", words)
	return ""
}

// splitShell splits a command line into words as sh would, for the quoting
// a Dockerfile RUN line uses: single and double quotes, no globbing.
func splitShell(t *testing.T, s string) []string {
	t.Helper()
	var words []string
	var w strings.Builder
	inWord := false
	var quote rune
	for _, r := range s {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			w.WriteRune(r)
		case r == '"' || r == '\'':
			quote, inWord = r, true
		case r == ' ' || r == '\t':
			if inWord {
				words = append(words, w.String())
				w.Reset()
				inWord = false
			}
		default:
			w.WriteRune(r)
			inWord = true
		}
	}
	if quote != 0 {
		t.Fatalf("unbalanced quotes in %q", s)
	}
	if inWord {
		words = append(words, w.String())
	}
	return words
}
