package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"strings"
)

// invokedAs is how the user ran the program, for the messages that tell
// them what to type: the binary's name, or `go run .` when `go run` built
// it, whose binary's name means nothing to them.
func invokedAs(arg0 string) string {
	if builtByGoRun(arg0) {
		return "go run ."
	}
	name := filepath.Base(arg0)
	if runtime.GOOS == "windows" {
		name = strings.TrimSuffix(name, ".exe")
	}
	if arg0 == "" || name == "." || name == string(filepath.Separator) {
		return "coalitionbot"
	}
	return name
}

// builtByGoRun reports whether exe is where `go run` puts what it builds:
// one of its temporary directories (…/go-build123/b001/exe/coalitionbot)
// or, since Go 1.24 caches what it runs, the build cache
// (…/go-build/3f/<64 hex digits>-d/coalitionbot).
func builtByGoRun(exe string) bool {
	dir := filepath.Dir(exe)
	if filepath.Base(dir) == "exe" && strings.HasPrefix(filepath.Base(filepath.Dir(filepath.Dir(dir))), "go-build") {
		return true
	}
	hash, ok := strings.CutSuffix(filepath.Base(dir), "-d")
	prefix := filepath.Base(filepath.Dir(dir))
	return ok && len(hash) == 64 && len(prefix) == 2 && strings.HasPrefix(hash, prefix) && isHex(hash)
}

func isHex(s string) bool {
	return strings.Trim(s, "0123456789abcdef") == ""
}

// subcommand is one command of the program. The table of them
// (cliEnv.subcommands) is both the dispatch and the usage.
type subcommand struct {
	name    string
	args    string // what follows the flags on its usage line
	summary string
	run     func(e *cliEnv, ctx context.Context, args []string) error
}

// subcommands is the table of the program's commands, in the order its
// usage lists them.
func subcommands() []subcommand {
	return []subcommand{
		{"ask", "[QUESTION]", "answer a question about the coalition (--json without QUESTION: one a line on stdin)", (*cliEnv).ask},
		{"members", "[FILTER]", "list the coalition's members: all, or by country, name, role, region or institution", (*cliEnv).members},
		{"quote", "[SPEAKER]", "show what a member said (a random quote without SPEAKER)", (*cliEnv).quote},
		{"about", "", "what the bot is and what it knows", (*cliEnv).about},
		{"eval", "FILE.jsonl", "score a question file, per category", (*cliEnv).eval},
		{"bot", "", "run the Discord bot over the gateway (needs DISCORD_TOKEN)", (*cliEnv).bot},
		{"serve", "", "serve Discord HTTP interactions (needs DISCORD_PUBLIC_KEY)", (*cliEnv).serve},
		{"healthcheck", "", "exit 0 when the instance on HTTP_ADDR is healthy", (*cliEnv).healthcheck},
		{"version", "", "print the version", (*cliEnv).printVersion},
		{"help", "[COMMAND]", "show the commands and the environment variables, or a command's usage", (*cliEnv).help},
	}
}

// lookup returns the subcommand called name.
func lookup(name string) (subcommand, bool) {
	for _, c := range subcommands() {
		if c.name == name {
			return c, true
		}
	}
	return subcommand{}, false
}

// printUsage writes the program's usage: its commands.
func (e *cliEnv) printUsage(w io.Writer) {
	fmt.Fprintf(w, "usage: %s COMMAND [flags] [args]\n\ncommands:\n", e.prog)
	for _, c := range subcommands() {
		fmt.Fprintf(w, "  %-22s %s\n", strings.TrimSpace(c.name+" "+c.args), c.summary)
	}
	fmt.Fprintf(w, "\n`%s COMMAND -h` shows a command's flags; `%s help` the environment variables too.\n", e.prog, e.prog)
}

// help prints the usage and the environment variables the config reads,
// or, given a command, that command's usage.
func (e *cliEnv) help(ctx context.Context, args []string) error {
	c := e.commandLine("help")
	args, err := c.parse(args)
	if err != nil {
		return err
	}
	switch len(args) {
	case 0:
		e.printUsage(e.stdout)
		fmt.Fprintln(e.stdout)
		printEnvironment(e.stdout, envExample, configVariables())
		return nil
	case 1:
		if cmd, ok := lookup(args[0]); ok {
			return cmd.run(e, ctx, []string{"-h"}) // its flags are its own
		}
		return c.usageError(fmt.Sprintf("unknown command %q", args[0]))
	default:
		return c.usageError("help takes at most one command")
	}
}

// commandLine is a subcommand's flag set: it parses flags anywhere among
// the arguments and prints the subcommand's usage.
type commandLine struct {
	*flag.FlagSet
	e   *cliEnv
	cmd subcommand
}

// commandLine returns the flag set of the subcommand name, which must be
// in the table.
func (e *cliEnv) commandLine(name string) *commandLine {
	cmd, _ := lookup(name)
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	// parse prints usage itself: on stdout when asked for, on stderr with
	// the mistake otherwise.
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return &commandLine{FlagSet: fs, e: e, cmd: cmd}
}

// parse reads the flags, wherever they are among the arguments (`ask
// "Who?" --json`), and returns the other arguments in order; `--` ends the
// flags. -h and --help print the usage on stdout and return flag.ErrHelp,
// which run turns into exit status 0; a mistake prints the usage on
// stderr and is a usage error.
func (c *commandLine) parse(args []string) ([]string, error) {
	var rest []string
	for len(args) > 0 {
		if err := c.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				c.printUsage(c.e.stdout)
				return nil, flag.ErrHelp
			}
			return nil, c.usageError(err.Error())
		}
		left := c.Args()
		if endedFlags(c.FlagSet, args[:len(args)-len(left)]) {
			return append(rest, left...), nil
		}
		if len(left) == 0 {
			break
		}
		rest = append(rest, left[0])
		args = left[1:]
	}
	return rest, nil
}

// noArguments parses the command line of a subcommand that takes flags
// only.
func (c *commandLine) noArguments(args []string) error {
	rest, err := c.parse(args)
	if err == nil && len(rest) > 0 {
		err = c.usageError(fmt.Sprintf("%s takes no arguments, got %q", c.cmd.name, rest))
	}
	return err
}

// endedFlags reports whether the flag package stopped at a `--` among
// consumed, the arguments it parsed: a `--` where a flag could stand, not
// the value of the flag before it (`--lang --`).
func endedFlags(fs *flag.FlagSet, consumed []string) bool {
	for i := 0; i < len(consumed); i++ {
		arg := consumed[i]
		if arg == "--" {
			return true
		}
		name := strings.TrimPrefix(strings.TrimPrefix(arg, "-"), "-")
		if strings.Contains(name, "=") {
			continue
		}
		if f := fs.Lookup(name); f != nil {
			if b, ok := f.Value.(interface{ IsBoolFlag() bool }); !ok || !b.IsBoolFlag() {
				i++ // its value
			}
		}
	}
	return false
}

// usageError prints the usage on stderr and returns msg as a usage error.
func (c *commandLine) usageError(msg string) error {
	c.printUsage(c.e.stderr)
	return &usageError{msg}
}

// printUsage writes the subcommand's usage line, what it does and its
// flags.
func (c *commandLine) printUsage(w io.Writer) {
	line := []string{"usage:", c.e.prog, c.cmd.name}
	hasFlags := false
	c.VisitAll(func(*flag.Flag) { hasFlags = true })
	if hasFlags {
		line = append(line, "[flags]")
	}
	if c.cmd.args != "" {
		line = append(line, c.cmd.args)
	}
	fmt.Fprintf(w, "%s\n\n%s\n", strings.Join(line, " "), c.cmd.summary)
	if hasFlags {
		fmt.Fprint(w, "\nflags (before or after the arguments; -- ends them):\n")
		c.SetOutput(w)
		c.PrintDefaults()
		c.SetOutput(io.Discard)
	}
}
