package main

import (
	_ "embed"
	"fmt"
	"io"
	"slices"
	"strings"
)

// envExample is .env.example, where every variable is documented; `help`
// shows its notes beside the variables the config reads.
//
//go:embed .env.example
var envExample string

// configVariables returns the variables the config reads, in its order:
// readConfig reads each one, always, so calling it with a lookup that
// records the names lists them all. It is the one list of them; help and
// the tests read it from here.
func configVariables() []string {
	var names []string
	readConfig(func(name string) string {
		names = append(names, name)
		return ""
	})
	return names
}

// envGroup is one documented group of variables in .env.example: the
// comment right above them, in a section ("# --- Discord ---").
type envGroup struct {
	section string
	doc     []string
	vars    []string // as written: NAME=value
}

// parseEnvExample reads the groups of an example .env file. A comment
// that a blank line parts from any variable (the file's header, a
// commented-out setting) belongs to no group.
func parseEnvExample(text string) []envGroup {
	var groups []envGroup
	var section string
	var doc []string
	inGroup := false
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		switch {
		case line == "":
			doc, inGroup = nil, false
		case strings.HasPrefix(line, "# ---"):
			section = strings.TrimSpace(strings.Trim(line, "#- "))
			doc, inGroup = nil, false
		case strings.HasPrefix(line, "#"):
			doc = append(doc, strings.TrimSpace(strings.TrimPrefix(line, "#")))
			inGroup = false
		case strings.Contains(line, "="):
			if !inGroup {
				groups = append(groups, envGroup{section: section, doc: doc})
				doc, inGroup = nil, true
			}
			g := &groups[len(groups)-1]
			g.vars = append(g.vars, line)
		}
	}
	return groups
}

// printEnvironment lists vars, the variables the config reads, with the
// notes example (.env.example) has for them, by its sections; those it
// does not document come last, by name alone.
func printEnvironment(w io.Writer, example string, vars []string) {
	fmt.Fprintln(w, "environment (or a .env file in the working directory; the environment wins; see .env.example):")
	left := slices.Clone(vars)
	section := ""
	for _, g := range parseEnvExample(example) {
		var shown []string
		for _, v := range g.vars {
			name, value, _ := strings.Cut(v, "=")
			if i := slices.Index(left, name); i >= 0 {
				left = slices.Delete(left, i, i+1)
				shown = append(shown, strings.TrimSuffix(name+"="+value, "="))
			}
		}
		if len(shown) == 0 {
			continue
		}
		if g.section != section {
			section = g.section
			fmt.Fprintf(w, "\n%s\n", section)
		}
		fmt.Fprintf(w, "  %s\n", strings.Join(shown, "  "))
		for _, d := range g.doc {
			fmt.Fprintf(w, "      %s\n", d)
		}
	}
	if len(left) > 0 {
		fmt.Fprintf(w, "\nNot in .env.example\n  %s\n", strings.Join(left, "  "))
	}
	fmt.Fprintln(w, "\nNO_COLOR (any value) keeps the terminal's text plain, as it is in a pipe or a file.")
}
