// Package answer is the answering pipeline: it turns a question into a
// short answer with its sources, trying the curated knowledge first, then
// retrieval (with an LLM when one is configured, extractively otherwise),
// and refusing politely when the article does not cover the question.
package answer

import (
	"time"

	"github.com/coalitionbot/coalitionbot/knowledge"
)

// Route names the pipeline stage that produced an answer.
type Route string

// The routes, in the order the pipeline tries them.
const (
	Curated   Route = "curated"
	Retrieved Route = "retrieved"
	LLM       Route = "llm"
	Refused   Route = "refused"
)

// Source is a passage an answer rests on.
type Source struct {
	ID      string `json:"id"`
	Section string `json:"section"`
	Text    string `json:"text"`
}

// Answer is the pipeline's reply to one question.
type Answer struct {
	Text    string
	Route   Route
	Sources []Source
	// Note is a short remark for the user beside the answer, such as that
	// the full answer is unavailable right now.
	Note string
	// Lang is the language the answer is written in, a base code ("fr"):
	// what transports write their own words around it in.
	Lang string

	// dated is set for answers that state offices: the pipeline adds, once,
	// that offices are as of the article.
	dated bool
	// fact is the curated fact an answer gives, if any: a later document
	// may answer its question better.
	fact *knowledge.Fact
}

// Turn is one earlier exchange of a conversation.
type Turn struct {
	Question string
	Answer   string
}

// Question is what the pipeline answers: the text, and optionally the
// conversation it continues and a sink for a streamed answer.
type Question struct {
	Text    string
	UserID  string
	History []Turn
	// Lang is the user's language as the transport knows it: the locale
	// Discord reports ("fr", "pt-BR", "es-ES") or the terminal's --lang;
	// "" means detect it from the text.
	Lang string
	// Partial, when set, receives the answer's text so far as an LLM writes
	// it.
	Partial func(text string)
	// Writing, when set, is called with the answer's language just before
	// the model is asked to write (before each part it writes, for a
	// compound question), and never for an answer it does not write
	// (curated, refused, cached, or over the user's rate): a transport
	// that must answer within moments knows, at no cost, whether to
	// acknowledge first.
	Writing func(lang string)
	// Moment, when set, writes a moment in a note the way the transport
	// shows time: Discord's <t:UNIX:R> markup, which each client reads
	// out as "in 42 seconds" in its own language and clock. Without it a
	// moment is a UTC time of day ("14:05:30 UTC").
	Moment func(t time.Time) string
}

// moment writes t as q's transport shows time.
func (q Question) moment(t time.Time) string {
	if q.Moment != nil {
		return q.Moment(t)
	}
	return t.UTC().Format("15:04:05") + " UTC"
}
