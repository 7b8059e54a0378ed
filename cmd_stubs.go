package main

import (
	"context"
	"errors"
)

func (e *cliEnv) ask(ctx context.Context, args []string) error     { return errors.New("todo") }
func (e *cliEnv) members(ctx context.Context, args []string) error { return errors.New("todo") }
func (e *cliEnv) quote(ctx context.Context, args []string) error   { return errors.New("todo") }
func (e *cliEnv) about(ctx context.Context, args []string) error   { return errors.New("todo") }
func (e *cliEnv) eval(ctx context.Context, args []string) error    { return errors.New("todo") }
