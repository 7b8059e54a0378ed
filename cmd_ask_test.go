package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coalitionbot/coalitionbot/answer"
	"github.com/coalitionbot/coalitionbot/internal/fakeopenai"
)

// countingWriter counts the writes that reach stdout.
type countingWriter struct {
	strings.Builder
	writes int
}

func (w *countingWriter) Write(p []byte) (int, error) {
	w.writes++
	return w.Builder.Write(p)
}

// failingWriter is a stdout that is gone, like a closed pipe.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("broken pipe") }

// TestAskJSONConversation drives ask --json as a program holding a
// conversation would: it sends a question and needs the answer before it
// sends the next, so an answer left in a buffer would stall both sides.
func TestAskJSONConversation(t *testing.T) {
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	done := make(chan error, 1)
	go func() {
		err := run(context.Background(), []string{"coalitionbot", "ask", "--json"}, mapEnv(nil), inR, outW, io.Discard)
		outW.CloseWithError(err)
		done <- err
	}()
	answers := bufio.NewReader(outR)
	for _, tt := range []struct{ name, question, want string }{
		{"first question", "Who represents Croatia?", "Plenković"},
		// The next question is sent in two writes: half a line waiting
		// must not hold back the answer to it.
		{"second question", "Is Norway in the coalition?", "Norway"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			half := len(tt.question) / 2
			for _, part := range []string{tt.question[:half], tt.question[half:] + "\n"} {
				if _, err := io.WriteString(inW, part); err != nil {
					t.Fatalf("write question: %v", err)
				}
			}
			line := readLine(t, answers)
			var res askResult
			if err := json.Unmarshal([]byte(line), &res); err != nil {
				t.Fatalf("answer line %q is not JSON: %v", line, err)
			}
			if res.Question != tt.question || !strings.Contains(res.Answer, tt.want) {
				t.Errorf("answer = %+v, want one to %q naming %q", res, tt.question, tt.want)
			}
		})
	}
	inW.Close()
	if err := <-done; err != nil {
		t.Errorf("ask --json error = %v", err)
	}
}

// readLine reads one answer line. If the answer is never flushed the
// conversation deadlocks; the guard turns that hang into a failure rather
// than measuring any speed.
func readLine(t *testing.T, r *bufio.Reader) string {
	t.Helper()
	got := make(chan string, 1)
	go func() {
		line, _ := r.ReadString('\n')
		got <- line
	}()
	select {
	case line := <-got:
		return line
	case <-time.After(time.Minute):
		t.Fatal("no answer line while the next question waits: the answer was not flushed")
		return ""
	}
}

// TestAskJSONBatch checks that a file of questions gets every answer, in
// far fewer writes than lines: one per buffer filled, and one more when
// the last line, unended, is read on its own.
func TestAskJSONBatch(t *testing.T) {
	var questions []string
	for range 5 {
		questions = append(questions, "Who represents Croatia?", "Who represents Italy?", "What is the capital of Australia?", "Is Norway in the coalition?")
	}
	for _, tt := range []struct {
		name  string
		input string
		extra int
	}{
		{"last line ended", strings.Join(questions, "\n") + "\n", 0},
		{"last line unended", strings.Join(questions, "\n"), 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var out countingWriter
			err := run(context.Background(), []string{"coalitionbot", "ask", "--json"}, mapEnv(nil), strings.NewReader(tt.input), &out, io.Discard)
			if err != nil {
				t.Fatalf("ask --json error = %v", err)
			}
			lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
			if len(lines) != len(questions) {
				t.Fatalf("ask --json wrote %d lines, want %d:\n%s", len(lines), len(questions), out.String())
			}
			for i, l := range lines {
				var res askResult
				if err := json.Unmarshal([]byte(l), &res); err != nil || res.Question != questions[i] {
					t.Errorf("line %d = %q (%v), want the answer to %q", i+1, l, err, questions[i])
				}
			}
			const buffer = 4096 // bufio's default size
			if most := (out.Len()+buffer-1)/buffer + tt.extra; out.writes > most {
				t.Errorf("ask --json made %d writes for %d lines (%d bytes), want at most %d", out.writes, len(lines), out.Len(), most)
			}
		})
	}
}

// TestAskJSONAnswersAhead checks that a batch is answered several runs of
// lines at once: the input comes in two pieces, so in two runs, each with
// a question for the model, and each of those is answered only once both
// have reached the model, which answering one line at a time never does.
// The lines still come in the order of the questions.
func TestAskJSONAnswersAhead(t *testing.T) {
	var arrived sync.WaitGroup
	arrived.Add(2)
	both := make(chan struct{})
	go func() { arrived.Wait(); close(both) }()
	srv := fakeopenai.New(t, fakeopenai.WithRespond(func(r fakeopenai.Request) fakeopenai.Reply {
		arrived.Done()
		select {
		case <-both:
			return fakeopenai.Reply{Text: "It was the third meeting [1]."}
		case <-time.After(time.Minute): // a guard against a hang, not a measure of speed
			return fakeopenai.Reply{Status: http.StatusServiceUnavailable}
		}
	}))
	questions := []string{
		"What did Starmer do with world leaders in Paris?", "Who represents Italy?",
		"What did the leaders discuss about the long-term plan in Paris?", "Is Norway in the coalition?",
	}
	inR, inW := io.Pipe()
	go func() {
		// Each write is read on its own: a run ends with it.
		io.WriteString(inW, questions[0]+"\n"+questions[1]+"\n")
		io.WriteString(inW, questions[2]+"\n"+questions[3]+"\n")
		inW.Close()
	}()
	var out bytes.Buffer
	vars := map[string]string{"LLM_BASE_URL": srv.URL, "LLM_MODEL": "local"}
	err := run(context.Background(), []string{"coalitionbot", "ask", "--json"}, mapEnv(vars), inR, &out, io.Discard)
	inR.Close() // ends the writer above, had ask stopped reading early
	if err != nil {
		t.Fatalf("ask --json error = %v", err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != len(questions) {
		t.Fatalf("ask --json wrote %d lines, want %d:\n%s", len(lines), len(questions), out.String())
	}
	wantRoutes := []string{"llm", "curated", "llm", "curated"}
	for i, l := range lines {
		var res askResult
		if err := json.Unmarshal([]byte(l), &res); err != nil || res.Question != questions[i] || res.Route != wantRoutes[i] {
			t.Errorf("line %d = %q (%v), want the %s answer to %q", i+1, l, err, wantRoutes[i], questions[i])
		}
	}
}

// TestWriteLinesKeepsOrder checks that runs answered out of order are
// written in the order of their questions.
func TestWriteLinesKeepsOrder(t *testing.T) {
	var out bytes.Buffer
	e := &cliEnv{stdout: &out}
	queue := make(chan *pendingRun, 3)
	var runs []*pendingRun
	for range 3 {
		p := &pendingRun{more: true, done: make(chan []lineResult, 1)}
		runs = append(runs, p)
		queue <- p
	}
	close(queue)
	for i := len(runs) - 1; i >= 0; i-- { // the last run is answered first
		runs[i].done <- []lineResult{{res: askResult{Question: fmt.Sprintf("q%d", 2*i+1)}}, {res: askResult{Question: fmt.Sprintf("q%d", 2*i+2)}}}
	}
	if err := e.writeLines(queue, make(chan struct{})); err != nil {
		t.Fatal(err)
	}
	var want strings.Builder
	for i := range 6 {
		fmt.Fprintf(&want, "{\"question\":\"q%d\"}\n", i+1)
	}
	if out.String() != want.String() {
		t.Errorf("writeLines wrote %q, want %q", out.String(), want.String())
	}
}

func TestAskJSONWriteError(t *testing.T) {
	err := run(context.Background(), []string{"coalitionbot", "ask", "--json"}, mapEnv(nil), strings.NewReader("Who represents Italy?\n"), failingWriter{}, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "write answer") || !strings.Contains(err.Error(), "broken pipe") {
		t.Errorf("ask --json to a broken stdout = %v, want a write answer error", err)
	}
}

// TestLineWriterMatchesEncoding checks that splicing kept source encodings
// into a line gives exactly the bytes of encoding the whole result, for
// sources seen for the first time and again, text that JSON escapes, and
// lines with no sources.
func TestLineWriterMatchesEncoding(t *testing.T) {
	a := answer.Source{ID: "p1", Section: "Leaders", Text: `He said "<b>yes</b>" & left` + "\n\ttab é"}
	b := answer.Source{ID: "p2", Section: "", Text: "plain"}
	results := []askResult{
		{Question: "q1", Answer: "one <source>", Route: "curated", Sources: []answer.Source{a}},
		{Question: "q2", Answer: "two", Route: "retrieved", Sources: []answer.Source{b, a}},
		{Question: "q3", Answer: "again", Route: "retrieved", Sources: []answer.Source{a, a, b}},
		{Question: "q4", Answer: "none", Route: "refused"},
		{Question: "", Error: "question is empty"},
	}
	var got strings.Builder
	lw := newLineWriter(&got)
	var want strings.Builder
	enc := json.NewEncoder(&want)
	enc.SetEscapeHTML(false)
	for _, r := range results {
		if err := lw.write(r); err != nil {
			t.Fatal(err)
		}
		if err := enc.Encode(r); err != nil {
			t.Fatal(err)
		}
	}
	if got.String() != want.String() {
		t.Errorf("lines differ from encoding each result whole:\n got %s\nwant %s", got.String(), want.String())
	}
}
