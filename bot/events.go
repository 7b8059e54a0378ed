package bot

import (
	"context"
	"errors"
	"time"

	"github.com/bwmarrin/discordgo"
)

// addHandlers subscribes the bot to the gateway events it answers.
func (g *gateway) addHandlers(ctx context.Context, s *discordgo.Session) {
	s.AddHandler(func(s *discordgo.Session, e *discordgo.Ready) {
		g.handle("ready", func() { g.ready(ctx, s, e) })
	})
	s.AddHandler(func(s *discordgo.Session, e *discordgo.InteractionCreate) {
		g.handle("interaction", func() { g.interaction(ctx, s, e.Interaction) })
	})
	s.AddHandler(func(s *discordgo.Session, e *discordgo.MessageCreate) {
		g.handle("message", func() {
			if self := g.self.Load(); g.mentions != nil && self != nil {
				g.mentions.handle(ctx, *self, e.Message)
			}
		})
	})
	s.AddHandler(func(s *discordgo.Session, e *discordgo.Resumed) {
		g.handle("resumed", func() { g.log.Info("gateway session resumed") })
	})
	s.AddHandler(func(s *discordgo.Session, e *discordgo.Disconnect) {
		select {
		case g.disconnected <- struct{}{}:
		default:
		}
	})
}

// Discord's deadlines for answering an interaction, counted here from its
// arrival: the first response within 3 s, edits while the token lasts.
const (
	firstResponseWithin = 3 * time.Second
	tokenLifetime       = 15 * time.Minute
)

// interaction answers one interaction, its REST calls bounded by Discord's
// deadlines so that no retry outlives the point where Discord would refuse
// the call anyway. Errors never carry the interaction's token, which is in
// the callback's URL.
func (g *gateway) interaction(ctx context.Context, s *discordgo.Session, i *discordgo.Interaction) {
	respondBy := time.Now().Add(firstResponseWithin)
	ctx, cancel := context.WithTimeout(ctx, tokenLifetime)
	defer cancel()
	g.interactions.Handle(ctx, i, func(resp *discordgo.InteractionResponse) error {
		ctx, cancel := context.WithDeadline(ctx, respondBy)
		defer cancel()
		if err := s.InteractionRespond(i, resp, discordgo.WithContext(ctx)); err != nil {
			return redact(err, i.Token)
		}
		return nil
	})
}

// handle runs an event's handler as work under way: a shutdown waits for
// it, an event arriving once the bot is stopping is dropped, and a panic is
// recovered and logged rather than ending the process (discordgo runs each
// handler in a goroutine of its own, without recover).
func (g *gateway) handle(event string, fn func()) {
	defer protect(g.log, event)
	if !g.inflight.begin() {
		return
	}
	defer g.inflight.end()
	fn()
}

// ready notes who the bot is and registers the commands. READY starts
// every new session (a resume gets RESUMED instead), so the commands are
// registered again after anything that cost the bot its session. Only
// shard 0 registers; the others would repeat the same call.
func (g *gateway) ready(ctx context.Context, s *discordgo.Session, e *discordgo.Ready) {
	if e.User == nil {
		g.log.Error("READY without the bot's user")
		return
	}
	self := e.User.ID
	g.self.Store(&self)
	g.log.Info("connected to Discord", "bot_user", e.User.Username, "shard", g.opts.ShardID, "guilds", len(e.Guilds))
	appID := self
	if e.Application != nil && e.Application.ID != "" {
		appID = e.Application.ID
	}
	if g.opts.ShardID != 0 {
		g.start(appID, nil)
		return
	}
	g.registrar.start(ctx, g.log, func(ctx context.Context) error { return g.register(ctx, s, appID) })
}

// connect opens the session, retrying with growing waits, until it is
// connected, Discord refuses the bot for good, or ctx is cancelled.
func (g *gateway) connect(ctx context.Context, s *discordgo.Session, watch *closeWatch) error {
	wait := time.Second
	for {
		err := open(ctx, s)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		// Already open: another disconnect notice raced a reconnect that
		// has succeeded.
		if err == nil || errors.Is(err, discordgo.ErrWSAlreadyOpen) {
			return nil
		}
		if fatal := fatalREST(err); fatal != nil {
			return fatal
		}
		select {
		case code := <-watch.codes:
			if fatal := fatalClose(code); fatal != nil {
				return fatal
			}
		default:
		}
		g.log.Warn("connect to Discord", "err", err.Error(), "retry_in_s", wait.Seconds())
		timer := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			timer.Stop()
			return ctx.Err()
		case <-timer.C:
		}
		wait = min(2*wait, maxBackoff)
	}
}
