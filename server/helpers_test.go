package server

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/coalitionbot/coalitionbot/bot"
)

// testNow is the verifier's clock in tests: fixed, so timestamps are exact.
var testNow = time.Unix(1_750_000_000, 0)

// testKey is a key pair derived from a fixed seed, so fuzz corpora stay
// meaningful from run to run.
func testKey() ed25519.PrivateKey {
	return ed25519.NewKeyFromSeed(bytes.Repeat([]byte{7}, ed25519.SeedSize))
}

func testVerifier(pub ed25519.PublicKey) *Verifier {
	v := NewVerifier(pub)
	v.now = func() time.Time { return testNow }
	return v
}

// sign returns the headers Discord would send with body at time at.
func sign(key ed25519.PrivateKey, at time.Time, body []byte) (sig, ts string) {
	ts = strconv.FormatInt(at.Unix(), 10)
	return hex.EncodeToString(ed25519.Sign(key, append([]byte(ts), body...))), ts
}

func signedRequest(key ed25519.PrivateKey, at time.Time, body []byte) *http.Request {
	r := httptest.NewRequest(http.MethodPost, "/interactions", bytes.NewReader(body))
	sig, ts := sign(key, at, body)
	r.Header.Set("X-Signature-Ed25519", sig)
	r.Header.Set("X-Signature-Timestamp", ts)
	r.Header.Set("Content-Type", "application/json")
	return r
}

// fakeRouter answers PINGs with PONG and everything else with a fixed
// message, counting the interactions that reach it.
type fakeRouter struct {
	calls atomic.Int64
	// handle, when set, replaces the default behaviour.
	handle func(ctx context.Context, i *discordgo.Interaction, respond bot.Responder)
}

func (f *fakeRouter) Handle(ctx context.Context, i *discordgo.Interaction, respond bot.Responder) {
	f.calls.Add(1)
	if f.handle != nil {
		f.handle(ctx, i, respond)
		return
	}
	resp := &discordgo.InteractionResponse{Type: discordgo.InteractionResponsePong}
	if i.Type != discordgo.InteractionPing {
		resp = &discordgo.InteractionResponse{
			Type: discordgo.InteractionResponseChannelMessageWithSource,
			Data: &discordgo.InteractionResponseData{Content: "hello", AllowedMentions: &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}},
		}
	}
	_ = respond(resp)
}

// rejections counts refused requests by reason.
type rejections struct {
	mu      sync.Mutex
	reasons map[string]int
}

func (r *rejections) Rejected(reason string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.reasons == nil {
		r.reasons = map[string]int{}
	}
	r.reasons[reason]++
}

func (r *rejections) count(reason string) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.reasons[reason]
}

func discard() *slog.Logger { return slog.New(slog.DiscardHandler) }

// pingBody is a PING as Discord sends it when the endpoint URL is saved.
var pingBody = []byte(`{"id":"1","application_id":"2","type":1,"token":"t","version":1}`)

// commandBody is a slash command invocation of name with one string option.
func commandBody(name, option, value string) []byte {
	return []byte(`{"id":"10","application_id":"20","type":2,"token":"tok","version":1,` +
		`"member":{"user":{"id":"42","username":"u"}},` +
		`"data":{"id":"30","name":"` + name + `","type":1,"options":[{"name":"` + option + `","type":3,"value":"` + value + `"}]}}`)
}

// UserError counts an interaction refused for its malformed options.
func (r *rejections) UserError(command string) { r.Rejected("user_error:" + command) }

func (r *rejections) userErrors(command string) int { return r.count("user_error:" + command) }
