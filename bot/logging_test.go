package bot

import (
	"bytes"
	"log/slog"
	"strings"
	"sync"
	"testing"
)

func TestGateLogsDropsRecordsOnceShut(t *testing.T) {
	var buf bytes.Buffer
	log, shut := GateLogs(slog.New(slog.NewTextHandler(&buf, nil)))
	with := log.With("command", "ask")
	log.Info("before")
	var writers sync.WaitGroup
	for range 4 {
		writers.Go(func() {
			for range 100 {
				with.Info("racing")
			}
		})
	}
	shut()
	got := buf.String() // no writer may touch buf from here on
	log.Info("after")
	with.Warn("after, with attributes")
	writers.Wait()
	if !strings.Contains(got, "before") {
		t.Errorf("log before shut = %q, want the record", got)
	}
	if buf.String() != got {
		t.Errorf("records written after shut: %q", strings.TrimPrefix(buf.String(), got))
	}
}
