package fakeopenai

import (
	"context"
	"net/http"
	"strings"
	"time"
)

// stream answers as OpenAI does with "stream": true: a first chunk with the
// assistant role, one chunk a piece of text, a chunk with the finish reason
// and an empty delta, the usage chunk (empty choices) when the client asked
// for it, then "data: [DONE]". Reply.DropAfter and Reply.Cut break this
// sequence the ways real streams break.
func (s *Server) stream(ctx context.Context, w http.ResponseWriter, req Request, reply Reply) {
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(http.StatusOK)
	rc := http.NewResponseController(w)
	head := completionJSON{ID: s.newID(), Object: "chat.completion.chunk", Created: time.Now().Unix(), Model: req.Model}
	send := func(c completionJSON) bool {
		if _, err := w.Write(chunkJSON(c)); err != nil {
			return false
		}
		return rc.Flush() == nil
	}
	var sent strings.Builder
	defer func() { s.bill(req.PromptTokens, estimateTokens(sent.String())) }()

	if !send(head.with(choiceJSON{Delta: &messageJSON{Role: "assistant", Content: ptr("")}})) {
		return
	}
	pieces := split(reply.Text, reply.Chunks)
	for i, piece := range pieces {
		if reply.DropAfter > 0 && i == reply.DropAfter {
			break
		}
		if !s.wait(ctx, reply.Delay) || !send(head.with(choiceJSON{Delta: &messageJSON{Content: ptr(piece)}})) {
			return
		}
		sent.WriteString(piece)
	}
	if reply.Flood > 0 {
		if writeFlooded(w, chunkJSON(head.with(choiceJSON{Delta: &messageJSON{Content: ptr(floodMark)}})), reply.Flood) != nil || rc.Flush() != nil {
			return
		}
	}
	if reply.Stall {
		s.wait(ctx, -1)
		return
	}
	if reply.DropAfter > 0 {
		// The documented way to abort a response: the server closes the
		// connection without ending the chunked body, so the client reads
		// an unexpected EOF.
		panic(http.ErrAbortHandler)
	}
	if reply.Cut {
		return
	}
	if !send(head.with(choiceJSON{Delta: &messageJSON{}, FinishReason: finishReason(reply)})) {
		return
	}
	if req.IncludeUsage {
		u := head
		u.Choices = []choiceJSON{}
		u.Usage = usage(req.PromptTokens, estimateTokens(sent.String()))
		if !send(u) {
			return
		}
	}
	_, _ = w.Write([]byte("data: [DONE]\n\n"))
	_ = rc.Flush()
}

// with returns the chunk carrying one choice.
func (c completionJSON) with(ch choiceJSON) completionJSON {
	c.Choices = []choiceJSON{ch}
	return c
}

// split cuts text into stream pieces: one a word (with its trailing space)
// when n <= 0, else n pieces of about equal length, never inside a rune.
func split(text string, n int) []string {
	var out []string
	if n <= 0 {
		for text != "" {
			i := strings.IndexByte(text, ' ') + 1
			if i == 0 {
				i = len(text)
			}
			out = append(out, text[:i])
			text = text[i:]
		}
		return out
	}
	runes := []rune(text)
	n = min(n, len(runes))
	for i := range n {
		out = append(out, string(runes[i*len(runes)/n:(i+1)*len(runes)/n]))
	}
	return out
}
