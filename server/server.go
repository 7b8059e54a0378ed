// Package server is the bot's HTTP side: the Discord interactions endpoint
// (POST /interactions, the stateless alternative to the gateway), /healthz
// for container health checks and load balancers, and /metrics for
// Prometheus. The gateway bot serves only the last two.
package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"
)

// shutdownGrace is how long requests and answers under way may take to
// finish once the server is told to stop, in all: Docker kills a container
// 10 s after SIGTERM, and the process must have exited 0 by then.
const shutdownGrace = 8 * time.Second

// Server is an HTTP server already listening, so a bad address fails at
// start-up and the real port is known before serving.
type Server struct {
	http  *http.Server
	ln    net.Listener
	log   *slog.Logger
	grace time.Duration // shutdownGrace; tests shorten it
}

// Listen opens addr (":8080", "127.0.0.1:0"...) for h. Every phase of a
// request has a deadline, so slow or stuck clients cannot pile up.
func Listen(addr string, h http.Handler, log *slog.Logger) (*Server, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listen on HTTP_ADDR %s: %w", addr, err)
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      10 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    16 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	return &Server{http: srv, ln: ln, log: log, grace: shutdownGrace}, nil
}

// Addr is the address the server listens on, with the real port.
func (s *Server) Addr() string { return s.ln.Addr().String() }

// Serve answers requests until ctx is cancelled, then stops accepting new
// ones and gives those under way, and each drain (such as deferred answers
// still being completed), up to 8 s in all before returning nil, whatever
// is still running then.
func (s *Server) Serve(ctx context.Context, drains ...func(context.Context) bool) error {
	failed := make(chan error, 1)
	go func() { failed <- s.http.Serve(s.ln) }()
	select {
	case err := <-failed:
		return fmt.Errorf("serve HTTP: %w", err)
	case <-ctx.Done():
	}
	grace, cancel := context.WithTimeout(context.WithoutCancel(ctx), s.grace)
	defer cancel()
	if err := s.http.Shutdown(grace); err != nil {
		s.log.Warn("requests under way were cut short by the shutdown", "err", err.Error())
	}
	for _, drain := range drains {
		if !drain(grace) {
			s.log.Warn("answers under way were cut short by the shutdown")
		}
	}
	if err := <-failed; !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve HTTP: %w", err)
	}
	return nil
}

// Ops returns the routes every mode serves: /healthz, 200 while ready()
// and 503 otherwise, and /metrics. The interactions endpoint is added to
// the same mux by `serve`.
func Ops(ready func() bool, metrics http.Handler) *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		if !ready() {
			http.Error(w, "not ready", http.StatusServiceUnavailable)
			return
		}
		fmt.Fprintln(w, "ok")
	})
	mux.Handle("GET /metrics", metrics)
	return mux
}
