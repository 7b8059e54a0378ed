package bot

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/coalitionbot/coalitionbot/commands"
)

// progressEvery spaces out the edits showing a slow answer as it grows, to
// stay well inside Discord's rate limits.
const progressEvery = time.Second

// progress holds the latest partial text of an answer being written, as
// Request.Progress reports it, until it is shown.
type progress struct {
	mu    sync.Mutex
	text  string
	shown string
}

// set records the answer so far. It never blocks the handler on Discord.
func (p *progress) set(text string) {
	p.mu.Lock()
	p.text = text
	p.mu.Unlock()
}

// take returns the text to show, if it changed since last shown.
func (p *progress) take() (string, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.text == p.shown {
		return "", false
	}
	p.shown = p.text
	return p.text, true
}

// show edits the deferred response i with the latest partial answer at most
// once every progressEvery, until stop is called. stop waits for an edit
// under way, so the final answer's edit always lands last.
func (p *progress) show(ctx context.Context, edits Editor, i *discordgo.Interaction, log *slog.Logger) (stop func()) {
	return repeat(ctx, progressEvery, progressEvery, func() {
		text, ok := p.take()
		if !ok {
			return
		}
		edit := renderResponse(commands.Response{Text: text, Footer: "Writing…"}).webhookEdit()
		if _, err := edits.InteractionResponseEdit(i, edit, discordgo.WithContext(ctx)); err != nil {
			log.Warn("show progress", "err", err.Error())
		}
	})
}
