package bot

import (
	"net/http"
	"strings"
	"testing"
)

// lastRequest is a RoundTripper that records the URL it was asked for.
type lastRequest struct{ url string }

func (l *lastRequest) RoundTrip(r *http.Request) (*http.Response, error) {
	l.url = r.URL.String()
	return &http.Response{StatusCode: http.StatusNoContent, Body: http.NoBody, Request: r}, nil
}

func TestAPITransport(t *testing.T) {
	tests := []struct {
		base, in, want string
	}{
		{"", "https://discord.com/api/v9/gateway", "https://discord.com/api/v9/gateway"},
		{"http://127.0.0.1:8080", "https://discord.com/api/v9/gateway", "http://127.0.0.1:8080/api/v9/gateway"},
		{"http://127.0.0.1:8080/", "https://discord.com/api/v9/gateway", "http://127.0.0.1:8080/api/v9/gateway"},
		{"https://proxy.internal/api", "https://discord.com/api/v9/channels/1/messages", "https://proxy.internal/api/v9/channels/1/messages"},
		{"http://proxy:9000/discord", "https://discord.com/api/v9/webhooks/1/tok/messages/@original", "http://proxy:9000/discord/api/v9/webhooks/1/tok/messages/@original"},
		{"http://proxy:9000", "https://cdn.discordapp.com/avatars/1/a.png", "https://cdn.discordapp.com/avatars/1/a.png"},
	}
	for _, tt := range tests {
		t.Run(tt.base+" "+tt.in, func(t *testing.T) {
			rec := &lastRequest{}
			rt, err := APITransport(tt.base, rec)
			if err != nil {
				t.Fatalf("APITransport(%q) error = %v", tt.base, err)
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

func TestAPITransportRejectsBadURL(t *testing.T) {
	for _, base := range []string{"127.0.0.1:8080", "ftp://x", "http://"} {
		if _, err := APITransport(base, http.DefaultTransport); err == nil || !strings.Contains(err.Error(), "DISCORD_API_URL") {
			t.Errorf("APITransport(%q) error = %v, want one naming DISCORD_API_URL", base, err)
		}
	}
}
