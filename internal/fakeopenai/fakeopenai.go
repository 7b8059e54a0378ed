// Package fakeopenai is an httptest server that speaks the OpenAI chat
// completion protocol (JSON answers and SSE streams) closely enough that
// go-openai, and so the bot's llm client, talk to it as to the real thing.
// Tests across the repository script its answers (text, errors, hangs,
// broken streams) and read back what the bot sent, including an estimate of
// the tokens each question cost, without a network or a model.
package fakeopenai

import "time"

// Message is one chat message as the client sent it.
type Message struct {
	Role    string
	Content string
}

// Request is one chat completion request the server received, decoded.
// Invalid requests are recorded too, as far as they could be decoded, so a
// test can see what the client got wrong.
type Request struct {
	Model     string
	Messages  []Message
	MaxTokens int // max_tokens, or max_completion_tokens when only that is set
	Stream    bool
	// IncludeUsage is stream_options.include_usage: the client asked for a
	// final usage chunk.
	IncludeUsage bool
	// Authorization is the Authorization header as sent, "" when absent
	// (local servers need no key).
	Authorization string
	// PromptTokens estimates the prompt's size the way the server bills
	// it: the characters of all messages over four.
	PromptTokens int
}

// Reply scripts the server's answer to one request. The zero Reply answers
// with an empty text; set Text for a normal answer.
type Reply struct {
	// Text is the answer. In a stream it is sent in chunks: one a word by
	// default, or Chunks pieces of about equal length.
	Text   string
	Chunks int
	// FinishReason is sent with the last chunk (or in the JSON answer);
	// "stop" when empty. "length" mimics a model stopped by max_tokens.
	FinishReason string

	// Status, when not 0 or 200, answers with that HTTP status and an
	// OpenAI-style error body instead of an answer; Message is the error's
	// message (the status text when empty), RetryAfter the value of a
	// Retry-After header (seconds or an HTTP date) when not empty.
	Status     int
	Message    string
	RetryAfter string

	// Hang makes the server wait, sending nothing, until the client goes
	// away or the test ends: a model that never answers.
	Hang bool
	// DropAfter > 0 drops the connection after that many text chunks of a
	// stream (after all of them when there are fewer), before the final
	// chunk: an error mid-stream.
	DropAfter int
	// Cut ends a stream normally at the HTTP level after all text chunks,
	// but without the finish reason, the usage chunk and [DONE].
	Cut bool
	// Stall keeps a stream open after its text chunks, sending nothing
	// more, until the client goes away: a model that never finishes.
	Stall bool
	// Flood > 0 appends that many bytes of filler ("a") to the text: in a
	// JSON answer to its content, in a stream as one more chunk, one line.
	// The server writes the filler piece by piece and holds none of it, so
	// a test can play a runaway server sending hundreds of megabytes.
	Flood int64
	// Delay is waited before each text chunk of a stream (or before a JSON
	// answer), so a test can watch text arrive; the client going away
	// cuts it short.
	Delay time.Duration
}

// estimateTokens is the rule of thumb the server and tests use: about four
// characters a token.
func estimateTokens(s string) int {
	n := 0
	for range s {
		n++
	}
	return (n + 3) / 4
}
