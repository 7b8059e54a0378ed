package fakeopenai_test

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/coalitionbot/coalitionbot/internal/fakeopenai"
)

// events reads an SSE body into its data payloads, and the read error that
// ended it (nil at a clean end).
func events(t *testing.T, body io.Reader) ([]string, error) {
	t.Helper()
	var out []string
	r := bufio.NewReader(body)
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			if errors.Is(err, io.EOF) {
				err = nil
			}
			return out, err
		}
		if data, ok := strings.CutPrefix(strings.TrimSpace(line), "data: "); ok {
			out = append(out, data)
		}
	}
}

type chunk struct {
	Object  string `json:"object"`
	Choices []struct {
		Delta struct {
			Role    string  `json:"role"`
			Content *string `json:"content"`
		} `json:"delta"`
		FinishReason *string `json:"finish_reason"`
	} `json:"choices"`
	Usage *struct {
		PromptTokens     int `json:"prompt_tokens"`
		CompletionTokens int `json:"completion_tokens"`
	} `json:"usage"`
}

// decodeStream checks each event's schema and returns the text, the finish
// reason, whether a usage chunk and [DONE] came.
func decodeStream(t *testing.T, evs []string) (text, finish string, usage, done bool) {
	t.Helper()
	var b strings.Builder
	for i, e := range evs {
		if e == "[DONE]" {
			done = true
			continue
		}
		var c chunk
		if err := json.Unmarshal([]byte(e), &c); err != nil || c.Object != "chat.completion.chunk" {
			t.Fatalf("event %d = %s, want a chat.completion.chunk (err %v)", i, e, err)
		}
		if c.Usage != nil {
			usage = true
		}
		for _, ch := range c.Choices {
			if ch.Delta.Content != nil {
				b.WriteString(*ch.Delta.Content)
			}
			if ch.FinishReason != nil {
				finish = *ch.FinishReason
			}
		}
	}
	return b.String(), finish, usage, done
}

func TestStream(t *testing.T) {
	const text = "Some 30 leaders met in Paris."
	tests := []struct {
		name       string
		body       string
		reply      fakeopenai.Reply
		wantChunks int // text chunks
		wantFinish string
		wantUsage  bool
		wantDone   bool
		wantErr    bool
	}{
		{"one chunk a word", `"stream":true`, fakeopenai.Reply{Text: text}, 6, "stop", false, true, false},
		{"n chunks with usage", `"stream":true,"stream_options":{"include_usage":true}`, fakeopenai.Reply{Text: text, Chunks: 3}, 3, "stop", true, true, false},
		{"slow model", `"stream":true`, fakeopenai.Reply{Text: text, Delay: time.Millisecond}, 6, "stop", false, true, false},
		{"length", `"stream":true`, fakeopenai.Reply{Text: text, FinishReason: "length"}, 6, "length", false, true, false},
		{"cut", `"stream":true,"stream_options":{"include_usage":true}`, fakeopenai.Reply{Text: text, Cut: true}, 6, "", false, false, false},
		{"dropped", `"stream":true`, fakeopenai.Reply{Text: text, DropAfter: 2}, 2, "", false, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := fakeopenai.New(t, fakeopenai.WithReplies(tt.reply))
			body := strings.Replace(askBody, `"max_tokens":50`, tt.body, 1)
			resp, err := post(context.Background(), s, body, "")
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
				t.Errorf("Content-Type = %q, want text/event-stream", ct)
			}
			evs, err := events(t, resp.Body)
			if (err != nil) != tt.wantErr {
				t.Errorf("reading the stream: err = %v, want error %v", err, tt.wantErr)
			}
			got, finish, usage, done := decodeStream(t, evs)
			_, completion := s.Tokens()
			if wantText := strings.Join(strings.SplitAfter(text, " ")[:tt.wantChunks], ""); tt.reply.Chunks == 0 && got != wantText {
				t.Errorf("text = %q, want %q", got, wantText)
			}
			if tt.reply.Chunks > 0 && got != text {
				t.Errorf("text = %q, want %q", got, text)
			}
			if n := len(evs) - 1 - b2i(tt.wantFinish != "") - b2i(usage) - b2i(done); n != tt.wantChunks {
				t.Errorf("text chunks = %d, want %d (events %q)", n, tt.wantChunks, evs)
			}
			if finish != tt.wantFinish || usage != tt.wantUsage || done != tt.wantDone {
				t.Errorf("finish, usage, [DONE] = %q, %v, %v, want %q, %v, %v", finish, usage, done, tt.wantFinish, tt.wantUsage, tt.wantDone)
			}
			if want := (len([]rune(got)) + 3) / 4; completion != want {
				t.Errorf("completion tokens = %d, want %d (the text sent)", completion, want)
			}
			if r := s.Requests(); len(r) != 1 || !r[0].Stream || r[0].Authorization != "" {
				t.Errorf("Requests() = %+v, want one stream request without Authorization", r)
			}
		})
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Flood sends the text and then its filler, in a JSON answer's content or
// as one more stream chunk; Stall keeps a stream open after its text until
// the client leaves.
func TestFloodAndStall(t *testing.T) {
	const flood = 3 << 20
	want := "Hi. " + strings.Repeat("a", flood)
	s := fakeopenai.New(t, fakeopenai.WithReplies(
		fakeopenai.Reply{Text: "Hi. ", Flood: flood},
		fakeopenai.Reply{Text: "Hi. ", Flood: flood},
		fakeopenai.Reply{Text: "Hi. ", Stall: true},
	))
	resp, err := post(context.Background(), s, askBody, "")
	if err != nil {
		t.Fatal(err)
	}
	var answer struct {
		Choices []struct {
			Message struct{ Content string } `json:"message"`
		} `json:"choices"`
	}
	err = json.NewDecoder(resp.Body).Decode(&answer)
	resp.Body.Close()
	if err != nil || len(answer.Choices) != 1 || answer.Choices[0].Message.Content != want {
		t.Errorf("flooded JSON answer: err %v, %d choices, want the text and %d bytes of filler", err, len(answer.Choices), flood)
	}

	streamBody := strings.Replace(askBody, `"max_tokens":50`, `"stream":true`, 1)
	resp, err = post(context.Background(), s, streamBody, "")
	if err != nil {
		t.Fatal(err)
	}
	evs, err := events(t, resp.Body)
	resp.Body.Close()
	if got, finish, _, done := decodeStream(t, evs); err != nil || got != want || finish != "stop" || !done {
		t.Errorf("flooded stream: err %v, %d bytes, finish %q, done %v, want the text, the filler and a normal end", err, len(got), finish, done)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	resp, err = post(ctx, s, streamBody, "")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	evs, err = events(t, resp.Body)
	if got, finish, _, done := decodeStream(t, evs); err == nil || got != "Hi. " || finish != "" || done {
		t.Errorf("stalled stream: err %v, text %q, finish %q, done %v, want the text, then nothing until the client left", err, got, finish, done)
	}
}
