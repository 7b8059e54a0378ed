package answer

import (
	"context"
	"time"
)

// State is what the LLM stage remembers between questions: the answers it
// cached, each user's recent LLM answers and the model calls in flight. A
// field left nil is kept in this process's memory, as one process needs;
// replicas of the bot share theirs through Redis (internal/sharedstate),
// each falling back to its own memory while Redis fails.
type State struct {
	Cache Cache
	Users Limiter
	Slots Slots
}

// Cache keeps LLM answers by key (the question's language and normalised
// words) for a while, so a repeated question costs no model call.
type Cache interface {
	Get(ctx context.Context, key string, now time.Time) (Answer, bool)
	Put(ctx context.Context, key string, a Answer, now time.Time)
}

// Limiter bounds the LLM answers each user gets a minute.
type Limiter interface {
	// Allow records an LLM answer for user at now, or reports false with
	// the moment the user may have another.
	Allow(ctx context.Context, user string, now time.Time) (ok bool, next time.Time)
}

// Slots bounds the calls to the model in flight.
type Slots interface {
	// Acquire takes a slot for one model call, or reports false when every
	// slot is taken; release gives the slot back.
	Acquire(ctx context.Context) (release func(), ok bool)
}

// NewLocalCache returns the in-memory cache: at most size answers, least
// recently used first out, each for ttl.
func NewLocalCache(size int, ttl time.Duration) Cache { return localCache{newCache(size, ttl)} }

// NewLocalLimiter returns the in-memory limiter of perMinute LLM answers a
// user, over a sliding minute.
func NewLocalLimiter(perMinute int) Limiter { return localLimiter{newUserLimiter(perMinute)} }

// NewLocalSlots returns n in-memory slots.
func NewLocalSlots(n int) Slots { return make(localSlots, n) }

// localCache, localLimiter and localSlots are the in-memory state behind
// the interfaces: one process's memory needs no context.
type (
	localCache   struct{ c *cache }
	localLimiter struct{ l *userLimiter }
	localSlots   chan struct{}
)

func (c localCache) Get(_ context.Context, key string, now time.Time) (Answer, bool) {
	return c.c.get(key, now)
}

func (c localCache) Put(_ context.Context, key string, a Answer, now time.Time) { c.c.put(key, a, now) }

func (l localLimiter) Allow(_ context.Context, user string, now time.Time) (bool, time.Time) {
	return l.l.allow(user, now)
}

func (s localSlots) Acquire(context.Context) (func(), bool) {
	select {
	case s <- struct{}{}:
		return func() { <-s }, true
	default:
		return nil, false
	}
}
