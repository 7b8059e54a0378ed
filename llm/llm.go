// Package llm is the bot's client for any OpenAI-compatible chat completion
// server (OpenAI, Ollama, vLLM, LM Studio, OpenRouter...). It is the only
// package that knows go-openai. It adds what the library lacks: a deadline
// on every call and retries of 429 and 5xx answers that honour Retry-After.
package llm

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	openai "github.com/sashabaranov/go-openai"
)

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
	CutShort bool
	// PromptTokens and CompletionTokens are what the server reported. When
	// it reported nothing (some local servers, or a stream that broke
	// before its usage chunk) they are estimates at four characters a
	// token, good enough for logs and budgets, not for billing.
	PromptTokens     int
	CompletionTokens int
}

// DefaultTimeout bounds a call, retries included, when Config.Timeout is 0.
const DefaultTimeout = 30 * time.Second

// Config is what the client needs to reach a server. main fills it from
// LLM_BASE_URL, LLM_API_KEY, LLM_MODEL, LLM_TIMEOUT and LLM_MAX_TOKENS.
type Config struct {
	// BaseURL is the API root, such as "https://api.openai.com/v1" or
	// "http://127.0.0.1:11434/v1". Required.
	BaseURL string
	// APIKey is sent as a Bearer token when set; local servers need none.
	APIKey string
	// Model is the model name the server knows. Required.
	Model string
	// Timeout bounds each Complete call including its retries; 0 means
	// DefaultTimeout.
	Timeout time.Duration
	// MaxTokens caps the answer's length (and so its cost); 0 leaves it to
	// the server.
	MaxTokens int
	// HTTPClient, when set, is used (a copy, with a timeout) instead of a
	// fresh one; tests use it to reach a fake.
	HTTPClient *http.Client
	// Log receives one record per HTTP attempt; nil discards them.
	Log *slog.Logger
}

// Client calls the model. It is safe for concurrent use.
type Client struct {
	api       *openai.Client
	model     string
	maxTokens int
	// completionTokensField is set for reasoning models, which refuse
	// max_tokens and want max_completion_tokens instead.
	completionTokensField bool
	timeout               time.Duration
	apiKey                string // only to scrub it from error messages
	log                   *slog.Logger
}

// New checks cfg and returns a client. It makes no request, so a bot with
// an unreachable model still starts and answers from its curated data.
func New(cfg Config) (*Client, error) {
	if cfg.BaseURL == "" {
		return nil, errors.New("llm config: BaseURL is required")
	}
	if u, err := url.Parse(cfg.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("llm config: BaseURL %q is not an http or https URL", cfg.BaseURL)
	}
	if cfg.Model == "" {
		return nil, errors.New("llm config: Model is required")
	}
	if cfg.Timeout < 0 {
		return nil, fmt.Errorf("llm config: Timeout %v is negative", cfg.Timeout)
	}
	if cfg.MaxTokens < 0 {
		return nil, fmt.Errorf("llm config: MaxTokens %d is negative", cfg.MaxTokens)
	}
	timeout := cfg.Timeout
	if timeout == 0 {
		timeout = DefaultTimeout
	}
	log := cfg.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	oc := openai.DefaultConfig(cfg.APIKey)
	oc.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
	oc.HTTPClient = httpClient(cfg.HTTPClient, timeout)
	probe := openai.ChatCompletionRequest{Model: cfg.Model, MaxTokens: 1}
	return &Client{
		api:                   openai.NewClientWithConfig(oc),
		model:                 cfg.Model,
		maxTokens:             cfg.MaxTokens,
		completionTokensField: errors.Is(openai.NewReasoningValidator().Validate(probe), openai.ErrReasoningModelMaxTokensDeprecated),
		timeout:               timeout,
		apiKey:                cfg.APIKey,
		log:                   log,
	}, nil
}

// httpClient returns a copy of base (or a new client) with a timeout no
// longer than the call's, as a backstop to the context's deadline:
// go-openai's default client has none. Its transport records what
// go-openai hides from errors, such as Retry-After.
func httpClient(base *http.Client, timeout time.Duration) *http.Client {
	hc := &http.Client{}
	if base != nil {
		c := *base
		hc = &c
	}
	if hc.Timeout == 0 || hc.Timeout > timeout {
		hc.Timeout = timeout
	}
	rt := hc.Transport
	if rt == nil {
		rt = http.DefaultTransport
	}
	hc.Transport = recorder{base: rt}
	return hc
}

// request builds the wire request for msgs.
func (c *Client) request(msgs []Message, stream bool) openai.ChatCompletionRequest {
	req := openai.ChatCompletionRequest{Model: c.model, Messages: make([]openai.ChatCompletionMessage, len(msgs))}
	for i, m := range msgs {
		req.Messages[i] = openai.ChatCompletionMessage{Role: m.Role, Content: m.Content}
	}
	if c.completionTokensField {
		req.MaxCompletionTokens = c.maxTokens
	} else {
		// max_tokens rather than max_completion_tokens: every
		// OpenAI-compatible server knows it.
		req.MaxTokens = c.maxTokens
	}
	if stream {
		req.StreamOptions = &openai.StreamOptions{IncludeUsage: true}
	}
	return req
}
