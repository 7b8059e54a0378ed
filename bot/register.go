package bot

import (
	"cmp"
	"context"
	"log/slog"
	"math/rand/v2"
	"slices"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/coalitionbot/coalitionbot/commands"
)

// registerBackoff is the first wait before registering the commands again
// after a failure; it doubles up to maxBackoff.
const registerBackoff = time.Second

// register registers the table's commands for the application appID with
// one bulk overwrite, so commands removed from the table disappear from
// Discord too.
func (g *gateway) register(ctx context.Context, s *discordgo.Session, appID string) error {
	cmds, err := s.ApplicationCommandBulkOverwrite(appID, g.opts.GuildID, applicationCommands(g.opts.Table), discordgo.WithContext(ctx))
	if err != nil {
		return err
	}
	g.log.Info("registered commands", "scope", registerScope(g.opts.GuildID), "count", len(cmds))
	names := make([]string, len(cmds))
	for i, c := range cmds {
		names[i] = c.Name
	}
	g.start(appID, names)
	return nil
}

// start reports, the first time only, that the bot is serving
// (Options.Started): once its commands are registered, or on a shard that
// leaves registration to shard 0, once connected.
func (g *gateway) start(appID string, registered []string) {
	if g.opts.Started != nil {
		g.started.Do(func() { g.opts.Started(appID, registered) })
	}
}

func registerScope(guildID string) string {
	if guildID == "" {
		return "global"
	}
	return "guild " + guildID
}

// registrar keeps the commands registered: a registration that fails (a
// stalled request, Discord unavailable) is tried again with growing waits
// until it succeeds, as a bot without its commands answers no slash
// command, and a newer session's registration replaces one still
// retrying. It runs beside the event handlers, not as one, so a shutdown
// need not wait for it.
type registrar struct {
	mu      sync.Mutex
	cancel  context.CancelFunc // of the registration under way
	stopped bool
	done    sync.WaitGroup
}

// start registers with register in the background until it succeeds or
// ctx ends, after cancelling a registration under way.
func (r *registrar) start(ctx context.Context, log *slog.Logger, register func(context.Context) error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.stopped {
		return
	}
	if r.cancel != nil {
		r.cancel()
	}
	ctx, cancel := context.WithCancel(ctx)
	r.cancel = cancel
	r.done.Add(1)
	go func() {
		defer r.done.Done()
		defer cancel()
		retryRegister(ctx, log, register)
	}()
}

// stop cancels a registration under way and starts no other.
func (r *registrar) stop() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.stopped = true
	if r.cancel != nil {
		r.cancel()
	}
}

// wait waits for a registration under way to end, at most d.
func (r *registrar) wait(d time.Duration) {
	ended := make(chan struct{})
	go func() {
		r.done.Wait()
		close(ended)
	}()
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-ended:
	case <-timer.C:
	}
}

// retryRegister calls register until it succeeds or ctx ends, waiting
// registerBackoff, then twice as long each time up to maxBackoff, each wait
// drawn between half and all of that so that shards and replicas restarted
// together do not retry in step.
func retryRegister(ctx context.Context, log *slog.Logger, register func(context.Context) error) {
	wait := registerBackoff
	for attempt := 1; ; attempt++ {
		err := register(ctx)
		if err == nil || ctx.Err() != nil {
			return
		}
		pause := wait/2 + rand.N(wait/2+1)
		log.Error("register commands", "err", err.Error(), "attempt", attempt, "retry_in_s", pause.Seconds())
		if sleep(ctx, pause) != nil {
			return
		}
		wait = min(2*wait, maxBackoff)
	}
}

// applicationCommands turns the command table into Discord's command
// definitions, so what users see in the command picker and what the bot
// routes come from the same list. Every command can be installed both to
// a server and to a user's own account, and used in servers, in DMs with
// the bot and in other private channels (see installs and contexts).
func applicationCommands(table commands.Table) []*discordgo.ApplicationCommand {
	out := make([]*discordgo.ApplicationCommand, 0, len(table))
	for _, c := range table {
		names, descriptions := localizations(c.Localized)
		ac := &discordgo.ApplicationCommand{
			Type:              discordgo.ChatApplicationCommand,
			Name:              c.Name,
			NameLocalizations: &names,
			IntegrationTypes:  installs(),
			Contexts:          contexts(),
		}
		switch c.Kind {
		case commands.MessageMenu:
			// Discord refuses a description or options on a message command.
			ac.Type = discordgo.MessageApplicationCommand
		default:
			ac.Description = Truncate(c.Description, maxDescOption)
			ac.DescriptionLocalizations = &descriptions
			ac.Options = commandOptions(c.Options)
		}
		out = append(out, ac)
	}
	return out
}

// installs are where the commands may be installed: to a server (with the
// bot user), and to a user's account, so they can ask in any server or DM
// where the bot itself is not. Either way an answer is completed through
// the interaction's own webhook.
func installs() *[]discordgo.ApplicationIntegrationType {
	return &[]discordgo.ApplicationIntegrationType{
		discordgo.ApplicationIntegrationGuildInstall,
		discordgo.ApplicationIntegrationUserInstall,
	}
}

// contexts are where the commands may be used: servers, DMs with the bot,
// and other private channels (DMs and group DMs between users, reached by
// a user install).
func contexts() *[]discordgo.InteractionContextType {
	return &[]discordgo.InteractionContextType{
		discordgo.InteractionContextGuild,
		discordgo.InteractionContextBotDM,
		discordgo.InteractionContextPrivateChannel,
	}
}

// commandOptions converts options, required ones first: Discord refuses a
// command whose required options follow optional ones.
func commandOptions(opts []commands.Option) []*discordgo.ApplicationCommandOption {
	out := make([]*discordgo.ApplicationCommandOption, 0, len(opts))
	for _, o := range opts {
		names, descriptions := localizations(o.Localized)
		opt := &discordgo.ApplicationCommandOption{
			Name:                     o.Name,
			NameLocalizations:        names,
			Description:              Truncate(o.Description, maxDescOption),
			DescriptionLocalizations: descriptions,
			Required:                 o.Required,
		}
		switch o.Type {
		case commands.Bool:
			opt.Type = discordgo.ApplicationCommandOptionBoolean
		default:
			opt.Type = discordgo.ApplicationCommandOptionString
			opt.MaxLength = o.MaxLength
			opt.Autocomplete = o.Autocomplete
		}
		out = append(out, opt)
	}
	slices.SortStableFunc(out, func(a, b *discordgo.ApplicationCommandOption) int {
		return -cmp.Compare(boolRank(a.Required), boolRank(b.Required))
	})
	return out
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}

// localizations splits names and descriptions by locale into Discord's two
// maps; both are empty for a command that has none.
func localizations(l map[string]commands.Localization) (names, descriptions map[discordgo.Locale]string) {
	names, descriptions = map[discordgo.Locale]string{}, map[discordgo.Locale]string{}
	for loc, v := range l {
		names[discordgo.Locale(loc)] = v.Name
		descriptions[discordgo.Locale(loc)] = Truncate(v.Description, maxDescOption)
	}
	return names, descriptions
}
