package fakewebhooks

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// recorder is a TB that keeps the fake's complaints instead of failing.
type recorder struct {
	*testing.T
	errors []string
}

func (r *recorder) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

func TestRules(t *testing.T) {
	tests := []struct {
		name, path, body string
		wantStatus       int
		wantComplaint    string
	}{
		{"good edit", "/api/v9/webhooks/1/tok/messages/@original", `{"content":"hi","allowed_mentions":{"parse":[]}}`, 200, ""},
		{"no allowed_mentions", "/api/v9/webhooks/1/tok/messages/@original", `{"content":"hi"}`, 400, "allowed_mentions"},
		{"parse null", "/api/v9/webhooks/1/tok/messages/@original", `{"content":"hi","allowed_mentions":{"parse":null}}`, 400, "allowed_mentions"},
		{"parse everyone", "/api/v9/webhooks/1/tok/messages/@original", `{"content":"hi","allowed_mentions":{"parse":["everyone"]}}`, 400, "allowed_mentions"},
		{"content too long", "/api/v9/webhooks/1/tok/messages/@original", `{"content":"` + strings.Repeat("é", 2001) + `","allowed_mentions":{"parse":[]}}`, 400, "2001 characters"},
		{"not JSON", "/api/v9/webhooks/1/tok/messages/@original", `hi`, 400, "not JSON"},
		{"other message", "/api/v9/webhooks/1/tok/messages/123", `{"content":"hi","allowed_mentions":{"parse":[]}}`, 404, "@original"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := &recorder{T: t}
			f := New(rec)
			req, _ := http.NewRequest(http.MethodPatch, f.URL()+tt.path, strings.NewReader(tt.body))
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatalf("PATCH %s: %v", tt.path, err)
			}
			resp.Body.Close()
			if resp.StatusCode != tt.wantStatus {
				t.Errorf("PATCH %s = %d, want %d", tt.path, resp.StatusCode, tt.wantStatus)
			}
			complaints := strings.Join(rec.errors, "\n")
			if (tt.wantComplaint == "") != (complaints == "") || !strings.Contains(complaints, tt.wantComplaint) {
				t.Errorf("fake complained %q, want a complaint containing %q", complaints, tt.wantComplaint)
			}
			if got := len(f.Edits()); (got == 1) != (tt.wantStatus == 200) {
				t.Errorf("fake recorded %d edits after a %d", got, tt.wantStatus)
			}
		})
	}
}
