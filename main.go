// Command coalitionbot answers questions about the "coalition of the
// willing" in Discord and in the terminal. See README.md.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	context.AfterFunc(ctx, func() {
		stop() // a second signal ends the process at once
		time.AfterFunc(stopWithin, func() {
			fmt.Fprintf(os.Stderr, "coalitionbot: still busy %v after the signal; exiting\n", stopWithin)
			os.Exit(0)
		})
	})
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "coalitionbot:", err)
		os.Exit(exitCode(err))
	}
}

// stopWithin is how long the process may take to end after SIGINT or
// SIGTERM: Docker kills a container 10 s after SIGTERM. The long-running
// modes stop well within it (bot in 9 s, serve in 8 s); this bounds
// whatever does not, such as `ask --json` waiting for a line on stdin.
const stopWithin = 9500 * time.Millisecond

// usageError is a mistake on the command line; it exits with status 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func exitCode(err error) int {
	var ue *usageError
	if errors.As(err, &ue) {
		return 2
	}
	return 1
}

const usage = `usage: coalitionbot <command> [flags] [args]

commands:
  ask [--json] [--no-llm] [QUESTION]  answer a question (--json: one question a line on stdin)
  members [--json] [FILTER]           list the coalition's members
  quote [--json] [SPEAKER]            show what a member said (random without SPEAKER)
  about                               what the bot is and what it knows
  eval [--no-llm] FILE.jsonl          score a question file
  bot                                 run the Discord bot over the gateway (needs DISCORD_TOKEN)
  serve                               serve Discord HTTP interactions (needs DISCORD_PUBLIC_KEY)
  healthcheck                         exit 0 when the instance on HTTP_ADDR is healthy`

// run is the whole program behind main, with its inputs made explicit so
// tests can drive it.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprintln(stderr, usage)
		return &usageError{"no command given"}
	}
	cfg, err := LoadConfig(getenv)
	if err != nil {
		return err
	}
	env := &cliEnv{cfg: cfg, stdin: stdin, stdout: stdout, stderr: stderr}
	switch args[0] {
	case "ask":
		return env.ask(ctx, args[1:])
	case "members":
		return env.members(ctx, args[1:])
	case "quote":
		return env.quote(ctx, args[1:])
	case "about":
		return env.about(ctx, args[1:])
	case "eval":
		return env.eval(ctx, args[1:])
	case "bot":
		return env.bot(ctx, args[1:])
	case "serve":
		return env.serve(ctx, args[1:])
	case "healthcheck":
		return env.healthcheck(ctx, args[1:])
	case "help", "-h", "--help":
		fmt.Fprintln(stdout, usage)
		return nil
	default:
		fmt.Fprintln(stderr, usage)
		return &usageError{fmt.Sprintf("unknown command %q", args[0])}
	}
}
