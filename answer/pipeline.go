package answer

import (
	"context"
	"log/slog"

	"github.com/coalitionbot/coalitionbot/knowledge"
)

// Options configures a Pipeline.
type Options struct {
	Log *slog.Logger
}

// Pipeline answers questions. It is safe for concurrent use.
type Pipeline struct {
	base *knowledge.Base
	log  *slog.Logger
}

// New returns a pipeline over the knowledge base.
func New(base *knowledge.Base, opts Options) *Pipeline {
	return &Pipeline{base: base, log: opts.Log}
}

// Answer answers one question.
func (p *Pipeline) Answer(ctx context.Context, q Question) (Answer, error) {
	return Answer{Route: Refused, Text: "TODO"}, nil
}
