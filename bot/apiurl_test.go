package bot

import (
	"net/http"
	"testing"
)

// lastRequest is a RoundTripper that records the URL it was asked for.
type lastRequest struct{ url string }

func (l *lastRequest) RoundTrip(r *http.Request) (*http.Response, error) {
	l.url = r.URL.String()
	return &http.Response{StatusCode: http.StatusNoContent, Body: http.NoBody, Request: r}, nil
}

func TestRebase(t *testing.T) {
	tests := []struct {
		base, in, want string
	}{
		{"http://127.0.0.1:8080", "https://discord.com/api/v9/gateway", "http://127.0.0.1:8080/api/v9/gateway"},
		{"http://127.0.0.1:8080/", "https://discord.com/api/v9/gateway", "http://127.0.0.1:8080/api/v9/gateway"},
		{"https://proxy.internal/api", "https://discord.com/api/v9/channels/1/messages", "https://proxy.internal/api/v9/channels/1/messages"},
		{"http://proxy:9000/discord", "https://discord.com/api/v9/webhooks/1/tok/messages/@original", "http://proxy:9000/discord/api/v9/webhooks/1/tok/messages/@original"},
		{"http://proxy:9000", "https://cdn.discordapp.com/avatars/1/a.png", "https://cdn.discordapp.com/avatars/1/a.png"},
	}
	for _, tt := range tests {
		t.Run(tt.base+" "+tt.in, func(t *testing.T) {
			rec := &lastRequest{}
			rt, err := newRebase(tt.base, rec)
			if err != nil {
				t.Fatalf("newRebase(%q) error = %v", tt.base, err)
			}
			req, _ := http.NewRequest(http.MethodGet, tt.in, nil)
			if _, err := rt.RoundTrip(req); err != nil {
				t.Fatalf("RoundTrip() error = %v", err)
			}
			if rec.url != tt.want {
				t.Errorf("RoundTrip(%s) went to %s, want %s", tt.in, rec.url, tt.want)
			}
		})
	}
}

func TestRebaseRejectsBadURL(t *testing.T) {
	for _, base := range []string{"127.0.0.1:8080", "ftp://x", "http://"} {
		if _, err := newRebase(base, http.DefaultTransport); err == nil {
			t.Errorf("newRebase(%q) error = nil, want an error", base)
		}
	}
}
