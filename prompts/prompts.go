// Package prompts renders the messages the bot sends the LLM: a system
// prompt fixing its role and rules, and a user message carrying the
// retrieved passages, earlier turns and the question. The templates are
// embedded in the binary and parsed once; an operator can replace either
// one by putting a file of the same name (system.tmpl, user.tmpl) in
// PROMPTS_DIR, without rebuilding.
//
// Templates use text/template over Data, with two functions for untrusted
// text: inert (neutralises the <passages>, <history> and <question> tags so
// a passage or a question cannot close them) and uncited (drops [n]
// citation markers).
package prompts

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"text/template"
)

// Data is what a prompt is rendered from.
type Data struct {
	Question string
	// Passages are the retrieved passages, numbered from 1 in the order
	// given; the model cites them by N.
	Passages []Passage
	// History is the conversation so far, oldest first, for follow-ups
	// such as "And Spain?".
	History []Turn
	// ArticleDate is the source article's date as people write it, e.g.
	// "27 March 2025", so the model knows how old its facts are.
	ArticleDate string
	// Today is the current date in the same style; optional.
	Today string
}

// Passage is one retrieved passage.
type Passage struct {
	// N is the number the model cites, as [N].
	N int
	// ID is the knowledge base's passage ID. The default templates do not
	// show it: the model cites N and the bot maps N back to ID.
	ID      string
	Section string
	Text    string
}

// Turn is one earlier exchange. Answer may keep its [n] markers; the
// default template drops them, as they cited another question's passages.
type Turn struct {
	Question string
	Answer   string
}

//go:embed templates/*.tmpl
var embedded embed.FS

// Set is a parsed pair of templates. It is safe for concurrent use.
type Set struct {
	system, user prompt
}

// prompt is a parsed template and where it came from, for error messages.
type prompt struct {
	t   *template.Template
	src string
}

// Load parses the templates once: the embedded ones, or for each file of
// the same name in dir (PROMPTS_DIR) that file instead; dir "" means the
// embedded ones only. It renders both once, so a mistake in an override
// (a syntax error, an unknown field) stops the bot at start-up with the
// file's name, not at a user's first question.
func Load(dir string) (*Set, error) {
	if dir != "" {
		if err := checkDir(dir); err != nil {
			return nil, err
		}
	}
	system, err := parse(dir, "system.tmpl")
	if err != nil {
		return nil, err
	}
	user, err := parse(dir, "user.tmpl")
	if err != nil {
		return nil, err
	}
	s := &Set{system: system, user: user}
	if _, _, err := s.Render(sample); err != nil {
		return nil, err
	}
	return s, nil
}

// checkDir makes sure dir holds at least one template: an operator who set
// PROMPTS_DIR meant to change something.
func checkDir(dir string) error {
	for _, name := range []string{"system.tmpl", "user.tmpl"} {
		_, err := os.Stat(filepath.Join(dir, name))
		if err == nil {
			return nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("prompts dir: %w", err)
		}
	}
	return fmt.Errorf("prompts dir %s: has neither system.tmpl nor user.tmpl", dir)
}

// parse reads name and parses it.
func parse(dir, name string) (prompt, error) {
	text, src, err := read(dir, name)
	if err != nil {
		return prompt{}, fmt.Errorf("read prompt %s: %w", src, err)
	}
	t, err := template.New(name).Funcs(funcs).Parse(string(text))
	if err != nil {
		return prompt{}, fmt.Errorf("parse prompt %s: %w", src, err)
	}
	return prompt{t: t, src: src}, nil
}

// read returns name's text from dir when it is there, else the embedded
// one, and where it came from.
func read(dir, name string) (text []byte, src string, err error) {
	if dir != "" {
		src = filepath.Join(dir, name)
		text, err = os.ReadFile(src)
		if !errors.Is(err, fs.ErrNotExist) {
			return text, src, err
		}
	}
	src = "embedded templates/" + name
	text, err = embedded.ReadFile("templates/" + name)
	return text, src, err
}

// Render returns the system prompt and the user message for d. The caller
// builds the chat messages, so this package needs no LLM types.
func (s *Set) Render(d Data) (system, user string, err error) {
	if system, err = s.system.render(d); err != nil {
		return "", "", err
	}
	if user, err = s.user.render(d); err != nil {
		return "", "", err
	}
	return system, user, nil
}

func (p prompt) render(d Data) (string, error) {
	var b strings.Builder
	if err := p.t.Execute(&b, d); err != nil {
		return "", fmt.Errorf("render prompt %s: %w", p.src, err)
	}
	return strings.TrimSpace(b.String()), nil
}

// sample exercises every field, so Load finds a template's mistakes.
var sample = Data{
	Question:    "Who leads it?",
	Passages:    []Passage{{N: 1, ID: "p01", Section: "Who does it include?", Text: "The group is led by Sir Keir and Mr Macron alongside Mr Zelensky."}},
	History:     []Turn{{Question: "What is it?", Answer: "A group of leaders backing Ukraine [1]."}},
	ArticleDate: "27 March 2025",
	Today:       "28 March 2025",
}
