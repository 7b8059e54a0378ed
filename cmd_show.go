package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/coalitionbot/coalitionbot/commands"
)

// members, quote and about run the command of the same name from the
// table, as Discord would, and print its response.
func (e *cliEnv) members(ctx context.Context, args []string) error {
	return e.runCommand(ctx, "members", "filter", args)
}

func (e *cliEnv) quote(ctx context.Context, args []string) error {
	return e.runCommand(ctx, "quote", "speaker", args)
}

func (e *cliEnv) about(ctx context.Context, args []string) error {
	return e.runCommand(ctx, "about", "", args)
}

// runCommand runs the table's command name with its one option (none
// when option is ""). A request the command cannot answer (no member
// matches the filter) exits with status 1, like grep finding nothing;
// status 2 stays for mistakes on the command line.
func (e *cliEnv) runCommand(ctx context.Context, name, option string, args []string) error {
	c := e.commandLine(name)
	jsonOut := c.Bool("json", false, "write the response as JSON")
	args, err := c.parse(args)
	if err != nil {
		return err
	}
	if option == "" && len(args) > 0 {
		return c.usageError(fmt.Sprintf("%s takes no arguments", name))
	}
	if err := e.configure(); err != nil {
		return err
	}
	a, err := e.newApp(e.logger(), false, nil)
	if err != nil {
		return err
	}
	cmd, _ := a.table.Lookup(name)
	req := commands.Request{Command: name, Options: map[string]string{}, UserID: "terminal"}
	if option != "" {
		req.Options[option] = strings.Join(args, " ")
	}
	resp, err := cmd.Handle(ctx, req)
	if ue, ok := commands.IsUserError(err); ok {
		return errors.New(ue.Msg)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if *jsonOut {
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		return enc.Encode(responseJSON{resp.Title, resp.Text, resp.Fields, resp.Footer})
	}
	out := e.terminal()
	printResponse(out, resp)
	out.end()
	return nil
}

// responseJSON is a command's response as `--json` prints it.
type responseJSON struct {
	Title  string           `json:"title,omitempty"`
	Text   string           `json:"text"`
	Fields []commands.Field `json:"fields,omitempty"`
	Footer string           `json:"footer,omitempty"`
}

// printResponse writes a response for people.
func printResponse(w io.Writer, r commands.Response) {
	var parts []string
	for _, p := range []string{r.Title, r.Text} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	for _, f := range r.Fields {
		parts = append(parts, f.Name+":\n"+f.Value)
	}
	fmt.Fprintln(w, strings.Join(parts, "\n\n"))
	if r.Footer != "" {
		fmt.Fprintf(w, "\n%s\n", r.Footer)
	}
}
