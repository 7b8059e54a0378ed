package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"

	"github.com/coalitionbot/coalitionbot/answer"
	"github.com/coalitionbot/coalitionbot/internal/pings"
)

// askResult is one line of `ask --json`.
type askResult struct {
	Question string          `json:"question"`
	Answer   string          `json:"answer,omitempty"`
	Route    string          `json:"route,omitempty"`
	Sources  []answer.Source `json:"sources,omitempty"`
	Error    string          `json:"error,omitempty"`
}

// ask answers the question on the command line; with --json it writes
// the answer as a JSON object, and without a question on the command line
// reads one question a line from stdin, one JSON object a line on stdout.
func (e *cliEnv) ask(ctx context.Context, args []string) error {
	c := e.commandLine("ask")
	jsonOut := c.Bool("json", false, "write the answer as one JSON object a line; without QUESTION, read one question a line from stdin")
	noLLM := c.Bool("no-llm", false, "answer without the LLM even when one is configured")
	lang := c.String("lang", "", "answer in this language (en, fr, de, es, it, pl, uk, nl, pt) unless the question is clearly in another; detected when empty")
	args, err := c.parse(args)
	if err != nil {
		return err
	}
	question := strings.Join(args, " ")
	if !*jsonOut && strings.TrimSpace(question) == "" {
		return c.usageError("no question given")
	}
	if err := e.configure(); err != nil {
		return err
	}
	a, err := e.newApp(e.logger(), !*noLLM, nil)
	if err != nil {
		return err
	}
	if *jsonOut {
		in := e.stdin
		if question != "" {
			in = strings.NewReader(question) // the question given, as one line
		}
		return e.askLines(ctx, a, in, *lang)
	}
	stream := &terminalStream{out: e.terminal()}
	ans, err := a.pipeline.Answer(ctx, answer.Question{Text: question, UserID: "terminal", Lang: *lang, Partial: stream.update})
	if err != nil {
		if ie := (*answer.InputError)(nil); errors.As(err, &ie) {
			return &usageError{ie.Msg}
		}
		return err
	}
	stream.finish(ans)
	return nil
}

// terminalStream shows an LLM answer as it is written, then the checked
// answer: when the checks changed the text (or the answer fell back to the
// article), the final text is printed in full after a rule.
type terminalStream struct {
	out   *styler
	shown string
}

func (s *terminalStream) update(text string) {
	if !strings.HasPrefix(text, s.shown) {
		return // sanitising rewrote what was shown; the final answer follows
	}
	io.WriteString(s.out, text[len(s.shown):])
	s.shown = text
}

func (s *terminalStream) finish(a answer.Answer) {
	if s.shown != "" {
		if s.shown == a.Text {
			a.Text = ""
		} else {
			s.out.end()
			io.WriteString(s.out, "\n\n---\n")
		}
	}
	printAnswer(s.out, a)
	s.out.end()
}

// askLines answers one question a line, and writes the answers in the
// order of the questions. A batch (a file of questions piped in) is
// answered on every core: runs of lines already read are answered up to
// GOMAXPROCS runs at once (two at least, so a question waiting for the
// model does not hold up those after it), while the lines before them are
// written. Answers are buffered so that a batch costs one write per
// buffer, not one per line, yet someone typing questions, or a program
// holding a conversation over pipes, gets each answer before the bot waits
// for the next question: a run ends where no whole next line is waiting in
// stdin's buffer, and its answers are flushed once written.
func (e *cliEnv) askLines(ctx context.Context, a *app, in io.Reader, lang string) error {
	workers := max(2, runtime.GOMAXPROCS(0))
	queue := make(chan *pendingRun, workers) // in the order of the questions
	slots := make(chan struct{}, workers)
	stop := make(chan struct{}) // closed when writing failed
	written := make(chan error, 1)
	go func() { written <- e.writeLines(queue, stop) }()
	var answering sync.WaitGroup
	readErr := readRuns(bufio.NewReader(in), func(lines []string, more bool) bool {
		select {
		case <-stop:
			return false // writing failed: no more answers, nor model calls
		default:
		}
		p := &pendingRun{more: more, done: make(chan []lineResult, 1)}
		select {
		case slots <- struct{}{}:
		case <-stop:
			return false
		}
		answering.Go(func() {
			defer func() { <-slots }()
			results := make([]lineResult, 0, len(lines))
			for _, line := range lines {
				r := answerLine(ctx, a, line, lang)
				results = append(results, r)
				if r.err != nil {
					break
				}
			}
			p.done <- results
		})
		select {
		case queue <- p:
			return true
		case <-stop:
			return false
		}
	})
	close(queue)
	err := <-written
	answering.Wait() // every goroutine of the batch has ended
	if err != nil {
		return err
	}
	return readErr
}

// pendingRun is a run of questions being answered, in the order of the
// input.
type pendingRun struct {
	more bool // a whole next line was waiting when the run's last was read
	done chan []lineResult
}

type lineResult struct {
	res askResult
	err error // the answer could not be given at all
}

// maxRun bounds a run of lines: long enough that handing runs between
// goroutines costs nothing next to answering them, short enough that
// every core gets some of a batch.
const maxRun = 32

// readRuns calls take with each run of lines of r: a line, and the whole
// lines already buffered after it, up to maxRun; and whether a whole next
// line is buffered after the run. It reads until the input ends or take
// returns false.
func readRuns(r *bufio.Reader, take func(lines []string, more bool) bool) error {
	for {
		var run []string
		var err error
		for {
			var line string
			line, err = r.ReadString('\n')
			if err != nil && !errors.Is(err, io.EOF) {
				return fmt.Errorf("read questions: %w", err)
			}
			if line != "" {
				run = append(run, line)
			}
			if err != nil || len(run) == maxRun || !lineWaiting(r) {
				break
			}
		}
		if len(run) > 0 && !take(run, lineWaiting(r)) {
			return nil
		}
		if err != nil {
			return nil
		}
	}
}

// answerLine answers one line of `ask --json`. A question the pipeline
// will not take (empty, too long) is a line with an error, not a failure.
func answerLine(ctx context.Context, a *app, line, lang string) lineResult {
	res := askResult{Question: pings.Defuse(answer.Clean(line))}
	ans, err := a.pipeline.Answer(ctx, answer.Question{Text: line, UserID: "terminal", Lang: lang})
	var ie *answer.InputError
	switch {
	case errors.As(err, &ie):
		res.Error = ie.Msg
	case err != nil:
		return lineResult{err: err}
	default:
		res.Answer, res.Route, res.Sources = ans.Text, string(ans.Route), ans.Sources
	}
	return lineResult{res: res}
}

// writeLines writes each queued run once it is answered, until the queue
// is closed; on a failure it closes stop, so no more questions are read.
// Answers already given are written even when a later one failed.
func (e *cliEnv) writeLines(queue <-chan *pendingRun, stop chan<- struct{}) (err error) {
	w := bufio.NewWriter(e.stdout)
	defer func() {
		if ferr := w.Flush(); ferr != nil && err == nil {
			err = fmt.Errorf("write answer: %w", ferr)
		}
		if err != nil {
			close(stop)
		}
	}()
	lw := newLineWriter(w)
	for p := range queue {
		for _, r := range <-p.done {
			if r.err != nil {
				return r.err
			}
			if err := lw.write(r.res); err != nil {
				return fmt.Errorf("write answer: %w", err)
			}
		}
		if !p.more {
			if err := w.Flush(); err != nil {
				return fmt.Errorf("write answer: %w", err)
			}
		}
	}
	return nil
}

// lineWriter writes the lines of `ask --json`. It encodes each source once
// and keeps the encoding: a batch cites the same passages again and again,
// and escaping their text was most of the cost of a line. What it keeps is
// bounded by the knowledge, since every source is one of its passages.
type lineWriter struct {
	w       io.Writer
	buf     bytes.Buffer
	enc     *json.Encoder // writes into buf
	sources map[answer.Source][]byte
}

func newLineWriter(w io.Writer) *lineWriter {
	l := &lineWriter{w: w, sources: map[answer.Source][]byte{}}
	l.enc = json.NewEncoder(&l.buf)
	l.enc.SetEscapeHTML(false)
	return l
}

// encode returns v's encoding, as the line's encoder writes it, without
// the newline. It uses buf, so it must not be called while a line is in it.
func (l *lineWriter) encode(v any) ([]byte, error) {
	l.buf.Reset()
	if err := l.enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(l.buf.Bytes(), []byte("\n")), nil
}

// write writes res as one line: the result without its sources, then the
// sources spliced in before the closing brace. The line decodes exactly as
// res would, encoded whole.
func (l *lineWriter) write(res askResult) error {
	sources := res.Sources
	for _, s := range sources {
		if _, ok := l.sources[s]; !ok {
			enc, err := l.encode(s)
			if err != nil {
				return err
			}
			l.sources[s] = bytes.Clone(enc)
		}
	}
	res.Sources = nil
	line, err := l.encode(res)
	if err != nil {
		return err
	}
	if len(sources) > 0 {
		line = append(line[:len(line)-len("}")], `,"sources":[`...)
		for i, s := range sources {
			if i > 0 {
				line = append(line, ',')
			}
			line = append(line, l.sources[s]...)
		}
		line = append(line, ']', '}')
	}
	_, err = l.w.Write(append(line, '\n'))
	return err
}

// lineWaiting reports whether r already holds a whole line, so reading it
// cannot block. A partial line is not enough: the rest may be a person's
// next question, not yet typed.
func lineWaiting(r *bufio.Reader) bool {
	buffered, _ := r.Peek(r.Buffered())
	return bytes.IndexByte(buffered, '\n') >= 0
}

// printAnswer writes an answer for people: the text, then its sources,
// one line each (the section and the start of the passage), since the
// whole passages (the list of members is 18 lines) would bury the answer.
// What streamed is already written; a.Text is then empty.
func printAnswer(w io.Writer, a answer.Answer) {
	if a.Text != "" {
		fmt.Fprint(w, a.Text)
	}
	fmt.Fprintln(w)
	if a.Note != "" {
		fmt.Fprintf(w, "\n(%s)\n", a.Note)
	}
	if len(a.Sources) > 0 {
		fmt.Fprintf(w, "\nSources (%s):\n", a.Route)
	}
	for _, s := range a.Sources {
		fmt.Fprintf(w, "  [%s] %s\n", s.ID, sourceLine(s))
	}
}
