package bot

import (
	"cmp"
	"context"
	"log/slog"
	"slices"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/coalitionbot/coalitionbot/answer"
	"github.com/coalitionbot/coalitionbot/commands"
	"github.com/coalitionbot/coalitionbot/internal/pings"
)

// messenger is the part of a discordgo session that answering messages
// needs.
type messenger interface {
	ChannelMessageSendComplex(channelID string, data *discordgo.MessageSend, options ...discordgo.RequestOption) (*discordgo.Message, error)
	ChannelMessageEditComplex(m *discordgo.MessageEdit, options ...discordgo.RequestOption) (*discordgo.Message, error)
	ChannelTyping(channelID string, options ...discordgo.RequestOption) error
	ChannelMessage(channelID, messageID string, options ...discordgo.RequestOption) (*discordgo.Message, error)
}

// The typing indicator shows once an answer takes more than a moment
// (typingAfter), renewed while it lasts, as Discord shows it for 10 s.
const (
	typingAfter = time.Second
	typingEvery = 8 * time.Second
)

// mentions treats a message that mentions the bot, and any direct message,
// as a question for the ask command, and answers it with a reply. Without
// the privileged message-content intent these are exactly the messages
// whose text Discord lets the bot read. An answer the model writes is
// shown as it grows, as /ask shows it: the reply is posted with the first
// checked sentences and edited at most once a tick, then with the answer.
type mentions struct {
	ask    commands.Command
	rest   messenger
	access *Access // where to answer; nil: everywhere
	msgs   *answer.Messages
	tick   tickers
	log    *slog.Logger
}

// handle answers m if it is a question for the bot; self is the bot's user
// ID.
func (h *mentions) handle(ctx context.Context, self string, m *discordgo.Message) {
	if !isQuestion(self, m) {
		h.log.Debug("message not for the bot", "message_id", m.ID)
		return
	}
	if d := h.access.message(m); d != allowed {
		h.log.Debug("message not answered here", "message_id", m.ID, "reason", string(d))
		return
	}
	start := time.Now()
	log := h.log.With("command", h.ask.Name, "user_id", m.Author.ID)
	question := pings.Strip(m.Content)
	out := &replyMessage{rest: h.rest, to: m}
	stopTyping := h.typing(ctx, m.ChannelID, log)
	prog := &progress{}
	stopShow := prog.show(ctx, h.tick, func(text, lang string) {
		stopTyping() // the reply shows the answer is coming
		if err := out.show(ctx, renderProgress(wordsFor(h.msgs, lang), question, text)); err != nil {
			log.Warn("show progress", "err", err.Error())
		}
	})
	r, w, route := h.answer(ctx, self, m, question, prog, log)
	stopShow()
	stopTyping()
	streamed := out.sent != nil
	if err := out.final(ctx, r, w, log); err != nil {
		log.Error("reply to message", "err", err.Error())
		return
	}
	log.Info("answered", "route", route, "latency_ms", time.Since(start).Milliseconds(), "dm", m.GuildID == "", "streamed", streamed)
}

// answer runs the ask command on the message's question, with the
// conversation it continues, reporting what it writes to prog. It returns
// the reply, the words it is written in and the route. A message carries
// no locale: the bot's own words are in the answer's language, English
// when there is no answer.
func (h *mentions) answer(ctx context.Context, self string, m *discordgo.Message, question string, prog *progress, log *slog.Logger) (reply, words, string) {
	w := wordsFor(h.msgs, "")
	if question == "" {
		return renderText(w.text(answer.MsgMentionHint), false), w, ""
	}
	req := commands.Request{
		Command:  h.ask.Name,
		Options:  map[string]string{"question": question},
		UserID:   m.Author.ID,
		History:  h.history(ctx, self, m),
		Progress: prog.set,
		Writing:  prog.writing,
		Moment:   discordMoment,
	}
	resp, err := call(ctx, h.ask, req)
	if _, ok := commands.IsUserError(err); ok {
		return failure(w, log, err), w, "user_error"
	}
	if err != nil {
		return failure(w, log, err), w, ""
	}
	w = wordsFor(h.msgs, cmp.Or(resp.Lang, w.lang))
	return renderResponse(w, resp), w, resp.Route
}

// replyMessage is the bot's reply to a message: posted once there is
// something to show, then edited.
type replyMessage struct {
	rest messenger
	to   *discordgo.Message
	sent *discordgo.Message // the reply, once posted
}

// show posts r as the reply, or edits the reply posted already.
func (o *replyMessage) show(ctx context.Context, r reply) error {
	if o.sent == nil {
		sent, err := o.rest.ChannelMessageSendComplex(o.to.ChannelID, r.replyTo(o.to), discordgo.WithContext(ctx))
		if err == nil {
			o.sent = sent
		}
		return err
	}
	_, err := o.rest.ChannelMessageEditComplex(r.messageEdit(o.sent), discordgo.WithContext(ctx))
	return err
}

// final shows the answer: as the reply, or as the last edit of a reply
// that showed it growing, retried (and replaced by the apology, in w's
// language, when Discord refuses it) so the partial answer does not stay.
func (o *replyMessage) final(ctx context.Context, r reply, w words, log *slog.Logger) error {
	if o.sent == nil {
		return o.show(ctx, r)
	}
	return lastEdit(ctx, r, w, log, func(r reply) error { return o.show(ctx, r) })
}

// typing shows the typing indicator in channel once an answer takes more
// than typingAfter, until stop is called; instant answers need none.
func (h *mentions) typing(ctx context.Context, channel string, log *slog.Logger) (stop func()) {
	return repeat(ctx, typingAfter, typingEvery, func() {
		if err := h.rest.ChannelTyping(channel, discordgo.WithContext(ctx)); err != nil {
			log.Warn("show typing", "err", err.Error())
		}
	})
}

// isQuestion reports whether m is for the bot: a direct message or a
// mention, from a person (never a bot, so bots cannot loop on each other),
// and an ordinary message or reply rather than a system message.
func isQuestion(self string, m *discordgo.Message) bool {
	if self == "" || m.Author == nil || m.Author.Bot || m.Author.ID == self {
		return false
	}
	if m.Type != discordgo.MessageTypeDefault && m.Type != discordgo.MessageTypeReply {
		return false
	}
	return m.GuildID == "" || slices.ContainsFunc(m.Mentions, func(u *discordgo.User) bool { return u.ID == self })
}
