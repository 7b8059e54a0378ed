package bot

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/coalitionbot/coalitionbot/internal/fakediscord"
	"github.com/coalitionbot/coalitionbot/internal/metrics"
)

// answerMessage is the ID a test gives the message an answer was posted
// as; button presses on it carry it.
const answerMessage = "1400000000000000001"

// press is a click on the button customID under message, by user (the
// test user when ""), from a client set to locale.
func press(t *testing.T, customID, message, user, locale string) []byte {
	t.Helper()
	return payload(t, "command.json", func(m map[string]any) {
		m["type"] = 3
		m["locale"] = locale
		m["data"] = map[string]any{"custom_id": customID, "component_type": 2}
		m["message"] = map[string]any{"id": message, "channel_id": testChannel, "content": "", "type": 20,
			"author": map[string]any{"id": fakediscord.BotID, "username": fakediscord.BotName, "discriminator": "0", "bot": true}}
		if user != "" {
			m["member"].(map[string]any)["user"] = map[string]any{"id": user, "username": "other", "discriminator": "0"}
		}
	})
}

// scrape returns m's /metrics page.
func scrape(t *testing.T, m *metrics.Metrics) string {
	t.Helper()
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	return rec.Body.String()
}

// feedbackButtons returns the custom_ids of an answer's 👍 and 👎.
func feedbackButtons(t *testing.T, s fakediscord.Sent) (up, down string) {
	t.Helper()
	if len(s.Buttons) == 0 || len(s.Buttons[0]) != 2 {
		t.Fatalf("answer %q has buttons %+v, want a row of 👍 and 👎", s.Text(), s.Buttons)
	}
	up, down = s.Buttons[0][0].CustomID, s.Buttons[0][1].CustomID
	if s.Buttons[0][0].Emoji != "👍" || s.Buttons[0][1].Emoji != "👎" || len(up) > 100 || len(down) > 100 {
		t.Fatalf("feedback buttons = %+v, want 👍 then 👎 with custom_ids of at most 100 characters", s.Buttons[0])
	}
	return up, down
}

// A vote under an /ask answer is acknowledged at once and privately, in
// the voter's language, and counted by route and vote; the same user
// voting again on the same message, either way, is not counted again, and
// another user is.
func TestFeedbackCountedOncePerUserAndMessage(t *testing.T) {
	m := metrics.New("test")
	h := startBot(t, realTable(t), func(o *Options) { o.Feedback = m })
	id := h.fake.Interact(slash(t, "ask", "question", "Who represents Italy?"))
	up, down := feedbackButtons(t, h.fake.WaitReply(id, fakediscord.Callback))
	if strings.Contains(up, "Italy") || strings.Contains(up, testUser) {
		t.Errorf("custom_id %q carries the question or the user, want a hash only", up)
	}
	presses := []struct {
		name, customID, user, locale, want string
	}{
		{"first vote", up, "", "en-GB", "Thanks for your feedback"},
		{"the same again", up, "", "en-GB", "already rated"},
		{"the other way", down, "", "fr", "déjà évalué"},
		{"another user", down, "1300000000000000011", "de", "Danke für deine Rückmeldung"},
	}
	for _, p := range presses {
		pid := h.fake.Interact(press(t, p.customID, answerMessage, p.user, p.locale))
		got := h.fake.WaitReply(pid, fakediscord.Callback)
		if got.Type != discordgo.InteractionResponseChannelMessageWithSource || got.Flags&discordgo.MessageFlagsEphemeral == 0 || !strings.Contains(got.Content, p.want) {
			t.Errorf("%s: response type %d flags %d %q, want a private message containing %q", p.name, got.Type, got.Flags, got.Content, p.want)
		}
	}
	page := scrape(t, m)
	for _, want := range []string{`coalitionbot_feedback_total{route="curated",vote="up"} 1`, `coalitionbot_feedback_total{route="curated",vote="down"} 1`} {
		if !strings.Contains(page, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	h.logs.wait(t, "feedback", map[string]string{"route": "curated", "vote": "up", "question_hash": up[len(up)-hashLen:], "message_id": answerMessage})
}

// A button the bot did not write gets a clear private error in the
// user's language and counts nothing; the bot goes on answering.
func TestUnreadableButtonAnsweredPrivately(t *testing.T) {
	m := metrics.New("test")
	h := startBot(t, realTable(t), func(o *Options) { o.Feedback = m })
	for _, id := range []string{"x", "fb:up:curated", "fb:up:bogus:0123456789ab", "fb:sideways:llm:0123456789ab", "fb:up:llm:0123456789AB", "fb:up:llm:0123456789ab:more", strings.Repeat("fb:", 40)} {
		pid := h.fake.Interact(press(t, id, answerMessage, "", "es-ES"))
		got := h.fake.WaitReply(pid, fakediscord.Callback)
		if got.Flags&discordgo.MessageFlagsEphemeral == 0 || !strings.Contains(got.Content, "no he podido leer este botón") {
			t.Errorf("press of %q = %q (flags %d), want the private error in Spanish", id, got.Content, got.Flags)
		}
	}
	if page := scrape(t, m); strings.Contains(page, "coalitionbot_feedback_total{") {
		t.Errorf("/metrics counts votes for unreadable buttons:\n%s", page)
	}
	id := h.fake.Interact(slash(t, "about"))
	if got := h.fake.WaitReply(id, fakediscord.Callback); got.Status != 204 {
		t.Errorf("/about after unreadable buttons answered %d, want 204", got.Status)
	}
}

// A mention's answer has the feedback buttons too.
func TestMentionAnswerHasFeedbackButtons(t *testing.T) {
	h := startBot(t, realTable(t))
	id := h.fake.Post(message(t, "message.json", mentionBot+" who represents Italy?", nil))
	up, _ := feedbackButtons(t, h.fake.WaitReplyTo(id))
	if f, err := parseFeedback(up); err != nil || f.route != "curated" || f.question != questionHash("who represents Italy?") {
		t.Errorf("parseFeedback(%q) = %+v, %v, want a curated vote on the question's hash", up, f, err)
	}
}
