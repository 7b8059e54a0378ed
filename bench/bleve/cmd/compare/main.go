// Command compare times the bot against bleve on the benchmark's 6,300
// questions, over the article and over the article plus 10,000 synthetic
// passages, and prints a Markdown table with the ratios bot/bleve:
//
//   - the whole process: the bot's `ask --json --no-llm` binary (built from
//     the repository root) and cmd/bleveask, its bleve equivalent, each fed
//     the questions on stdin, -runs times, median wall time; the bot reads
//     the synthetic passages from KNOWLEDGE_DIR as operators' documents,
//     bleveask reads the same files and indexes them beside the article;
//   - start-up alone: the same processes with no question;
//   - in process: ns, bytes and allocations per question (the whole set,
//     -rounds times, median) and to build the index or knowledge base.
//
// Run it from bench/bleve:
//
//	go run ./cmd/compare
//
// It builds what is in the working tree, so re-running it after the bot
// changes measures the new code.
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/coalitionbot/coalitionbot/answer"
	blevebench "github.com/coalitionbot/coalitionbot/bench/bleve"
	"github.com/coalitionbot/coalitionbot/bench/bleve/bleveqa"
	"github.com/coalitionbot/coalitionbot/bench/bleve/questions"
	"github.com/coalitionbot/coalitionbot/internal/evalset"
	"github.com/coalitionbot/coalitionbot/internal/synthetic"
	"github.com/coalitionbot/coalitionbot/knowledge"
)

var (
	runs      = flag.Int("runs", 3, "whole-process runs per engine and corpus (median taken)")
	rounds    = flag.Int("rounds", 3, "in-process passes over the question set, and start-ups, per engine and corpus (median taken)")
	repoFlag  = flag.String("repo", "", "repository root to build the bot from (default: ../.. of this module)")
	keep      = flag.Bool("keep", false, "keep the temporary directory (binaries, documents, outputs)")
	onlyProc  = flag.Bool("process-only", false, "only the whole-process figures")
	onlyInPro = flag.Bool("inprocess-only", false, "only the in-process figures")
)

// engines are compared with the bot; the first is the reference of the
// targets (bleve.NewMemOnly, the documented in-memory index).
var engines = []bleveqa.Kind{bleveqa.MemOnly, bleveqa.Scorch}

func engineName(k bleveqa.Kind) string {
	if k == bleveqa.MemOnly {
		return "bleve"
	}
	return "bleve-" + string(k)
}

func main() {
	log.SetFlags(0)
	log.SetPrefix("compare: ")
	flag.Parse()
	module, err := moduleDir()
	if err != nil {
		log.Fatal(err)
	}
	repo := *repoFlag
	if repo == "" {
		repo = filepath.Join(module, "..", "..")
	}
	if repo, err = filepath.Abs(repo); err != nil {
		log.Fatal(err)
	}
	tmp, err := os.MkdirTemp("", "bleve-compare-")
	if err != nil {
		log.Fatal(err)
	}
	if *keep {
		log.Printf("keeping %s", tmp)
	} else {
		defer os.RemoveAll(tmp)
	}
	qs := questions.All()
	var t table
	fmt.Printf("# bot vs bleve\n\n%s\n\n", describe(repo, len(qs)))
	if !*onlyInPro {
		if err := wholeProcess(&t, repo, module, tmp); err != nil {
			log.Fatal(err)
		}
	}
	if !*onlyProc {
		if err := inProcess(&t, qs, repo); err != nil {
			log.Fatal(err)
		}
	}
	t.print(os.Stdout)
	t.printChecks(os.Stdout)
	t.targets(os.Stdout)
}

// moduleDir is the nested module's directory: the working directory or
// one above it.
func moduleDir() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for d := dir; ; d = filepath.Dir(d) {
		data, err := os.ReadFile(filepath.Join(d, "go.mod"))
		if err == nil && bytes.HasPrefix(data, []byte("module github.com/coalitionbot/coalitionbot/bench/bleve\n")) {
			return d, nil
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("run from bench/bleve (no nested go.mod above %s)", dir)
		}
	}
}

func describe(repo string, n int) string {
	rev := strings.TrimSpace(output(repo, "git", "rev-parse", "--short", "HEAD"))
	if rev == "" {
		rev = "unknown"
	}
	if strings.TrimSpace(output(repo, "git", "status", "--porcelain", "--untracked-files=no", "--", ".", ":!bench")) != "" {
		rev += " with uncommitted changes"
	}
	return fmt.Sprintf("%s, %s/%s, %d CPUs, bot at %s (%s), %d questions, %d synthetic passages, bleve v2.6.3",
		time.Now().UTC().Format("2006-01-02 15:04 MST"), runtime.GOOS, runtime.GOARCH, runtime.NumCPU(),
		rev, repo, n, blevebench.Synthetic)
}

func output(dir, name string, args ...string) string {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	out, _ := cmd.Output()
	return string(out)
}

// row is one line of the table: a measure on a corpus, the bot's figure
// and each bleve engine's.
type row struct {
	measure, corpus, unit string
	bot                   float64
	bleve                 map[bleveqa.Kind]float64
}

type table struct {
	rows []row
	// checks are how many of checkFile's questions each engine's answers
	// pass, by corpus then engine.
	checks      map[string]map[string]int
	checksTotal int
}

// checkFile is the question set whose checks say whether the answers are
// right at all (CI's evaluation set).
const checkFile = "testdata/eval/shared.jsonl"

func (t *table) printChecks(w io.Writer) {
	if t.checksTotal == 0 {
		return
	}
	fmt.Fprintf(w, "\nAnswers passing the checks of %s (%d questions; bleve never refuses, so it fails the questions the bot must refuse):", checkFile, t.checksTotal)
	for _, c := range blevebench.Corpora {
		fmt.Fprintf(w, " %s: bot %d", c.Name, t.checks[c.Name]["bot"])
		for _, k := range engines {
			fmt.Fprintf(w, ", %s %d", engineName(k), t.checks[c.Name][string(k)])
		}
		fmt.Fprint(w, ";")
	}
	fmt.Fprintln(w)
}

func (t *table) add(r row) { t.rows = append(t.rows, r) }

func (t *table) find(measure, corpus string) (row, bool) {
	for _, r := range t.rows {
		if r.measure == measure && r.corpus == corpus {
			return r, true
		}
	}
	return row{}, false
}

func (t *table) print(w io.Writer) {
	fmt.Fprint(w, "| measure | corpus | bot |")
	for _, k := range engines {
		fmt.Fprintf(w, " %s | bot/%s |", engineName(k), engineName(k))
	}
	fmt.Fprint(w, "\n|---|---|--:|")
	for range engines {
		fmt.Fprint(w, "--:|--:|")
	}
	fmt.Fprintln(w)
	for _, r := range t.rows {
		fmt.Fprintf(w, "| %s | %s | %s |", r.measure, r.corpus, format(r.bot, r.unit))
		for _, k := range engines {
			fmt.Fprintf(w, " %s | %.2f |", format(r.bleve[k], r.unit), r.bot/r.bleve[k])
		}
		fmt.Fprintln(w)
	}
}

func format(v float64, unit string) string {
	switch unit {
	case "ns":
		d := time.Duration(v)
		switch {
		case d >= time.Second:
			return fmt.Sprintf("%.2f s", d.Seconds())
		case d >= time.Millisecond:
			return fmt.Sprintf("%.1f ms", float64(d)/1e6)
		case d >= time.Microsecond:
			return fmt.Sprintf("%.1f µs", float64(d)/1e3)
		}
		return fmt.Sprintf("%.0f ns", v)
	case "B":
		switch {
		case v >= 1<<20:
			return fmt.Sprintf("%.1f MiB", v/(1<<20))
		case v >= 1<<10:
			return fmt.Sprintf("%.1f KiB", v/(1<<10))
		}
		return fmt.Sprintf("%.0f B", v)
	}
	return fmt.Sprintf("%.0f", v)
}

// targets says which of the bot's performance targets hold against each
// engine.
func (t *table) targets(w io.Writer) {
	fmt.Fprintln(w, "\nTargets (against each bleve engine):")
	for _, tg := range []struct {
		what, measure, corpus string
		max                   float64
	}{
		{"whole ask --json process, 6,300 questions, article: at most half bleve's time", measureProcess, "article", 0.5},
		{"whole ask --json process, 6,300 questions, 10k: at most half bleve's time", measureProcess, "10k", 0.5},
		{"per question over 10,000 passages: at most half bleve's time", measureQuestion, "10k", 0.5},
		{"start-up with 10,000 passages: no slower than bleve's indexing", measureStartup, "10k", 1},
		{"start-up of the process with 10,000 passages: no slower than bleve's", measureProcStart, "10k", 1},
	} {
		r, ok := t.find(tg.measure, tg.corpus)
		if !ok {
			continue
		}
		fmt.Fprintf(w, "- %s:", tg.what)
		for _, k := range engines {
			ratio := r.bot / r.bleve[k]
			verdict := "met"
			if ratio > tg.max {
				verdict = "MISSED"
			}
			fmt.Fprintf(w, " %s vs %s (%.2f×);", verdict, engineName(k), ratio)
		}
		fmt.Fprintln(w)
	}
}

const (
	measureProcess   = "whole process, 6,300 questions (median wall)"
	measureProcStart = "process start-up, no question (median wall)"
	measureQuestion  = "per question, in process"
	measureBytes     = "B per question"
	measureAllocs    = "allocs per question"
	measureStartup   = "start-up in process (load or index)"
	measureStartupB  = "start-up B"
	measureStartupA  = "start-up allocs"
)

// wholeProcess builds both CLIs and times them over the question set.
func wholeProcess(t *table, repo, module, tmp string) error {
	bot := filepath.Join(tmp, "coalitionbot")
	ask := filepath.Join(tmp, "bleveask")
	log.Printf("building the bot (%s) and bleveask", repo)
	if err := run(repo, "go", "build", "-o", bot, "."); err != nil {
		return fmt.Errorf("build the bot: %w", err)
	}
	if err := run(module, "go", "build", "-o", ask, "./cmd/bleveask"); err != nil {
		return fmt.Errorf("build bleveask: %w", err)
	}
	qfile := filepath.Join(tmp, "questions.txt")
	if err := os.WriteFile(qfile, []byte(questions.Text()), 0o644); err != nil {
		return err
	}
	empty := filepath.Join(tmp, "empty.txt")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		return err
	}
	base, err := knowledge.Load(nil)
	if err != nil {
		return err
	}
	article := filepath.Join(tmp, "article.json")
	data, err := json.Marshal(base.Passages)
	if err != nil {
		return err
	}
	if err := os.WriteFile(article, data, 0o644); err != nil {
		return err
	}
	docs := filepath.Join(tmp, "docs")
	if err := os.Mkdir(docs, 0o755); err != nil {
		return err
	}
	if err := synthetic.WriteDir(docs, blevebench.Synthetic); err != nil {
		return err
	}
	for _, c := range blevebench.Corpora {
		dir := ""
		if c.Name != "article" {
			dir = docs
		}
		procs := map[string]proc{"bot": {bot, []string{"ask", "--json", "--no-llm"}, dir}}
		for _, k := range engines {
			procs[string(k)] = proc{ask, []string{"-passages", article, "-index", string(k)}, dir}
		}
		for _, m := range []struct {
			measure, input string
			lines          int
		}{
			{measureProcStart, empty, 0},
			{measureProcess, qfile, questions.N},
		} {
			times := map[string][]time.Duration{}
			for i := range *runs {
				for _, name := range procOrder(i) {
					d, err := procs[name].time(tmp, m.input, m.lines)
					if err != nil {
						return fmt.Errorf("%s over %s: %w", name, c.Name, err)
					}
					times[name] = append(times[name], d)
				}
			}
			r := row{measure: m.measure, corpus: c.Name, unit: "ns", bot: median(times["bot"]), bleve: map[bleveqa.Kind]float64{}}
			for _, k := range engines {
				r.bleve[k] = median(times[string(k)])
			}
			log.Printf("%s, %s: bot %v, bleve %v", m.measure, c.Name, times["bot"], times[string(bleveqa.MemOnly)])
			t.add(r)
		}
	}
	return nil
}

// procOrder alternates who goes first, so drift on the machine falls on
// all alike.
func procOrder(i int) []string {
	names := []string{"bot"}
	for _, k := range engines {
		names = append(names, string(k))
	}
	if i%2 == 1 {
		slices.Reverse(names)
	}
	return names
}

type proc struct {
	bin          string
	args         []string
	knowledgeDir string
}

// time runs the process in dir with input on stdin and returns its wall
// time, checking it wrote one JSON object per question.
func (p proc) time(dir, input string, lines int) (time.Duration, error) {
	in, err := os.Open(input)
	if err != nil {
		return 0, err
	}
	defer in.Close()
	outName := filepath.Join(dir, filepath.Base(p.bin)+".out")
	out, err := os.Create(outName)
	if err != nil {
		return 0, err
	}
	defer out.Close()
	var stderr bytes.Buffer
	cmd := exec.Command(p.bin, p.args...)
	cmd.Dir = dir // no .env file there
	cmd.Env = env(p.knowledgeDir)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = in, out, &stderr
	start := time.Now()
	err = cmd.Run()
	d := time.Since(start)
	if err != nil {
		return 0, fmt.Errorf("%v: %s", err, stderr.String())
	}
	if n, err := countJSONLines(outName); err != nil || n != lines {
		return 0, fmt.Errorf("wrote %d JSON lines (%v), want %d", n, err, lines)
	}
	return d, nil
}

// env is the process's environment without the bot's settings (so no LLM
// and no operator documents), plus KNOWLEDGE_DIR when given.
func env(knowledgeDir string) []string {
	var out []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(k, "LLM_") || k == "KNOWLEDGE_DIR" || k == "PROMPTS_DIR" || k == "LOG_LEVEL" || k == "LOG_FORMAT" {
			continue
		}
		out = append(out, kv)
	}
	if knowledgeDir != "" {
		out = append(out, "KNOWLEDGE_DIR="+knowledgeDir)
	}
	return out
}

func countJSONLines(name string) (int, error) {
	f, err := os.Open(name)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 16<<20)
	n := 0
	for sc.Scan() {
		var v struct {
			Question string `json:"question"`
		}
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			return n, fmt.Errorf("line %d: %w", n+1, err)
		}
		n++
	}
	return n, sc.Err()
}

func run(dir, name string, args ...string) error {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	return cmd.Run()
}

// inProcess times each engine per question and at start-up, in this
// process, one engine at a time: only the engine being timed is alive, so
// the garbage collector scans its heap alone, as in a process that runs
// only it. It also counts the answers that pass checkFile's checks.
func inProcess(t *table, qs []string, repo string) error {
	f, err := os.Open(filepath.Join(repo, checkFile))
	if err != nil {
		return err
	}
	cases, err := evalset.Read(f)
	f.Close()
	if err != nil {
		return fmt.Errorf("%s: %w", checkFile, err)
	}
	t.checks, t.checksTotal = map[string]map[string]int{}, len(cases)
	ctx := context.Background()
	for _, c := range blevebench.Corpora {
		extra := c.Extra()
		passages, err := c.Passages()
		if err != nil {
			return err
		}
		// builds make each engine: a function answering a question with
		// its text and route, and one releasing the engine.
		type askFunc func(string) (text, route string, err error)
		builds := map[string]func() (askFunc, func(), error){
			"bot": func() (askFunc, func(), error) {
				base, err := knowledge.Load(extra)
				if err != nil {
					return nil, nil, err
				}
				p := answer.New(base, answer.Options{})
				return func(q string) (string, string, error) {
					a, err := p.Answer(ctx, answer.Question{Text: q, UserID: "bench"})
					if _, ok := err.(*answer.InputError); ok {
						return "", "refused", nil
					}
					return a.Text, string(a.Route), err
				}, func() {}, nil
			},
		}
		for _, k := range engines {
			builds[string(k)] = func() (askFunc, func(), error) {
				e, err := bleveqa.New(passages, k)
				if err != nil {
					return nil, nil, err
				}
				return func(q string) (string, string, error) {
					a, err := e.Answer(q)
					if a.Text == "" {
						return "", "refused", err
					}
					return a.Text, "bleve", err
				}, func() { e.Close() }, nil
			}
		}
		start, per := map[string][]sample{}, map[string][]sample{}
		t.checks[c.Name] = map[string]int{}
		for _, name := range procOrder(0) {
			log.Printf("in process, %s, %s", c.Name, name)
			for range *rounds {
				var done func()
				s, err := measure(1, func() error {
					var err error
					_, done, err = builds[name]()
					return err
				})
				if err != nil {
					return fmt.Errorf("%s: %w", name, err)
				}
				done()
				start[name] = append(start[name], s)
			}
			ask, done, err := builds[name]()
			if err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
			for i := range *rounds + 1 {
				s, err := measure(len(qs), func() error {
					for _, q := range qs {
						if _, _, err := ask(q); err != nil {
							return err
						}
					}
					return nil
				})
				if err != nil {
					return fmt.Errorf("%s: %w", name, err)
				}
				if i > 0 { // the first pass warms caches up
					per[name] = append(per[name], s)
				}
			}
			for _, cs := range cases {
				text, route, err := ask(cs.Question)
				if err != nil {
					return fmt.Errorf("%s: %w", name, err)
				}
				if len(cs.Check(text, route)) == 0 {
					t.checks[c.Name][name]++
				}
			}
			done()
		}
		addSamples(t, c.Name, per, measureQuestion, measureBytes, measureAllocs)
		addSamples(t, c.Name, start, measureStartup, measureStartupB, measureStartupA)
	}
	return nil
}

// sample is one timed run, per operation.
type sample struct{ ns, bytes, allocs float64 }

func measure(ops int, f func() error) (sample, error) {
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	err := f()
	d := time.Since(start)
	runtime.ReadMemStats(&after)
	n := float64(ops)
	return sample{
		ns:     float64(d.Nanoseconds()) / n,
		bytes:  float64(after.TotalAlloc-before.TotalAlloc) / n,
		allocs: float64(after.Mallocs-before.Mallocs) / n,
	}, err
}

func addSamples(t *table, corpus string, s map[string][]sample, time, bytes, allocs string) {
	for _, m := range []struct {
		measure, unit string
		get           func(sample) float64
	}{
		{time, "ns", func(s sample) float64 { return s.ns }},
		{bytes, "B", func(s sample) float64 { return s.bytes }},
		{allocs, "", func(s sample) float64 { return s.allocs }},
	} {
		r := row{measure: m.measure, corpus: corpus, unit: m.unit, bleve: map[bleveqa.Kind]float64{}}
		r.bot = medianOf(s["bot"], m.get)
		for _, k := range engines {
			r.bleve[k] = medianOf(s[string(k)], m.get)
		}
		t.add(r)
	}
}

func medianOf(s []sample, get func(sample) float64) float64 {
	v := make([]float64, len(s))
	for i := range s {
		v[i] = get(s[i])
	}
	slices.Sort(v)
	return v[len(v)/2]
}

func median(d []time.Duration) float64 {
	s := slices.Clone(d)
	slices.Sort(s)
	return float64(s[len(s)/2].Nanoseconds())
}
