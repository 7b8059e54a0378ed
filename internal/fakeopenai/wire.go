package fakeopenai

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
)

// The JSON shapes below follow OpenAI's chat completion API reference, field
// for field where the bot's client reads them, nulls included.

type requestJSON struct {
	Model               string        `json:"model"`
	Messages            []messageWire `json:"messages"`
	MaxTokens           int           `json:"max_tokens"`
	MaxCompletionTokens int           `json:"max_completion_tokens"`
	Stream              bool          `json:"stream"`
	StreamOptions       *struct {
		IncludeUsage bool `json:"include_usage"`
	} `json:"stream_options"`
}

// messageWire is a request message, whose content is a string or an array
// of parts.
type messageWire struct {
	Role    string          `json:"role"`
	Content json.RawMessage `json:"content"`
}

type completionJSON struct {
	ID                string       `json:"id"`
	Object            string       `json:"object"`
	Created           int64        `json:"created"`
	Model             string       `json:"model"`
	SystemFingerprint *string      `json:"system_fingerprint"`
	Choices           []choiceJSON `json:"choices"`
	// Usage is null on stream chunks except the last, when asked for;
	// always set in a JSON answer.
	Usage *usageJSON `json:"usage"`
}

type choiceJSON struct {
	Index        int          `json:"index"`
	Message      *messageJSON `json:"message,omitempty"`
	Delta        *messageJSON `json:"delta,omitempty"`
	Logprobs     *struct{}    `json:"logprobs"`
	FinishReason *string      `json:"finish_reason"`
}

// messageJSON is an answer's message or a chunk's delta; a final chunk's
// delta is empty ({}), the first one's content is "".
type messageJSON struct {
	Role    string  `json:"role,omitempty"`
	Content *string `json:"content,omitempty"`
}

type usageJSON struct {
	PromptTokens     int `json:"prompt_tokens"`
	CompletionTokens int `json:"completion_tokens"`
	TotalTokens      int `json:"total_tokens"`
}

type errorJSON struct {
	Error struct {
		Message string  `json:"message"`
		Type    string  `json:"type"`
		Param   *string `json:"param"`
		Code    *string `json:"code"`
	} `json:"error"`
}

// invalid is why a request was refused with 400, and the field at fault.
type invalid struct{ param, msg string }

var validRoles = map[string]bool{"system": true, "developer": true, "user": true, "assistant": true, "tool": true}

// decodeRequest reads and checks a request as OpenAI does, returning what
// it could decode and, for a bad request, the problem.
func decodeRequest(r *http.Request) (Request, *invalid) {
	req := Request{Authorization: r.Header.Get("Authorization")}
	var body requestJSON
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		return req, &invalid{"", fmt.Sprintf("We could not parse the JSON body of your request: %v", err)}
	}
	req.Model, req.Stream = body.Model, body.Stream
	req.MaxTokens = body.MaxTokens
	if req.MaxTokens == 0 {
		req.MaxTokens = body.MaxCompletionTokens
	}
	req.IncludeUsage = body.StreamOptions != nil && body.StreamOptions.IncludeUsage
	var problem *invalid
	for i, m := range body.Messages {
		content, ok := contentText(m.Content)
		if !ok && problem == nil {
			problem = &invalid{fmt.Sprintf("messages[%d].content", i), "Invalid type for content: expected a string or an array of parts."}
		}
		if !validRoles[m.Role] && problem == nil {
			problem = &invalid{fmt.Sprintf("messages[%d].role", i), fmt.Sprintf("Invalid value: '%s'. Supported values are: 'system', 'developer', 'user', 'assistant' and 'tool'.", m.Role)}
		}
		req.Messages = append(req.Messages, Message{Role: m.Role, Content: content})
		req.PromptTokens += estimateTokens(content)
	}
	switch {
	case problem != nil:
		return req, problem
	case req.Model == "":
		return req, &invalid{"model", "you must provide a model parameter"}
	case len(req.Messages) == 0:
		return req, &invalid{"messages", "[] is too short - 'messages'"}
	case req.MaxTokens < 0:
		return req, &invalid{"max_tokens", fmt.Sprintf("Invalid 'max_tokens': integer below minimum value. Expected a value >= 1, but got %d instead.", req.MaxTokens)}
	case body.StreamOptions != nil && !req.Stream:
		return req, &invalid{"stream_options", "The 'stream_options' parameter is only allowed when 'stream' is enabled."}
	}
	return req, nil
}

// contentText returns a message's text: the string, or the text parts of
// an array joined; false when it is neither.
func contentText(raw json.RawMessage) (string, bool) {
	if len(raw) == 0 || string(raw) == "null" {
		return "", true
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s, true
	}
	var parts []struct {
		Type string `json:"type"`
		Text string `json:"text"`
	}
	if json.Unmarshal(raw, &parts) != nil {
		return "", false
	}
	var b strings.Builder
	for _, p := range parts {
		b.WriteString(p.Text)
	}
	return b.String(), true
}

// writeError answers with an OpenAI-style error body.
func writeError(w http.ResponseWriter, status int, param, msg, retryAfter string) {
	var e errorJSON
	e.Error.Message = msg
	e.Error.Type = errorType(status)
	if param != "" {
		e.Error.Param = &param
	}
	if status == http.StatusTooManyRequests {
		e.Error.Code = ptr("rate_limit_exceeded")
	}
	if retryAfter != "" {
		w.Header().Set("Retry-After", retryAfter)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(e)
}

func errorType(status int) string {
	switch {
	case status == http.StatusUnauthorized:
		return "authentication_error"
	case status == http.StatusTooManyRequests:
		return "requests"
	case status >= 500:
		return "server_error"
	default:
		return "invalid_request_error"
	}
}

// chunkJSON encodes one stream chunk as an SSE event.
func chunkJSON(c completionJSON) []byte {
	b, _ := json.Marshal(c) // the types above always marshal
	return append(append([]byte("data: "), b...), "\n\n"...)
}
