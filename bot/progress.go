package bot

import (
	"context"
	"sync"
	"time"
)

// progressEvery spaces out the edits showing a slow answer as it grows, to
// stay well inside Discord's rate limits.
const progressEvery = time.Second

// tickers makes what paces the edits of a growing answer: a time.Ticker's
// channel and stop in the bot; tests pass channels they tick themselves.
type tickers func(every time.Duration) (tick <-chan time.Time, stop func())

// realTickers is time.NewTicker.
func realTickers(every time.Duration) (<-chan time.Time, func()) {
	t := time.NewTicker(every)
	return t.C, t.Stop
}

// progress holds the latest partial text of an answer being written, as
// Request.Progress reports it, and its language, as Request.Writing does,
// until it is shown. The text is the checked part of the model's answer
// (answer/stream.go): nothing unchecked reaches it.
type progress struct {
	mu    sync.Mutex
	text  string
	lang  string
	shown string
}

// set records the answer so far. It never blocks the handler on Discord.
func (p *progress) set(text string) {
	p.mu.Lock()
	p.text = text
	p.mu.Unlock()
}

// writing records the language the answer is written in.
func (p *progress) writing(lang string) {
	p.mu.Lock()
	p.lang = lang
	p.mu.Unlock()
}

// take returns the text to show and its language, if the text changed
// since last shown.
func (p *progress) take() (text, lang string, ok bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.text == p.shown {
		return "", "", false
	}
	p.shown = p.text
	return p.text, p.lang, true
}

// show calls write with the latest partial answer at most once a tick of
// tick(progressEvery), in a goroutine of its own, until ctx ends or stop is
// called. stop waits for a write under way, so the final answer always
// lands last.
func (p *progress) show(ctx context.Context, tick tickers, write func(text, lang string)) (stop func()) {
	ticks, stopTicks := tick(progressEvery)
	stopLoop := onEach(ctx, ticks, func() {
		if text, lang, ok := p.take(); ok {
			write(text, lang)
		}
	})
	return func() {
		stopLoop()
		stopTicks()
	}
}
