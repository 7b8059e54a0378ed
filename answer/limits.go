package answer

import (
	"container/list"
	"sync"
	"time"
)

// cache keeps LLM answers by normalised question for a while, so a
// repeated question costs nothing. It is bounded: past its size the least
// recently used answer goes.
type cache struct {
	mu    sync.Mutex
	ttl   time.Duration
	size  int
	order *list.List // of *cacheEntry, most recent first
	byKey map[string]*list.Element
}

type cacheEntry struct {
	key     string
	answer  Answer
	expires time.Time
}

func newCache(size int, ttl time.Duration) *cache {
	return &cache{ttl: ttl, size: size, order: list.New(), byKey: map[string]*list.Element{}}
}

func (c *cache) get(key string, now time.Time) (Answer, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.byKey[key]
	if !ok {
		return Answer{}, false
	}
	e := el.Value.(*cacheEntry)
	if now.After(e.expires) {
		c.order.Remove(el)
		delete(c.byKey, key)
		return Answer{}, false
	}
	c.order.MoveToFront(el)
	return e.answer, true
}

func (c *cache) put(key string, a Answer, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.byKey[key]; ok {
		c.order.Remove(el)
	}
	c.byKey[key] = c.order.PushFront(&cacheEntry{key: key, answer: a, expires: now.Add(c.ttl)})
	for c.order.Len() > c.size {
		oldest := c.order.Back()
		c.order.Remove(oldest)
		delete(c.byKey, oldest.Value.(*cacheEntry).key)
	}
}

// userLimiter allows each user a number of LLM answers a minute, as a
// sliding window of the times of their recent answers. Users idle for a
// minute are forgotten, so memory follows active users only.
type userLimiter struct {
	mu     sync.Mutex
	perMin int
	recent map[string][]time.Time
}

func newUserLimiter(perMinute int) *userLimiter {
	return &userLimiter{perMin: perMinute, recent: map[string][]time.Time{}}
}

// allow records an LLM answer for user at now, or reports false when the
// user has had their share this minute, with the moment they may have
// another: when the oldest answer of their minute leaves the window.
func (l *userLimiter) allow(user string, now time.Time) (ok bool, next time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	cutoff := now.Add(-time.Minute)
	times := l.recent[user]
	for len(times) > 0 && !times[0].After(cutoff) {
		times = times[1:]
	}
	if len(times) >= l.perMin {
		l.recent[user] = times
		return false, times[len(times)-l.perMin].Add(time.Minute)
	}
	l.recent[user] = append(times, now)
	if len(l.recent) > 4*1024 {
		l.forgetIdle(cutoff)
	}
	return true, time.Time{}
}

func (l *userLimiter) forgetIdle(cutoff time.Time) {
	for u, times := range l.recent {
		if len(times) == 0 || !times[len(times)-1].After(cutoff) {
			delete(l.recent, u)
		}
	}
}
