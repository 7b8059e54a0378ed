package main

import (
	"context"
	"errors"
)

// serve runs the HTTP interactions endpoint. Owned by the deploy work.
func (e *cliEnv) serve(ctx context.Context, args []string) error       { return errors.New("todo") }
func (e *cliEnv) healthcheck(ctx context.Context, args []string) error { return errors.New("todo") }
