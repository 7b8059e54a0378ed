package bot

import (
	"context"
	"sync"
	"time"
)

// repeat calls f after first and then every interval, in its own
// goroutine, until ctx ends or stop is called: the typing indicator.
func repeat(ctx context.Context, first, interval time.Duration, f func()) (stop func()) {
	timer := time.NewTimer(first)
	stopLoop := onEach(ctx, timer.C, func() {
		f()
		timer.Reset(interval) // only the loop's goroutine touches the timer
	})
	return func() {
		stopLoop()
		timer.Stop()
	}
}

// onEach calls f for each value ticks yields, in its own goroutine, until
// ctx ends or stop is called. stop waits for a call under way, so whatever
// the caller sends after stop lands after f's last call; calling it again
// does nothing more. The typing indicator and the progress edits of
// answers being written both run so.
func onEach(ctx context.Context, ticks <-chan time.Time, f func()) (stop func()) {
	quit := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			select {
			case <-quit:
				return
			case <-ctx.Done():
				return
			case <-ticks:
				f()
			}
		}
	}()
	var once sync.Once
	return func() {
		once.Do(func() { close(quit) })
		<-done
	}
}
