package bot

import (
	"sync"
	"time"
)

// inflight counts answers under way so a shutdown can stop taking new work
// and still let the answers already started reach their users.
type inflight struct {
	mu     sync.Mutex
	closed bool
	wg     sync.WaitGroup
}

// begin registers an answer about to start; false once draining began, and
// the event must then be left alone.
func (f *inflight) begin() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.closed {
		return false
	}
	f.wg.Add(1)
	return true
}

// end marks an answer begun with begin as done.
func (f *inflight) end() { f.wg.Done() }

// drain refuses new work and waits for the answers under way, at most for
// grace. It reports whether they all finished.
func (f *inflight) drain(grace time.Duration) bool {
	f.mu.Lock()
	f.closed = true
	f.mu.Unlock()
	done := make(chan struct{})
	go func() {
		f.wg.Wait()
		close(done)
	}()
	timer := time.NewTimer(grace)
	defer timer.Stop()
	select {
	case <-done:
		return true
	case <-timer.C:
		return false
	}
}
