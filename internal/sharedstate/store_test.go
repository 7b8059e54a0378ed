package sharedstate_test

import (
	"bytes"
	"context"
	"log/slog"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coalitionbot/coalitionbot/answer"
	"github.com/coalitionbot/coalitionbot/internal/sharedstate"
)

func TestParseURL(t *testing.T) {
	const password = "s3cret-Pa55word"
	good := []struct {
		url, addr string
		db        int
		tls       bool
	}{
		{"redis://redis:6379", "redis:6379", 0, false},
		{"redis://localhost/3", "localhost:6379", 3, false},
		{"rediss://bot:" + password + "@cache.example:6380/1", "cache.example:6380", 1, true},
	}
	for _, tt := range good {
		ro, err := sharedstate.ParseURL(tt.url)
		if err != nil || ro.Addr != tt.addr || ro.DB != tt.db || (ro.TLSConfig != nil) != tt.tls {
			t.Errorf("ParseURL(%q) = %+v, %v; want %s db %d tls %v", tt.url, ro, err, tt.addr, tt.db, tt.tls)
		}
	}
	for _, raw := range []string{
		"http://:" + password + "@redis:6379", "redis://", "unix:///run/redis.sock",
		"redis://:" + password + "@re dis/0", "redis://:" + password + "@redis/x", "redis://:" + password + "@redis/0?dial_timeout=soon",
	} {
		_, err := sharedstate.ParseURL(raw)
		if err == nil || strings.Contains(err.Error(), password) {
			t.Errorf("ParseURL(%q) error = %v, want an error without the password", raw, err)
		}
	}
	if got := sharedstate.Redact("redis://bot:" + password + "@redis:6379/0"); strings.Contains(got, password) || !strings.Contains(got, "redis:6379") {
		t.Errorf("Redact() = %q, want the address without the password", got)
	}
}

// A Redis that is not there at start-up is said so in the log, and the
// process goes on with local state: every call answers, from memory.
func TestOpenWithRedisDown(t *testing.T) {
	r := startRedis(t)
	r.kill() // a port nothing listens on any more
	var logs bytes.Buffer
	obs := &observer{}
	s, err := sharedstate.Open(context.Background(), sharedstate.Options{
		URL: "redis://" + r.addr(), Prefix: prefix(t), Log: slog.New(slog.NewTextHandler(&logs, nil)), Observer: obs,
	})
	if err != nil {
		t.Fatalf("Open() with Redis down error = %v, want a store on local state", err)
	}
	defer s.Close()
	if !strings.Contains(logs.String(), "Redis does not answer") || !strings.Contains(logs.String(), r.addr()) {
		t.Errorf("start-up log = %q, want it to say Redis at %s does not answer", logs.String(), r.addr())
	}
	if obs.backend() != sharedstate.BackendMemory || obs.errors["ping"] != 1 {
		t.Errorf("observer = %+v, want the memory backend and one ping error", obs)
	}
	limiter := s.Limiter(answer.NewLocalLimiter(1), 1)
	now := time.Unix(1e9, 0)
	if ok, _ := limiter.Allow(context.Background(), "u1", now); !ok {
		t.Error("first Allow() with Redis down = false, want true from local state")
	}
	if ok, _ := limiter.Allow(context.Background(), "u1", now); ok {
		t.Error("second Allow() with Redis down = true, want the local limit of 1")
	}
}

// The password of REDIS_URL is never logged, whether Redis takes it or
// refuses it.
func TestPasswordNeverLogged(t *testing.T) {
	const password = "s3cret-Pa55word"
	r := startRedis(t, "--requirepass", password)
	for _, tt := range []struct {
		name, url string
		shared    bool
	}{
		{"right password", "redis://:" + password + "@" + r.addr() + "/0", true},
		{"wrong password", "redis://:" + password + "-old@" + r.addr() + "/0", false},
		{"wrong user", "redis://nobody:" + password + "@" + r.addr() + "/0", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var logs bytes.Buffer
			obs := &observer{}
			s, err := sharedstate.Open(context.Background(), sharedstate.Options{
				URL: tt.url, Prefix: prefix(t), Timeout: generousTimeout, Log: slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug})), Observer: obs,
			})
			if err != nil {
				t.Fatalf("Open() error = %v", err)
			}
			defer s.Close()
			s.Limiter(answer.NewLocalLimiter(5), 5).Allow(context.Background(), "u1", time.Now())
			if got := obs.backend() == sharedstate.BackendRedis; got != tt.shared {
				t.Errorf("shared = %v, want %v (log %s)", got, tt.shared, &logs)
			}
			if logs.Len() == 0 || strings.Contains(logs.String(), password) {
				t.Errorf("log = %s, want lines without the password", &logs)
			}
		})
	}
}

// A Redis that accepts connections and never answers (a network dropping
// packets) costs each call its deadline, no more: the call falls back to
// local state and counts as an error.
func TestSilentRedisTimesOut(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var (
		accepting sync.WaitGroup
		mu        sync.Mutex
		held      []net.Conn // read nothing, answer nothing
	)
	accepting.Go(func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			held = append(held, c)
			mu.Unlock()
		}
	})
	t.Cleanup(func() {
		l.Close()
		accepting.Wait()
		for _, c := range held {
			c.Close()
		}
	})
	obs := &observer{}
	s, err := sharedstate.Open(context.Background(), sharedstate.Options{
		URL: "redis://" + l.Addr().String(), Prefix: prefix(t), Timeout: 50 * time.Millisecond, Observer: obs,
	})
	if err != nil {
		t.Fatalf("Open() error = %v", err)
	}
	defer s.Close()
	if obs.errors["ping"] != 1 || obs.backend() != sharedstate.BackendMemory {
		t.Errorf("observer after a silent Redis at start-up = %+v, want a ping error and the memory backend", obs)
	}
	if ok, _ := s.Limiter(answer.NewLocalLimiter(1), 1).Allow(context.Background(), "u1", time.Now()); !ok {
		t.Error("Allow() with Redis silent = false, want true from local state")
	}
}
