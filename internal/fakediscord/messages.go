package fakediscord

import (
	"encoding/json"
	"regexp"
	"strings"

	"github.com/bwmarrin/discordgo"
)

// userMention finds user mentions in message text, as Discord does to fill
// a message's mentions.
var userMention = regexp.MustCompile(`<@!?(\d+)>`)

// roleMention finds role mentions.
var roleMention = regexp.MustCompile(`<@&(\d+)>`)

// Post dispatches MESSAGE_CREATE for a message a user writes. payload is a
// Discord message object in JSON (see the bot's testdata); the fake adds an
// id and, as Discord does, the mentions found in the content, the message
// replied to (whose author counts as mentioned, as with the client's
// default "ping on reply") and the reply type. It stores the message so the
// bot can fetch it, and delivers it only to a session with the matching
// intent, its text blanked unless it is a DM, mentions the bot, or the
// session has the message-content intent. It returns the message's ID.
func (f *Server) Post(payload []byte) string {
	f.t.Helper()
	var msg map[string]any
	if err := json.Unmarshal(payload, &msg); err != nil {
		f.t.Fatalf("fakediscord: Post payload: %v", err)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	id := f.id()
	msg["id"] = id
	content, _ := msg["content"].(string)
	if _, ok := msg["mentions"]; !ok {
		msg["mentions"] = f.mentionsIn(content, msg)
	}
	if _, ok := msg["mention_roles"]; !ok {
		roles := []string{}
		for _, m := range roleMention.FindAllStringSubmatch(content, -1) {
			roles = append(roles, m[1])
		}
		msg["mention_roles"] = roles
	}
	msg["mention_everyone"] = strings.Contains(content, "@everyone") || strings.Contains(content, "@here")
	msg["type"] = discordgo.MessageTypeDefault
	if _, ok := msg["message_reference"]; ok {
		msg["type"] = discordgo.MessageTypeReply
	}
	f.messages[id] = msg
	f.deliverLocked(msg)
	return id
}

// mentionsIn lists the users a message mentions: in its text, and the
// author of the message it replies to.
func (f *Server) mentionsIn(content string, msg map[string]any) []any {
	var out []any
	seen := map[string]bool{}
	add := func(id string) {
		if !seen[id] {
			seen[id] = true
			user := map[string]any{"id": id, "username": "user" + id, "discriminator": "0"}
			if id == BotID {
				user["username"], user["bot"] = BotName, true
			}
			out = append(out, user)
		}
	}
	for _, m := range userMention.FindAllStringSubmatch(content, -1) {
		add(m[1])
	}
	if ref, ok := msg["message_reference"].(map[string]any); ok {
		if target := f.messages[ref["message_id"].(string)]; target != nil {
			if author, ok := target["author"].(map[string]any); ok {
				add(author["id"].(string))
			}
		}
	}
	if out == nil {
		out = []any{}
	}
	return out
}

// deliverLocked dispatches MESSAGE_CREATE as Discord would; f.mu held.
func (f *Server) deliverLocked(msg map[string]any) {
	guild, _ := msg["guild_id"].(string)
	s := f.sessionFor(guild)
	if s == nil {
		return
	}
	need := discordgo.IntentDirectMessages
	if guild != "" {
		need = discordgo.IntentGuildMessages
	}
	if s.intents&need == 0 {
		return
	}
	ev := f.withReferenced(msg)
	if !f.readable(s, msg) {
		blank := make(map[string]any, len(ev))
		for k, v := range ev {
			blank[k] = v
		}
		blank["content"], blank["embeds"], blank["attachments"], blank["components"] = "", []any{}, []any{}, []any{}
		ev = blank
	}
	f.dispatchLocked(s, "MESSAGE_CREATE", ev)
}

// readable reports whether a session may see a message's text without
// the privileged message-content intent.
func (f *Server) readable(s *gwSession, msg map[string]any) bool {
	if s.intents&discordgo.IntentMessageContent != 0 || msg["guild_id"] == nil || msg["guild_id"] == "" {
		return true
	}
	if author, ok := msg["author"].(map[string]any); ok && author["id"] == BotID {
		return true
	}
	mentions, _ := msg["mentions"].([]any)
	for _, m := range mentions {
		if u, ok := m.(map[string]any); ok && u["id"] == BotID {
			return true
		}
	}
	return false
}
