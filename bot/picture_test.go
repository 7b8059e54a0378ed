package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/coalitionbot/coalitionbot/commands"
)

// TestAnswerPicture writes the picture of an answer in the README: the
// real payload of an /ask answer, as the bot would send it to Discord
// (answer.json), and a Discord-like HTML rendering of that payload
// (answer.html) for a headless browser to screenshot. It runs only when
// ANSWER_PICTURE names the directory to write to (see README.md).
func TestAnswerPicture(t *testing.T) {
	dir := os.Getenv("ANSWER_PICTURE")
	if dir == "" {
		t.Skip("set ANSWER_PICTURE to a directory to write the README's picture of an answer")
	}
	const question = "Who leads the coalition?"
	ask, _ := realTable(t).Lookup("ask")
	resp, err := ask.Handle(context.Background(), commands.Request{Command: "ask", Options: map[string]string{"question": question}, Lang: "en-GB"})
	if err != nil {
		t.Fatal(err)
	}
	payload, err := json.MarshalIndent(renderResponse(wordsFor(embeddedOr(nil), resp.Lang), resp).interactionResponse(), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	page, err := pictureHTML(question, payload)
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{"answer.json": append(payload, '\n'), "answer.html": []byte(page)} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// picturePayload is what the picture reads of an interaction response.
type picturePayload struct {
	Data struct {
		Embeds []struct {
			Title       string `json:"title"`
			Description string `json:"description"`
			Color       int    `json:"color"`
			Fields      []struct {
				Name  string `json:"name"`
				Value string `json:"value"`
			} `json:"fields"`
			Footer *struct {
				Text string `json:"text"`
			} `json:"footer"`
		} `json:"embeds"`
		Components []struct {
			Components []struct {
				Style int    `json:"style"`
				Label string `json:"label"`
				URL   string `json:"url"`
				Emoji *struct {
					Name string `json:"name"`
				} `json:"emoji"`
			} `json:"components"`
		} `json:"components"`
	} `json:"data"`
}

// pictureHTML renders an interaction response's embeds and buttons as
// Discord's dark theme shows them, under the command that asked.
func pictureHTML(question string, payload []byte) (string, error) {
	var p picturePayload
	if err := json.Unmarshal(payload, &p); err != nil {
		return "", err
	}
	var b strings.Builder
	b.WriteString(pictureHead)
	fmt.Fprintf(&b, `<div class="cmd"><span class="who">Olena</span> used <span class="slash">/ask</span> question: %s</div>`, html.EscapeString(question))
	b.WriteString(`<div class="msg"><div class="avatar">🇺🇦</div><div class="body"><div class="name">CoalitionBot <span class="tag">APP</span> <span class="time">Today at 10:42</span></div>`)
	for _, e := range p.Data.Embeds {
		fmt.Fprintf(&b, `<div class="embed" style="border-color:#%06x">`, e.Color)
		fmt.Fprintf(&b, `<div class="title">%s</div><div class="desc">%s</div>`, markdown(e.Title), markdown(e.Description))
		for _, f := range e.Fields {
			fmt.Fprintf(&b, `<div class="fname">%s</div><div class="fvalue">%s</div>`, markdown(f.Name), markdown(f.Value))
		}
		if e.Footer != nil {
			fmt.Fprintf(&b, `<div class="footer">%s</div>`, html.EscapeString(e.Footer.Text))
		}
		b.WriteString(`</div>`)
	}
	for _, row := range p.Data.Components {
		b.WriteString(`<div class="row">`)
		for _, c := range row.Components {
			emoji := ""
			if c.Emoji != nil {
				emoji = c.Emoji.Name + " "
			}
			class, after := "button", ""
			if c.Style == 5 {
				class, after = "button link", " ↗"
			}
			fmt.Fprintf(&b, `<span class="%s">%s%s%s</span>`, class, emoji, html.EscapeString(c.Label), after)
		}
		b.WriteString(`</div>`)
	}
	b.WriteString(`</div></div></body></html>`)
	return b.String(), nil
}

// The Markdown Discord renders in the picture's answer: bold, italics
// (both spellings), escaped characters, quotes and bullets.
var (
	mdBold    = regexp.MustCompile(`\*\*(.+?)\*\*`)
	mdItalic  = regexp.MustCompile(`(^|[^\\])[*_]([^*_]+?)[*_]`)
	mdEscaped = regexp.MustCompile(`\\([*_~|\\` + "`" + `])`)
)

func markdown(s string) string {
	var lines []string
	for _, line := range strings.Split(html.EscapeString(s), "\n") {
		line = mdBold.ReplaceAllString(line, "<strong>$1</strong>")
		line = mdItalic.ReplaceAllString(line, "$1<em>$2</em>")
		line = mdEscaped.ReplaceAllString(line, "$1")
		switch {
		case strings.HasPrefix(line, "&gt; "):
			line = `<span class="quote">` + strings.TrimPrefix(line, "&gt; ") + `</span>`
		case strings.HasPrefix(line, "- "):
			line = "• " + strings.TrimPrefix(line, "- ")
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "<br>")
}

const pictureHead = `<!doctype html><html><head><meta charset="utf-8"><style>
body{margin:0;padding:16px 20px;background:#313338;color:#dbdee1;font:15px/1.375 "gg sans","Noto Sans","Helvetica Neue",Helvetica,Arial,sans-serif;width:720px}
.cmd{color:#b5bac1;font-size:13px;margin:0 0 4px 56px}.cmd .who{color:#dbdee1}.cmd .slash{color:#c9cdfb;background:rgba(88,101,242,.3);border-radius:3px;padding:0 2px}
.msg{display:flex}.avatar{width:40px;height:40px;border-radius:50%;background:#0057b7;display:flex;align-items:center;justify-content:center;font-size:22px;margin-right:16px;flex:none}
.name{color:#f2f3f5;font-weight:600}.tag{background:#5865f2;color:#fff;font-size:10px;border-radius:3px;padding:1px 4px;vertical-align:middle}.time{color:#949ba4;font-size:12px;font-weight:400;margin-left:4px}
.embed{background:#2b2d31;border-left:4px solid;border-radius:4px;padding:8px 16px 16px 12px;margin-top:4px;max-width:516px}
.title{color:#f2f3f5;font-weight:600;margin-top:8px}.desc{font-size:14px;margin-top:8px}
.fname{color:#f2f3f5;font-weight:600;font-size:14px;margin-top:8px}.fvalue{font-size:14px}
.footer{color:#b5bac1;font-size:12px;margin-top:8px}.quote{border-left:4px solid #4e5058;padding-left:12px;display:block}
.row{margin-top:8px;display:flex;gap:8px}.button{background:#4e5058;color:#fff;border-radius:3px;padding:2px 16px;height:32px;line-height:32px;font-size:14px;font-weight:500}
</style></head><body>`
