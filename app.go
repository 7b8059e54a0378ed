package main

import (
	"fmt"
	"io"
	"log/slog"
	"runtime/debug"

	"github.com/coalitionbot/coalitionbot/answer"
	"github.com/coalitionbot/coalitionbot/commands"
	"github.com/coalitionbot/coalitionbot/knowledge"
	"github.com/coalitionbot/coalitionbot/llm"
	"github.com/coalitionbot/coalitionbot/prompts"
)

// cliEnv is what every subcommand starts from: how the program was run,
// the config and the process's standard streams.
type cliEnv struct {
	prog   string // how the user ran the program (invokedAs), for usage and hints
	getenv func(string) string
	cfg    Config // loaded by configure once the command line is read
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	styled bool // stdout takes ANSI styles (see styled)
}

// configure loads the config. Subcommands call it after reading their
// command line, so that -h and usage mistakes never depend on the
// environment.
func (e *cliEnv) configure() error {
	cfg, err := LoadConfig(e.getenv)
	if err != nil {
		return err
	}
	e.cfg = cfg
	return nil
}

// app is the wired bot: knowledge, pipeline and command table. Built once
// per run, top-down, so every front end answers the same way.
type app struct {
	log      *slog.Logger
	base     *knowledge.Base
	pipeline *answer.Pipeline
	table    commands.Table
}

// logger writes structured logs to stderr, as LOG_LEVEL and LOG_FORMAT say.
func (e *cliEnv) logger() *slog.Logger {
	opts := &slog.HandlerOptions{Level: e.cfg.LogLevel}
	if e.cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(e.stderr, opts))
	}
	return slog.New(slog.NewTextHandler(e.stderr, opts))
}

// newApp loads the knowledge base (with KNOWLEDGE_DIR's documents) and wires
// the pipeline and commands. useLLM=false forces the offline pipeline;
// observer (nil in the terminal) receives the LLM stage's costs. The LLM
// stage's state is this process's own.
func (e *cliEnv) newApp(log *slog.Logger, useLLM bool, observer answer.Observer) (*app, error) {
	return e.newAppState(log, useLLM, observer, answer.State{})
}

// newAppState is newApp with the LLM stage's state given: the long-running
// modes share it through Redis when REDIS_URL is set.
func (e *cliEnv) newAppState(log *slog.Logger, useLLM bool, observer answer.Observer, state answer.State) (*app, error) {
	defer holdGC(loadHeapLimit)()
	// The answers' texts depend on nothing else: they are read while the
	// knowledge is.
	type loadedMessages struct {
		msgs *answer.Messages
		err  error
	}
	messages := make(chan loadedMessages, 1)
	go func() {
		msgs, err := answer.LoadMessages()
		messages <- loadedMessages{msgs, err}
	}()
	base, err := e.loadKnowledge()
	loaded := <-messages // waited for on every path: nothing outlives the set-up
	if err != nil {
		return nil, err
	}
	if loaded.err != nil {
		return nil, loaded.err
	}
	opts := answer.Options{
		Messages:    loaded.msgs,
		Log:         log,
		UserRate:    e.cfg.LLMUserRate,
		MaxInFlight: e.cfg.LLMMaxInFlight,
		CacheSize:   e.cfg.LLMCacheSize,
		CacheTTL:    e.cfg.LLMCacheTTL,
		Timeout:     e.cfg.LLMTimeout,
		Observer:    observer,
		State:       state,
		ModelName:   e.cfg.LLMModel,
	}
	if useLLM && e.cfg.LLMEnabled() {
		if opts.Model, opts.Prompts, err = e.newLLM(log); err != nil {
			return nil, err
		}
	}
	p := answer.New(base, opts)
	table, err := commands.All(base, p)
	if err != nil {
		return nil, fmt.Errorf("localize commands: %w", err)
	}
	return &app{log: log, base: base, pipeline: p, table: table}, nil
}

// loadKnowledge loads the embedded knowledge with KNOWLEDGE_DIR's documents.
func (e *cliEnv) loadKnowledge() (*knowledge.Base, error) {
	var extra []knowledge.Passage
	if e.cfg.KnowledgeDir != "" {
		docs, err := knowledge.LoadDir(e.cfg.KnowledgeDir)
		if err != nil {
			return nil, fmt.Errorf("load KNOWLEDGE_DIR: %w", err)
		}
		extra = docs
	}
	base, err := knowledge.Load(extra)
	if err != nil {
		return nil, fmt.Errorf("load knowledge: %w", err)
	}
	return base, nil
}

// loadHeapLimit bounds the heap while the collector is held during
// start-up: the embedded knowledge needs a few megabytes, 10,000 extra
// passages about a hundred.
const loadHeapLimit = 512 << 20

// holdGC holds the garbage collector until the returned function is
// called, unless the heap reaches limit. Loading the knowledge makes a few
// megabytes of garbage in a few milliseconds; collecting it while it is
// made cost a fifth of the start-up of `ask`. Only the process's set-up
// calls it, once, before anything else runs.
func holdGC(limit int64) (resume func()) {
	percent := debug.SetGCPercent(-1)
	previous := debug.SetMemoryLimit(limit)
	return func() {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(previous)
	}
}

// newLLM builds the LLM client and loads the prompts (PROMPTS_DIR's
// overrides included), so a mistake in either stops the bot at start-up.
func (e *cliEnv) newLLM(log *slog.Logger) (answer.Model, *prompts.Set, error) {
	client, err := llm.New(llm.Config{
		BaseURL:   e.cfg.LLMBaseURL,
		APIKey:    e.cfg.LLMAPIKey,
		Model:     e.cfg.LLMModel,
		Timeout:   e.cfg.LLMTimeout,
		MaxTokens: e.cfg.LLMMaxTokens,
		Log:       log,
	})
	if err != nil {
		return nil, nil, fmt.Errorf("configure the LLM (LLM_BASE_URL, LLM_MODEL): %w", err)
	}
	ps, err := prompts.Load(e.cfg.PromptsDir)
	if err != nil {
		return nil, nil, fmt.Errorf("load prompts (PROMPTS_DIR): %w", err)
	}
	return client, ps, nil
}
