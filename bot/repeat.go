package bot

import (
	"context"
	"sync"
	"time"
)

// repeat calls f after first and then every interval, in its own
// goroutine, until ctx ends or stop is called. stop waits for a call under
// way, so whatever the caller sends after stop lands after f's last call;
// calling it again does nothing more.
// The typing indicator and the progress edits of slow answers both run so.
func repeat(ctx context.Context, first, interval time.Duration, f func()) (stop func()) {
	quit := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		timer := time.NewTimer(first)
		defer timer.Stop()
		for {
			select {
			case <-quit:
				return
			case <-ctx.Done():
				return
			case <-timer.C:
				f()
				timer.Reset(interval)
			}
		}
	}()
	var once sync.Once
	return func() {
		once.Do(func() { close(quit) })
		<-done
	}
}
