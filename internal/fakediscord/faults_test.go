package fakediscord

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestFaults(t *testing.T) {
	f := New(t, Options{})
	put := func() (*http.Response, map[string]any) {
		t.Helper()
		req, _ := http.NewRequest(http.MethodPut, f.URL()+"/api/v10/applications/"+AppID+"/commands", strings.NewReader("[]"))
		req.Header.Set("Authorization", "Bot "+f.Token())
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("User-Agent", "DiscordBot (test, 1)")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatalf("PUT commands: %v", err)
		}
		defer resp.Body.Close()
		var body map[string]any
		json.NewDecoder(resp.Body).Decode(&body)
		return resp, body
	}
	f.Inject(RouteCommands, Fault{RetryAfter: 1500 * time.Millisecond, Times: 1})
	resp, body := put()
	if resp.StatusCode != http.StatusTooManyRequests || body["retry_after"] != 1.5 || resp.Header.Get("Retry-After") != "2" || resp.Header.Get("X-RateLimit-Scope") != "user" {
		t.Errorf("rate-limited PUT = %d %v %v, want 429, retry_after 1.5, Retry-After 2, scope user", resp.StatusCode, body, resp.Header)
	}
	if resp, _ := put(); resp.StatusCode != http.StatusOK {
		t.Errorf("PUT after the fault's one time = %d, want 200", resp.StatusCode)
	}
	f.Inject(RouteCommands, Fault{Status: http.StatusServiceUnavailable})
	for range 2 {
		if resp, _ := put(); resp.StatusCode != http.StatusServiceUnavailable {
			t.Errorf("PUT with a lasting fault = %d, want 503", resp.StatusCode)
		}
	}
	if n := f.Attempts(RouteCommands); n != 4 {
		t.Errorf("Attempts(commands) = %d, want 4", n)
	}
}
