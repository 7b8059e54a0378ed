package main

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/coalitionbot/coalitionbot/internal/fakediscord"
)

// Interactions whose options are null, as no Discord client sends them: a
// command and an autocompletion.
const (
	nullOptionAsk = `{"id":"6","application_id":"20","type":2,"token":"null-token","version":1,` +
		`"member":{"user":{"id":"42","username":"ada"}},"data":{"id":"3","name":"ask","type":1,"options":[null]}}`
	nullOptionQuoteAutocomplete = `{"id":"7","application_id":"20","type":4,"token":"null-complete-token","version":1,` +
		`"user":{"id":"42","username":"ada"},"data":{"id":"5","name":"quote","type":1,"options":[null]}}`
)

// malformedCounted are the series both transports must show after one
// malformed /ask and one malformed /quote autocompletion.
var malformedCounted = []string{
	`coalitionbot_interactions_total{command="ask",route="user_error"} 1`,
	`coalitionbot_interactions_total{command="quote",route="user_error"} 1`,
}

// TestServeMalformedOptions: over HTTP, null options are a 400 (not a 500
// from a panic in the router), counted as user errors of their commands.
func TestServeMalformedOptions(t *testing.T) {
	in := startServe(t, nil)
	for _, body := range []string{nullOptionAsk, nullOptionQuoteAutocomplete} {
		if status, got := in.post(t, in.key, time.Now(), body, body); status != http.StatusBadRequest {
			t.Errorf("POST %s = %d %s, want 400", body, status, got)
		}
	}
	_, metrics := do(t, mustRequest(t, http.MethodGet, "http://"+in.addr+"/metrics"))
	for _, want := range malformedCounted {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	if strings.Contains(in.log.String(), "panicked") {
		t.Errorf("serve logged a panic:\n%s", in.log)
	}
}

// TestBotMalformedOptions: over the gateway, the user gets an answer (a
// short private error, or no suggestions), counted as a user error.
func TestBotMalformedOptions(t *testing.T) {
	fake := fakediscord.New(t, fakediscord.Options{})
	addr := serveBot(t, fake)
	fake.WaitCommands("1300000000000000001")
	gateway := func(body string) string {
		return strings.Replace(body, `"version":1,`, `"version":1,"guild_id":"1300000000000000001","channel_id":"1300000000000000002",`, 1)
	}
	fake.WaitReply(fake.Interact([]byte(gateway(nullOptionAsk))), fakediscord.Callback)
	fake.WaitReply(fake.Interact([]byte(gateway(nullOptionQuoteAutocomplete))), fakediscord.Callback)
	_, metrics := do(t, mustRequest(t, http.MethodGet, "http://"+addr+"/metrics"))
	for _, want := range malformedCounted {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}
