package fakeopenai

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"
)

// Server is a running fake. Its methods are safe for concurrent use, as the
// bot calls the model from many goroutines.
type Server struct {
	// URL is the base URL to configure the client with; it ends in "/v1"
	// like OpenAI's.
	URL string

	respond func(Request) Reply
	done    chan struct{} // closed when the test ends, to release hangs

	mu         sync.Mutex
	queue      []Reply
	requests   []Request
	prompt     int
	completion int
	nextID     int
}

// Option configures a Server.
type Option func(*Server)

// WithReplies queues replies, used one a request in order. When the queue
// is empty the server falls back to WithRespond's function, else answers
// "OK".
func WithReplies(r ...Reply) Option {
	return func(s *Server) { s.queue = append(s.queue, r...) }
}

// WithRespond answers every request the queue does not with f's reply. f
// may be called concurrently.
func WithRespond(f func(Request) Reply) Option {
	return func(s *Server) { s.respond = f }
}

// New starts a fake server that is closed when the test ends.
func New(t testing.TB, opts ...Option) *Server {
	t.Helper()
	s := &Server{done: make(chan struct{})}
	for _, o := range opts {
		o(s)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v1/chat/completions", s.chatCompletions)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "", fmt.Sprintf("Invalid URL (%s %s)", r.Method, r.URL.Path), "")
	})
	srv := httptest.NewServer(mux)
	s.URL = srv.URL + "/v1"
	t.Cleanup(func() {
		close(s.done) // a hanging handler would otherwise keep Close waiting
		srv.Close()
	})
	return s
}

// Requests returns a copy of every request received so far, in order.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// Tokens returns the prompt and completion tokens of all answers given so
// far (estimated at four characters a token), so tests can measure what a
// question costs. Error replies cost nothing; a broken stream costs the
// text it sent.
func (s *Server) Tokens() (prompt, completion int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.prompt, s.completion
}

func (s *Server) chatCompletions(w http.ResponseWriter, r *http.Request) {
	req, problem := decodeRequest(r)
	s.mu.Lock()
	s.requests = append(s.requests, req)
	s.mu.Unlock()
	if problem != nil {
		writeError(w, http.StatusBadRequest, problem.param, problem.msg, "")
		return
	}
	reply := s.next(req)
	ctx := r.Context()
	switch {
	case reply.Hang:
		s.wait(ctx, -1)
	case reply.Status != 0 && reply.Status != http.StatusOK:
		msg := reply.Message
		if msg == "" {
			msg = http.StatusText(reply.Status)
		}
		writeError(w, reply.Status, "", msg, reply.RetryAfter)
	case req.Stream:
		s.stream(ctx, w, req, reply)
	default:
		if s.wait(ctx, reply.Delay) {
			s.answer(w, req, reply)
		}
	}
}

// next picks the reply to req: the queue first, then the respond function.
func (s *Server) next(req Request) Reply {
	s.mu.Lock()
	if len(s.queue) > 0 {
		r := s.queue[0]
		s.queue = s.queue[1:]
		s.mu.Unlock()
		return r
	}
	s.mu.Unlock()
	if s.respond != nil {
		return s.respond(req)
	}
	return Reply{Text: "OK"}
}

// wait sleeps for d (forever when d < 0) and reports false when the client
// went away or the test ended first.
func (s *Server) wait(ctx context.Context, d time.Duration) bool {
	if d == 0 {
		return true
	}
	var timeout <-chan time.Time
	if d > 0 {
		t := time.NewTimer(d)
		defer t.Stop()
		timeout = t.C
	}
	select {
	case <-timeout:
		return true
	case <-ctx.Done():
	case <-s.done:
	}
	return false
}

// bill adds an answer's tokens to the totals.
func (s *Server) bill(prompt, completion int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.prompt += prompt
	s.completion += completion
}

// newID returns a fresh completion id.
func (s *Server) newID() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextID++
	return fmt.Sprintf("chatcmpl-fake%d", s.nextID)
}

func (s *Server) answer(w http.ResponseWriter, req Request, reply Reply) {
	completion := estimateTokens(reply.Text)
	s.bill(req.PromptTokens, completion)
	w.Header().Set("Content-Type", "application/json")
	text := reply.Text
	if reply.Flood > 0 {
		text += floodMark
	}
	body, _ := json.Marshal(completionJSON{ // the types always marshal
		ID:      s.newID(),
		Object:  "chat.completion",
		Created: time.Now().Unix(),
		Model:   req.Model,
		Choices: []choiceJSON{{
			Message:      &messageJSON{Role: "assistant", Content: &text},
			FinishReason: finishReason(reply),
		}},
		Usage: usage(req.PromptTokens, completion),
	})
	_ = writeFlooded(w, append(body, '\n'), reply.Flood)
}

// floodMark stands in the encoded answer where Reply.Flood's filler goes:
// JSON encodes it as below, and no text of a test contains that.
const (
	floodMark        = "\x00flood\x00"
	floodMarkEncoded = `\u0000flood\u0000`
)

// writeFlooded writes body with n bytes of filler in place of the flood
// mark, 64 KiB at a time.
func writeFlooded(w io.Writer, body []byte, n int64) error {
	before, after, found := bytes.Cut(body, []byte(floodMarkEncoded))
	if !found {
		_, err := w.Write(body)
		return err
	}
	if _, err := w.Write(before); err != nil {
		return err
	}
	filler := bytes.Repeat([]byte("a"), 64<<10)
	for n > 0 {
		k := min(n, int64(len(filler)))
		if _, err := w.Write(filler[:k]); err != nil {
			return err
		}
		n -= k
	}
	_, err := w.Write(after)
	return err
}

func finishReason(r Reply) *string {
	if r.FinishReason == "" {
		return ptr("stop")
	}
	return ptr(r.FinishReason)
}

func usage(prompt, completion int) *usageJSON {
	return &usageJSON{PromptTokens: prompt, CompletionTokens: completion, TotalTokens: prompt + completion}
}

func ptr[T any](v T) *T { return &v }
