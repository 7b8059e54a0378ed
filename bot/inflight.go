package bot

import (
	"sync"
	"time"
)

// inflight counts answers under way so a shutdown can stop taking new work
// and still let the answers already started reach their users.
type inflight struct {
	mu      sync.Mutex
	stopped bool
	wg      sync.WaitGroup
}

// begin registers an answer about to start; false once stop was called, and
// the event must then be left alone.
func (f *inflight) begin() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.stopped {
		return false
	}
	f.wg.Add(1)
	return true
}

// end marks an answer begun with begin as done.
func (f *inflight) end() { f.wg.Done() }

// stop refuses new work from now on.
func (f *inflight) stop() {
	f.mu.Lock()
	f.stopped = true
	f.mu.Unlock()
}

// wait waits for the answers under way, at most for grace, and reports
// whether they all finished. Call it after stop.
func (f *inflight) wait(grace time.Duration) bool {
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
