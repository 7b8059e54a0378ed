package server

import (
	"context"
	"net/http"
	"testing"
	"time"
)

// TestServeStopsWithinItsGrace stops a server while a request and a drain
// never finish: Serve still returns nil once its one grace is spent (8 s,
// under Docker's 10 s stop timeout; 200 ms here), for requests and drains
// together.
func TestServeStopsWithinItsGrace(t *testing.T) {
	const grace = 200 * time.Millisecond
	entered, release := make(chan struct{}), make(chan struct{})
	stuck := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(entered)
		<-release
	})
	srv, err := Listen("127.0.0.1:0", stuck, discard())
	if err != nil {
		t.Fatalf("Listen() error = %v", err)
	}
	srv.grace = grace
	t.Cleanup(func() { close(release) })
	go func() {
		client := &http.Client{Timeout: 30 * time.Second}
		if resp, err := client.Get("http://" + srv.Addr() + "/"); err == nil {
			resp.Body.Close()
		}
	}()
	var drained context.Context
	drain := func(ctx context.Context) bool {
		drained = ctx
		<-ctx.Done()
		return false
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, drain) }()
	<-entered

	cancel()
	start := time.Now()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Serve() after cancel = %v, want nil", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("Serve() did not return")
	}
	if took := time.Since(start); took > grace+3*time.Second {
		t.Errorf("Serve() returned %v after cancel, want about its grace, %v", took, grace)
	}
	if drained == nil || drained.Err() == nil {
		t.Errorf("drain's context = %v, want the shutdown's grace, ended", drained)
	}
	if shutdownGrace >= 9*time.Second {
		t.Errorf("shutdownGrace = %v, want under 9 s: Docker kills 10 s after SIGTERM", shutdownGrace)
	}
}
