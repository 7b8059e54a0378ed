package metrics

import (
	"strings"
	"testing"
)

func TestSharedStateSeries(t *testing.T) {
	m := New("v1")
	m.SharedState("redis")
	m.RedisError("rate_limit")
	m.RedisError("rate_limit")
	m.RedisError("cache_get")
	m.SharedState("memory")
	out := scrape(t, m)
	for _, want := range []string{
		`coalitionbot_redis_errors_total{op="rate_limit"} 2`,
		`coalitionbot_redis_errors_total{op="cache_get"} 1`,
		`coalitionbot_shared_state{backend="memory"} 1`,
		`coalitionbot_shared_state{backend="redis"} 0`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}
