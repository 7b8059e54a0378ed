package server

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/coalitionbot/coalitionbot/bot"
)

// endpoint returns the interactions endpoint for router, with the test
// key's public half and a fixed clock.
func endpoint(router Router, rej *rejections) *Interactions {
	return NewInteractions(testVerifier(testKey().Public().(ed25519.PublicKey)), router, rej, discard())
}

func TestInteractionsRefusals(t *testing.T) {
	key := testKey()
	other := ed25519.NewKeyFromSeed(make([]byte, ed25519.SeedSize))
	// tampered carries the PING's signature with another token in the body.
	tampered := httptest.NewRequest(http.MethodPost, "/interactions", strings.NewReader(`{"id":"1","application_id":"2","type":1,"token":"T","version":1}`))
	tampered.Header = signedRequest(key, testNow, pingBody).Header
	tests := []struct {
		name       string
		req        *http.Request
		wantStatus int
		wantReason string
	}{
		{"tampered body", tampered, http.StatusUnauthorized, "bad_signature"},
		{"wrong key", signedRequest(other, testNow, pingBody), http.StatusUnauthorized, "bad_signature"},
		{"stale timestamp", signedRequest(key, testNow.Add(-6*time.Minute), pingBody), http.StatusUnauthorized, "stale_timestamp"},
		{"future timestamp", signedRequest(key, testNow.Add(2*time.Minute), pingBody), http.StatusUnauthorized, "stale_timestamp"},
		{"unsigned", httptest.NewRequest(http.MethodPost, "/interactions", bytes.NewReader(pingBody)), http.StatusUnauthorized, "no_signature"},
		{"over 64 KiB, signed", signedRequest(key, testNow, append(append([]byte(`{"type":1,"x":"`), bytes.Repeat([]byte("a"), maxBody)...), `"}`...)), http.StatusRequestEntityTooLarge, "too_large"},
		{"signed, not JSON", signedRequest(key, testNow, []byte("hello")), http.StatusBadRequest, "not_interaction"},
		{"signed JSON, not an interaction", signedRequest(key, testNow, []byte(`{"hello":"world"}`)), http.StatusBadRequest, "not_interaction"},
		{"signed command without a token", signedRequest(key, testNow, []byte(`{"id":"1","application_id":"2","type":2,"data":{"name":"ask"}}`)), http.StatusBadRequest, "not_interaction"},
		{"signed command without a name", signedRequest(key, testNow, []byte(`{"id":"1","application_id":"2","type":2,"token":"t","data":{}}`)), http.StatusBadRequest, "not_interaction"},
		{"signed unknown type", signedRequest(key, testNow, []byte(`{"id":"1","application_id":"2","type":9,"token":"t"}`)), http.StatusBadRequest, "not_interaction"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			router, rej := &fakeRouter{}, &rejections{}
			rec := httptest.NewRecorder()
			endpoint(router, rej).ServeHTTP(rec, tt.req)
			if rec.Code != tt.wantStatus {
				t.Errorf("POST /interactions = %d %q, want %d", rec.Code, rec.Body, tt.wantStatus)
			}
			if n := router.calls.Load(); n != 0 {
				t.Errorf("router reached %d times, want 0", n)
			}
			if n := rej.count(tt.wantReason); n != 1 {
				t.Errorf("rejections[%q] = %d, want 1", tt.wantReason, n)
			}
		})
	}
}

func TestInteractionsMethod(t *testing.T) {
	rec := httptest.NewRecorder()
	endpoint(&fakeRouter{}, &rejections{}).ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/interactions", nil))
	if rec.Code != http.StatusMethodNotAllowed || rec.Header().Get("Allow") != http.MethodPost {
		t.Errorf("GET /interactions = %d, Allow %q, want 405 and POST", rec.Code, rec.Header().Get("Allow"))
	}
}

func TestInteractionsAnswers(t *testing.T) {
	tests := []struct {
		name, body string
		want       []string
	}{
		{"ping", string(pingBody), []string{`{"type":1}`}},
		{"command", string(commandBody("ask", "question", "Who represents Italy?")), []string{`{"type":4,`, `"content":"hello"`, `"allowed_mentions":{"parse":[]`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			router := &fakeRouter{}
			rec := httptest.NewRecorder()
			endpoint(router, &rejections{}).ServeHTTP(rec, signedRequest(testKey(), testNow, []byte(tt.body)))
			if rec.Code != http.StatusOK {
				t.Errorf("POST /interactions = %d %s, want 200", rec.Code, rec.Body)
			}
			for _, want := range tt.want {
				if !strings.Contains(rec.Body.String(), want) {
					t.Errorf("POST /interactions body = %s, want it to contain %s", rec.Body, want)
				}
			}
			if ct := rec.Header().Get("Content-Type"); ct != "application/json" {
				t.Errorf("Content-Type = %q, want application/json", ct)
			}
			if n := router.calls.Load(); n != 1 {
				t.Errorf("router reached %d times, want 1", n)
			}
		})
	}
}

// TestInteractionsDeferred shows a deferred answer outliving its HTTP
// request: the router's context is not the request's, a second first
// response is refused, and Wait sees the answer through.
func TestInteractionsDeferred(t *testing.T) {
	release := make(chan struct{})
	type result struct {
		ctxErr, second error
		deadline       time.Duration
	}
	results := make(chan result, 1)
	router := &fakeRouter{handle: func(ctx context.Context, i *discordgo.Interaction, respond bot.Responder) {
		if err := respond(&discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource}); err != nil {
			t.Errorf("first respond() = %v, want nil", err)
		}
		<-release
		dl, _ := ctx.Deadline()
		results <- result{ctxErr: ctx.Err(), second: respond(&discordgo.InteractionResponse{Type: 4}), deadline: time.Until(dl)}
	}}
	h := endpoint(router, &rejections{})
	reqCtx, cancelReq := context.WithCancel(context.Background())
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, signedRequest(testKey(), testNow, commandBody("ask", "question", "slow")).WithContext(reqCtx))
	cancelReq() // the HTTP exchange is over, as after Discord got its reply
	if rec.Code != http.StatusOK || strings.TrimSpace(rec.Body.String()) != `{"type":5}` {
		t.Fatalf("POST /interactions = %d %s, want 200 {\"type\":5}", rec.Code, rec.Body)
	}
	waitCtx, cancelWait := context.WithCancel(context.Background())
	cancelWait()
	if h.Wait(waitCtx) {
		t.Errorf("Wait() = true while an answer is under way, want false")
	}
	close(release)
	got := <-results
	if got.ctxErr != nil {
		t.Errorf("router ctx.Err() after the request ended = %v, want nil", got.ctxErr)
	}
	if got.deadline <= 14*time.Minute || got.deadline > tokenLifetime {
		t.Errorf("router ctx deadline in %v, want the token's 15 minutes", got.deadline)
	}
	if !errors.Is(got.second, errNoRequest) {
		t.Errorf("second respond() = %v, want %v", got.second, errNoRequest)
	}
	if !h.Wait(context.Background()) {
		t.Errorf("Wait() = false after the answer completed, want true")
	}
}

func TestInteractionsRouterFaults(t *testing.T) {
	tests := []struct {
		name   string
		handle func(context.Context, *discordgo.Interaction, bot.Responder)
	}{
		{"no response", func(context.Context, *discordgo.Interaction, bot.Responder) {}},
		{"panic", func(context.Context, *discordgo.Interaction, bot.Responder) { panic("boom") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			endpoint(&fakeRouter{handle: tt.handle}, &rejections{}).ServeHTTP(rec, signedRequest(testKey(), testNow, pingBody))
			if rec.Code != http.StatusInternalServerError {
				t.Errorf("POST /interactions = %d, want 500", rec.Code)
			}
		})
	}
}
