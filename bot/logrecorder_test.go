package bot

import (
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"
)

// logRecorder is a slog.Handler that shows the bot's logs in the test
// output and lets a test wait for a record: what the bot decided is
// sometimes only visible there (a message ignored, a shutdown begun).
type logRecorder struct {
	shared *logStore
	attrs  []slog.Attr
	out    slog.Handler
}

type logStore struct {
	mu      sync.Mutex
	records []logRecord
	changed chan struct{}
}

// logRecord is one record, its attributes flattened to strings.
type logRecord struct {
	msg   string
	attrs map[string]string
}

func newLogRecorder(t testing.TB) *logRecorder {
	return &logRecorder{
		shared: &logStore{changed: make(chan struct{})},
		out:    slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelDebug}),
	}
}

func (l *logRecorder) Enabled(context.Context, slog.Level) bool { return true }

func (l *logRecorder) Handle(ctx context.Context, r slog.Record) error {
	rec := logRecord{msg: r.Message, attrs: map[string]string{}}
	for _, a := range l.attrs {
		rec.attrs[a.Key] = a.Value.String()
	}
	r.Attrs(func(a slog.Attr) bool {
		rec.attrs[a.Key] = a.Value.String()
		return true
	})
	s := l.shared
	s.mu.Lock()
	s.records = append(s.records, rec)
	close(s.changed)
	s.changed = make(chan struct{})
	s.mu.Unlock()
	return l.out.Handle(ctx, r)
}

func (l *logRecorder) WithAttrs(attrs []slog.Attr) slog.Handler {
	return &logRecorder{shared: l.shared, attrs: append(append([]slog.Attr(nil), l.attrs...), attrs...), out: l.out.WithAttrs(attrs)}
}

func (l *logRecorder) WithGroup(name string) slog.Handler {
	return &logRecorder{shared: l.shared, attrs: l.attrs, out: l.out.WithGroup(name)}
}

// wait returns the first record with message msg whose attributes include
// want, waiting for it if need be.
func (l *logRecorder) wait(t *testing.T, msg string, want map[string]string) logRecord {
	t.Helper()
	timer := time.NewTimer(15 * time.Second)
	defer timer.Stop()
	for {
		s := l.shared
		s.mu.Lock()
		changed := s.changed
		for _, r := range s.records {
			if r.msg == msg && hasAttrs(r, want) {
				s.mu.Unlock()
				return r
			}
		}
		s.mu.Unlock()
		select {
		case <-changed:
		case <-timer.C:
			t.Fatalf("no log record %q with %v", msg, want)
			return logRecord{}
		}
	}
}

func hasAttrs(r logRecord, want map[string]string) bool {
	for k, v := range want {
		if !strings.Contains(r.attrs[k], v) {
			return false
		}
	}
	return true
}

// find returns the records so far whose message contains msg.
func (l *logRecorder) find(msg string) []logRecord {
	s := l.shared
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []logRecord
	for _, r := range s.records {
		if strings.Contains(r.msg, msg) {
			out = append(out, r)
		}
	}
	return out
}
