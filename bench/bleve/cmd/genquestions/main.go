// Command genquestions writes the benchmark's question set,
// questions/questions.txt, from the repository's question files. Run it
// from bench/bleve (or through go generate ./questions) after the question
// files change; the set is committed so every run times the same
// questions.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"strings"

	"github.com/coalitionbot/coalitionbot/bench/bleve/questions"
)

func main() {
	log.SetFlags(0)
	repo := flag.String("repo", "", "the repository root (default: found above the working directory)")
	out := flag.String("o", "", "the file to write (default: questions/questions.txt of the nested module)")
	flag.Parse()
	root, module, err := roots(*repo)
	if err != nil {
		log.Fatal(err)
	}
	if *out == "" {
		*out = module + "/questions/questions.txt"
	}
	files, err := questions.Sources(root)
	if err != nil {
		log.Fatal(err)
	}
	base, err := questions.Read(files)
	if err != nil {
		log.Fatal(err)
	}
	set := questions.Generate(base, questions.N)
	if err := os.WriteFile(*out, []byte(strings.Join(set, "\n")+"\n"), 0o644); err != nil {
		log.Fatal(err)
	}
	fmt.Fprintf(os.Stderr, "genquestions: %d questions from %d distinct ones in %s -> %s\n",
		len(set), len(base), strings.Join(files, ", "), *out)
}

// roots finds the nested module's directory (holding cmd/genquestions)
// and the repository root above it.
func roots(repo string) (root, module string, err error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", "", err
	}
	for d := dir; ; {
		if data, err := os.ReadFile(d + "/go.mod"); err == nil && strings.HasPrefix(string(data), "module github.com/coalitionbot/coalitionbot/bench/bleve\n") {
			module = d
			break
		}
		parent := d[:max(strings.LastIndex(d, "/"), 0)]
		if parent == "" || parent == d {
			return "", "", fmt.Errorf("run from inside bench/bleve (no nested go.mod above %s)", dir)
		}
		d = parent
	}
	if repo == "" {
		repo = module + "/../.."
	}
	return repo, module, nil
}
