package llm_test

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"strings"
	"testing"

	"github.com/coalitionbot/coalitionbot/internal/fakeopenai"
	"github.com/coalitionbot/coalitionbot/llm"
)

func TestNew(t *testing.T) {
	tests := []struct {
		name      string
		cfg       llm.Config
		wantField string // named in the error; "" for no error
	}{
		{"ok", llm.Config{BaseURL: "http://127.0.0.1:11434/v1", Model: "llama3.2"}, ""},
		{"no base URL", llm.Config{Model: "m"}, "BaseURL"},
		{"base URL not http", llm.Config{BaseURL: "127.0.0.1:11434", Model: "m"}, "BaseURL"},
		{"no model", llm.Config{BaseURL: "https://api.openai.com/v1"}, "Model"},
		{"negative timeout", llm.Config{BaseURL: "https://api.openai.com/v1", Model: "m", Timeout: -1}, "Timeout"},
		{"negative max tokens", llm.Config{BaseURL: "https://api.openai.com/v1", Model: "m", MaxTokens: -1}, "MaxTokens"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := llm.New(tt.cfg)
			if tt.wantField == "" && err != nil {
				t.Errorf("New() = %v, want nil", err)
			}
			if tt.wantField != "" && (err == nil || !strings.Contains(err.Error(), tt.wantField)) {
				t.Errorf("New() = %v, want an error naming %s", err, tt.wantField)
			}
		})
	}
}

// Operators read these records; the key must never be in them, even when
// the server quotes it back.
func TestLogs(t *testing.T) {
	const key = "sk-secret-0123456789"
	s := fakeopenai.New(t, fakeopenai.WithReplies(
		fakeopenai.Reply{Status: 401, Message: "Incorrect API key provided: " + key},
		fakeopenai.Reply{Text: "Paris [1]."},
	))
	var buf bytes.Buffer
	c := newClient(t, s, func(cfg *llm.Config) {
		cfg.APIKey = key
		cfg.Log = slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	})
	_, err := c.Complete(context.Background(), question, nil)
	if err == nil || strings.Contains(err.Error(), key) {
		t.Errorf("Complete() error = %v, want an error without the key", err)
	}
	if _, err := c.Complete(context.Background(), question, nil); err != nil {
		t.Fatalf("Complete() = %v", err)
	}
	if strings.Contains(buf.String(), key) {
		t.Errorf("logs = %s, want no API key", buf.String())
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("logs = %q, want one record a call", lines)
	}
	var rec map[string]any
	if err := json.Unmarshal([]byte(lines[1]), &rec); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"model": "test-model", "attempt": 1.0, "status": 200.0, "prompt_tokens": float64(promptTokens), "completion_tokens": 3.0}
	for k, v := range want {
		if rec[k] != v {
			t.Errorf("log %s = %v, want %v", k, rec[k], v)
		}
	}
	if _, ok := rec["latency_ms"]; !ok {
		t.Errorf("log = %v, want latency_ms", rec)
	}
}
