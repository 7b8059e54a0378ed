package knowledge

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestLoadDirReadsTheExampleDocument(t *testing.T) {
	got, err := LoadDir(filepath.Join("testdata", "extra"))
	if err != nil {
		t.Fatalf("LoadDir() error = %v", err)
	}
	doc := Passage{
		Doc:   "london-follow-up",
		Title: "Test fixture: fictional follow-up meeting in London",
		Date:  "2025-04-10",
		URL:   "https://example.org/coalition/london-follow-up",
	}
	want := []Passage{
		withText(doc, "london-follow-up-01", doc.Title,
			"This document is a made-up report used by the knowledge package's tests. It is not news and must not be served to users."),
		withText(doc, "london-follow-up-02", "Military planners",
			"Defence chiefs of the coalition met again in London to refine the plans for a peacekeeping force.\nThey agreed to meet every month."),
		withText(doc, "london-follow-up-03", "Next steps",
			"Planners will report back to leaders before the summer."),
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("LoadDir() =\n%+v\nwant\n%+v", got, want)
	}
}

func withText(doc Passage, id, section, text string) Passage {
	doc.ID, doc.Section, doc.Text = id, section, text
	return doc
}

func TestLoadDirPassagesJoinTheArticle(t *testing.T) {
	extra, err := LoadDir(filepath.Join("testdata", "extra"))
	if err != nil {
		t.Fatalf("LoadDir() error = %v", err)
	}
	b, err := Load(extra)
	if err != nil {
		t.Fatalf("Load(extra) error = %v", err)
	}
	if p, ok := b.Passage("london-follow-up-02"); !ok || p.Section != "Military planners" {
		t.Errorf("Passage(%q) = %+v, %v, want the Military planners passage", "london-follow-up-02", p, ok)
	}
	if p, ok := b.Passage("p01"); !ok || p.Doc != articleDoc {
		t.Errorf("Passage(%q) = %+v, %v, want the article's first passage", "p01", p, ok)
	}
}

// writeFiles creates the files in a fresh directory and returns it.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestLoadDirOrderAndScope(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"b.md":          "---\ntitle: B\n---\nSecond.\n",
		"a.md":          "---\r\ntitle: 'A'\r\n---\r\n## Part one\r\nFirst.\r\n\r\nAlso first.\r\n",
		"notes.txt":     "not a document",
		"sub/c.md":      "---\ntitle: C\n---\nNested, so skipped.\n",
		"README.md.bak": "---\ntitle: D\n---\nNot Markdown.\n",
	})
	got, err := LoadDir(dir)
	if err != nil {
		t.Fatalf("LoadDir() error = %v", err)
	}
	var ids []string
	for _, p := range got {
		ids = append(ids, p.ID+"|"+p.Section+"|"+p.Title+"|"+p.Text)
	}
	want := []string{"a-01|Part one|A|First.", "a-02|Part one|A|Also first.", "b-01|B|B|Second."}
	if !reflect.DeepEqual(ids, want) {
		t.Errorf("LoadDir() passages = %q, want %q", ids, want)
	}
}

func TestLoadDirRejectsBrokenDocuments(t *testing.T) {
	tests := []struct {
		name, file, text, want string
	}{
		{"no front matter", "x.md", "title: X\n\nText.\n", "missing front matter"},
		{"unclosed front matter", "x.md", "---\ntitle: X\n\n", "front matter is not closed"},
		{"missing title", "x.md", "---\ndate: 2025-04-10\n---\nText.\n", "missing title"},
		{"empty title", "x.md", "---\ntitle: \"\"\n---\nText.\n", "missing title"},
		{"bad date", "x.md", "---\ntitle: X\ndate: 10 April 2025\n---\nText.\n", `date "10 April 2025" is not YYYY-MM-DD`},
		{"impossible date", "x.md", "---\ntitle: X\ndate: 2025-02-30\n---\nText.\n", `date "2025-02-30"`},
		{"url without scheme", "x.md", "---\ntitle: X\nurl: example.org/x\n---\nText.\n", `url "example.org/x" is not an http or https address`},
		{"ftp url", "x.md", "---\ntitle: X\nurl: ftp://example.org/x\n---\nText.\n", `url "ftp://example.org/x"`},
		{"unknown key", "x.md", "---\ntitle: X\nauthor: Y\n---\nText.\n", `want title:, date: or url:, got "author: Y"`},
		{"duplicate key", "x.md", "---\ntitle: X\ntitle: Y\n---\nText.\n", "title given twice"},
		{"empty body", "x.md", "---\ntitle: X\n---\n\n# Only a heading\n\n", "empty body"},
		{"reserved name", "article.md", "---\ntitle: X\n---\nText.\n", `"article" is reserved`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeFiles(t, map[string]string{tt.file: tt.text})
			got, err := LoadDir(dir)
			if err == nil {
				t.Fatalf("LoadDir() = %v, nil; want an error mentioning %q", got, tt.want)
			}
			for _, w := range []string{tt.file, tt.want} {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("LoadDir() error = %v, want mention of %q", err, w)
				}
			}
		})
	}
}

func TestLoadDirMissingDirectory(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "absent")
	if _, err := LoadDir(dir); err == nil || !strings.Contains(err.Error(), "absent") {
		t.Errorf("LoadDir(%q) error = %v, want one naming the directory", dir, err)
	}
}
