package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/coalitionbot/coalitionbot/answer"
	"github.com/coalitionbot/coalitionbot/internal/fakeopenai"
)

// styleAll writes pieces through a styler and ends the text.
func styleAll(ansi bool, pieces ...string) string {
	var b strings.Builder
	s := &styler{w: &b, ansi: ansi}
	for _, p := range pieces {
		io.WriteString(s, p)
	}
	s.end()
	return b.String()
}

// TestStyler checks Discord's bold and italics on a terminal and in plain
// text, written whole and byte by byte as a stream may deliver them.
func TestStyler(t *testing.T) {
	const b, nb, i, ni = ansiBold, ansiNotBold, ansiItalic, ansiNotItalic
	tests := []struct{ in, ansi, plain string }{
		{"**Italy 🇮🇹** is represented by **Giorgia Meloni**.", b + "Italy 🇮🇹" + nb + " is represented by " + b + "Giorgia Meloni" + nb + ".", "Italy 🇮🇹 is represented by Giorgia Meloni."},
		{"Meloni.\n_Offices as of the article, 27 March 2025._", "Meloni.\n" + i + "Offices as of the article, 27 March 2025." + ni, "Meloni.\nOffices as of the article, 27 March 2025."},
		{"snake_case and _it_, 3 * 4", "snake_case and " + i + "it" + ni + ", 3 * 4", "snake_case and it, 3 * 4"},
		{"**open", b + "open" + nb, "open"},
		{"a star*", "a star*", "a star*"},
		{"_ not italic _", "_ not italic _", "_ not italic _"},
		{"_one\ntwo_ three", i + "one" + ni + "\ntwo_ three", "one\ntwo_ three"},
		{"***x***", b + "*x" + nb + "*", "*x*"},
		{"no markdown at all", "no markdown at all", "no markdown at all"},
	}
	for _, tt := range tests {
		var bytewise []string
		for _, c := range []byte(tt.in) {
			bytewise = append(bytewise, string([]byte{c}))
		}
		for _, mode := range []struct {
			ansi bool
			want string
		}{{true, tt.ansi}, {false, tt.plain}} {
			if got := styleAll(mode.ansi, tt.in); got != mode.want {
				t.Errorf("styled(%q, ansi %v) = %q, want %q", tt.in, mode.ansi, got, mode.want)
			}
			if got := styleAll(mode.ansi, bytewise...); got != mode.want {
				t.Errorf("styled(%q, ansi %v) byte by byte = %q, want %q", tt.in, mode.ansi, got, mode.want)
			}
		}
	}
}

// Styles are for terminals (character devices) only, and NO_COLOR turns
// them off.
func TestStyledOutputs(t *testing.T) {
	devNull, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer devNull.Close()
	file, err := os.Create(filepath.Join(t.TempDir(), "out"))
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	tests := []struct {
		name string
		out  io.Writer
		env  map[string]string
		want bool
	}{
		{"character device", devNull, nil, true},
		{"character device, NO_COLOR", devNull, map[string]string{"NO_COLOR": "1"}, false},
		{"file", file, nil, false},
		{"pipe", w, nil, false},
		{"buffer", &bytes.Buffer{}, nil, false},
	}
	for _, tt := range tests {
		if got := styled(tt.out, mapEnv(tt.env)); got != tt.want {
			t.Errorf("styled(%s) = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// In a pipe the answer is plain text, with its sources one line each:
// the section and the start of the passage, not the whole passage.
func TestAskPlainWithCompactSources(t *testing.T) {
	want := askLine(t, "Who represents Italy?")
	out, _, err := runCLI(t, "", nil, "ask", "Who represents Italy?")
	if err != nil {
		t.Fatalf("ask error = %v", err)
	}
	if strings.ContainsAny(out, "*\x1b") || strings.Contains(out, "_Offices") {
		t.Errorf("ask in a pipe = %q, want plain text", out)
	}
	text, sources, ok := strings.Cut(out, "\nSources (curated):\n")
	if !ok || !strings.Contains(text, "Giorgia Meloni") {
		t.Fatalf("ask = %q, want the answer, then its sources", out)
	}
	lines := strings.Split(strings.TrimSuffix(sources, "\n"), "\n")
	if len(lines) != len(want.Sources) {
		t.Fatalf("sources = %q, want one line for each of %d sources", lines, len(want.Sources))
	}
	for i, s := range want.Sources {
		if !strings.HasPrefix(lines[i], "  ["+s.ID+"] "+s.Section+" — ") || len([]rune(lines[i])) > 120 {
			t.Errorf("source line %q, want [%s] %s — and the start of the passage", lines[i], s.ID, s.Section)
		}
	}
	// The source of the answer is the 18-line list of members.
	if strings.Contains(out, "Mitsotakis") {
		t.Errorf("ask = %q, want the source cut to one line", out)
	}
}

func TestSourceLine(t *testing.T) {
	long := strings.Repeat("word ", 30)
	tests := []struct {
		src  answer.Source
		want string
	}{
		{answer.Source{ID: "p1", Section: "Who?", Text: "The leaders include\n- A\n- B"}, "Who? — The leaders include…"},
		{answer.Source{ID: "p2", Section: "Said", Text: "One line."}, "Said — One line."},
		{answer.Source{ID: "p3", Text: long}, strings.TrimSpace(strings.Repeat("word ", 14)) + "…"},
	}
	for _, tt := range tests {
		if got := sourceLine(tt.src); got != tt.want {
			t.Errorf("sourceLine(%+v) = %q, want %q", tt.src, got, tt.want)
		}
	}
}

// An LLM answer streamed to a terminal is styled as it arrives, markers
// split across chunks included.
func TestAskStreamStyled(t *testing.T) {
	srv := fakeopenai.New(t, fakeopenai.WithRespond(func(r fakeopenai.Request) fakeopenai.Reply {
		return fakeopenai.Reply{Text: "It was the **third meeting** of the leaders [1].", Chunks: 9}
	}))
	var out bytes.Buffer
	e := &cliEnv{prog: "coalitionbot", getenv: mapEnv(map[string]string{"LLM_BASE_URL": srv.URL}), stdin: strings.NewReader(""), stdout: &out, stderr: io.Discard, styled: true}
	if err := e.ask(t.Context(), []string{"What did Starmer do with world leaders in Paris?"}); err != nil {
		t.Fatalf("ask error = %v", err)
	}
	if !strings.Contains(out.String(), ansiBold+"third meeting"+ansiNotBold) || strings.Contains(out.String(), "**") {
		t.Errorf("ask with the LLM on a terminal = %q, want **third meeting** in ANSI bold", out.String())
	}
}
