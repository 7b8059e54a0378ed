package llm

import (
	"errors"
	"net/http"
	"testing"
	"time"
)

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2025, 3, 27, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Duration
	}{
		{"", 0},
		{"2", 2 * time.Second},
		{" 3 ", 3 * time.Second},
		{"0", 0},
		{"-5", 0},
		{"99999999", maxRetryAfter},
		{now.Add(5 * time.Second).Format(http.TimeFormat), 5 * time.Second},
		{now.Add(-time.Minute).Format(http.TimeFormat), 0},
		{"soon", 0},
	}
	for _, tt := range tests {
		if got := parseRetryAfter(tt.in, now); got != tt.want {
			t.Errorf("parseRetryAfter(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestRetryDelay(t *testing.T) {
	tests := []struct {
		name      string
		attempt   int
		err       error
		wantRetry bool
		min, max  time.Duration // the jitter's range
	}{
		{"first 503", 1, &StatusError{StatusCode: 503}, true, firstBackoff / 2, firstBackoff * 3 / 2},
		{"second 429 doubles", 2, &StatusError{StatusCode: 429}, true, firstBackoff, firstBackoff * 3},
		{"Retry-After wins", 1, &StatusError{StatusCode: 429, RetryAfter: 2 * time.Second}, true, 2 * time.Second, 2 * time.Second},
		{"third attempt is the last", 3, &StatusError{StatusCode: 500}, false, 0, 0},
		{"400", 1, &StatusError{StatusCode: 400}, false, 0, 0},
		{"timeout", 1, ErrTimeout, false, 0, 0},
		{"other", 1, errors.New("connection refused"), false, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for range 50 {
				got, retry := retryDelay(tt.attempt, tt.err)
				if retry != tt.wantRetry || got < tt.min || got > tt.max {
					t.Fatalf("retryDelay(%d, %v) = %v, %v, want %v in [%v, %v]", tt.attempt, tt.err, got, retry, tt.wantRetry, tt.min, tt.max)
				}
			}
		})
	}
}
