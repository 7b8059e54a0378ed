package server

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/coalitionbot/coalitionbot/bot"
	"github.com/coalitionbot/coalitionbot/commands"
)

// malformedOptions are signed interactions whose options no registered
// command can have: null entries, at the top or nested in a sub-command,
// values of another type than the option declares, options without a name.
// Each is also a seed in testdata/fuzz/FuzzDecodeInteraction.
var malformedOptions = []struct{ name, body string }{
	{"null option", command(2, `[null]`)},
	{"null beside a good option", command(2, `[{"name":"question","type":3,"value":"Who represents Italy?"},null]`)},
	{"null in a sub-command", command(2, `[{"name":"sub","type":1,"options":[null]}]`)},
	{"null in a sub-command group", command(2, `[{"name":"g","type":2,"options":[{"name":"sub","type":1,"options":[null]}]}]`)},
	{"number for a string", command(2, `[{"name":"question","type":3,"value":42}]`)},
	{"object for a string", command(2, `[{"name":"question","type":3,"value":{"a":[1]}}]`)},
	{"text for a boolean", command(2, `[{"name":"private","type":5,"value":"yes"}]`)},
	{"fraction for an integer", command(2, `[{"name":"n","type":4,"value":1.5}]`)},
	{"no name", command(2, `[{"type":3,"value":"Who represents Italy?"}]`)},
	{"options under a string", command(2, `[{"name":"question","type":3,"value":"x","options":[null]}]`)},
	{"unknown type", command(2, `[{"name":"question","value":"x"}]`)},
	{"autocomplete, null option", command(4, `[null]`)},
	{"autocomplete, null beside the focused one", command(4, `[null,{"name":"question","type":3,"value":"ital","focused":true}]`)},
	{"autocomplete, null in a sub-command", command(4, `[{"name":"sub","type":1,"options":[null,{"name":"question","type":3,"value":"x","focused":true}]}]`)},
}

// command is a signed-looking /ask interaction of the given type (2 a
// command, 4 autocompletion) with options, raw JSON.
func command(typ int, options string) string {
	return `{"id":"10","application_id":"20","type":` + strconv.Itoa(typ) + `,"token":"tok","version":1,` +
		`"member":{"user":{"id":"42","username":"u"}},` +
		`"data":{"id":"30","name":"ask","type":1,"options":` + options + `}}`
}

// echoTable has the shapes of the real table's /ask: a string option that
// autocompletes and a bool, read by the bot's own router.
func echoTable() commands.Table {
	return commands.Table{{
		Name: "ask", Description: "Ask",
		Options: []commands.Option{{Name: "question", Type: commands.String, Autocomplete: true}, {Name: "private", Type: commands.Bool}},
		Handle: func(_ context.Context, req commands.Request) (commands.Response, error) {
			return commands.Response{Text: "You asked " + req.Options["question"]}, nil
		},
		Complete: func(_, prefix string) []commands.Choice { return []commands.Choice{{Name: prefix, Value: prefix}} },
	}}
}

// noEdits stands in for Discord's webhook: echoTable's answers are never
// deferred unless the machine stalls for seconds, and then nothing needs
// checking in the edit.
type noEdits struct{}

func (noEdits) InteractionResponseEdit(*discordgo.Interaction, *discordgo.WebhookEdit, ...discordgo.RequestOption) (*discordgo.Message, error) {
	return &discordgo.Message{}, nil
}

// TestInteractionsMalformedOptions sends each malformed body, signed, to
// the endpoint in front of the bot's real router: each is a 400 that never
// reaches the router and is counted as a user error of its command, not a
// 500 from a panic in the router.
func TestInteractionsMalformedOptions(t *testing.T) {
	for _, tt := range malformedOptions {
		t.Run(tt.name, func(t *testing.T) {
			router := &countingRouter{next: bot.NewInteractions(echoTable(), nil, noEdits{}, nil, nil, nil, discard())}
			rej := &rejections{}
			rec := httptest.NewRecorder()
			endpoint(router, rej).ServeHTTP(rec, signedRequest(testKey(), testNow, []byte(tt.body)))
			if rec.Code != http.StatusBadRequest {
				t.Errorf("POST %s = %d %q, want 400", tt.body, rec.Code, rec.Body)
			}
			if n := router.calls.Load(); n != 0 {
				t.Errorf("router reached %d times, want 0", n)
			}
			if n := rej.userErrors("ask"); n != 1 {
				t.Errorf("user errors of /ask = %d, want 1", n)
			}
		})
	}
}
