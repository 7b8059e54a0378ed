package metrics

import (
	"context"
	"errors"
	"io"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/coalitionbot/coalitionbot/answer"
	"github.com/coalitionbot/coalitionbot/commands"
)

// scrape returns what Prometheus would read from m.
func scrape(t *testing.T, m *Metrics) string {
	t.Helper()
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	if rec.Code != 200 {
		t.Fatalf("GET /metrics = %d, want 200", rec.Code)
	}
	body, err := io.ReadAll(rec.Body)
	if err != nil {
		t.Fatalf("read /metrics: %v", err)
	}
	return string(body)
}

func TestMetricsExposition(t *testing.T) {
	m := New("v1.2.3")
	m.ObserveAnswer("ask", "curated", 3*time.Millisecond)
	m.ObserveAnswer("ask", "curated", 40*time.Millisecond)
	m.ObserveAutocomplete("quote")
	m.UserError("members")
	m.Rejected("bad_signature")
	m.LLMCall(120, 30, nil)
	m.LLMCall(100, 0, errors.New("timeout"))
	m.DiscordRESTError(429)
	m.DiscordInvalidRequest(403)
	m.DiscordInvalidRequest(403)
	m.RateLimited()
	m.Feedback("llm", "down")
	m.Feedback("llm", "down")
	out := scrape(t, m)
	for _, want := range []string{
		`coalitionbot_build_info{version="v1.2.3"} 1`,
		`coalitionbot_interactions_total{command="ask",route="curated"} 2`,
		`coalitionbot_interactions_total{command="quote",route="autocomplete"} 1`,
		`coalitionbot_interactions_total{command="members",route="user_error"} 1`,
		`coalitionbot_answer_duration_seconds_bucket{command="ask",route="curated",le="0.005"} 1`,
		`coalitionbot_answer_duration_seconds_count{command="ask",route="curated"} 2`,
		`coalitionbot_http_interactions_rejected_total{reason="bad_signature"} 1`,
		`coalitionbot_llm_calls_total 2`,
		`coalitionbot_llm_tokens_total{kind="prompt"} 220`,
		`coalitionbot_llm_tokens_total{kind="completion"} 30`,
		`coalitionbot_llm_errors_total 1`,
		`coalitionbot_discord_rest_errors_total{status="429"} 1`,
		`coalitionbot_discord_invalid_requests_total{status="403"} 2`,
		`coalitionbot_rate_limited_total 1`,
		`coalitionbot_feedback_total{route="llm",vote="down"} 2`,
		`go_goroutines `,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
}

// TestMetricsArePrivate guards against global state: two instances in one
// process count separately.
func TestMetricsArePrivate(t *testing.T) {
	a, b := New("a"), New("b")
	a.RateLimited()
	if out := scrape(t, b); !strings.Contains(out, "coalitionbot_rate_limited_total 0") {
		t.Errorf("second instance's /metrics shows the first one's count:\n%s", out)
	}
}

func TestInstrument(t *testing.T) {
	table := commands.Table{
		{Name: "ask", Handle: func(ctx context.Context, req commands.Request) (commands.Response, error) {
			switch req.Options["question"] {
			case "long":
				return commands.Response{}, &commands.UserError{Msg: "too long"}
			case "boom":
				return commands.Response{}, errors.New("boom")
			}
			return commands.Response{Text: "Meloni", Route: "curated"}, nil
		}},
		{Name: "quote",
			Handle: func(context.Context, commands.Request) (commands.Response, error) {
				return commands.Response{Text: "“…”"}, nil
			},
			Complete: func(option, prefix string) []commands.Choice {
				return []commands.Choice{{Name: "Macron", Value: "macron"}}
			},
		},
	}
	m := New("test")
	got := Instrument(table, m)
	tests := []struct {
		command, question, wantRoute string
	}{
		{"ask", "Who represents Italy?", "curated"},
		{"ask", "long", "user_error"},
		{"ask", "boom", "error"},
		{"quote", "", "none"},
	}
	for _, tt := range tests {
		t.Run(tt.wantRoute, func(t *testing.T) {
			cmd, _ := got.Lookup(tt.command)
			want, _ := table.Lookup(tt.command)
			req := commands.Request{Command: tt.command, Options: map[string]string{"question": tt.question}}
			resp, err := cmd.Handle(context.Background(), req)
			wantResp, wantErr := want.Handle(context.Background(), req)
			if resp.Text != wantResp.Text || (err == nil) != (wantErr == nil) {
				t.Errorf("instrumented Handle() = %+v, %v, want %+v, %v", resp, err, wantResp, wantErr)
			}
			line := `coalitionbot_interactions_total{command="` + tt.command + `",route="` + tt.wantRoute + `"} 1`
			if out := scrape(t, m); !strings.Contains(out, line) {
				t.Errorf("/metrics lacks %q", line)
			}
		})
	}
	quote, _ := got.Lookup("quote")
	if choices := quote.Complete("speaker", "mac"); len(choices) != 1 || choices[0].Value != "macron" {
		t.Errorf("instrumented Complete() = %v, want the table's choices", choices)
	}
	if ask, _ := got.Lookup("ask"); ask.Complete != nil {
		t.Errorf("instrumented ask has a completer; want none, as in the table")
	}
	if _, err := table[0].Handle(context.Background(), commands.Request{}); err != nil {
		t.Fatalf("original Handle() error = %v", err)
	}
	if out := scrape(t, m); !strings.Contains(out, `coalitionbot_interactions_total{command="ask",route="curated"} 1`) {
		t.Errorf("calling the original table was counted; Instrument() must leave it unchanged")
	}
}

// The pipeline reports LLM costs to an answer.Observer; Metrics is one.
var _ answer.Observer = (*Metrics)(nil)
