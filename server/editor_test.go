package server

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/bwmarrin/discordgo"
)

// toServer sends every request to base instead, keeping the path: a stand-in
// for DISCORD_API_URL in tests.
type toServer struct{ base *url.URL }

func (t toServer) RoundTrip(req *http.Request) (*http.Response, error) {
	out := req.Clone(req.Context())
	out.URL.Scheme, out.URL.Host, out.Host = t.base.Scheme, t.base.Host, ""
	return http.DefaultTransport.RoundTrip(out)
}

// fakeWebhooks is Discord's webhook edit endpoint: it records edits by
// interaction token and answers with the message, or with status when set.
type fakeWebhooks struct {
	mu     sync.Mutex
	edits  map[string]discordgo.WebhookEdit
	status int
}

func (f *fakeWebhooks) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	// /api/v9/webhooks/{app}/{token}/messages/@original
	parts := strings.Split(r.URL.Path, "/")
	if r.Method != http.MethodPatch || len(parts) != 8 || parts[3] != "webhooks" || parts[7] != "@original" {
		http.Error(w, `{"message":"404: Not Found","code":0}`, http.StatusNotFound)
		return
	}
	if f.status != 0 {
		http.Error(w, `{"message":"Unknown Webhook","code":10015}`, f.status)
		return
	}
	body, _ := io.ReadAll(r.Body)
	var edit discordgo.WebhookEdit
	if err := json.Unmarshal(body, &edit); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	f.mu.Lock()
	if f.edits == nil {
		f.edits = map[string]discordgo.WebhookEdit{}
	}
	f.edits[parts[5]] = edit
	f.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	io.WriteString(w, `{"id":"99","channel_id":"5","content":""}`)
}

func (f *fakeWebhooks) edit(token string) (discordgo.WebhookEdit, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	e, ok := f.edits[token]
	return e, ok
}

// restErrors counts failed REST calls by status.
type restErrors struct {
	mu     sync.Mutex
	byCode map[int]int
}

func (r *restErrors) DiscordRESTError(status int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.byCode == nil {
		r.byCode = map[int]int{}
	}
	r.byCode[status]++
}

func (r *restErrors) count(status int) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.byCode[status]
}

// startFakeDiscord serves fake webhooks until the test ends and returns a
// transport that reaches them.
func startFakeDiscord(t *testing.T, f *fakeWebhooks) http.RoundTripper {
	t.Helper()
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	u, _ := url.Parse(srv.URL)
	return toServer{base: u}
}

func TestEditorEdits(t *testing.T) {
	fake := &fakeWebhooks{}
	rest := &restErrors{}
	e, err := NewEditor(startFakeDiscord(t, fake), rest)
	if err != nil {
		t.Fatalf("NewEditor() error = %v", err)
	}
	content := "Giorgia Meloni"
	i := &discordgo.Interaction{AppID: "20", Token: "secret-token"}
	if _, err := e.InteractionResponseEdit(i, &discordgo.WebhookEdit{Content: &content}, discordgo.WithContext(context.Background())); err != nil {
		t.Fatalf("InteractionResponseEdit() error = %v", err)
	}
	if got, ok := fake.edit("secret-token"); !ok || got.Content == nil || *got.Content != content {
		t.Errorf("Discord received edit %+v, want content %q", got, content)
	}
}

func TestEditorErrorsHideToken(t *testing.T) {
	refused := httptest.NewServer(http.NotFoundHandler())
	refusedURL, _ := url.Parse(refused.URL)
	refused.Close()
	tests := []struct {
		name       string
		transport  http.RoundTripper
		wantStatus int
	}{
		{"Discord refuses", startFakeDiscord(t, &fakeWebhooks{status: http.StatusNotFound}), http.StatusNotFound},
		{"Discord unreachable", toServer{base: refusedURL}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rest := &restErrors{}
			e, err := NewEditor(tt.transport, rest)
			if err != nil {
				t.Fatalf("NewEditor() error = %v", err)
			}
			content := "x"
			i := &discordgo.Interaction{AppID: "20", Token: "secret-token"}
			_, err = e.InteractionResponseEdit(i, &discordgo.WebhookEdit{Content: &content})
			if err == nil || strings.Contains(err.Error(), "secret-token") {
				t.Errorf("InteractionResponseEdit() error = %v, want an error without the token", err)
			}
			if n := rest.count(tt.wantStatus); n < 1 {
				t.Errorf("REST errors with status %d = %d, want at least 1", tt.wantStatus, n)
			}
		})
	}
}

func TestRedactKeepsChain(t *testing.T) {
	err := redact(&url.Error{Op: "Patch", URL: "http://x/webhooks/1/tok/messages/@original", Err: context.DeadlineExceeded}, "tok")
	if strings.Contains(err.Error(), "tok/") || !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("redact() = %v, want the token gone and context.DeadlineExceeded still in the chain", err)
	}
}
