// Command coalitionbot answers questions about the "coalition of the
// willing" in Discord and in the terminal. See README.md.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	name := filepath.Base(os.Args[0])
	context.AfterFunc(ctx, func() {
		stop() // a second signal ends the process at once
		time.AfterFunc(stopWithin, func() {
			fmt.Fprintf(os.Stderr, "%s: still busy %v after the signal; exiting\n", name, stopWithin)
			os.Exit(0)
		})
	})
	err := run(ctx, os.Args, os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", name, err)
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

// run is the whole program behind main, with its inputs made explicit so
// tests can drive it. args is the whole command line, the program's name
// first, as os.Args.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	prog := "coalitionbot"
	if len(args) > 0 {
		prog, args = invokedAs(args[0]), args[1:]
	}
	e := &cliEnv{prog: prog, getenv: getenv, stdin: stdin, stdout: stdout, stderr: stderr, styled: styled(stdout, getenv)}
	if len(args) == 0 {
		e.printUsage(stderr)
		return &usageError{"no command given"}
	}
	name := args[0]
	switch name {
	case "-h", "-help", "--help":
		name = "help"
	case "-version", "--version":
		name = "version"
	}
	cmd, ok := lookup(name)
	if !ok {
		e.printUsage(stderr)
		return &usageError{fmt.Sprintf("unknown command %q", name)}
	}
	if err := cmd.run(e, ctx, args[1:]); !errors.Is(err, flag.ErrHelp) {
		return err
	}
	return nil // the usage asked for is printed
}
