package main

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/coalitionbot/coalitionbot/internal/fakeopenai"
)

// pressJSON is a user pressing 👍 under the answer message 99.
const pressJSON = `{"id":"7","application_id":"20","type":3,"token":"press-token","version":1,"locale":"pt-BR",` +
	`"member":{"user":{"id":"42","username":"ada"}},"message":{"id":"99","channel_id":"5","content":""},` +
	`"data":{"custom_id":"fb:up:curated:a02789cfff4d","component_type":2}}`

// TestServeFeedback shows a vote over HTTP acknowledged in the HTTP
// response itself, privately and in the user's language, and counted in
// /metrics once however often the same user presses on the same message.
func TestServeFeedback(t *testing.T) {
	in := startServe(t, nil)
	for n, want := range []string{"Obrigado pela sua avaliação", "Você já avaliou esta resposta"} {
		status, body := in.post(t, in.key, time.Now(), pressJSON, pressJSON)
		var resp struct {
			Type discordgo.InteractionResponseType
			Data struct {
				Content string
				Flags   discordgo.MessageFlags
			}
		}
		if err := json.Unmarshal([]byte(body), &resp); status != http.StatusOK || err != nil || resp.Type != discordgo.InteractionResponseChannelMessageWithSource ||
			resp.Data.Flags&discordgo.MessageFlagsEphemeral == 0 || !strings.Contains(resp.Data.Content, want) {
			t.Errorf("press %d = %d %s, want a private message containing %q", n+1, status, body, want)
		}
	}
	_, metrics := do(t, mustRequest(t, http.MethodGet, "http://"+in.addr+"/metrics"))
	if want := `coalitionbot_feedback_total{route="curated",vote="up"} 1`; !strings.Contains(metrics, want) {
		t.Errorf("/metrics lacks %s", want)
	}
}

// TestServeCuratedAtOnceWithAnLLM shows that a model configured costs a
// curated /ask nothing over HTTP: it is answered in the HTTP response,
// with no "thinking…" and no webhook edit, and the model is not asked.
func TestServeCuratedAtOnceWithAnLLM(t *testing.T) {
	model := fakeopenai.New(t)
	in := startServe(t, map[string]string{"LLM_BASE_URL": model.URL, "LLM_MODEL": "local"})
	status, body := in.post(t, in.key, time.Now(), askJSON, askJSON)
	if status != http.StatusOK || !strings.HasPrefix(body, `{"type":4`) || !strings.Contains(body, "Meloni") {
		t.Fatalf("POST /interactions /ask = %d %s, want the answer itself (type 4)", status, body)
	}
	if err := in.stop(); err != nil { // waits for anything still under way
		t.Fatalf("serve after cancel = %v", err)
	}
	if n := len(in.discord.Edits()); n != 0 || len(model.Requests()) != 0 {
		t.Errorf("%d webhook edits and %d model calls, want none for a curated answer", n, len(model.Requests()))
	}
}
