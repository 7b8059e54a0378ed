package knowledge

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// LoadDir reads every Markdown file of dir (not its subdirectories), in
// name order, as passages beside the article, so operators can add reports
// of later meetings without rebuilding the bot. Each file starts with a
// front matter between "---" lines giving its title (required), date
// (YYYY-MM-DD) and url; its body is split into passages at blank lines, and
// Markdown headings name the section of the paragraphs that follow them.
func LoadDir(dir string) ([]Passage, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("read documents: %w", err)
	}
	var passages []Passage
	for _, e := range entries {
		if e.IsDir() || filepath.Ext(e.Name()) != ".md" {
			continue
		}
		ps, err := loadDoc(filepath.Join(dir, e.Name()))
		if err != nil {
			return nil, fmt.Errorf("read documents: %s: %w", filepath.Join(dir, e.Name()), err)
		}
		passages = append(passages, ps...)
	}
	return passages, nil
}

// loadDoc reads one document; errors do not repeat the file name.
func loadDoc(name string) ([]Passage, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	stem := strings.TrimSuffix(filepath.Base(name), ".md")
	if stem == articleDoc {
		return nil, fmt.Errorf("the name %q is reserved for the embedded article", stem)
	}
	text := strings.ReplaceAll(strings.TrimPrefix(string(data), "\ufeff"), "\r\n", "\n")
	meta, body, err := frontMatter(text)
	if err != nil {
		return nil, err
	}
	doc := Passage{Doc: stem, Title: meta["title"], Date: meta["date"], URL: meta["url"]}
	if err := checkMeta(doc); err != nil {
		return nil, err
	}
	passages := paragraphs(body, doc)
	if len(passages) == 0 {
		return nil, errors.New("empty body")
	}
	return passages, nil
}

// frontMatter splits the "---" block of key: value lines from the body.
func frontMatter(text string) (map[string]string, string, error) {
	lines := strings.Split(text, "\n")
	if strings.TrimSpace(lines[0]) != "---" {
		return nil, "", errors.New("missing front matter: the file must start with a --- line")
	}
	meta := map[string]string{}
	for i, line := range lines[1:] {
		line = strings.TrimSpace(line)
		if line == "---" {
			return meta, strings.Join(lines[i+2:], "\n"), nil
		}
		if line == "" {
			continue
		}
		key, value, ok := strings.Cut(line, ":")
		key = strings.ToLower(strings.TrimSpace(key))
		if !ok || (key != "title" && key != "date" && key != "url") {
			return nil, "", fmt.Errorf("front matter line %d: want title:, date: or url:, got %q", i+2, line)
		}
		if _, dup := meta[key]; dup {
			return nil, "", fmt.Errorf("front matter line %d: %s given twice", i+2, key)
		}
		meta[key] = unquote(strings.TrimSpace(value))
	}
	return nil, "", errors.New("front matter is not closed by a --- line")
}

// unquote drops one pair of matching quotes, as YAML writers add them.
func unquote(s string) string {
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
		return s[1 : len(s)-1]
	}
	return s
}

// checkMeta validates the front matter, so users are never shown a
// malformed date or a link that is not a web page.
func checkMeta(doc Passage) error {
	if doc.Title == "" {
		return errors.New("front matter: missing title")
	}
	if doc.Date != "" {
		if _, err := time.Parse(time.DateOnly, doc.Date); err != nil {
			return fmt.Errorf("front matter: date %q is not YYYY-MM-DD", doc.Date)
		}
	}
	if doc.URL != "" {
		u, err := url.Parse(doc.URL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("front matter: url %q is not an http or https address", doc.URL)
		}
	}
	return nil
}

// paragraphs splits the body at blank lines and headings; each paragraph
// becomes a passage carrying the document's metadata.
func paragraphs(body string, doc Passage) []Passage {
	var (
		passages []Passage
		lines    []string
	)
	section := doc.Title
	flush := func() {
		if len(lines) == 0 {
			return
		}
		p := doc
		p.ID = fmt.Sprintf("%s-%02d", doc.Doc, len(passages)+1)
		p.Section = section
		p.Text = strings.Join(lines, "\n")
		passages = append(passages, p)
		lines = nil
	}
	for line := range strings.SplitSeq(body, "\n") {
		line = strings.TrimRight(line, " \t")
		h := heading(line)
		switch {
		case strings.TrimSpace(line) == "":
			flush()
		case h != "":
			flush()
			section = h
		default:
			lines = append(lines, line)
		}
	}
	flush()
	return passages
}

// heading returns the text of a Markdown ATX heading ("# Title" to
// "###### Title"), or "" if the line is not one.
func heading(line string) string {
	text := strings.TrimLeft(line, "#")
	level := len(line) - len(text)
	if level == 0 || level > 6 || !strings.HasPrefix(text, " ") {
		return ""
	}
	return strings.TrimSpace(strings.TrimRight(strings.TrimSpace(text), "#"))
}
