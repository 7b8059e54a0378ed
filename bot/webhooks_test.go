package bot

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/coalitionbot/coalitionbot/internal/fakewebhooks"
)

// restErrors counts failed REST calls and invalid requests by status.
type restErrors struct {
	mu      sync.Mutex
	byCode  map[int]int
	invalid map[int]int
}

func (r *restErrors) DiscordRESTError(status int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.byCode == nil {
		r.byCode = map[int]int{}
	}
	r.byCode[status]++
}

func (r *restErrors) DiscordInvalidRequest(status int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.invalid == nil {
		r.invalid = map[int]int{}
	}
	r.invalid[status]++
}

// invalidCount is how many responses of status Discord held against the
// bot.
func (r *restErrors) invalidCount(status int) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.invalid[status]
}

func (r *restErrors) count(status int) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.byCode[status]
}

// editorFor returns an Editor whose calls go to base, as DISCORD_API_URL.
func editorFor(t *testing.T, base string, rest RESTErrors) *WebhookEditor {
	t.Helper()
	transport, err := APITransport(base, http.DefaultTransport)
	if err != nil {
		t.Fatalf("APITransport(%q) error = %v", base, err)
	}
	e, err := NewWebhookEditor(transport, rest)
	if err != nil {
		t.Fatalf("NewWebhookEditor() error = %v", err)
	}
	return e
}

func TestEditorEdits(t *testing.T) {
	for _, suffix := range []string{"", "/", "/api"} {
		t.Run("DISCORD_API_URL"+suffix, func(t *testing.T) {
			fake := fakewebhooks.New(t)
			e := editorFor(t, fake.URL()+suffix, &restErrors{})
			content := "Giorgia Meloni"
			i := &discordgo.Interaction{AppID: "20", Token: "secret-token"}
			if _, err := e.InteractionResponseEdit(i, &discordgo.WebhookEdit{Content: &content, AllowedMentions: noMentions()}, discordgo.WithContext(context.Background())); err != nil {
				t.Fatalf("InteractionResponseEdit() error = %v", err)
			}
			if got := fake.WaitEdit("secret-token"); got.Content != content || got.AppID != "20" {
				t.Errorf("Discord received edit %+v, want content %q for application 20", got, content)
			}
		})
	}
}

func TestEditorErrorsHideToken(t *testing.T) {
	refusing := fakewebhooks.New(t)
	refusing.FailWith(http.StatusNotFound)
	gone := httptest.NewServer(http.NotFoundHandler())
	gone.Close()
	tests := []struct {
		name       string
		base       string
		wantStatus int
	}{
		{"Discord refuses", refusing.URL(), http.StatusNotFound},
		{"Discord unreachable", gone.URL, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rest := &restErrors{}
			content := "x"
			i := &discordgo.Interaction{AppID: "20", Token: "secret-token"}
			_, err := editorFor(t, tt.base, rest).InteractionResponseEdit(i, &discordgo.WebhookEdit{Content: &content, AllowedMentions: noMentions()})
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

// TestEditorEditsInParallel shows two interactions' edits under way at
// once: Discord holds the first until the second arrives. With discordgo's
// own InteractionResponseEdit the second would wait for the first to
// return, and the fake would give up on it.
func TestEditorEditsInParallel(t *testing.T) {
	const hold = 5 * time.Second // a bound on a hang, not a speed target
	first, second := "token-a", "token-b"
	for n := 0; lane(first) == lane(second); n++ {
		second = "token-b" + strconv.Itoa(n)
	}
	firstIn, secondIn := make(chan struct{}), make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.Contains(r.URL.Path, second) {
			close(secondIn)
		} else {
			close(firstIn)
			select {
			case <-secondIn:
			case <-time.After(hold):
				http.Error(w, `{"message":"the other edit never came","code":0}`, http.StatusConflict)
				return
			}
		}
		io.WriteString(w, `{"id":"1"}`)
	}))
	defer srv.Close()
	e := editorFor(t, srv.URL, &restErrors{})
	edit := func(token string, errs chan<- error) {
		content := "x"
		_, err := e.InteractionResponseEdit(&discordgo.Interaction{AppID: "20", Token: token}, &discordgo.WebhookEdit{Content: &content, AllowedMentions: noMentions()})
		errs <- err
	}
	errs := make(chan error, 2)
	go edit(first, errs)
	<-firstIn
	go edit(second, errs)
	for range 2 {
		if err := <-errs; err != nil {
			t.Errorf("InteractionResponseEdit() = %v, want both edits under way at once", err)
		}
	}
}

func TestLaneIsStable(t *testing.T) {
	seen := map[string]bool{}
	for n := range 1000 {
		token := "tok" + strconv.Itoa(n)
		if lane(token) != lane(token) {
			t.Fatalf("lane(%q) changes between calls", token)
		}
		seen[lane(token)] = true
	}
	if len(seen) != editLanes {
		t.Errorf("1000 tokens used %d lanes, want all %d", len(seen), editLanes)
	}
}
