// Package sharedstate keeps the LLM stage's state (the answer cache, the
// per-user rate limit and the bound on model calls in flight) in Redis, so
// that every replica of `serve` and every gateway shard shares one: a user
// spread over several replicas gets one rate, the model sees one bound,
// and an answer cached by one replica costs the others nothing.
//
// Redis trouble never stops an answer. Every call has a short deadline; on
// an error or a timeout the replica uses its own in-memory state for that
// call (answer's local implementations), logs it at most once a minute and
// counts it. After a failure the replica leaves Redis alone for a second,
// so a Redis that drops packets does not add the deadline to every call,
// then tries it again: sharing resumes by itself when Redis is back.
//
// It needs one Redis (standalone, or a primary with replicas, managed or
// not), not a Redis Cluster: the cache's eviction script deletes keys it
// finds in its index.
package sharedstate

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"log/slog"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/redis/go-redis/v9/logging"
	"github.com/redis/go-redis/v9/maintnotifications"
)

// DefaultTimeout bounds each Redis call. Redis answers in well under a
// millisecond on a network a replica should use; a quarter of a second
// spent on a call that then falls back is still small beside the LLM
// answer it guards.
const DefaultTimeout = 250 * time.Millisecond

// holdOff is how long a replica answers from its own state after a Redis
// call failed, before it tries Redis again.
const holdOff = time.Second

// logEvery spaces the warnings about Redis failing.
const logEvery = time.Minute

// The backends the shared_state gauge names.
const (
	BackendRedis  = "redis"
	BackendMemory = "memory"
)

// Observer is told of Redis failures and of which state is in use, for
// metrics.
type Observer interface {
	// RedisError counts a failed Redis call of kind op (cache_get,
	// cache_put, rate_limit, slot_acquire, slot_release, and ping at
	// start-up).
	RedisError(op string)
	// SharedState says which state answers now: BackendRedis, or
	// BackendMemory while Redis fails (and when it is not configured).
	SharedState(backend string)
}

// Options configures a Store.
type Options struct {
	// URL is REDIS_URL: redis:// or rediss://, with user, password and
	// database as Redis URLs have them.
	URL string
	// Prefix starts every key (REDIS_PREFIX), so several bots can share a
	// Redis.
	Prefix string
	// Timeout bounds each call; DefaultTimeout when 0.
	Timeout  time.Duration
	Log      *slog.Logger
	Observer Observer
}

// Store is a connection to Redis and what the state kept in it shares:
// the deadline, the fallback accounting, the key prefix. Its methods are
// safe for concurrent use.
type Store struct {
	client   *redis.Client
	prefix   string
	timeout  time.Duration
	log      *slog.Logger
	observer Observer
	// replica tags the tokens this process writes (rate-limit entries,
	// slots), so two replicas never write the same one.
	replica string
	seq     atomic.Uint64
	// restUntil (Unix nanoseconds) is when Redis is tried again after a
	// failure; until then every call answers from local state.
	restUntil atomic.Int64
	// usingRedis is what the observer was last told, so it hears only of
	// changes.
	usingRedis atomic.Bool
	backendMu  sync.Mutex // held while usingRedis and the observer change
	// lastLog (Unix nanoseconds) and unlogged space the warnings out.
	lastLog  atomic.Int64
	unlogged atomic.Int64
}

// Open connects to the Redis opts.URL names and pings it. A Redis that does
// not answer is no error: Open says so in the log and returns the Store,
// whose calls fall back to local state until Redis answers. Only a URL
// that cannot be used is an error; it never contains the password.
func Open(ctx context.Context, opts Options) (*Store, error) {
	ro, err := ParseURL(opts.URL)
	if err != nil {
		return nil, err
	}
	timeout := opts.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	// go-redis's own timeouts follow the per-call deadline; a URL that
	// sets them keeps its own. Retries would only repeat a call the
	// deadline bounds anyway.
	for _, d := range []*time.Duration{&ro.DialTimeout, &ro.ReadTimeout, &ro.WriteTimeout, &ro.PoolTimeout} {
		if *d == 0 {
			*d = timeout
		}
	}
	ro.ContextTimeoutEnabled = true
	ro.MaxRetries = -1
	ro.DialerRetries = 1
	// No CLIENT SETINFO (Redis 7.2 and later) nor maintenance
	// notifications (Redis Enterprise) on connect: nothing here uses them,
	// and older servers answer them with errors the client logs.
	ro.DisableIdentity = true
	ro.MaintNotificationsConfig = &maintnotifications.Config{Mode: maintnotifications.ModeDisabled}
	// go-redis logs every failed dial to stderr through a logger of its
	// own, past the bot's logger and its once-a-minute bound; the store
	// reports those failures itself. go-redis keeps that logger for the
	// whole process (atomically), so this silences it for every client.
	logging.Disable()
	s := &Store{
		client:   redis.NewClient(ro),
		prefix:   opts.Prefix,
		timeout:  timeout,
		log:      opts.Log,
		observer: opts.Observer,
		replica:  newReplicaID(),
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.observer == nil {
		s.observer = noObserver{}
	}
	where := []any{slog.String("redis", ro.Addr), slog.Int("db", ro.DB), slog.Bool("tls", ro.TLSConfig != nil), slog.String("prefix", s.prefix)}
	pctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	if err := s.client.Ping(pctx).Err(); err != nil {
		s.observer.RedisError("ping")
		s.observer.SharedState(BackendMemory)
		s.lastLog.Store(time.Now().UnixNano()) // this is the minute's warning
		s.log.Warn("Redis does not answer: the LLM cache and limits are this process's own until it does",
			append(where, slog.String("err", err.Error()))...)
		return s, nil
	}
	s.usingRedis.Store(true)
	s.observer.SharedState(BackendRedis)
	s.log.Info("the LLM cache and limits are shared through Redis", where...)
	return s, nil
}

// Close closes the connections to Redis.
func (s *Store) Close() error { return s.client.Close() }

// ParseURL reads a REDIS_URL. Its errors never contain the URL, which may
// hold a password.
func ParseURL(raw string) (*redis.Options, error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "redis" && u.Scheme != "rediss") || u.Host == "" {
		return nil, errors.New("must be a redis:// or rediss:// URL with a host, such as redis://:password@redis:6379/0")
	}
	ro, err := redis.ParseURL(raw)
	if err != nil {
		msg := err.Error()
		if pw, ok := u.User.Password(); ok && pw != "" {
			msg = strings.ReplaceAll(msg, pw, "xxxxx")
		}
		return nil, errors.New(msg)
	}
	return ro, nil
}

// Redact returns a REDIS_URL fit to show: the password masked, nothing of
// a URL that does not parse.
func Redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(not shown: not a URL)"
	}
	return u.Redacted()
}

// key is the Redis key for the parts, under the store's prefix.
func (s *Store) key(parts ...string) string {
	return s.prefix + strings.Join(parts, ":")
}

// token returns a value no other call of any replica writes.
func (s *Store) token() string {
	return s.replica + "-" + strconv.FormatUint(s.seq.Add(1), 36)
}

// call runs f against Redis with the store's deadline and reports whether
// it succeeded; false means the caller answers from local state, as it
// does without trying Redis while the store rests after a failure.
func (s *Store) call(ctx context.Context, op string, f func(context.Context) error) bool {
	if time.Now().UnixNano() < s.restUntil.Load() {
		return false
	}
	return s.run(ctx, op, f)
}

// run is call without the rest, for what only Redis can do, such as giving
// a slot back. The deadline is the store's alone: a call is not cut short
// because the request it served ended.
func (s *Store) run(ctx context.Context, op string, f func(context.Context) error) bool {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), s.timeout)
	defer cancel()
	err := f(ctx)
	if err == nil || errors.Is(err, redis.Nil) {
		s.setBackend(true)
		return true
	}
	s.failed(ctx, op, err)
	return false
}

// setBackend tells the observer where the state lives when that changes.
// The change and the telling are one step: with a success and a failure at
// once, the gauge must end as the flag does.
func (s *Store) setBackend(redis bool) {
	if s.usingRedis.Load() == redis {
		return // nearly every call
	}
	s.backendMu.Lock()
	defer s.backendMu.Unlock()
	if s.usingRedis.Load() == redis {
		return
	}
	s.usingRedis.Store(redis)
	if redis {
		s.observer.SharedState(BackendRedis)
	} else {
		s.observer.SharedState(BackendMemory)
	}
}

// failed counts a failed call, rests from Redis for holdOff, and logs at
// most once every logEvery, with how many failures the log did not show.
func (s *Store) failed(ctx context.Context, op string, err error) {
	now := time.Now()
	s.restUntil.Store(now.Add(holdOff).UnixNano())
	s.observer.RedisError(op)
	s.setBackend(false)
	n := s.unlogged.Add(1)
	last := s.lastLog.Load()
	if now.UnixNano()-last < int64(logEvery) || !s.lastLog.CompareAndSwap(last, now.UnixNano()) {
		return
	}
	s.unlogged.Add(-n)
	s.log.LogAttrs(ctx, slog.LevelWarn, "Redis failed: answering from this process's own state",
		slog.String("op", op), slog.String("err", err.Error()), slog.Int64("failures", n))
}

func newReplicaID() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b) // crypto/rand.Read never fails on supported platforms
	return hex.EncodeToString(b)
}

// ms is t in Unix milliseconds, the unit of the scripts' scores.
func ms(t time.Time) int64 { return t.UnixMilli() }

// noObserver is the Observer of a Store without one.
type noObserver struct{}

func (noObserver) RedisError(string)  {}
func (noObserver) SharedState(string) {}
