package llm_test

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coalitionbot/coalitionbot/internal/fakeopenai"
	"github.com/coalitionbot/coalitionbot/llm"
)

var question = []llm.Message{
	{Role: "system", Content: "Answer from the passages."},
	{Role: "user", Content: "Who convened the coalition?"},
}

// promptTokens is the fake's estimate of question: 25 and 28 characters.
const promptTokens = 7 + 7

// newClient returns a client of s; edit adjusts the config.
func newClient(t *testing.T, s *fakeopenai.Server, edit func(*llm.Config)) *llm.Client {
	t.Helper()
	cfg := llm.Config{BaseURL: s.URL, Model: "test-model", MaxTokens: 300, Timeout: 10 * time.Second}
	if edit != nil {
		edit(&cfg)
	}
	c, err := llm.New(cfg)
	if err != nil {
		t.Fatalf("New() = %v", err)
	}
	return c
}

// collect returns an onDelta that appends to a slice, and the slice.
func collect() (func(string), *[]string) {
	var got []string
	return func(s string) { got = append(got, s) }, &got
}

func TestCompleteJSON(t *testing.T) {
	s := fakeopenai.New(t, fakeopenai.WithReplies(fakeopenai.Reply{Text: "Starmer and Macron [1]."}))
	c := newClient(t, s, nil)
	got, err := c.Complete(context.Background(), question, nil)
	want := llm.Result{Text: "Starmer and Macron [1].", FinishReason: "stop", PromptTokens: promptTokens, CompletionTokens: 6}
	if err != nil || got != want {
		t.Fatalf("Complete() = %+v, %v, want %+v, nil", got, err, want)
	}
	wantReq := fakeopenai.Request{
		Model:        "test-model",
		Messages:     []fakeopenai.Message{{Role: "system", Content: "Answer from the passages."}, {Role: "user", Content: "Who convened the coalition?"}},
		MaxTokens:    300,
		PromptTokens: promptTokens,
	}
	if reqs := s.Requests(); len(reqs) != 1 || !reflect.DeepEqual(reqs[0], wantReq) {
		t.Errorf("requests = %+v, want %+v", reqs, wantReq)
	}
}

func TestCompleteStream(t *testing.T) {
	s := fakeopenai.New(t, fakeopenai.WithReplies(fakeopenai.Reply{Text: "Keir Starmer and Emmanuel Macron [1]."}))
	c := newClient(t, s, nil)
	onDelta, deltas := collect()
	got, err := c.Complete(context.Background(), question, onDelta)
	want := llm.Result{Text: "Keir Starmer and Emmanuel Macron [1].", FinishReason: "stop", PromptTokens: promptTokens, CompletionTokens: 10}
	if err != nil || got != want {
		t.Fatalf("Complete() = %+v, %v, want %+v, nil", got, err, want)
	}
	if wantDeltas := []string{"Keir ", "Starmer ", "and ", "Emmanuel ", "Macron ", "[1]."}; !reflect.DeepEqual(*deltas, wantDeltas) {
		t.Errorf("deltas = %q, want %q", *deltas, wantDeltas)
	}
	if reqs := s.Requests(); len(reqs) != 1 || !reqs[0].Stream || !reqs[0].IncludeUsage {
		t.Errorf("requests = %+v, want one stream asking for usage", reqs)
	}
}

func TestRetries(t *testing.T) {
	ok := fakeopenai.Reply{Text: "OK."}
	tests := []struct {
		name         string
		replies      []fakeopenai.Reply
		wantAttempts int
		wantStatus   int // of the StatusError; 0 for success
		minElapsed   time.Duration
	}{
		{"429 with Retry-After then success", []fakeopenai.Reply{{Status: 429, RetryAfter: "1"}, ok}, 2, 0, time.Second},
		{"503 then success", []fakeopenai.Reply{{Status: 503}, ok}, 2, 0, 0},
		{"three 500s", []fakeopenai.Reply{{Status: 500}, {Status: 500}, {Status: 500}, ok}, 3, 500, 0},
		{"400 is not retried", []fakeopenai.Reply{{Status: 400}, ok}, 1, 400, 0},
		{"401 is not retried", []fakeopenai.Reply{{Status: 401}, ok}, 1, 401, 0},
		{"Retry-After past the deadline", []fakeopenai.Reply{{Status: 429, RetryAfter: "60"}, ok}, 1, 429, 0},
	}
	for _, tt := range tests {
		for _, stream := range []bool{false, true} {
			t.Run(tt.name+map[bool]string{false: "/json", true: "/stream"}[stream], func(t *testing.T) {
				t.Parallel()
				s := fakeopenai.New(t, fakeopenai.WithReplies(tt.replies...))
				c := newClient(t, s, nil)
				var onDelta func(string)
				if stream {
					onDelta, _ = collect()
				}
				start := time.Now()
				got, err := c.Complete(context.Background(), question, onDelta)
				elapsed := time.Since(start)
				if n := len(s.Requests()); n != tt.wantAttempts {
					t.Errorf("attempts = %d, want %d", n, tt.wantAttempts)
				}
				var se *llm.StatusError
				switch {
				case tt.wantStatus == 0 && (err != nil || got.Text != "OK."):
					t.Errorf("Complete() = %+v, %v, want OK.", got, err)
				case tt.wantStatus != 0 && (!errors.As(err, &se) || se.StatusCode != tt.wantStatus):
					t.Errorf("Complete() error = %v, want a StatusError %d", err, tt.wantStatus)
				case tt.wantStatus != 0 && (errors.Is(err, llm.ErrTimeout) || got != llm.Result{}):
					t.Errorf("Complete() = %+v, %v, want no result and not a timeout", got, err)
				}
				if elapsed < tt.minElapsed {
					t.Errorf("Complete() took %v, want at least the Retry-After %v", elapsed, tt.minElapsed)
				}
			})
		}
	}
}

func TestTimeout(t *testing.T) {
	for _, stream := range []bool{false, true} {
		t.Run(map[bool]string{false: "json", true: "stream"}[stream], func(t *testing.T) {
			s := fakeopenai.New(t, fakeopenai.WithRespond(func(fakeopenai.Request) fakeopenai.Reply {
				return fakeopenai.Reply{Hang: true}
			}))
			c := newClient(t, s, func(cfg *llm.Config) { cfg.Timeout = 100 * time.Millisecond })
			var onDelta func(string)
			if stream {
				onDelta, _ = collect()
			}
			_, err := c.Complete(context.Background(), question, onDelta)
			if !errors.Is(err, llm.ErrTimeout) || !errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("Complete() error = %v, want ErrTimeout and context.DeadlineExceeded", err)
			}
			if n := len(s.Requests()); n != 1 {
				t.Errorf("attempts = %d, want 1", n)
			}
		})
	}
}

func TestCancelledContextIsNotRetried(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s := fakeopenai.New(t, fakeopenai.WithRespond(func(fakeopenai.Request) fakeopenai.Reply {
		cancel() // the user went away while the server failed
		return fakeopenai.Reply{Status: 500}
	}))
	c := newClient(t, s, nil)
	_, err := c.Complete(ctx, question, nil)
	if !errors.Is(err, context.Canceled) || errors.Is(err, llm.ErrTimeout) {
		t.Errorf("Complete() error = %v, want context.Canceled, not a timeout", err)
	}
	if n := len(s.Requests()); n != 1 {
		t.Errorf("attempts = %d, want 1", n)
	}
	if _, err := c.Complete(ctx, question, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("Complete(cancelled ctx) error = %v, want context.Canceled", err)
	}
	if n := len(s.Requests()); n != 1 {
		t.Errorf("attempts = %d after a call with a cancelled ctx, want still 1", n)
	}
}

func TestCutShort(t *testing.T) {
	const text = "Some 30 leaders met in Paris [1]."
	tests := []struct {
		name       string
		stream     bool
		reply      fakeopenai.Reply
		wantText   string
		wantFinish string
	}{
		{"error mid-stream", true, fakeopenai.Reply{Text: text, DropAfter: 3}, "Some 30 leaders ", ""},
		{"stream without finish or [DONE]", true, fakeopenai.Reply{Text: text, Cut: true}, text, ""},
		{"stream stopped for length", true, fakeopenai.Reply{Text: text, FinishReason: "length"}, text, "length"},
		{"answer stopped for length", false, fakeopenai.Reply{Text: text, FinishReason: "length"}, text, "length"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := fakeopenai.New(t, fakeopenai.WithReplies(tt.reply, fakeopenai.Reply{Text: "retried"}))
			c := newClient(t, s, nil)
			var onDelta func(string)
			deltas := &[]string{}
			if tt.stream {
				onDelta, deltas = collect()
			}
			got, err := c.Complete(context.Background(), question, onDelta)
			if !errors.Is(err, llm.ErrCutShort) {
				t.Errorf("Complete() error = %v, want ErrCutShort", err)
			}
			want := llm.Result{Text: tt.wantText, FinishReason: tt.wantFinish, CutShort: true, PromptTokens: promptTokens, CompletionTokens: (len(tt.wantText) + 3) / 4}
			if got != want {
				t.Errorf("Complete() = %+v, want %+v", got, want)
			}
			if tt.stream && strings.Join(*deltas, "") != got.Text {
				t.Errorf("deltas = %q, want them to add up to the result %q", *deltas, got.Text)
			}
			if n := len(s.Requests()); n != 1 {
				t.Errorf("attempts = %d, want 1: text already shown is never replayed", n)
			}
		})
	}
}

func TestAuthorization(t *testing.T) {
	tests := []struct {
		name, key, want string
	}{
		{"hosted server", "sk-test", "Bearer sk-test"},
		{"local server", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := fakeopenai.New(t)
			c := newClient(t, s, func(cfg *llm.Config) { cfg.APIKey = tt.key })
			if _, err := c.Complete(context.Background(), question, nil); err != nil {
				t.Fatalf("Complete() = %v", err)
			}
			if got := s.Requests()[0].Authorization; got != tt.want {
				t.Errorf("Authorization = %q, want %q", got, tt.want)
			}
		})
	}
}

// Reasoning models refuse max_tokens; go-openai would fail the call before
// sending it if the client did not switch to max_completion_tokens.
func TestReasoningModel(t *testing.T) {
	s := fakeopenai.New(t)
	c := newClient(t, s, func(cfg *llm.Config) { cfg.Model = "o3-mini" })
	if _, err := c.Complete(context.Background(), question, nil); err != nil {
		t.Fatalf("Complete() = %v, want nil", err)
	}
	if got := s.Requests()[0].MaxTokens; got != 300 {
		t.Errorf("token cap sent = %d, want 300", got)
	}
}

func TestConcurrentCalls(t *testing.T) {
	s := fakeopenai.New(t)
	c := newClient(t, s, nil)
	var wg sync.WaitGroup
	for i := range 10 {
		wg.Go(func() {
			var onDelta func(string)
			if i%2 == 0 {
				onDelta, _ = collect()
			}
			if _, err := c.Complete(context.Background(), question, onDelta); err != nil {
				t.Errorf("Complete() = %v", err)
			}
		})
	}
	wg.Wait()
}

// A response larger than any answer within the token cap could be is not
// read to its end: the call fails with ErrTooLong, and is not retried.
func TestRunawayResponse(t *testing.T) {
	for _, stream := range []bool{false, true} {
		s := fakeopenai.New(t, fakeopenai.WithReplies(fakeopenai.Reply{Text: "Starmer [1]. ", Flood: 20 << 20}))
		c := newClient(t, s, nil)
		var onDelta func(string)
		if stream {
			onDelta, _ = collect()
		}
		got, err := c.Complete(context.Background(), question, onDelta)
		if !errors.Is(err, llm.ErrTooLong) || errors.Is(err, llm.ErrCutShort) || got.Text != "" {
			t.Errorf("stream %v: Complete() = %q, %v, want no text and ErrTooLong", stream, got.Text, err)
		}
		if n := len(s.Requests()); n != 1 {
			t.Errorf("stream %v: %d requests, want 1", stream, n)
		}
	}
}
