// Package commands defines the bot's slash commands independently of any
// transport: each command's definition and handler live side by side, and
// one table (All) feeds both registration with Discord and routing of
// requests, from Discord or from the terminal.
package commands

import (
	"context"
	"errors"
	"time"

	"github.com/coalitionbot/coalitionbot/answer"
)

// OptionType is the kind of value an option takes.
type OptionType int

const (
	// String options carry text.
	String OptionType = iota
	// Bool options carry true or false.
	Bool
)

// Option describes one option of a command.
type Option struct {
	Name         string
	Description  string
	Type         OptionType
	Required     bool
	MaxLength    int  // 0 means no limit beyond the transport's own
	Autocomplete bool // the command's Complete suggests values
	// Localized are its name and description by Discord locale (see
	// Localize); nil before.
	Localized map[string]Localization
}

// Kind is how users invoke a command.
type Kind int

const (
	// Slash commands are typed in the message box ("/ask").
	Slash Kind = iota
	// MessageMenu commands are picked from a message's menu (Apps) and
	// act on that message, whose text the transport passes as
	// Request.Target. Discord gives them a name of up to 32 characters,
	// capitals and spaces allowed, and neither description nor options.
	MessageMenu
)

// Choice is one autocomplete suggestion.
type Choice struct {
	Name  string // shown to the user
	Value string // sent back as the option's value
}

// Request is one invocation of a command, whatever the transport.
type Request struct {
	Command string
	// Options holds string options by name; bool options are "true" or
	// absent.
	Options map[string]string
	UserID  string
	// Target is the text of the message a MessageMenu command was used
	// on; "" for other commands, and for a message with no text.
	Target string
	// Lang is the user's language as the transport knows it (the locale
	// Discord reports, "fr" or "pt-BR"); "" when unknown.
	Lang string
	// History holds earlier turns of a conversation the request continues
	// (a reply to one of the bot's answers), oldest first.
	History []answer.Turn
	// Progress, when set, receives the answer's text so far while a slow
	// answer is being written, so a transport can show it as it grows.
	Progress func(partial string)
	// Writing, when set, is called once by a handler about to have its
	// answer written by a model, with the answer's language, before the
	// model starts: a transport that must answer quickly acknowledges
	// first, and labels what Progress shows in that language. A handler
	// that never calls it answers at once.
	Writing func(lang string)
	// Moment, when set, writes a moment in an answer the way the
	// transport shows time (Discord: <t:UNIX:R>); see answer.Question.
	Moment func(t time.Time) string
}

// Bool reports whether the bool option name was set to true.
func (r Request) Bool(name string) bool { return r.Options[name] == "true" }

// Field is a titled block of a response, rendered as an embed field in
// Discord and as a paragraph in the terminal.
type Field struct {
	Name   string `json:"name"`
	Value  string `json:"value"`
	Inline bool   `json:"inline,omitempty"`
}

// Response is what a handler returns; transports render it.
type Response struct {
	Title  string
	Text   string
	Fields []Field
	Footer string
	// Private asks for a reply only the requester sees.
	Private bool
	// Route says which stage of the answering pipeline produced an answer
	// (curated, retrieved, llm, refused); empty for other commands.
	Route string
	// Lang is the language the response is written in, a base code ("fr");
	// "" when it is the requester's (Request.Lang). Transports write their
	// own words around it in that language.
	Lang string
	// Question is the question an answer answers, as asked; "" for other
	// commands. Transports ask for feedback on answers that have one,
	// identifying the question by a hash only.
	Question string
	// Links are web pages the response rests on, for transports that can
	// offer them as links of their own (Discord's link buttons).
	Links []Link
}

// Link is a web page a response rests on: an http or https URL and the
// label to show for it.
type Link struct {
	Label string
	URL   string
}

// Command is one command, slash or message menu: its definition and its
// handler.
type Command struct {
	Name string
	// Kind is how it is invoked; the zero value is a slash command.
	Kind Kind
	// Description says what it does, in the command picker and in /help;
	// a MessageMenu command's shows only in /help, as Discord takes none.
	Description string
	Options     []Option
	// Localized are its name and description by Discord locale (see
	// Localize); nil before.
	Localized map[string]Localization
	// Slow commands may take longer than Discord's 3 s to answer; transports
	// defer the response before calling Handle.
	Slow bool
	// Private commands answer only the user who asked, whatever their
	// options: transports defer them privately too.
	Private  bool
	Handle   func(ctx context.Context, req Request) (Response, error)
	Complete func(option, prefix string) []Choice // nil when no option autocompletes
}

// AnswersPrivately reports whether the answer to req is for the asker's
// eyes only: always for a Private command, otherwise when the request's
// private option is set.
func (c Command) AnswersPrivately(req Request) bool { return c.Private || req.Bool("private") }

// UserError is an expected failure caused by the request itself (a question
// too long, an unknown speaker); its message is safe to show to the user.
type UserError struct{ Msg string }

func (e *UserError) Error() string { return e.Msg }

// IsUserError reports whether err is, or wraps, a UserError, and returns it.
func IsUserError(err error) (*UserError, bool) {
	var ue *UserError
	ok := errors.As(err, &ue)
	return ue, ok
}

// Table is the set of commands, looked up by name.
type Table []Command

// Lookup returns the command with the given name.
func (t Table) Lookup(name string) (Command, bool) {
	for _, c := range t {
		if c.Name == name {
			return c, true
		}
	}
	return Command{}, false
}
