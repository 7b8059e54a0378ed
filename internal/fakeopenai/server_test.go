package fakeopenai_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coalitionbot/coalitionbot/internal/fakeopenai"
)

const askBody = `{"model":"m","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Who leads it?"}],"max_tokens":50}`

// post sends body to the server's chat completions endpoint. It takes no
// *testing.T as goroutines call it.
func post(ctx context.Context, s *fakeopenai.Server, body, auth string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.URL+"/chat/completions", strings.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	return http.DefaultClient.Do(req)
}

func TestJSONAnswer(t *testing.T) {
	s := fakeopenai.New(t, fakeopenai.WithReplies(fakeopenai.Reply{Text: "Starmer and Macron [1]."}))
	resp, err := post(context.Background(), s, askBody, "Bearer sk-test")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var got struct {
		Object  string `json:"object"`
		Choices []struct {
			Message struct {
				Role, Content string
			} `json:"message"`
			FinishReason string `json:"finish_reason"`
		} `json:"choices"`
		Usage struct {
			PromptTokens     int `json:"prompt_tokens"`
			CompletionTokens int `json:"completion_tokens"`
			TotalTokens      int `json:"total_tokens"`
		} `json:"usage"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&got); err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 || got.Object != "chat.completion" || len(got.Choices) != 1 {
		t.Fatalf("answer = %d %+v, want 200 and one chat.completion choice", resp.StatusCode, got)
	}
	if c := got.Choices[0]; c.Message.Role != "assistant" || c.Message.Content != "Starmer and Macron [1]." || c.FinishReason != "stop" {
		t.Errorf("choice = %+v, want the scripted text, role assistant, finish stop", c)
	}
	// "Be brief." is 9 characters (3 tokens), "Who leads it?" 13 (4), the
	// answer 23 (6).
	if u := got.Usage; u.PromptTokens != 7 || u.CompletionTokens != 6 || u.TotalTokens != 13 {
		t.Errorf("usage = %+v, want 7 + 6 = 13", u)
	}
	if p, c := s.Tokens(); p != 7 || c != 6 {
		t.Errorf("Tokens() = %d, %d, want 7, 6", p, c)
	}
	want := []fakeopenai.Request{{
		Model:         "m",
		Messages:      []fakeopenai.Message{{Role: "system", Content: "Be brief."}, {Role: "user", Content: "Who leads it?"}},
		MaxTokens:     50,
		Authorization: "Bearer sk-test",
		PromptTokens:  7,
	}}
	if got := s.Requests(); !reflect.DeepEqual(got, want) {
		t.Errorf("Requests() = %+v, want %+v", got, want)
	}
}

func TestInvalidRequests(t *testing.T) {
	tests := []struct {
		name, body, param string
	}{
		{"bad json", `{"model":`, ""},
		{"no model", `{"messages":[{"role":"user","content":"hi"}]}`, "model"},
		{"no messages", `{"model":"m","messages":[]}`, "messages"},
		{"bad role", `{"model":"m","messages":[{"role":"robot","content":"hi"}]}`, "messages[0].role"},
		{"bad content", `{"model":"m","messages":[{"role":"user","content":7}]}`, "messages[0].content"},
		{"negative max_tokens", `{"model":"m","messages":[{"role":"user","content":"hi"}],"max_tokens":-1}`, "max_tokens"},
		{"stream_options without stream", `{"model":"m","messages":[{"role":"user","content":"hi"}],"stream_options":{"include_usage":true}}`, "stream_options"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := fakeopenai.New(t)
			resp, err := post(context.Background(), s, tt.body, "")
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var e struct {
				Error struct {
					Message string  `json:"message"`
					Type    string  `json:"type"`
					Param   *string `json:"param"`
				} `json:"error"`
			}
			if err := json.NewDecoder(resp.Body).Decode(&e); err != nil {
				t.Fatal(err)
			}
			param := ""
			if e.Error.Param != nil {
				param = *e.Error.Param
			}
			if resp.StatusCode != 400 || e.Error.Type != "invalid_request_error" || e.Error.Message == "" || param != tt.param {
				t.Errorf("answer = %d %+v (param %q), want 400 invalid_request_error with param %q", resp.StatusCode, e.Error, param, tt.param)
			}
			if len(s.Requests()) != 1 {
				t.Errorf("Requests() has %d, want the invalid request recorded", len(s.Requests()))
			}
			if p, c := s.Tokens(); p+c != 0 {
				t.Errorf("Tokens() = %d, %d, want nothing billed", p, c)
			}
		})
	}
}

func TestErrorReplies(t *testing.T) {
	tests := []struct {
		name           string
		reply          fakeopenai.Reply
		wantStatus     int
		wantRetryAfter string
		wantType       string
	}{
		{"rate limited", fakeopenai.Reply{Status: 429, RetryAfter: "1"}, 429, "1", "requests"},
		{"server error", fakeopenai.Reply{Status: 503, Message: "overloaded"}, 503, "", "server_error"},
		{"unauthorized", fakeopenai.Reply{Status: 401}, 401, "", "authentication_error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := fakeopenai.New(t, fakeopenai.WithReplies(tt.reply))
			resp, err := post(context.Background(), s, askBody, "")
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var e struct {
				Error struct{ Message, Type string } `json:"error"`
			}
			if err := json.NewDecoder(resp.Body).Decode(&e); err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != tt.wantStatus || resp.Header.Get("Retry-After") != tt.wantRetryAfter || e.Error.Type != tt.wantType || e.Error.Message == "" {
				t.Errorf("answer = %d, Retry-After %q, %+v, want %d, %q, type %s", resp.StatusCode, resp.Header.Get("Retry-After"), e.Error, tt.wantStatus, tt.wantRetryAfter, tt.wantType)
			}
		})
	}
}

func TestHangEndsWhenClientLeaves(t *testing.T) {
	for _, stream := range []bool{false, true} {
		t.Run(map[bool]string{false: "json", true: "stream"}[stream], func(t *testing.T) {
			s := fakeopenai.New(t, fakeopenai.WithReplies(fakeopenai.Reply{Hang: true}))
			ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
			defer cancel()
			body := askBody
			if stream {
				body = strings.Replace(askBody, `"max_tokens":50`, `"stream":true`, 1)
			}
			resp, err := post(ctx, s, body, "")
			if err == nil {
				resp.Body.Close()
			}
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("post = %v, want the client's deadline", err)
			}
		})
	}
}

// A test that ends while a request still hangs must not wait for it.
func TestHangReleasedAtCleanup(t *testing.T) {
	var wg sync.WaitGroup
	t.Run("hangs", func(t *testing.T) {
		s := fakeopenai.New(t, fakeopenai.WithReplies(fakeopenai.Reply{Hang: true}))
		wg.Add(1)
		go func() {
			defer wg.Done()
			if resp, err := post(context.Background(), s, askBody, ""); err == nil {
				resp.Body.Close()
			}
		}()
		for len(s.Requests()) == 0 {
			time.Sleep(time.Millisecond)
		}
	})
	wg.Wait()
}

func TestReplyOrder(t *testing.T) {
	s := fakeopenai.New(t,
		fakeopenai.WithReplies(fakeopenai.Reply{Text: "first"}, fakeopenai.Reply{Text: "second"}),
		fakeopenai.WithRespond(func(r fakeopenai.Request) fakeopenai.Reply {
			return fakeopenai.Reply{Text: "echo: " + r.Messages[len(r.Messages)-1].Content}
		}),
	)
	for _, want := range []string{"first", "second", "echo: Who leads it?"} {
		resp, err := post(context.Background(), s, askBody, "")
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if !strings.Contains(string(b), `"content":"`+want+`"`) {
			t.Errorf("answer = %s, want content %q", b, want)
		}
	}
}

func TestUnknownPath(t *testing.T) {
	s := fakeopenai.New(t)
	resp, err := http.Get(s.URL + "/models")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("GET /v1/models = %d, want 404", resp.StatusCode)
	}
}

func TestConcurrentRequests(t *testing.T) {
	s := fakeopenai.New(t)
	const n = 20
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			resp, err := post(context.Background(), s, askBody, "")
			if err != nil {
				t.Error(err)
				return
			}
			resp.Body.Close()
		})
	}
	wg.Wait()
	if got := len(s.Requests()); got != n {
		t.Errorf("Requests() has %d, want %d", got, n)
	}
	if p, c := s.Tokens(); p != 7*n || c != n {
		t.Errorf("Tokens() = %d, %d, want %d, %d", p, c, 7*n, n)
	}
}
