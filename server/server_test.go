package server

import (
	"context"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
)

// startOps serves Ops on a free loopback port until the test ends and
// returns its address and a switch for readiness.
func startOps(t *testing.T) (addr string, ready *atomic.Bool) {
	t.Helper()
	ready = &atomic.Bool{}
	metrics := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "up 1\n") })
	srv, err := Listen("127.0.0.1:0", Ops(ready.Load, metrics), discard())
	if err != nil {
		t.Fatalf("Listen() error = %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Serve() after cancel = %v, want nil", err)
		}
	})
	return srv.Addr(), ready
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestOpsRoutes(t *testing.T) {
	addr, ready := startOps(t)
	tests := []struct {
		name       string
		ready      bool
		path       string
		wantStatus int
		wantBody   string
	}{
		{"healthz not ready", false, "/healthz", 503, "not ready"},
		{"healthz ready", true, "/healthz", 200, "ok"},
		{"metrics", true, "/metrics", 200, "up 1"},
		{"unknown path", true, "/nope", 404, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ready.Store(tt.ready)
			status, body := get(t, "http://"+addr+tt.path)
			if status != tt.wantStatus || !strings.Contains(body, tt.wantBody) {
				t.Errorf("GET %s = %d %q, want %d %q", tt.path, status, body, tt.wantStatus, tt.wantBody)
			}
		})
	}
}

func TestCheck(t *testing.T) {
	addr, ready := startOps(t)
	port := addr[strings.LastIndex(addr, ":"):]
	closed, err := Listen("127.0.0.1:0", http.NotFoundHandler(), discard())
	if err != nil {
		t.Fatalf("Listen() error = %v", err)
	}
	nobody := closed.Addr()
	closed.ln.Close() // nothing answers there any more
	tests := []struct {
		name    string
		ready   bool
		addr    string
		wantErr string
	}{
		{"healthy", true, addr, ""},
		{"listen address without host", true, port, ""},
		{"wildcard host", true, "0.0.0.0" + port, ""},
		{"not ready", false, addr, "503 Service Unavailable"},
		{"nobody listening", true, nobody, "connection refused"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ready.Store(tt.ready)
			err := Check(context.Background(), tt.addr)
			if tt.wantErr == "" && err != nil || tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
				t.Errorf("Check(%q) = %v, want error containing %q", tt.addr, err, tt.wantErr)
			}
		})
	}
}

func TestLoopback(t *testing.T) {
	tests := []struct{ in, want string }{
		{":8080", "127.0.0.1:8080"},
		{"0.0.0.0:9000", "127.0.0.1:9000"},
		{"[::]:8080", "127.0.0.1:8080"},
		{"10.1.2.3:8080", "10.1.2.3:8080"},
		{"localhost:8080", "localhost:8080"},
		{"[::1]:8080", "[::1]:8080"},
	}
	for _, tt := range tests {
		if got := loopback(tt.in); got != tt.want {
			t.Errorf("loopback(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestListenBadAddress(t *testing.T) {
	if _, err := Listen("not an address", http.NotFoundHandler(), discard()); err == nil || !strings.Contains(err.Error(), "HTTP_ADDR") {
		t.Errorf("Listen(bad) error = %v, want one naming HTTP_ADDR", err)
	}
}
