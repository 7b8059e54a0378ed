package main

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/coalitionbot/coalitionbot/answer"
	"github.com/coalitionbot/coalitionbot/internal/sharedstate"
)

// slotSlack is how long a model-call slot in Redis outlives LLM_TIMEOUT,
// which bounds the call and the checks on its answer: a slot must not
// expire under a call still running, and one a stopped replica held comes
// free that much after its call would have ended.
const slotSlack = 5 * time.Second

// sharedState returns the LLM stage's state for the long-running modes:
// in Redis when REDIS_URL is set, each part falling back to this process's
// memory while Redis fails; in memory otherwise (the zero State). obs sees
// which is in use. closeState closes the connection to Redis.
func (e *cliEnv) sharedState(ctx context.Context, log *slog.Logger, obs sharedstate.Observer) (state answer.State, closeState func(), err error) {
	if e.cfg.RedisURL == "" {
		obs.SharedState(sharedstate.BackendMemory)
		return answer.State{}, func() {}, nil
	}
	store, err := sharedstate.Open(ctx, sharedstate.Options{URL: e.cfg.RedisURL, Prefix: e.cfg.RedisPrefix, Log: log, Observer: obs})
	if err != nil {
		return answer.State{}, nil, fmt.Errorf("config: REDIS_URL: %w", err)
	}
	c := e.cfg
	state = answer.State{
		Cache: store.Cache(answer.NewLocalCache(c.LLMCacheSize, c.LLMCacheTTL), c.LLMCacheSize, c.LLMCacheTTL),
		Users: store.Limiter(answer.NewLocalLimiter(c.LLMUserRate), c.LLMUserRate),
		Slots: store.Slots(answer.NewLocalSlots(c.LLMMaxInFlight), c.LLMMaxInFlight, c.LLMTimeout+slotSlack),
	}
	return state, func() { _ = store.Close() }, nil
}
