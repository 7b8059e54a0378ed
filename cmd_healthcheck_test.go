package main

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestHealthcheck(t *testing.T) {
	healthy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/healthz" {
			http.NotFound(w, r)
		}
	}))
	defer healthy.Close()
	sick := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "not ready", http.StatusServiceUnavailable)
	}))
	defer sick.Close()
	gone := httptest.NewServer(http.NotFoundHandler())
	gone.Close()
	tests := []struct {
		name     string
		addr     string
		args     []string
		wantExit int
		wantErr  string
	}{
		{"healthy", healthy.Listener.Addr().String(), nil, 0, ""},
		{"not ready", sick.Listener.Addr().String(), nil, 1, "503"},
		{"nothing listening", gone.Listener.Addr().String(), nil, 1, "connection refused"},
		{"stray argument", healthy.Listener.Addr().String(), []string{"now"}, 2, "no arguments"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := runCLI(t, "", map[string]string{"HTTP_ADDR": tt.addr}, append([]string{"healthcheck"}, tt.args...)...)
			if tt.wantExit == 0 {
				if err != nil {
					t.Errorf("healthcheck = %v, want exit 0", err)
				}
				return
			}
			if err == nil || exitCode(err) != tt.wantExit || !strings.Contains(err.Error(), tt.wantErr) || strings.Contains(err.Error(), "\n") {
				t.Errorf("healthcheck = %v, want exit %d with one line mentioning %q", err, tt.wantExit, tt.wantErr)
			}
		})
	}
}
