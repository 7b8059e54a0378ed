package answer

import (
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strconv"
	"strings"
	"text/template"
	"text/template/parse"
	"time"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	i18ntemplate "github.com/nicksnyder/go-i18n/v2/i18n/template"
	"golang.org/x/text/language"

	"github.com/coalitionbot/coalitionbot/knowledge"
)

// The bot's own words around its data are messages, one JSON file a
// language (go-i18n's format: an ID, a description for translators, and the
// text or its plural forms), so a language is added by adding a file, never
// by editing code. English is the source every other file translates.
//
//go:embed messages/*.json
var messageFiles embed.FS

// defaultLang is the language of questions whose language is unknown or
// not shipped, and the one every other language file translates: the
// article's.
const defaultLang = knowledge.English

// Messages is the bot's texts in every language it ships, parsed and
// validated once at start-up; it is immutable, so safe for concurrent use.
//
// Plain messages are rendered from templates parsed here, without going
// through go-i18n's Localizer: a Localizer matches language tags on every
// call (about 1.5 µs, as much as the rest of a curated answer's text), and
// the language is already known. Messages with plural forms go through the
// Localizer, whose CLDR rules pick the form (Polish and Ukrainian have
// one/few/many/other).
type Messages struct {
	langs map[string]*langMessages
	// plurals parses plural messages so that one naming data the code does
	// not pass is an error, as plainMessage makes it for the others, and
	// never "<no value>" in an answer.
	plurals *i18ntemplate.TextParser
}

// langMessages is one language's messages.
type langMessages struct {
	code string
	// refusal is the refusal and what the bot can answer instead, joined
	// once: the most frequent answer to off-topic questions.
	refusal   string
	localizer *i18n.Localizer
	plain     map[MessageID]*message
	plural    map[MessageID]bool
}

// message is a message without plural forms: its text, and its template
// when it takes data. A template that only puts data fields in text (every
// message so far) is also kept as its pieces, rendered by concatenation:
// text/template's reflection over the data map cost a curated answer a
// dozen allocations a message.
type message struct {
	text   string
	tmpl   *template.Template
	pieces []piece
}

// piece is literal text, or the data field to put in its place.
type piece struct{ text, field string }

// LoadMessages reads and validates the embedded message files: each parses
// and is named after its language; English has every message the code
// uses; no other language has a message English lacks, or plural forms
// where English has none. A file may still lack messages English has: they
// are rendered in English (TestShippedLanguagesAreComplete keeps that from
// shipping).
func LoadMessages() (*Messages, error) {
	return loadMessages(messageFiles)
}

func loadMessages(fsys fs.FS) (*Messages, error) {
	names, err := fs.Glob(fsys, "messages/*.json")
	if err != nil {
		return nil, fmt.Errorf("load messages: %w", err)
	}
	bundle := i18n.NewBundle(language.English)
	bundle.RegisterUnmarshalFunc("json", json.Unmarshal)
	m := &Messages{langs: map[string]*langMessages{}, plurals: &i18ntemplate.TextParser{Option: "missingkey=error"}}
	for _, name := range names {
		lm, err := m.loadLanguage(fsys, bundle, name)
		if err != nil {
			return nil, fmt.Errorf("load messages: %s: %w", name, err)
		}
		m.langs[lm.code] = lm
	}
	en, ok := m.langs[defaultLang]
	if !ok {
		return nil, errors.New("load messages: no messages/en.json")
	}
	for _, id := range messageIDs() {
		if _, ok := en.plain[id]; !ok && !en.plural[id] {
			return nil, fmt.Errorf("load messages: messages/en.json: no message %q, which the code uses", id)
		}
	}
	for code, lm := range m.langs {
		for id := range lm.plain {
			if _, ok := en.plain[id]; !ok {
				return nil, fmt.Errorf("load messages: messages/%s.json: message %q is not in en.json, or has plural forms there", code, id)
			}
		}
		for id := range lm.plural {
			if !en.plural[id] {
				return nil, fmt.Errorf("load messages: messages/%s.json: message %q has plural forms, but not in en.json", code, id)
			}
		}
	}
	for code, lm := range m.langs {
		lm.refusal = m.Text(code, msgRefusal, nil) + " " + m.Text(code, msgAboutBot, nil)
	}
	return m, nil
}

// loadLanguage parses one message file.
func (m *Messages) loadLanguage(fsys fs.FS, bundle *i18n.Bundle, name string) (*langMessages, error) {
	buf, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, err
	}
	mf, err := bundle.ParseMessageFileBytes(buf, path.Base(name))
	if err != nil {
		return nil, err
	}
	code := strings.TrimSuffix(path.Base(name), ".json")
	if base, _ := mf.Tag.Base(); base.String() != code {
		return nil, fmt.Errorf("the file of language %q must be named %s.json", code, base)
	}
	lm := &langMessages{code: code, localizer: i18n.NewLocalizer(bundle, code), plain: map[MessageID]*message{}, plural: map[MessageID]bool{}}
	for _, msg := range mf.Messages {
		id := MessageID(msg.ID)
		forms := []string{msg.Zero, msg.One, msg.Two, msg.Few, msg.Many}
		if strings.Join(forms, "") != "" {
			for _, src := range append(forms, msg.Other) {
				if _, err := m.plurals.Parse(src, "", ""); err != nil {
					return nil, fmt.Errorf("message %q: %w", id, err)
				}
			}
			lm.plural[id] = true
			continue
		}
		pm, err := plainMessage(msg.Other)
		if err != nil {
			return nil, fmt.Errorf("message %q: %w", id, err)
		}
		lm.plain[id] = pm
	}
	return lm, nil
}

// plainMessage parses a message's text, when it takes data.
func plainMessage(src string) (*message, error) {
	if !strings.Contains(src, "{{") {
		return &message{text: src}, nil
	}
	t, err := template.New("").Option("missingkey=error").Parse(src)
	if err != nil {
		return nil, err
	}
	return &message{text: src, tmpl: t, pieces: fieldPieces(t)}, nil
}

// fieldPieces splits a template made of text and {{.Field}} actions alone
// into pieces; for any other template it returns nil.
func fieldPieces(t *template.Template) []piece {
	var pieces []piece
	for _, n := range t.Root.Nodes {
		switch n := n.(type) {
		case *parse.TextNode:
			pieces = append(pieces, piece{text: string(n.Text)})
		case *parse.ActionNode:
			if len(n.Pipe.Decl) > 0 || len(n.Pipe.Cmds) != 1 || len(n.Pipe.Cmds[0].Args) != 1 {
				return nil
			}
			f, ok := n.Pipe.Cmds[0].Args[0].(*parse.FieldNode)
			if !ok || len(f.Ident) != 1 {
				return nil
			}
			pieces = append(pieces, piece{field: f.Ident[0]})
		default:
			return nil
		}
	}
	return pieces
}

// Lang is the shipped language to answer in for a language tag, as
// Discord reports a user's locale ("fr", "pt-BR", "es-419") or the
// terminal's --lang gives it: its base language when a message file ships
// for it, English otherwise. A new language is supported by adding its
// file.
func (m *Messages) Lang(tag string) string {
	base := knowledge.BaseCode(tag)
	if _, ok := m.langs[base]; ok {
		return base
	}
	return defaultLang
}

// Text renders a message without plural forms in lang with its named data
// (nil when it takes none). A message the language's file lacks, or whose
// translation fails to render, is rendered in English.
func (m *Messages) Text(lang string, id MessageID, data map[string]any) string {
	if lm, ok := m.langs[lang]; ok {
		if s, ok := lm.plain[id].render(data); ok {
			return s
		}
	}
	s, _ := m.langs[defaultLang].plain[id].render(data)
	return s
}

func (msg *message) render(data map[string]any) (string, bool) {
	if msg == nil {
		return "", false
	}
	if msg.tmpl == nil {
		return msg.text, true
	}
	if s, ok := msg.concat(data); ok {
		return s, true
	}
	var b strings.Builder
	if err := msg.tmpl.Execute(&b, data); err != nil {
		return "", false
	}
	return b.String(), true
}

// concat renders a message from its pieces as text/template would, when
// every field is a string or an int; it reports false otherwise, and for a
// field the data lacks, which the template then reports.
func (msg *message) concat(data map[string]any) (string, bool) {
	if msg.pieces == nil {
		return "", false
	}
	n := 0
	for _, p := range msg.pieces {
		if p.field == "" {
			n += len(p.text)
			continue
		}
		switch v := data[p.field].(type) {
		case string:
			n += len(v)
		case int:
			n += 20
		default:
			return "", false
		}
	}
	var b strings.Builder
	b.Grow(n)
	for _, p := range msg.pieces {
		if p.field == "" {
			b.WriteString(p.text)
			continue
		}
		switch v := data[p.field].(type) {
		case string:
			b.WriteString(v)
		case int:
			b.WriteString(strconv.Itoa(v))
		}
	}
	return b.String(), true
}

// Plural renders a message with plural forms in lang: count picks the
// form by the language's CLDR rules, and is the data's Count.
func (m *Messages) Plural(lang string, id MessageID, count int, data map[string]any) string {
	if data == nil {
		data = map[string]any{}
	}
	data["Count"] = count
	cfg := &i18n.LocalizeConfig{MessageID: string(id), PluralCount: count, TemplateData: data, TemplateParser: m.plurals}
	if lm, ok := m.langs[lang]; ok && lm.plural[id] {
		if s, err := lm.localizer.Localize(cfg); err == nil {
			return s
		}
	}
	s, _ := m.langs[defaultLang].localizer.Localize(cfg)
	return s
}

// Date writes a date as lang writes it ("27 March 2025", "27 mars 2025"):
// the pattern and the months' names are messages.
func (m *Messages) Date(lang string, t time.Time) string {
	return m.Text(lang, msgDate, map[string]any{
		"Day":   t.Day(),
		"Month": m.Text(lang, MessageID("month_"+strconv.Itoa(int(t.Month()))), nil),
		"Year":  t.Year(),
	})
}

// ArticleDate is the article's date written in lang, or "" when the
// article carries none.
func (m *Messages) ArticleDate(lang string, base *knowledge.Base) string {
	t, err := time.Parse("2 January 2006", base.ArticleDate())
	if err != nil {
		return ""
	}
	return m.Date(lang, t)
}

// QuotedInEnglish introduces quotes, which stay verbatim in English as the
// article prints them, in any language but English, followed by a new
// line: saying so keeps a reader from taking them for a translation, or a
// translation for the speaker's words. In English it goes without saying.
func (m *Messages) QuotedInEnglish(lang string) string {
	if lang == defaultLang {
		return ""
	}
	return m.Text(lang, msgQuotedInEnglish, nil) + "\n"
}

// refusal is the answer to questions the article does not cover. It says
// what the bot can do instead of only saying no.
func (m *Messages) refusal(lang string) Answer {
	return Answer{Text: m.langs[lang].refusal, Route: Refused}
}

// Join joins items as prose in lang: "a, b and c".
func (m *Messages) Join(lang string, items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	last := len(items) - 1
	return m.Text(lang, msgListAnd, map[string]any{"Items": strings.Join(items[:last], ", "), "Last": items[last]})
}
