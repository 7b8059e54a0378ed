package bot

import (
	"cmp"
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/coalitionbot/coalitionbot/answer"
	"github.com/coalitionbot/coalitionbot/commands"
)

// Editor edits an interaction's original response after a deferral.
// *discordgo.Session is one; a test or an HTTP endpoint may pass its own.
type Editor interface {
	InteractionResponseEdit(i *discordgo.Interaction, edit *discordgo.WebhookEdit, options ...discordgo.RequestOption) (*discordgo.Message, error)
}

// Responder sends an interaction's first response. Over the gateway it is a
// REST callback; over HTTP it is the body of the reply to Discord's POST.
// Interactions calls it exactly once per interaction, and edits nothing
// before it returns: over HTTP it should return once the reply is written.
type Responder func(resp *discordgo.InteractionResponse) error

// Interactions answers Discord interactions from the command table: slash
// commands, autocompletion, the feedback buttons under answers and PINGs.
// It is the seam shared by the gateway bot and an HTTP interactions
// endpoint, so both answer and render alike; the transport only delivers
// the interaction and the first response.
type Interactions struct {
	table commands.Table
	msgs  *answer.Messages
	edits Editor
	// userErrors counts interactions refused for malformed options, and
	// feedback the votes on answers; nil counts nothing.
	userErrors UserErrors
	feedback   FeedbackCounter
	votes      *votes
	// access is where commands are answered; nil: everywhere.
	access *Access
	log    *slog.Logger
	// deferAfter is how long a command not marked Slow may take before the
	// answer is deferred; Discord allows 3 s for the first response.
	deferAfter time.Duration
	// tick paces the edits of an answer being written.
	tick tickers
}

// NewInteractions returns the interaction handler for table, writing its
// own words from msgs (the embedded catalog when nil), editing deferred
// answers through edits, counting interactions with malformed options in
// userErrors and votes on answers in feedback (either may be nil), and
// answering commands only where access allows (nil: everywhere).
func NewInteractions(table commands.Table, msgs *answer.Messages, edits Editor, userErrors UserErrors, feedback FeedbackCounter, access *Access, log *slog.Logger) *Interactions {
	return &Interactions{
		table: table, msgs: embeddedOr(msgs), edits: edits,
		userErrors: userErrors, feedback: feedback, votes: newVotes(maxVotes),
		access: access, log: log, deferAfter: 2 * time.Second, tick: realTickers,
	}
}

// Handle answers one interaction: it calls respond once with the first
// response, then, when that response deferred the answer, edits the
// original response until the answer is complete. It returns when the
// interaction is fully answered, so ctx must outlive the transport's own
// request (over HTTP: not the request's context).
func (x *Interactions) Handle(ctx context.Context, i *discordgo.Interaction, respond Responder) {
	switch i.Type {
	case discordgo.InteractionPing:
		x.send(x.log, respond, pong())
	case discordgo.InteractionApplicationCommandAutocomplete:
		x.autocomplete(i, respond)
	case discordgo.InteractionApplicationCommand:
		x.command(ctx, i, respond)
	case discordgo.InteractionMessageComponent:
		x.press(i, respond)
	default:
		x.send(x.log, respond, renderText(wordsFor(x.msgs, string(i.Locale)).text(answer.MsgNoForms), true).interactionResponse())
	}
}

// outcome is a handler's result.
type outcome struct {
	resp commands.Response
	err  error
}

// command runs a slash command. A Slow command is deferred before it runs.
// Any other runs at once and is deferred only when it says a model is
// about to write its answer (Request.Writing), or if it has not answered
// within deferAfter: curated and refused answers arrive in one step, and
// slow ones still beat Discord's 3 s.
func (x *Interactions) command(ctx context.Context, i *discordgo.Interaction, respond Responder) {
	start := time.Now()
	data := i.ApplicationCommandData()
	log := x.log.With("command", data.Name, "user_id", userID(i))
	if x.outside(log, i, respond) {
		return
	}
	w := wordsFor(x.msgs, string(i.Locale))
	cmd, ok := x.table.Lookup(data.Name)
	if !ok {
		log.Warn("unknown command")
		x.send(log, respond, renderText(w.text(answer.MsgCommandUnknown), true).interactionResponse())
		return
	}
	if err := CheckOptions(data.Options); err != nil {
		x.malformed(log, cmd.Name, err)
		x.send(log, respond, renderText(w.text(answer.MsgOptionsUnreadable), true).interactionResponse())
		return
	}
	// The user's client language: answers are in it unless the question
	// is clearly in another language the bot reads.
	req := commands.Request{Command: cmd.Name, Options: optionValues(data.Options), Target: targetText(data), UserID: userID(i), Lang: string(i.Locale), Moment: discordMoment}
	prog := &progress{lang: w.lang}
	writing := make(chan struct{})
	var once sync.Once
	req.Progress = prog.set
	req.Writing = func(lang string) {
		prog.writing(lang)
		once.Do(func() { close(writing) })
	}
	results := make(chan outcome, 1)
	run := func() {
		resp, err := call(ctx, cmd, req)
		results <- outcome{resp, err}
	}
	if !cmd.Slow {
		go run()
		timer := time.NewTimer(x.deferAfter)
		select {
		case o := <-results:
			timer.Stop()
			// An answer the model was asked for is deferred even when it
			// came back before the deferral could go (a model failing at
			// once): what a user sees does not depend on a race.
			select {
			case <-writing:
				results <- o
			default:
				x.send(log, respond, x.render(log, o, w).interactionResponse())
				x.logAnswer(log, o, start, false)
				return
			}
		case <-writing:
			timer.Stop()
		case <-timer.C:
		}
	}
	if err := respond(deferral(cmd.AnswersPrivately(req))); err != nil {
		log.Error("defer interaction", "err", err.Error())
		return
	}
	if cmd.Slow {
		go run()
	}
	stop := prog.show(ctx, x.tick, func(text, lang string) {
		// The question: /ask's option, or the message asked about.
		edit := renderProgress(wordsFor(x.msgs, lang), cmp.Or(req.Options["question"], req.Target), text).webhookEdit()
		if _, err := x.edits.InteractionResponseEdit(i, edit, discordgo.WithContext(ctx)); err != nil {
			log.Warn("show progress", "err", err.Error())
		}
	})
	o := <-results
	stop()
	if err := x.finalEdit(ctx, i, x.render(log, o, w), w, log); err != nil {
		log.Error("edit deferred answer", "err", err.Error())
		return
	}
	x.logAnswer(log, o, start, true)
}

// autocomplete suggests values for the focused option, from memory.
func (x *Interactions) autocomplete(i *discordgo.Interaction, respond Responder) {
	data := i.ApplicationCommandData()
	log := x.log.With("command", data.Name, "user_id", userID(i))
	var choices []commands.Choice
	// Where the bot does not answer, it suggests nothing either.
	if cmd, ok := x.table.Lookup(data.Name); ok && x.access.interaction(i) == allowed {
		if err := CheckOptions(data.Options); err != nil {
			x.malformed(log, cmd.Name, err) // an autocomplete response can only carry choices: none
		} else if opt := focused(data.Options); opt != nil {
			choices = complete(log, cmd, opt.Name, optionText(opt.Value))
		}
	}
	x.send(log, respond, choicesResponse(choices))
}

// malformed logs and counts an interaction of command refused for its
// options, as route user_error like a handler's own user errors.
func (x *Interactions) malformed(log *slog.Logger, command string, err error) {
	log.Warn("malformed interaction options", "route", "user_error", "err", err.Error())
	if x.userErrors != nil {
		x.userErrors.UserError(command)
	}
}

// render turns a handler's outcome into a reply, the bot's own words in
// the response's language, else in the user's (w).
func (x *Interactions) render(log *slog.Logger, o outcome, w words) reply {
	if o.err != nil {
		return failure(w, log, o.err)
	}
	return renderResponse(wordsFor(x.msgs, cmp.Or(o.resp.Lang, w.lang)), o.resp)
}

// send delivers a first response and logs a failure to do so.
func (x *Interactions) send(log *slog.Logger, respond Responder, resp *discordgo.InteractionResponse) {
	if err := respond(resp); err != nil {
		log.Error("respond to interaction", "err", err.Error())
	}
}

// logAnswer logs an answer delivered. Unexpected errors were logged by
// failure; a user's mistake is logged here as route user_error.
func (x *Interactions) logAnswer(log *slog.Logger, o outcome, start time.Time, deferred bool) {
	route := o.resp.Route
	if o.err != nil {
		if _, ok := commands.IsUserError(o.err); !ok {
			return
		}
		route = "user_error"
	}
	log.Info("answered", "route", route, "latency_ms", time.Since(start).Milliseconds(), "deferred", deferred)
}

// optionValues flattens a command's options, checked by CheckOptions, into
// Request.Options: strings as given, booleans as "true" or absent, empty
// strings absent.
func optionValues(opts []*discordgo.ApplicationCommandInteractionDataOption) map[string]string {
	out := make(map[string]string, len(opts))
	for _, o := range opts {
		switch v := o.Value.(type) {
		case bool:
			if v {
				out[o.Name] = "true"
			}
		default:
			if text := optionText(v); text != "" {
				out[o.Name] = text
			}
		}
	}
	return out
}

// optionText is an option's value as text: booleans as "true" or "false",
// nothing as "".
func optionText(v any) string {
	if v == nil {
		return ""
	}
	return fmt.Sprint(v)
}

// focused returns the option the user is typing into, among options
// checked by CheckOptions.
func focused(opts []*discordgo.ApplicationCommandInteractionDataOption) *discordgo.ApplicationCommandInteractionDataOption {
	for _, o := range opts {
		if o.Focused {
			return o
		}
	}
	return nil
}

// targetText is the text of the message a message command was used on,
// which Discord sends with the interaction (data.resolved.messages), so
// the bot reads it without the message-content intent; "" for other
// commands.
func targetText(data discordgo.ApplicationCommandInteractionData) string {
	if data.CommandType != discordgo.MessageApplicationCommand || data.Resolved == nil {
		return ""
	}
	if m := data.Resolved.Messages[data.TargetID]; m != nil {
		return m.Content
	}
	return ""
}

// userID is who invoked the interaction: the member's user where Discord
// sends a member (servers), the user where it sends none (DMs, group DMs,
// and servers it sends no member for, as with a user install).
func userID(i *discordgo.Interaction) string {
	if i.Member != nil && i.Member.User != nil {
		return i.Member.User.ID
	}
	if i.User != nil {
		return i.User.ID
	}
	return ""
}
