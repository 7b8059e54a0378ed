// Package llm is the bot's client for any OpenAI-compatible chat completion
// server (OpenAI, Ollama, vLLM, LM Studio, OpenRouter...). It is the only
// package that knows go-openai. It adds what the library lacks: a deadline
// on every call and retries of 429 and 5xx answers that honour Retry-After.
package llm

// Message is one chat message sent to the model.
type Message struct {
	Role    string // "system", "user" or "assistant"
	Content string
}

// Result is the model's complete answer to one request.
type Result struct {
	Text         string
	FinishReason string // "stop", "length", ... or empty when the stream broke
	// CutShort is true when the answer did not end normally: the stream
	// broke, ended without a finish reason, or stopped for length.
	CutShort         bool
	PromptTokens     int
	CompletionTokens int
}
