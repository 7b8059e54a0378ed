package bot

import (
	"context"
	"encoding/json"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/coalitionbot/coalitionbot/answer"
	"github.com/coalitionbot/coalitionbot/commands"
	"github.com/coalitionbot/coalitionbot/internal/fakediscord"
	"github.com/coalitionbot/coalitionbot/knowledge"
)

// IDs used by the payloads in testdata.
const (
	testGuild   = "1300000000000000001"
	testChannel = "1300000000000000002"
	dmChannel   = "1300000000000000030"
	testUser    = "1300000000000000010"
	testRole    = "1300000000000000020"
)

// realTable is the command table as app.go wires it.
func realTable(t testing.TB) commands.Table {
	t.Helper()
	base, err := knowledge.Load(nil)
	if err != nil {
		t.Fatalf("knowledge.Load() error = %v", err)
	}
	return allCommands(t, base, answer.New(base, answer.Options{}))
}

// allCommands is commands.All over base and ans, failing the test on an
// error.
func allCommands(t testing.TB, base *knowledge.Base, ans commands.Answerer) commands.Table {
	t.Helper()
	table, err := commands.All(base, ans)
	if err != nil {
		t.Fatalf("commands.All() error = %v", err)
	}
	return table
}

// withCommand returns a copy of table with cmd added, or replacing the
// command of the same name.
func withCommand(table commands.Table, cmd commands.Command) commands.Table {
	out := commands.Table{cmd}
	for _, c := range table {
		if c.Name != cmd.Name {
			out = append(out, c)
		}
	}
	return out
}

// harness is a bot running against a fake Discord.
type harness struct {
	fake   *fakediscord.Server
	logs   *logRecorder
	cancel context.CancelFunc
	done   chan error
	once   sync.Once
	err    error
}

// startBot runs the bot on table against a new fake Discord until the test
// ends, and waits for its commands to be registered in the test guild.
func startBot(t testing.TB, table commands.Table, tweaks ...func(*Options)) *harness {
	t.Helper()
	h := launch(t, fakediscord.New(t, fakediscord.Options{}), table, tweaks...)
	h.fake.WaitCommands(testGuild)
	return h
}

// launch runs the bot against fake without waiting for anything.
func launch(t testing.TB, fake *fakediscord.Server, table commands.Table, tweaks ...func(*Options)) *harness {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	h := &harness{fake: fake, logs: newLogRecorder(t), cancel: cancel, done: make(chan error, 1)}
	opts := Options{Token: fake.Token(), APIURL: fake.URL(), GuildID: testGuild, Table: table, Log: slog.New(h.logs)}
	for _, tweak := range tweaks {
		tweak(&opts)
	}
	go func() { h.done <- Run(ctx, opts) }()
	t.Cleanup(func() { h.stop(t) })
	return h
}

// stop cancels the run and returns Run's result.
func (h *harness) stop(t testing.TB) error {
	t.Helper()
	h.cancel()
	return h.result(t)
}

// result waits for Run to return, by itself or after stop.
func (h *harness) result(t testing.TB) error {
	t.Helper()
	h.once.Do(func() {
		select {
		case h.err = <-h.done:
		case <-time.After(30 * time.Second):
			t.Fatalf("Run did not return")
		}
	})
	return h.err
}

// payload loads a testdata JSON object and lets edit change it.
func payload(t testing.TB, file string, edit func(map[string]any)) []byte {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", file))
	if err != nil {
		t.Fatalf("read testdata: %v", err)
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatalf("decode %s: %v", file, err)
	}
	if edit != nil {
		edit(m)
	}
	out, err := json.Marshal(m)
	if err != nil {
		t.Fatalf("encode %s: %v", file, err)
	}
	return out
}

// slash is a slash command interaction in the test guild. Options are
// name/value pairs; string and bool values get their Discord types.
func slash(t testing.TB, name string, options ...any) []byte {
	t.Helper()
	var opts []any
	for i := 0; i+1 < len(options); i += 2 {
		typ := 3 // string
		if _, ok := options[i+1].(bool); ok {
			typ = 5
		}
		opts = append(opts, map[string]any{"name": options[i], "type": typ, "value": options[i+1]})
	}
	return payload(t, "command.json", func(m map[string]any) {
		data := m["data"].(map[string]any)
		data["name"] = name
		if opts != nil {
			data["options"] = opts
		}
	})
}

// autocomplete is an autocomplete interaction for one option being typed.
func autocomplete(t testing.TB, command, option, typed string) []byte {
	t.Helper()
	return payload(t, "autocomplete.json", func(m map[string]any) {
		data := m["data"].(map[string]any)
		data["name"] = command
		data["options"] = []any{map[string]any{"name": option, "type": 3, "value": typed, "focused": true}}
	})
}

// message is a user's message from a testdata file with the given text.
func message(t testing.TB, file, content string, edit func(map[string]any)) []byte {
	t.Helper()
	return payload(t, file, func(m map[string]any) {
		m["content"] = content
		if edit != nil {
			edit(m)
		}
	})
}

// mentionBot is how a message's text addresses the bot.
const mentionBot = "<@" + fakediscord.BotID + ">"

// english are the bot's own words in English, from the embedded catalog.
func english() words { return wordsFor(embeddedOr(nil), "") }
