package bot

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/coalitionbot/coalitionbot/answer"
	"github.com/coalitionbot/coalitionbot/internal/fakediscord"
	"github.com/coalitionbot/coalitionbot/knowledge"
)

// An /ask answer is titled with the question, cut to Discord's 256
// characters at a word, its control characters dropped and its pings
// defused; its sources name the article's section, title and date rather
// than a passage ID, and its footer dates the article.
func TestAskAnswerExplainsItself(t *testing.T) {
	h := startBot(t, realTable(t))
	question := "Who represents Italy? @everyone\x07 " + strings.Repeat("and who else is there ", 15)
	id := h.fake.Interact(slash(t, "ask", "question", question))
	got := h.fake.WaitReply(id, fakediscord.Callback)
	if len(got.Embeds) != 1 {
		t.Fatalf("answer = %+v, want one embed", got)
	}
	e := got.Embeds[0]
	title, cut := strings.CutSuffix(e.Title, "…")
	clean := strings.ReplaceAll(strings.ReplaceAll(question, "\x07", ""), "@everyone", "@\u200beveryone")
	if utf8.RuneCountInString(e.Title) > 256 || !cut || !strings.HasPrefix(clean, title) || clean[len(title)] != ' ' {
		t.Errorf("title = %q, want the question cut at a word within 256 characters, its ping defused", e.Title)
	}
	if len(e.Fields) == 0 || e.Fields[0].Name != "Sources" {
		t.Fatalf("fields = %+v, want the sources first", e.Fields)
	}
	sources := e.Fields[0].Value
	if want := "“Who does it include?” in *Coalition of the willing: Starmer meets world leaders in Paris*, 27 March 2025"; sources != want || strings.Contains(sources, "p12") {
		t.Errorf("sources = %q, want %q", sources, want)
	}
	if e.Footer == nil || e.Footer.Text != "Article of 27 March 2025" {
		t.Errorf("footer = %+v, want the article's date", e.Footer)
	}
}

// An answer resting on a document of KNOWLEDGE_DIR with a url names it by
// its title and date and links to it with a link button.
func TestAskLinksToItsDocument(t *testing.T) {
	dir := t.TempDir()
	doc := "---\ntitle: Coalition of the willing meets again in London\ndate: 2025-05-10\nurl: https://example.org/london-report\n---\n" +
		"# Troops\nLeaders meeting in London agreed that a reassurance force of about 10,000 troops would be based away from the front line.\n"
	if err := os.WriteFile(filepath.Join(dir, "london.md"), []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}
	extra, err := knowledge.LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	base, err := knowledge.Load(extra)
	if err != nil {
		t.Fatal(err)
	}
	h := startBot(t, allCommands(t, base, answer.New(base, answer.Options{})))
	id := h.fake.Interact(slash(t, "ask", "question", "How many troops would the reassurance force have?"))
	got := h.fake.WaitReply(id, fakediscord.Callback)
	if want := "“Troops” in *Coalition of the willing meets again in London*, 10 May 2025"; len(got.Embeds) != 1 || len(got.Embeds[0].Fields) == 0 || got.Embeds[0].Fields[0].Value != want {
		t.Errorf("answer = %q, want its sources to read %q", got.Text(), want)
	}
	if len(got.Buttons) != 2 || len(got.Buttons[1]) != 1 {
		t.Fatalf("buttons = %+v, want the feedback row and a row with one link", got.Buttons)
	}
	if b := got.Buttons[1][0]; b.Style != discordgo.LinkButton || b.URL != "https://example.org/london-report" || b.Label != "Coalition of the willing meets again in London" {
		t.Errorf("link button = %+v, want the report's title linking to its url", b)
	}
}
