// Package bot serves the command table in Discord: over the gateway, slash
// commands, their autocompletion, and questions asked by mentioning the bot
// or writing to it directly, and the feedback buttons under its answers. It
// turns Discord events into commands.Requests and commands.Responses into
// embeds and buttons that fit Discord's limits and never ping anyone. It is
// the only package that knows discordgo.
//
// Interactions is the part an HTTP interactions endpoint reuses; Run is the
// gateway bot.
package bot

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"

	"github.com/coalitionbot/coalitionbot/answer"
	"github.com/coalitionbot/coalitionbot/commands"
)

// Options configures the gateway bot.
type Options struct {
	// Token is the bot token from the Developer Portal (a "Bot " prefix is
	// accepted). It is never logged.
	Token string
	// GuildID, when set, registers the commands in that server only, where
	// changes show at once (for development); otherwise they are global.
	GuildID string
	// APIURL, when set, replaces https://discord.com for REST calls and the
	// gateway lookup: a REST proxy, or a fake Discord in tests.
	APIURL string
	// ShardID and ShardCount split a large bot over processes; ShardCount 0
	// means 1.
	ShardID    int
	ShardCount int
	// Table is what the bot registers and answers (commands.All).
	Table commands.Table
	// Log receives the bot's records; nil discards them.
	Log *slog.Logger
	// RESTErrors, when set, counts failed REST calls and the responses
	// Discord holds against the bot (metrics).
	RESTErrors RESTErrors
	// UserErrors, when set, counts interactions refused for malformed
	// options (metrics).
	UserErrors UserErrors
	// Feedback, when set, counts the votes users give answers (metrics).
	Feedback FeedbackCounter
	// Messages are the texts the bot writes its own words with, in the
	// answers' languages (the pipeline's); the embedded ones when nil.
	Messages *answer.Messages
	// Health, when set, follows the gateway connection for /healthz.
	Health *Health
	// Access is where the bot answers commands, mentions and DMs; nil:
	// everywhere.
	Access *Access
	// Started, when set, is called once the bot is serving: after the
	// first registration of the commands, with the application's ID and
	// the names Discord registered; on shards other than 0, which leave
	// registration to shard 0, after the first READY, with none.
	Started func(appID string, registered []string)

	// deferAfter overrides NewInteractions' default in tests.
	deferAfter time.Duration
	// tick, when set, paces the edits of growing answers instead of a
	// ticker, for tests.
	tick tickers
	// stopWithin overrides the shutdown budget in tests.
	stopWithin time.Duration
}

const (
	// restTimeout bounds every REST call (discordgo's own default).
	restTimeout = 20 * time.Second
	// handshakeTimeout bounds connecting to the gateway.
	handshakeTimeout = 15 * time.Second
	// maxBackoff caps the wait between attempts to reconnect.
	maxBackoff = 2 * time.Minute
)

// gateway is one run of the bot over a discordgo session.
type gateway struct {
	opts         Options
	log          *slog.Logger
	interactions *Interactions
	mentions     *mentions
	inflight     inflight
	registrar    registrar
	started      sync.Once              // Options.Started has been called
	self         atomic.Pointer[string] // the bot's user ID, from READY
	disconnected chan struct{}
	stopWithin   time.Duration // the shutdown's budget
}

// Run connects to Discord and answers until ctx is cancelled, then stops
// taking new work, lets answers under way finish for up to 7 s, closes the
// session and returns nil, within 9 s whatever is in flight; after it
// returns, nothing it started writes to opts.Log. It returns an error when
// Discord refuses the bot for good (a rejected token, bad intents or
// sharding), saying what to fix; other connection failures are retried.
func Run(ctx context.Context, opts Options) error {
	if strings.TrimSpace(opts.Token) == "" {
		return errors.New("no Discord bot token given")
	}
	if opts.Log == nil {
		opts.Log = slog.New(slog.DiscardHandler)
	}
	// Nothing Run started logs once it has returned, even what its
	// shutdown could not wait for.
	var shutLogs func()
	opts.Log, shutLogs = GateLogs(opts.Log)
	defer shutLogs()
	watch := newCloseWatch()
	transport, err := APITransport(opts.APIURL, http.DefaultTransport.(*http.Transport).Clone())
	if err != nil {
		return err
	}
	transport = CountErrors(NewRESTGuard(transport, opts.Log, opts.RESTErrors), opts.RESTErrors)
	s, err := newSession(opts, transport, watch)
	if err != nil {
		return err
	}
	edits, err := NewWebhookEditor(transport, nil) // already guarded and counted
	if err != nil {
		return fmt.Errorf("create webhook editor: %w", err)
	}
	if opts.Health != nil {
		opts.Health.follow(s)
		defer opts.Health.follow(nil)
	}
	g := newGateway(opts, s, edits)
	// Answers run on a context of their own: cancelling ctx stops the bot
	// taking work, but answers under way get time to finish first.
	work, cancelWork := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelWork()
	g.addHandlers(work, s)

	err = g.serve(ctx, s, watch)
	graceful := ctx.Err() != nil
	if graceful {
		err = nil
	}
	g.shutdown(s, cancelWork, graceful)
	return err
}

// serve keeps the session connected until ctx is cancelled or Discord
// refuses the bot for good: it reconnects (resuming the session) after a
// lost connection, and stops at a fatal close code.
func (g *gateway) serve(ctx context.Context, s *discordgo.Session, watch *closeWatch) error {
	if err := g.connect(ctx, s, watch); err != nil {
		return err
	}
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case code := <-watch.codes:
			if err := fatalClose(code); err != nil {
				return err
			}
		case <-g.disconnected:
			g.log.Warn("gateway connection lost; reconnecting")
			if err := g.connect(ctx, s, watch); err != nil {
				return err
			}
		}
	}
}

// newSession makes a discordgo session that asks only for the intents the
// bot needs, reconnects only when Run says so, sends REST calls through
// transport (a RESTGuard's, to opts.APIURL when set), and reports gateway
// close codes to watch.
func newSession(opts Options, transport http.RoundTripper, watch *closeWatch) (*discordgo.Session, error) {
	s, err := discordgo.New("Bot " + strings.TrimPrefix(strings.TrimSpace(opts.Token), "Bot "))
	if err != nil {
		return nil, fmt.Errorf("create discord session: %w", err)
	}
	// Messages that mention the bot and DMs carry their text without the
	// privileged message-content intent; interactions need no intent.
	s.Identify.Intents = discordgo.IntentsGuildMessages | discordgo.IntentsDirectMessages
	s.ShardID, s.ShardCount = opts.ShardID, max(opts.ShardCount, 1)
	s.StateEnabled = false
	// discordgo would reconnect forever, fatal close codes included; Run
	// reconnects itself after looking at the code.
	s.ShouldReconnectOnError = false
	// transport's RESTGuard retries rate limits within each request's
	// deadline; discordgo would sleep through it, and retry forever.
	s.ShouldRetryOnRateLimit = false
	s.LogLevel = discordgoLogLevel
	s.Client = &http.Client{Timeout: restTimeout, Transport: transport}
	dialer := *websocket.DefaultDialer
	dialer.HandshakeTimeout = handshakeTimeout
	s.Dialer = watch.dialer(dialer)
	return s, nil
}

// newGateway wires the handlers. Deferred answers are completed through
// edits, a WebhookEditor rather than the session: discordgo would put every
// interaction's edits in one rate-limit bucket, one at a time.
func newGateway(opts Options, s *discordgo.Session, edits Editor) *gateway {
	g := &gateway{opts: opts, log: opts.Log, disconnected: make(chan struct{}, 1), stopWithin: cmp.Or(opts.stopWithin, stopWithin)}
	msgs := embeddedOr(opts.Messages)
	g.interactions = NewInteractions(opts.Table, msgs, edits, opts.UserErrors, opts.Feedback, opts.Access, opts.Log)
	if opts.deferAfter > 0 {
		g.interactions.deferAfter = opts.deferAfter
	}
	tick := opts.tick
	if tick == nil {
		tick = realTickers
	}
	g.interactions.tick = tick
	if ask, ok := opts.Table.Lookup("ask"); ok {
		g.mentions = &mentions{ask: ask, rest: s, access: opts.Access, msgs: msgs, tick: tick, log: opts.Log}
	} else {
		opts.Log.Warn("no ask command: mentions and DMs will go unanswered")
	}
	return g
}
