package commands

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/coalitionbot/coalitionbot/answer"
	"github.com/coalitionbot/coalitionbot/knowledge"
)

func askCommand(base *knowledge.Base, ans Answerer) Command {
	return Command{
		Name:        "ask",
		Description: "Ask a question about the coalition of the willing",
		Options: []Option{
			{Name: "question", Description: "Your question, e.g. Who represents Italy?", Type: String, Required: true, MaxLength: answer.MaxQuestionLen},
			{Name: "private", Description: "Show the answer only to you", Type: Bool},
		},
		// Not Slow: most answers take microseconds. One the model writes
		// takes seconds, and the pipeline says so through req.Writing
		// before the model starts, so transports defer only those.
		Handle: func(ctx context.Context, req Request) (Response, error) {
			return ask(ctx, base, ans, req, req.Options["question"], req.Bool("private"))
		},
	}
}

// ask answers question for req's user, in req's language and
// conversation, showing the answer only to them when private.
func ask(ctx context.Context, base *knowledge.Base, ans Answerer, req Request, question string, private bool) (Response, error) {
	a, err := ans.Answer(ctx, answer.Question{
		Text:    question,
		UserID:  req.UserID,
		Lang:    req.Lang,
		History: req.History,
		Partial: req.Progress,
		Writing: req.Writing,
		Moment:  req.Moment,
	})
	if err != nil {
		if ie := (*answer.InputError)(nil); errors.As(err, &ie) {
			return Response{}, &UserError{ie.Msg}
		}
		return Response{}, fmt.Errorf("answer: %w", err)
	}
	return AnswerResponse(base, ans.Messages(), question, a, private), nil
}

// AnswerResponse renders a pipeline answer to question so that it explains
// itself: titled with the question, its text and note, a sources field
// naming the sections and documents it rests on as a reader knows them
// (titles and dates, not passage IDs), links to those that are web pages,
// and a footer dating the article, all in the answer's language.
func AnswerResponse(base *knowledge.Base, msgs *answer.Messages, question string, a answer.Answer, private bool) Response {
	lang := msgs.Lang(a.Lang)
	q := answer.Clean(question)
	r := Response{Title: q, Text: a.Text, Private: private, Route: string(a.Route), Lang: lang, Question: q}
	if a.Note != "" {
		r.Text += "\n\n*" + a.Note + "*"
	}
	if lines, links := sources(base, msgs, lang, a.Sources); len(lines) > 0 {
		r.Fields = []Field{{Name: msgs.Text(lang, answer.MsgSources, nil), Value: strings.Join(lines, "\n")}}
		r.Links = links
	}
	if date := msgs.ArticleDate(lang, base); date != "" {
		r.Footer = msgs.Text(lang, answer.MsgAnswerFooter, map[string]any{"Date": date})
	}
	return r
}

// sourceDoc is one document an answer rests on, and the sections of it
// the answer cites, in the order cited.
type sourceDoc struct {
	doc      knowledge.Passage // any passage of it: the document's metadata
	sections []string
}

// sources writes one line per document the answer's sources come from, in
// the order first cited: "“Who does it include?” in *Coalition of the
// willing: …*, 27 March 2025"; and a link to each document that has a URL.
func sources(base *knowledge.Base, msgs *answer.Messages, lang string, srcs []answer.Source) ([]string, []Link) {
	var docs []*sourceDoc
	for _, s := range srcs {
		p, ok := base.Passage(s.ID)
		if !ok {
			p = knowledge.Passage{ID: s.ID, Section: s.Section} // not the knowledge's: its section alone
		}
		i := slices.IndexFunc(docs, func(d *sourceDoc) bool { return p.Doc != "" && d.doc.Doc == p.Doc })
		if i < 0 {
			docs = append(docs, &sourceDoc{doc: p})
			i = len(docs) - 1
		}
		d := docs[i]
		if p.Section != "" && p.Section != p.Title && !slices.Contains(d.sections, p.Section) {
			d.sections = append(d.sections, p.Section)
		}
	}
	var lines []string
	var links []Link
	for _, d := range docs {
		if line := sourceLineOf(msgs, lang, d); line != "" {
			lines = append(lines, line)
		}
		if d.doc.URL != "" {
			links = append(links, Link{Label: d.doc.Title, URL: d.doc.URL})
		}
	}
	return lines, links
}

// sourceLineOf is the line naming one document and the sections of it an
// answer cites: the sections alone for a passage of no known document,
// the document alone when the answer cites none of its headed sections.
func sourceLineOf(msgs *answer.Messages, lang string, d *sourceDoc) string {
	quoted := make([]string, len(d.sections))
	for i, s := range d.sections {
		quoted[i] = "“" + escapeMarkdown(s) + "”"
	}
	sections := msgs.Join(lang, quoted)
	if d.doc.Title == "" {
		return sections
	}
	title := escapeMarkdown(d.doc.Title)
	document := msgs.Text(lang, answer.MsgSourceDocumentUndated, map[string]any{"Title": title})
	if t, err := time.Parse(time.DateOnly, d.doc.Date); err == nil {
		document = msgs.Text(lang, answer.MsgSourceDocument, map[string]any{"Title": title, "Date": msgs.Date(lang, t)})
	}
	if sections == "" {
		return document
	}
	return msgs.Text(lang, answer.MsgSourceSections, map[string]any{"Sections": sections, "Document": document})
}

// markdownEscaper keeps a title's own asterisks, underscores and the like
// from being read as Discord's Markdown around it.
var markdownEscaper = strings.NewReplacer(`\`, `\\`, `*`, `\*`, `_`, `\_`, "`", "\\`", `~`, `\~`, `|`, `\|`)

func escapeMarkdown(s string) string { return markdownEscaper.Replace(s) }
