// Command bleveask is the bleve equivalent of `coalitionbot ask --json`:
// it indexes the article's passages (a JSON file, -passages) and, like the
// bot, the Markdown documents of KNOWLEDGE_DIR, then reads one question a
// line on stdin and writes one JSON object a line on stdout.
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"strings"

	"github.com/coalitionbot/coalitionbot/bench/bleve/bleveqa"
	"github.com/coalitionbot/coalitionbot/knowledge"
)

// result is one output line, in the shape of `ask --json`'s.
type result struct {
	Question string           `json:"question"`
	Answer   string           `json:"answer,omitempty"`
	Route    string           `json:"route,omitempty"`
	Sources  []bleveqa.Source `json:"sources,omitempty"`
	Error    string           `json:"error,omitempty"`
}

func main() {
	log.SetFlags(0)
	log.SetPrefix("bleveask: ")
	file := flag.String("passages", "", "a JSON array of passages (id, section, text), e.g. the article's")
	kind := flag.String("index", string(bleveqa.MemOnly), "bleve index: memonly (bleve.NewMemOnly) or scorch (in memory)")
	flag.Parse()
	var passages []knowledge.Passage
	if *file != "" {
		data, err := os.ReadFile(*file)
		if err != nil {
			log.Fatal(err)
		}
		if err := json.Unmarshal(data, &passages); err != nil {
			log.Fatalf("%s: %v", *file, err)
		}
	}
	if dir := os.Getenv("KNOWLEDGE_DIR"); dir != "" {
		docs, err := knowledge.LoadDir(dir)
		if err != nil {
			log.Fatal(err)
		}
		passages = append(passages, docs...)
	}
	if len(passages) == 0 {
		log.Fatal("no passages: give -passages or KNOWLEDGE_DIR")
	}
	engine, err := bleveqa.New(passages, bleveqa.Kind(*kind))
	if err != nil {
		log.Fatal(err)
	}
	defer engine.Close()
	out := bufio.NewWriter(os.Stdout)
	if err := askLines(engine, os.Stdin, out); err != nil {
		log.Fatal(err)
	}
	if err := out.Flush(); err != nil {
		log.Fatal(err)
	}
}

func askLines(engine *bleveqa.Engine, in io.Reader, out io.Writer) error {
	r := bufio.NewReader(in)
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	for {
		line, readErr := r.ReadString('\n')
		if readErr != nil && !errors.Is(readErr, io.EOF) {
			return fmt.Errorf("read questions: %w", readErr)
		}
		if line != "" {
			q := strings.TrimSpace(line)
			res := result{Question: q}
			ans, err := engine.Answer(q)
			switch {
			case err != nil:
				res.Error = err.Error()
			case ans.Text == "":
				res.Route = "none"
			default:
				res.Answer, res.Route, res.Sources = ans.Text, "bleve", ans.Sources
			}
			if err := enc.Encode(res); err != nil {
				return fmt.Errorf("write answer: %w", err)
			}
		}
		if readErr != nil {
			return nil
		}
	}
}
