package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/coalitionbot/coalitionbot/server"
)

// serve runs the HTTP interactions endpoint. Owned by the deploy work.
func (e *cliEnv) serve(ctx context.Context, args []string) error { return errors.New("todo") }

// healthcheck asks the instance on HTTP_ADDR whether it is healthy: the
// container's HEALTHCHECK, since the image has no shell or curl. It exits
// 0 on 200 and 1 with a one-line reason otherwise.
func (e *cliEnv) healthcheck(ctx context.Context, args []string) error {
	if len(args) > 0 {
		return &usageError{fmt.Sprintf("healthcheck takes no arguments, got %q", args)}
	}
	return server.Check(ctx, e.cfg.HTTPAddr)
}
