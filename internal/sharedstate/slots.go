package sharedstate

import (
	"context"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/coalitionbot/coalitionbot/answer"
)

// acquireScript takes the first free slot: each slot is a key that exists
// while held, with the holder's token as its value and a TTL, so a replica
// that stops without giving a slot back holds it no longer than the TTL.
//
// KEYS the slots; ARGV[1] the token, ARGV[2] the TTL (ms). It returns the
// slot's number from 1, or 0 when every slot is held.
var acquireScript = redis.NewScript(`
for i, key in ipairs(KEYS) do
  if redis.call('SET', key, ARGV[1], 'NX', 'PX', ARGV[2]) then return i end
end
return 0
`)

// releaseScript gives a slot back if the token still holds it (it may have
// expired and been taken since).
//
// KEYS[1] the slot; ARGV[1] the token.
var releaseScript = redis.NewScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`)

// Slots bounds the model calls in flight across every replica: a counting
// semaphore of slots that expire. The TTL must outlast the longest answer
// (LLM_TIMEOUT bounds it), or a slot could expire under a call still
// running and let one call too many in. While Redis fails, local bounds
// this replica's calls alone.
type Slots struct {
	s     *Store
	local answer.Slots
	keys  []string
	ttl   time.Duration
}

// Slots returns n slots that expire after ttl, with local as the fallback.
func (s *Store) Slots(local answer.Slots, n int, ttl time.Duration) *Slots {
	keys := make([]string, n)
	for i := range keys {
		keys[i] = s.key("slot", strconv.Itoa(i))
	}
	return &Slots{s: s, local: local, keys: keys, ttl: ttl}
}

// Acquire takes a slot for one model call, or reports false when every
// slot is held; release gives it back.
func (sl *Slots) Acquire(ctx context.Context) (release func(), ok bool) {
	token := sl.s.token()
	var n int64
	if !sl.s.call(ctx, "slot_acquire", func(ctx context.Context) error {
		var err error
		n, err = acquireScript.Run(ctx, sl.s.client, sl.keys, token, sl.ttl.Milliseconds()).Int64()
		return err
	}) {
		return sl.local.Acquire(ctx)
	}
	if n < 1 || int(n) > len(sl.keys) {
		return nil, false
	}
	key := sl.keys[n-1]
	return func() {
		// Tried even while the store rests: a slot held in Redis can only
		// be given back there, and one that cannot be expires.
		sl.s.run(ctx, "slot_release", func(ctx context.Context) error {
			return releaseScript.Run(ctx, sl.s.client, []string{key}, token).Err()
		})
	}, true
}
