package main

import (
	"context"
	"errors"
)

// bot runs the Discord gateway bot (issue: Discord bot). Owned by the bot work.
func (e *cliEnv) bot(ctx context.Context, args []string) error { return errors.New("todo") }
