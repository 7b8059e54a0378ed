package bot

import (
	"context"
	"log/slog"
	"slices"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/coalitionbot/coalitionbot/commands"
	"github.com/coalitionbot/coalitionbot/internal/pings"
)

// messenger is the part of a discordgo session that answering messages
// needs.
type messenger interface {
	ChannelMessageSendComplex(channelID string, data *discordgo.MessageSend, options ...discordgo.RequestOption) (*discordgo.Message, error)
	ChannelTyping(channelID string, options ...discordgo.RequestOption) error
	ChannelMessage(channelID, messageID string, options ...discordgo.RequestOption) (*discordgo.Message, error)
}

// hint answers a mention with no question in it.
const hint = "Ask me anything about the coalition of the willing: mention me with your question, or use /ask."

// The typing indicator shows once an answer takes more than a moment
// (typingAfter), renewed while it lasts, as Discord shows it for 10 s.
const (
	typingAfter = time.Second
	typingEvery = 8 * time.Second
)

// mentions treats a message that mentions the bot, and any direct message,
// as a question for the ask command, and answers it with a reply. Without
// the privileged message-content intent these are exactly the messages
// whose text Discord lets the bot read.
type mentions struct {
	ask    commands.Command
	rest   messenger
	access *Access // where to answer; nil: everywhere
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
	stopTyping := h.typing(ctx, m.ChannelID, log)
	r, route := h.answer(ctx, self, m, log)
	stopTyping()
	if _, err := h.rest.ChannelMessageSendComplex(m.ChannelID, r.replyTo(m), discordgo.WithContext(ctx)); err != nil {
		log.Error("reply to message", "err", err.Error())
		return
	}
	log.Info("answered", "route", route, "latency_ms", time.Since(start).Milliseconds(), "dm", m.GuildID == "")
}

// answer runs the ask command on the message's question, with the
// conversation it continues.
func (h *mentions) answer(ctx context.Context, self string, m *discordgo.Message, log *slog.Logger) (reply, string) {
	question := pings.Strip(m.Content)
	if question == "" {
		return renderText(hint, false), ""
	}
	req := commands.Request{
		Command: h.ask.Name,
		Options: map[string]string{"question": question},
		UserID:  m.Author.ID,
		History: h.history(ctx, self, m),
	}
	resp, err := call(ctx, h.ask, req)
	if _, ok := commands.IsUserError(err); ok {
		return failure(log, err), "user_error"
	}
	if err != nil {
		return failure(log, err), ""
	}
	return renderResponse(resp), resp.Route
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
