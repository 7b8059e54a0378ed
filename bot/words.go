package bot

import (
	"fmt"
	"time"

	"github.com/coalitionbot/coalitionbot/answer"
)

// words are the bot's own texts in one language, from the answer catalog
// (answer/messages): what it writes around a response, its apologies and
// its buttons, so a French user reads French around a French answer.
type words struct {
	msgs *answer.Messages
	lang string
}

// wordsFor returns the words in the shipped language for tag: a Discord
// locale ("pt-BR"), an answer's language ("fr"), or "" for English.
func wordsFor(msgs *answer.Messages, tag string) words {
	return words{msgs: msgs, lang: msgs.Lang(tag)}
}

// text is a message that takes no data.
func (w words) text(id answer.MessageID) string { return w.msgs.Text(w.lang, id, nil) }

// discordMoment writes a moment as Discord's relative timestamp, which
// every client shows as "in 42 seconds" in its own language and keeps
// counting down.
func discordMoment(t time.Time) string { return fmt.Sprintf("<t:%d:R>", t.Unix()) }

// embeddedOr returns msgs, or the embedded catalog when msgs is nil. It
// panics when the embedded catalog is invalid: it is part of the binary,
// and TestLoadMessages keeps such a binary from being built.
func embeddedOr(msgs *answer.Messages) *answer.Messages {
	if msgs != nil {
		return msgs
	}
	msgs, err := answer.LoadMessages()
	if err != nil {
		panic(err)
	}
	return msgs
}
