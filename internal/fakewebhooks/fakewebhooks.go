// Package fakewebhooks is the part of Discord an HTTP interactions endpoint
// calls back: PATCH /api/v{n}/webhooks/{app}/{token}/messages/@original,
// which completes a deferred answer. Tests point DISCORD_API_URL at it. It
// records every edit and fails the test on what Discord would refuse or
// what would let an answer ping someone: a body that is not JSON, content
// over 2000 characters, or allowed_mentions missing or with a parse list
// that is not empty.
package fakewebhooks

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
)

// maxContent is Discord's limit on a message's content, in characters.
const maxContent = 2000

// waitLimit bounds WaitEdit, so a missing edit fails the test rather than
// hanging it.
const waitLimit = 10 * time.Second

// TB is the part of testing.TB the fake uses.
type TB interface {
	Helper()
	Errorf(format string, args ...any)
	Fatalf(format string, args ...any)
	Cleanup(func())
}

// Edit is one edit of an interaction's original response.
type Edit struct {
	AppID, Token string
	Content      string
	Embeds       []*discordgo.MessageEmbed
	// AllowedMentions is the allowed_mentions object exactly as sent.
	AllowedMentions json.RawMessage
}

// Server is a running fake.
type Server struct {
	t        TB
	srv      *httptest.Server
	mu       sync.Mutex
	edits    []Edit
	attempts int           // edits received, refused ones included
	status   int           // when not 0, every edit is refused with it
	after    time.Duration // with status 429, the retry_after sent
	added    chan struct{} // closed and replaced on every edit
}

// New starts a fake that the test closes when it ends.
func New(t TB) *Server {
	t.Helper()
	f := &Server{t: t, added: make(chan struct{})}
	mux := http.NewServeMux()
	mux.HandleFunc("PATCH /api/{version}/webhooks/{app}/{token}/messages/{message}", f.patch)
	f.srv = httptest.NewServer(mux)
	t.Cleanup(f.srv.Close)
	return f
}

// URL is the base URL to use as DISCORD_API_URL.
func (f *Server) URL() string { return f.srv.URL }

// FailWith makes every later edit fail with status, as when the token has
// expired (401) or the message was deleted (404).
func (f *Server) FailWith(status int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.status = status
}

// RateLimit makes every later edit get 429 Too Many Requests with
// retry_after set to after, as Discord answers a bot over its rate limit.
func (f *Server) RateLimit(after time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.status, f.after = http.StatusTooManyRequests, after
}

// Attempts returns how many edits were received, refused ones included.
func (f *Server) Attempts() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.attempts
}

// Edits returns every edit so far, in order.
func (f *Server) Edits() []Edit {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]Edit(nil), f.edits...)
}

// WaitEdit returns the first edit for token, waiting for it to arrive.
func (f *Server) WaitEdit(token string) Edit {
	f.t.Helper()
	var found Edit
	f.wait("an edit for the interaction", func(edits []Edit) bool {
		for _, e := range edits {
			if e.Token == token {
				found = e
				return true
			}
		}
		return false
	})
	return found
}

// wait blocks until done holds for the edits so far, failing the test
// after waitLimit without a new edit.
func (f *Server) wait(what string, done func([]Edit) bool) {
	f.t.Helper()
	for {
		f.mu.Lock()
		added, ok := f.added, done(f.edits)
		f.mu.Unlock()
		if ok {
			return
		}
		select {
		case <-added:
		case <-time.After(waitLimit):
			f.t.Fatalf("fakewebhooks: no %s: nothing new for %v", what, waitLimit)
			return
		}
	}
}

func (f *Server) patch(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	var msg struct {
		Content         *string                   `json:"content"`
		Embeds          []*discordgo.MessageEmbed `json:"embeds"`
		AllowedMentions json.RawMessage           `json:"allowed_mentions"`
	}
	if err == nil {
		err = json.Unmarshal(body, &msg)
	}
	if err != nil {
		f.refuse(w, http.StatusBadRequest, fmt.Sprintf("body is not JSON: %v", err))
		return
	}
	if problem := mentionProblem(msg.AllowedMentions); problem != "" {
		f.refuse(w, http.StatusBadRequest, problem)
		return
	}
	e := Edit{AppID: r.PathValue("app"), Token: r.PathValue("token"), Embeds: msg.Embeds, AllowedMentions: msg.AllowedMentions}
	if msg.Content != nil {
		e.Content = *msg.Content
	}
	if n := utf8.RuneCountInString(e.Content); n > maxContent {
		f.refuse(w, http.StatusBadRequest, fmt.Sprintf("content is %d characters, limit %d", n, maxContent))
		return
	}
	if r.PathValue("message") != "@original" {
		f.refuse(w, http.StatusNotFound, "the fake only edits @original")
		return
	}
	f.mu.Lock()
	f.attempts++
	status, after := f.status, f.after
	if status == 0 {
		f.edits = append(f.edits, e)
		close(f.added)
		f.added = make(chan struct{})
	}
	f.mu.Unlock()
	switch {
	case status == http.StatusTooManyRequests:
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Retry-After", strconv.Itoa(int((after+time.Second-1)/time.Second)))
		w.WriteHeader(status)
		_ = json.NewEncoder(w).Encode(map[string]any{"message": "You are being rate limited.", "retry_after": after.Seconds(), "global": false})
		return
	case status != 0:
		http.Error(w, `{"message":"refused by the test","code":0}`, status)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{"id": "1", "content": e.Content, "embeds": e.Embeds})
}

// mentionProblem checks the bot's own rule: allowed_mentions present, with
// an empty parse list (null or missing lets @everyone through).
func mentionProblem(raw json.RawMessage) string {
	var am struct {
		Parse *[]string `json:"parse"`
	}
	if len(raw) == 0 || string(raw) == "null" || json.Unmarshal(raw, &am) != nil || am.Parse == nil || len(*am.Parse) != 0 {
		return fmt.Sprintf("allowed_mentions = %s, want {\"parse\":[]}", raw)
	}
	return ""
}

// refuse answers as Discord does and fails the test: the bot sent what
// Discord would refuse.
func (f *Server) refuse(w http.ResponseWriter, status int, problem string) {
	f.t.Errorf("fakewebhooks: %s", problem)
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{"message": problem, "code": 50035})
}
