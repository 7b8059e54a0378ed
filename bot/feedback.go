package bot

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/coalitionbot/coalitionbot/answer"
)

// A feedback button carries all a vote needs in its custom_id, so nothing
// is kept per answer and any replica can take the press:
// "fb:<vote>:<route>:<question hash>". It holds no user data: the question
// is a hash of 12 hex digits, enough to group votes on one question in the
// logs, and no way back to its text.
const (
	feedbackPrefix = "fb"
	voteUp         = "up"
	voteDown       = "down"
	hashLen        = 12
)

// feedback is a vote read from a button's custom_id.
type feedback struct {
	vote, route, question string
}

// feedbackID is the custom_id of a vote button.
func feedbackID(vote, route, hash string) string {
	return feedbackPrefix + ":" + vote + ":" + route + ":" + hash
}

// errUnreadableButton is any custom_id that is not one the bot wrote:
// from a version that wrote others, or forged.
var errUnreadableButton = errors.New("not a feedback button the bot writes")

// parseFeedback reads a vote button's custom_id. Only the votes, routes
// and hashes the bot writes are accepted, so a forged press can neither
// add a series to the metrics nor put arbitrary text in the logs.
func parseFeedback(id string) (feedback, error) {
	parts := strings.Split(id, ":")
	if len(id) > maxCustomID || len(parts) != 4 || parts[0] != feedbackPrefix {
		return feedback{}, errUnreadableButton
	}
	f := feedback{vote: parts[1], route: parts[2], question: parts[3]}
	if (f.vote != voteUp && f.vote != voteDown) || !knownRoute(f.route) || !isHash(f.question) {
		return feedback{}, errUnreadableButton
	}
	return f, nil
}

// knownRoute reports whether route is one the pipeline answers by.
func knownRoute(route string) bool {
	switch answer.Route(route) {
	case answer.Curated, answer.Retrieved, answer.LLM, answer.Refused:
		return true
	}
	return false
}

func isHash(s string) bool {
	if len(s) != hashLen {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// questionHash identifies a question in feedback: the same question asked
// with other capitals or spacing has the same hash.
func questionHash(question string) string {
	sum := sha256.Sum256([]byte(strings.ToLower(answer.Clean(question))))
	return hex.EncodeToString(sum[:hashLen/2])
}

// FeedbackCounter counts the votes users give answers; *metrics.Metrics
// is one.
type FeedbackCounter interface {
	Feedback(route, vote string)
}

// press answers a button press: a vote is counted once per user and
// message, acknowledged privately in the user's language, and logged with
// the question's hash; anything else gets a clear private error. It does
// no I/O before answering, well within Discord's 3 s.
func (x *Interactions) press(i *discordgo.Interaction, respond Responder) {
	w := wordsFor(x.msgs, string(i.Locale))
	user := userID(i)
	log := x.log.With("user_id", user)
	f, err := parseFeedback(i.MessageComponentData().CustomID)
	if err == nil && (i.Message == nil || i.Message.ID == "" || user == "") {
		err = errors.New("a button press without its message or user")
	}
	if err != nil {
		log.Warn("unreadable button", "route", "user_error", "err", err.Error())
		x.send(log, respond, renderText(w.text(answer.MsgButtonUnreadable), true).interactionResponse())
		return
	}
	log = log.With("route", f.route, "vote", f.vote, "question_hash", f.question, "message_id", i.Message.ID)
	if !x.votes.first(i.Message.ID, user) {
		log.Info("feedback already given")
		x.send(log, respond, renderText(w.text(answer.MsgFeedbackAgain), true).interactionResponse())
		return
	}
	if x.feedback != nil {
		x.feedback.Feedback(f.route, f.vote)
	}
	log.Info("feedback")
	x.send(log, respond, renderText(w.text(answer.MsgFeedbackThanks), true).interactionResponse())
}
