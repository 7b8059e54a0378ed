package server

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"
)

// checkTimeout bounds a health check: Docker runs one every interval and
// a hung server must count as unhealthy, not block the next check.
const checkTimeout = 2 * time.Second

// Check asks the instance listening on addr, as HTTP_ADDR gives it, whether
// it is healthy: nil when GET /healthz answers 200. A listen address with
// no host, or a wildcard host, is checked on loopback, where a container's
// HEALTHCHECK runs.
func Check(ctx context.Context, addr string) error {
	ctx, cancel := context.WithTimeout(ctx, checkTimeout)
	defer cancel()
	url := "http://" + loopback(addr) + "/healthz"
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return fmt.Errorf("health check %s: %w", url, err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("health check: %w", err)
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<10))
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("health check %s: %s", url, resp.Status)
	}
	return nil
}

// loopback turns a listen address into one to dial: ":8080" and
// "0.0.0.0:8080" become "127.0.0.1:8080".
func loopback(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return addr
	}
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		host = "127.0.0.1"
	}
	return net.JoinHostPort(host, port)
}
