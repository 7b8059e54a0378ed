package llm

import (
	"errors"
	"fmt"
	"io"
)

// ErrTooLong means the server sent more than any answer within the token
// cap could take: a misbehaving server, never a model's answer.
var ErrTooLong = errors.New("response longer than the answer's token cap allows")

// Bounds on what one response may take, derived from the token cap. A
// token is a few characters, at most a dozen bytes once escaped in JSON; a
// streamed token comes in an event of a few hundred bytes (id, model,
// choices). Both bounds are generous, yet a runaway server costs at most a
// few megabytes, not gigabytes.
const (
	bodyOverhead      = 64 << 10
	jsonBytesPerToken = 64
	sseBytesPerToken  = 1 << 10
	// tokenCapUnset stands for the cap when LLM_MAX_TOKENS leaves it to
	// the server.
	tokenCapUnset = 4096
)

// maxBody is the most a response to a request with maxTokens may be.
func maxBody(maxTokens int, stream bool) int64 {
	if maxTokens <= 0 {
		maxTokens = tokenCapUnset
	}
	per := jsonBytesPerToken
	if stream {
		per = sseBytesPerToken
	}
	return bodyOverhead + int64(maxTokens)*int64(per)
}

// limitedBody fails a read past its limit, and says so in the exchange so
// the error is reported as ErrTooLong whatever go-openai makes of it.
type limitedBody struct {
	io.ReadCloser
	left int64
	ex   *exchange
}

func (b *limitedBody) Read(p []byte) (int, error) {
	if b.left <= 0 {
		b.ex.tooLong = true
		return 0, fmt.Errorf("read response: %w", ErrTooLong)
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.ReadCloser.Read(p)
	b.left -= int64(n)
	return n, err
}
