package sharedstate

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/coalitionbot/coalitionbot/answer"
)

// getScript reads a cached answer and, when there is one, marks it used
// in the index, as the in-memory cache moves it to the front.
//
// KEYS[1] the entry, KEYS[2] the index; ARGV[1] now (ms).
var getScript = redis.NewScript(`
local v = redis.call('GET', KEYS[1])
if v then redis.call('ZADD', KEYS[2], 'XX', ARGV[1], KEYS[1]) end
return v
`)

// putScript stores an answer for its TTL and keeps the cache within its
// size, least recently used out first, as the in-memory cache does. The
// index is a sorted set of entry keys by last use; entries whose TTL ran
// out leave it once unused for a TTL.
//
// KEYS[1] the entry, KEYS[2] the index; ARGV[1] the answer, ARGV[2] the
// TTL (ms), ARGV[3] now (ms), ARGV[4] the size.
var putScript = redis.NewScript(`
local ttl, now = tonumber(ARGV[2]), tonumber(ARGV[3])
redis.call('SET', KEYS[1], ARGV[1], 'PX', ttl)
redis.call('ZADD', KEYS[2], now, KEYS[1])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - ttl)
local over = redis.call('ZCARD', KEYS[2]) - tonumber(ARGV[4])
-- In chunks: unpack takes a few thousand values at most, and a size
-- lowered a lot can leave many more to evict.
local left = over
while left > 0 do
  local old = redis.call('ZRANGE', KEYS[2], 0, math.min(left, 500) - 1)
  redis.call('DEL', unpack(old))
  redis.call('ZREM', KEYS[2], unpack(old))
  left = left - #old
end
redis.call('PEXPIRE', KEYS[2], ttl)
return over
`)

// Cache is the LLM answer cache in Redis: the same keys, TTL and size as
// the in-memory one, shared by every replica. Every answer is also kept in
// local, which answers while Redis fails.
type Cache struct {
	s     *Store
	local answer.Cache
	size  int
	ttl   time.Duration
	index string
}

// Cache returns the answer cache of size answers for ttl each, with local
// as the fallback.
func (s *Store) Cache(local answer.Cache, size int, ttl time.Duration) *Cache {
	return &Cache{s: s, local: local, size: size, ttl: ttl, index: s.key("cache", "index")}
}

// entry is the Redis key of a cache key: hashed, since a key holds the
// question's words and has no bound of its own.
func (c *Cache) entry(key string) string {
	sum := sha256.Sum256([]byte(key))
	return c.s.key("cache", hex.EncodeToString(sum[:]))
}

// cached is an answer as the cache stores it.
type cached struct {
	Text    string          `json:"text"`
	Route   answer.Route    `json:"route"`
	Sources []answer.Source `json:"sources,omitempty"`
	Note    string          `json:"note,omitempty"`
	Lang    string          `json:"lang,omitempty"`
}

// Get returns the answer cached for key.
func (c *Cache) Get(ctx context.Context, key string, now time.Time) (answer.Answer, bool) {
	var raw string
	ok := c.s.call(ctx, "cache_get", func(ctx context.Context) error {
		v, err := getScript.Run(ctx, c.s.client, []string{c.entry(key), c.index}, ms(now)).Text()
		raw = v
		return err
	})
	if !ok {
		return c.local.Get(ctx, key, now)
	}
	var e cached
	if raw == "" || json.Unmarshal([]byte(raw), &e) != nil {
		return answer.Answer{}, false // none, or written by a build that stores answers otherwise
	}
	return answer.Answer{Text: e.Text, Route: e.Route, Sources: e.Sources, Note: e.Note, Lang: e.Lang}, true
}

// Put caches a for key, in Redis and in local.
func (c *Cache) Put(ctx context.Context, key string, a answer.Answer, now time.Time) {
	c.local.Put(ctx, key, a, now)
	// Strings and a route always marshal.
	raw, _ := json.Marshal(cached{Text: a.Text, Route: a.Route, Sources: a.Sources, Note: a.Note, Lang: a.Lang})
	c.s.call(ctx, "cache_put", func(ctx context.Context) error {
		return putScript.Run(ctx, c.s.client, []string{c.entry(key), c.index}, raw, c.ttl.Milliseconds(), ms(now), c.size).Err()
	})
}
