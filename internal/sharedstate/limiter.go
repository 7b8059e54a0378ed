package sharedstate

import (
	"context"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/coalitionbot/coalitionbot/answer"
)

// allowScript is the in-memory limiter's sliding window, atomic in Redis:
// a sorted set of the user's LLM answers of the last minute by time. An
// answer is recorded only when the user has fewer than the limit; a
// limited user learns when the oldest answer that counts leaves the
// window. The set expires a minute after the user's last answer, so Redis
// holds active users only.
//
// KEYS[1] the user's window; ARGV[1] now (ms), ARGV[2] the window (ms),
// ARGV[3] the limit, ARGV[4] a token naming this answer.
var allowScript = redis.NewScript(`
local now, window, limit = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local n = redis.call('ZCARD', KEYS[1])
if n >= limit then
  local oldest = redis.call('ZRANGE', KEYS[1], n - limit, n - limit, 'WITHSCORES')
  return {0, tonumber(oldest[2]) + window}
end
redis.call('ZADD', KEYS[1], now, ARGV[4])
redis.call('PEXPIRE', KEYS[1], window)
return {1, 0}
`)

// window is the limiter's minute.
const window = time.Minute

// Limiter is the per-user LLM rate limit in Redis, one count for a user
// whichever replica answers them. The times are the replicas' own clocks
// (kept in step by NTP, as hosts and Kubernetes nodes are), so "try again
// at" is a time the user's replica reports as it would alone. While Redis
// fails, local counts instead, for this replica alone.
type Limiter struct {
	s         *Store
	local     answer.Limiter
	perMinute int
}

// Limiter returns the limit of perMinute LLM answers a user, with local as
// the fallback.
func (s *Store) Limiter(local answer.Limiter, perMinute int) *Limiter {
	return &Limiter{s: s, local: local, perMinute: perMinute}
}

// Allow records an LLM answer for user at now, or reports false with the
// moment the user may have another.
func (l *Limiter) Allow(ctx context.Context, user string, now time.Time) (bool, time.Time) {
	var res []int64
	ok := l.s.call(ctx, "rate_limit", func(ctx context.Context) error {
		var err error
		res, err = allowScript.Run(ctx, l.s.client, []string{l.s.key("limit", user)},
			ms(now), window.Milliseconds(), l.perMinute, l.s.token()).Int64Slice()
		return err
	})
	if !ok || len(res) != 2 {
		return l.local.Allow(ctx, user, now)
	}
	if res[0] == 1 {
		return true, time.Time{}
	}
	return false, time.UnixMilli(res[1])
}
