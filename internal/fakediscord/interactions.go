package fakediscord

import (
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Discord's deadlines for answering an interaction.
const (
	firstResponseWithin = 3 * time.Second
	tokenLifetime       = 15 * time.Minute
)

// interaction is one dispatched interaction and the state of its answer.
type interaction struct {
	id, token string
	kind      discordgo.InteractionType
	at        time.Time // dispatched
	acked     bool
	// original is the response message as it stands after edits.
	original message
}

// Interact dispatches INTERACTION_CREATE carrying payload, a Discord
// interaction object in JSON (see the bot's testdata); the fake fills in
// id, token, application_id and version. It returns the interaction's ID.
func (f *Server) Interact(payload []byte) string {
	f.t.Helper()
	var in map[string]any
	if err := json.Unmarshal(payload, &in); err != nil {
		f.t.Fatalf("fakediscord: Interact payload: %v", err)
	}
	kind, _ := in["type"].(float64)
	guild, _ := in["guild_id"].(string)
	f.mu.Lock()
	defer f.mu.Unlock()
	s := f.sessionFor(guild)
	if s == nil {
		f.errorf("Interact before any gateway session is ready")
		return ""
	}
	id := f.id()
	it := &interaction{id: id, token: "interaction-token-" + id, kind: discordgo.InteractionType(kind), at: f.opts.Now()}
	f.interactions[id], f.byToken[it.token] = it, it
	in["id"], in["token"], in["application_id"], in["version"] = id, it.token, AppID, 1
	f.dispatchLocked(s, "INTERACTION_CREATE", in)
	return id
}

// postCallback is an interaction's first response: one only, within 3 s,
// of a type that fits the interaction.
func (f *Server) postCallback(w http.ResponseWriter, r *http.Request) {
	body, ok := f.readBody(w, r)
	if !ok {
		return
	}
	var cb struct {
		Type discordgo.InteractionResponseType `json:"type"`
		Data json.RawMessage                   `json:"data"`
	}
	if err := json.Unmarshal(body, &cb); err != nil {
		f.refuse(w, r, http.StatusBadRequest, codeInvalidFormBody, []string{"decode callback: " + err.Error()})
		return
	}
	m, problems := decodeMessage(orEmpty(cb.Data), false)
	f.mu.Lock()
	defer f.mu.Unlock()
	it := f.interactions[r.PathValue("id")]
	sent := m.sent(Callback)
	sent.InteractionID, sent.Type = r.PathValue("id"), cb.Type
	switch {
	case it == nil || it.token != r.PathValue("token"):
		f.deny(w, r, sent, http.StatusNotFound, codeUnknownInteraction, []string{"Unknown interaction"})
		return
	case f.opts.Now().Sub(it.at) > firstResponseWithin:
		f.deny(w, r, sent, http.StatusNotFound, codeUnknownInteraction, []string{fmt.Sprintf("Unknown interaction: first response %v after dispatch, limit %v", f.opts.Now().Sub(it.at), firstResponseWithin)})
		return
	case it.acked:
		f.deny(w, r, sent, http.StatusBadRequest, codeAlreadyAcked, []string{"Interaction has already been acknowledged"})
		return
	}
	problems = append(problems, callbackProblems(it.kind, cb.Type, m)...)
	if len(problems) > 0 {
		f.deny(w, r, sent, http.StatusBadRequest, codeInvalidFormBody, problems)
		return
	}
	it.acked = true
	if cb.Type == discordgo.InteractionResponseChannelMessageWithSource {
		it.original = m
	}
	f.record(sent, http.StatusNoContent, 0)
	w.WriteHeader(http.StatusNoContent)
}

func orEmpty(data json.RawMessage) []byte {
	if len(data) == 0 {
		return []byte("{}")
	}
	return data
}

// callbackProblems checks that a response type fits the interaction.
func callbackProblems(kind discordgo.InteractionType, typ discordgo.InteractionResponseType, m message) []string {
	switch {
	case kind == discordgo.InteractionApplicationCommandAutocomplete:
		if typ != discordgo.InteractionApplicationCommandAutocompleteResult {
			return []string{fmt.Sprintf("response type %d to an autocomplete interaction, want %d", typ, discordgo.InteractionApplicationCommandAutocompleteResult)}
		}
		return checkChoices(m.Choices)
	case typ == discordgo.InteractionResponseChannelMessageWithSource:
		if m.empty() {
			return []string{"Cannot send an empty message"}
		}
	case typ != discordgo.InteractionResponseDeferredChannelMessageWithSource:
		return []string{fmt.Sprintf("response type %d to interaction type %d", typ, kind)}
	}
	return nil
}

// webhookInteraction finds the interaction behind a webhook token, checking
// what Discord checks: the application, the token's age, and that the
// interaction was answered first.
func (f *Server) webhookInteraction(w http.ResponseWriter, r *http.Request) (*interaction, bool) {
	it := f.byToken[r.PathValue("token")]
	switch {
	case r.PathValue("app") != AppID || it == nil:
		f.refuse(w, r, http.StatusNotFound, codeUnknownWebhook, []string{"Unknown Webhook"})
	case f.opts.Now().Sub(it.at) > tokenLifetime:
		f.refuse(w, r, http.StatusUnauthorized, codeInvalidToken, []string{"Invalid Webhook Token: older than 15 minutes"})
	case !it.acked:
		f.refuse(w, r, http.StatusNotFound, codeUnknownMessage, []string{"Unknown Message: edit before the interaction's first response"})
	default:
		return it, true
	}
	return nil, false
}

// webhookMessage is what edits and follow-ups share: the body is decoded,
// the interaction found and checked under the lock, and handle runs, still
// under it, with the message, its record and the problems found so far.
func (f *Server) webhookMessage(w http.ResponseWriter, r *http.Request, kind Kind, handle func(it *interaction, m message, sent Sent, problems []string)) {
	body, ok := f.readBody(w, r)
	if !ok {
		return
	}
	m, problems := decodeMessage(body, false)
	f.mu.Lock()
	defer f.mu.Unlock()
	it, ok := f.webhookInteraction(w, r)
	if !ok {
		return
	}
	sent := m.sent(kind)
	sent.InteractionID = it.id
	handle(it, m, sent, problems)
}

// patchWebhookMessage edits an interaction's original response.
func (f *Server) patchWebhookMessage(w http.ResponseWriter, r *http.Request) {
	f.webhookMessage(w, r, Edit, func(it *interaction, m message, sent Sent, problems []string) {
		if r.PathValue("message") != "@original" {
			f.deny(w, r, sent, http.StatusNotFound, codeUnknownMessage, []string{"Unknown Message: the fake only edits @original"})
			return
		}
		next := it.original
		if m.Content != nil {
			next.Content = m.Content
		}
		if m.Embeds != nil {
			next.Embeds = m.Embeds
		}
		if m.Components != nil {
			next.Components, next.buttons = m.Components, m.buttons
		}
		if next.empty() {
			problems = append(problems, "Cannot send an empty message")
		}
		if len(problems) > 0 {
			f.deny(w, r, sent, http.StatusBadRequest, codeInvalidFormBody, problems)
			return
		}
		it.original = next
		sent.MessageID = it.id
		f.record(sent, http.StatusOK, 0)
		writeJSON(w, http.StatusOK, map[string]any{"id": it.id, "content": next.Content, "embeds": next.Embeds, "type": discordgo.MessageTypeChatInputCommand})
	})
}

// postFollowup sends a further message for an interaction.
func (f *Server) postFollowup(w http.ResponseWriter, r *http.Request) {
	f.webhookMessage(w, r, Followup, func(_ *interaction, m message, sent Sent, problems []string) {
		if m.empty() {
			problems = append(problems, "Cannot send an empty message")
		}
		if len(problems) > 0 {
			f.deny(w, r, sent, http.StatusBadRequest, codeInvalidFormBody, problems)
			return
		}
		sent.MessageID = f.id()
		f.record(sent, http.StatusOK, 0)
		writeJSON(w, http.StatusOK, map[string]any{"id": sent.MessageID, "content": m.Content, "embeds": m.Embeds})
	})
}
