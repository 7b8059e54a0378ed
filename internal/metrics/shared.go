package metrics

import "github.com/prometheus/client_golang/prometheus"

// sharedBackends are the values of shared_state's backend label, as
// internal/sharedstate names them: Redis, or this process's memory.
var sharedBackends = []string{"redis", "memory"}

// sharedStateCollectors returns the series of the LLM stage's shared
// state: Redis calls that failed, by operation, and which state answers.
func sharedStateCollectors() (*prometheus.CounterVec, *prometheus.GaugeVec) {
	errs := prometheus.NewCounterVec(prometheus.CounterOpts{
		Namespace: namespace, Name: "redis_errors_total",
		Help: "Redis calls that failed or timed out, by operation; each was answered from the process's own state.",
	}, []string{"op"})
	state := prometheus.NewGaugeVec(prometheus.GaugeOpts{
		Namespace: namespace, Name: "shared_state",
		Help: "1 for the state the LLM cache and limits live in now: redis (shared by every replica) or memory (this process's own: REDIS_URL unset, or Redis failing).",
	}, []string{"backend"})
	return errs, state
}

// RedisError counts a failed Redis call of kind op. With SharedState it
// makes Metrics a sharedstate.Observer.
func (m *Metrics) RedisError(op string) { m.redisErrors.WithLabelValues(op).Inc() }

// SharedState records that the LLM cache and limits live in backend now
// (redis or memory): that one is 1, the other 0.
func (m *Metrics) SharedState(backend string) {
	for _, b := range sharedBackends {
		v := 0.0
		if b == backend {
			v = 1
		}
		m.sharedState.WithLabelValues(b).Set(v)
	}
}
