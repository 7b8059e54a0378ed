package fakediscord

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"

	"github.com/bwmarrin/discordgo"
)

// Discord's error codes that the fake answers with.
const (
	codeUnknownMessage     = 10008
	codeUnknownWebhook     = 10015
	codeUnknownInteraction = 10062
	codeNotAuthor          = 50005
	codeEmptyMessage       = 50006
	codeInvalidToken       = 50027
	codeInvalidFormBody    = 50035
	codeAlreadyAcked       = 40060
)

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func writeError(w http.ResponseWriter, status, code int, msg string) {
	writeJSON(w, status, map[string]any{"message": msg, "code": code})
}

// authed requires the bot's token, as Discord does for every endpoint but
// the gateway lookup and interaction webhooks.
func (f *Server) authed(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bot "+f.opts.Token {
			writeError(w, http.StatusUnauthorized, 0, "401: Unauthorized")
			return
		}
		h(w, r)
	}
}

// readBody reads a JSON request body, checking what Discord checks of
// every request: a JSON content type and a bot User-Agent.
func (f *Server) readBody(w http.ResponseWriter, r *http.Request) ([]byte, bool) {
	if !strings.HasPrefix(r.Header.Get("User-Agent"), "DiscordBot") {
		f.errorf("%s %s: User-Agent %q does not start with DiscordBot", r.Method, r.URL.Path, r.Header.Get("User-Agent"))
	}
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		f.errorf("%s %s: Content-Type %q, want application/json", r.Method, r.URL.Path, ct)
		writeError(w, http.StatusBadRequest, codeInvalidFormBody, "Invalid Form Body")
		return nil, false
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, 8<<20))
	if err != nil {
		writeError(w, http.StatusBadRequest, codeInvalidFormBody, "Invalid Form Body")
		return nil, false
	}
	return body, true
}

// refuse fails the test with the rules a request broke and answers as
// Discord would.
// deny records what the bot sent as refused and refuses the request.
func (f *Server) deny(w http.ResponseWriter, r *http.Request, sent Sent, status, code int, problems []string) {
	f.record(sent, status, code)
	f.refuse(w, r, status, code, problems)
}

func (f *Server) refuse(w http.ResponseWriter, r *http.Request, status, code int, problems []string) {
	f.errorf("%s %s: %s", r.Method, r.URL.Path, strings.Join(problems, "; "))
	writeError(w, status, code, strings.Join(problems, "; "))
}

// putCommands is the bulk overwrite of global or guild commands.
func (f *Server) putCommands(w http.ResponseWriter, r *http.Request) {
	body, ok := f.readBody(w, r)
	if !ok {
		return
	}
	if app := r.PathValue("app"); app != AppID {
		f.refuse(w, r, http.StatusForbidden, 50001, []string{"commands registered for application " + app + ", not " + AppID})
		return
	}
	var cmds []*discordgo.ApplicationCommand
	if err := json.Unmarshal(body, &cmds); err != nil {
		f.refuse(w, r, http.StatusBadRequest, codeInvalidFormBody, []string{"decode commands: " + err.Error()})
		return
	}
	if problems := checkCommands(cmds); len(problems) > 0 {
		f.refuse(w, r, http.StatusBadRequest, codeInvalidFormBody, problems)
		return
	}
	guild := r.PathValue("guild")
	f.mu.Lock()
	for _, c := range cmds {
		c.ID, c.ApplicationID, c.GuildID, c.Version = f.id(), AppID, guild, "1"
	}
	f.commands[guild] = cmds
	f.touch()
	f.mu.Unlock()
	writeJSON(w, http.StatusOK, cmds)
}

// postChannelMessage creates a message from the bot, stores it, and
// dispatches it back over the gateway as Discord does, so the bot must
// ignore its own messages.
func (f *Server) postChannelMessage(w http.ResponseWriter, r *http.Request) {
	body, ok := f.readBody(w, r)
	if !ok {
		return
	}
	m, problems := decodeMessage(body, true)
	channel := r.PathValue("channel")
	sent := m.sent(ChannelMessage)
	sent.ChannelID = channel
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(problems) > 0 {
		f.deny(w, r, sent, http.StatusBadRequest, codeInvalidFormBody, problems)
		return
	}
	if m.empty() {
		f.deny(w, r, sent, http.StatusBadRequest, codeEmptyMessage, []string{"Cannot send an empty message"})
		return
	}
	ref := m.Reference
	if ref != nil && f.messages[ref.MessageID] == nil && (ref.FailIfNotExists == nil || *ref.FailIfNotExists) {
		f.record(sent, http.StatusBadRequest, codeInvalidFormBody)
		writeError(w, http.StatusBadRequest, codeInvalidFormBody, "Unknown message")
		return
	}
	msg := f.storeLocked(channel, body, ref)
	sent.MessageID = msg["id"].(string)
	f.record(sent, http.StatusOK, 0)
	f.deliverLocked(msg)
	writeJSON(w, http.StatusOK, msg)
}

// patchChannelMessage edits a message the bot sent, in its channel: what
// the body gives of content, embeds and components replaces the
// message's, as Discord does.
func (f *Server) patchChannelMessage(w http.ResponseWriter, r *http.Request) {
	body, ok := f.readBody(w, r)
	if !ok {
		return
	}
	m, problems := decodeMessage(body, true)
	channel, id := r.PathValue("channel"), r.PathValue("message")
	sent := m.sent(MessageEdit)
	sent.ChannelID, sent.MessageID = channel, id
	f.mu.Lock()
	defer f.mu.Unlock()
	stored := f.messages[id]
	if stored == nil || stored["channel_id"] != channel {
		f.deny(w, r, sent, http.StatusNotFound, codeUnknownMessage, []string{"Unknown Message"})
		return
	}
	if author, _ := stored["author"].(map[string]any); author == nil || author["id"] != BotID {
		f.deny(w, r, sent, http.StatusForbidden, codeNotAuthor, []string{"Cannot edit a message authored by another user"})
		return
	}
	var patch map[string]any
	json.Unmarshal(body, &patch)
	next := make(map[string]any, len(stored))
	for k, v := range stored {
		next[k] = v
	}
	for _, k := range []string{"content", "embeds", "components"} {
		if v, ok := patch[k]; ok {
			next[k] = v
		}
	}
	if merged, _ := json.Marshal(next); len(problems) == 0 {
		if after, _ := decodeMessage(merged, false); after.empty() {
			problems = append(problems, "Cannot send an empty message")
		}
	}
	if len(problems) > 0 {
		f.deny(w, r, sent, http.StatusBadRequest, codeInvalidFormBody, problems)
		return
	}
	f.messages[id] = next
	f.record(sent, http.StatusOK, 0)
	writeJSON(w, http.StatusOK, next)
}

// storeLocked keeps a message the bot sent as Discord would return it.
func (f *Server) storeLocked(channel string, body []byte, ref *discordgo.MessageReference) map[string]any {
	var msg map[string]any
	json.Unmarshal(body, &msg)
	delete(msg, "allowed_mentions")
	msg["id"] = f.id()
	msg["channel_id"] = channel
	msg["author"] = map[string]any{"id": BotID, "username": BotName, "discriminator": "0", "bot": true}
	msg["type"] = discordgo.MessageTypeDefault
	msg["mentions"] = []any{}
	if ref != nil {
		msg["type"] = discordgo.MessageTypeReply
		if guild := f.guildOf(ref.MessageID); guild != "" {
			msg["guild_id"] = guild
		}
	}
	f.messages[msg["id"].(string)] = msg
	return msg
}

// guildOf is the guild of a stored message, "" for a DM.
func (f *Server) guildOf(messageID string) string {
	if m := f.messages[messageID]; m != nil {
		g, _ := m["guild_id"].(string)
		return g
	}
	return ""
}

func (f *Server) postTyping(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	f.typing = append(f.typing, r.PathValue("channel"))
	f.touch()
	f.mu.Unlock()
	w.WriteHeader(http.StatusNoContent)
}

// getChannelMessage returns a stored message with the message it replies
// to, as Discord does.
func (f *Server) getChannelMessage(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	m := f.messages[r.PathValue("message")]
	if m == nil || m["channel_id"] != r.PathValue("channel") {
		writeError(w, http.StatusNotFound, codeUnknownMessage, "Unknown Message")
		return
	}
	writeJSON(w, http.StatusOK, f.withReferenced(m))
}

// withReferenced adds referenced_message to a reply, one level deep.
func (f *Server) withReferenced(m map[string]any) map[string]any {
	ref, _ := m["message_reference"].(map[string]any)
	if ref == nil {
		return m
	}
	out := make(map[string]any, len(m)+1)
	for k, v := range m {
		out[k] = v
	}
	id, _ := ref["message_id"].(string)
	if target := f.messages[id]; target != nil {
		out["referenced_message"] = target
	} else {
		out["referenced_message"] = nil
	}
	return out
}

// record keeps a message-bearing request; call with f.mu held.
func (f *Server) record(s Sent, status, code int) {
	s.Status, s.Code = status, code
	if s.InteractionID != "" {
		f.sentFor[s.InteractionID] = append(f.sentFor[s.InteractionID], len(f.sent))
	}
	f.sent = append(f.sent, s)
	f.touch()
}
