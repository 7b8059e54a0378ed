// Package metrics counts what operators watch on a running bot: interactions
// by command and route, answer latency, LLM calls and tokens, Discord REST
// errors, rate-limited users and votes on answers, served in Prometheus format. Each Metrics
// has its own registry, so tests and several instances in one process never
// share counters. Other packages report through small interfaces they
// declare themselves, so only this package knows Prometheus.
package metrics

import (
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// namespace prefixes every metric, so the bot's series are easy to find
// beside other jobs' in a shared Prometheus.
const namespace = "coalitionbot"

// answerBuckets span curated answers (microseconds) to LLM answers (tens of
// seconds), in seconds as Prometheus expects.
var answerBuckets = []float64{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30}

// Metrics holds the bot's collectors and the private registry they are
// registered with. Its methods are safe for concurrent use.
type Metrics struct {
	reg          *prometheus.Registry
	interactions *prometheus.CounterVec
	answers      *prometheus.HistogramVec
	rejected     *prometheus.CounterVec
	llmCalls     prometheus.Counter
	llmTokens    *prometheus.CounterVec
	llmErrors    prometheus.Counter
	restErrors   *prometheus.CounterVec
	invalid      *prometheus.CounterVec
	rateLimited  prometheus.Counter
	feedback     *prometheus.CounterVec
	redisErrors  *prometheus.CounterVec
	sharedState  *prometheus.GaugeVec
}

// New returns the bot's metrics, registered with a fresh registry together
// with the Go runtime and process collectors and a build_info series
// carrying version, so a dashboard shows which build each replica runs.
func New(version string) *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		interactions: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: namespace, Name: "interactions_total",
			Help: "Commands and autocompletions handled, by command and answering route.",
		}, []string{"command", "route"}),
		answers: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Namespace: namespace, Name: "answer_duration_seconds",
			Help:    "Time to produce a command's answer, by command and answering route.",
			Buckets: answerBuckets,
		}, []string{"command", "route"}),
		rejected: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: namespace, Name: "http_interactions_rejected_total",
			Help: "HTTP interaction requests refused before any handler ran, by reason.",
		}, []string{"reason"}),
		llmCalls: prometheus.NewCounter(prometheus.CounterOpts{
			Namespace: namespace, Name: "llm_calls_total",
			Help: "Calls to the LLM.",
		}),
		llmTokens: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: namespace, Name: "llm_tokens_total",
			Help: "Tokens the LLM reported, by kind (prompt or completion): what the model costs.",
		}, []string{"kind"}),
		llmErrors: prometheus.NewCounter(prometheus.CounterOpts{
			Namespace: namespace, Name: "llm_errors_total",
			Help: "LLM calls that failed.",
		}),
		restErrors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: namespace, Name: "discord_rest_errors_total",
			Help: "Discord REST calls that failed, by HTTP status (0: no response).",
		}, []string{"status"}),
		invalid: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: namespace, Name: "discord_invalid_requests_total",
			Help: "Discord REST responses that count towards Discord's ban at 10,000 in 10 minutes (401, 403, 429), by HTTP status, retries included.",
		}, []string{"status"}),
		rateLimited: prometheus.NewCounter(prometheus.CounterOpts{
			Namespace: namespace, Name: "rate_limited_total",
			Help: "Questions answered from the article instead of by the LLM because the user reached their rate limit.",
		}),
		feedback: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: namespace, Name: "feedback_total",
			Help: "Votes users gave answers with the 👍 and 👎 buttons, once per user and message, by answering route and vote (up or down).",
		}, []string{"route", "vote"}),
	}
	m.redisErrors, m.sharedState = sharedStateCollectors()
	build := prometheus.NewGauge(prometheus.GaugeOpts{
		Namespace: namespace, Name: "build_info",
		Help:        "Always 1; the version label names the running build.",
		ConstLabels: prometheus.Labels{"version": version},
	})
	build.Set(1)
	m.reg.MustRegister(
		m.interactions, m.answers, m.rejected, m.llmCalls, m.llmTokens, m.llmErrors, m.restErrors, m.invalid, m.rateLimited, m.feedback,
		m.redisErrors, m.sharedState, build,
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
	)
	return m
}

// Handler serves the metrics in Prometheus's text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}

// ObserveAnswer records one handled command: it counts the interaction
// and, for answers, how long the answer took. route is the answering stage
// (curated, retrieved, llm, refused) or what became of the command.
func (m *Metrics) ObserveAnswer(command, route string, d time.Duration) {
	m.interactions.WithLabelValues(command, route).Inc()
	m.answers.WithLabelValues(command, route).Observe(d.Seconds())
}

// ObserveAutocomplete counts one autocompletion for command.
func (m *Metrics) ObserveAutocomplete(command string) {
	m.interactions.WithLabelValues(command, "autocomplete").Inc()
}

// UserError counts an interaction of command refused before its handler
// ran because the interaction was malformed (options no Discord client
// sends), in the same series as the handlers' own user errors. No answer
// was produced, so no duration is observed.
func (m *Metrics) UserError(command string) {
	m.interactions.WithLabelValues(command, routeUserError).Inc()
}

// Rejected counts an HTTP interaction refused before any handler ran, for
// reason (bad_signature, stale_timestamp, too_large, not_interaction...).
// Discord sends bad signatures on purpose now and then; a steady rate of
// them from elsewhere is worth an alert.
func (m *Metrics) Rejected(reason string) {
	m.rejected.WithLabelValues(reason).Inc()
}

// LLMCall records one call to the model (LLM_MODEL; one a process): its
// tokens, and whether it failed. With RateLimited it makes Metrics an
// answer.Observer.
func (m *Metrics) LLMCall(promptTokens, completionTokens int, err error) {
	m.llmCalls.Inc()
	m.llmTokens.WithLabelValues("prompt").Add(float64(max(promptTokens, 0)))
	m.llmTokens.WithLabelValues("completion").Add(float64(max(completionTokens, 0)))
	if err != nil {
		m.llmErrors.Inc()
	}
}

// DiscordRESTError counts a failed Discord REST call by its HTTP status,
// 0 when no response arrived.
func (m *Metrics) DiscordRESTError(status int) {
	m.restErrors.WithLabelValues(strconv.Itoa(status)).Inc()
}

// DiscordInvalidRequest counts a Discord REST response that Discord holds
// against the bot, by its HTTP status: a steady rate means a revoked
// token, a missing permission or a rate limit the bot keeps hitting, and
// Discord bans bots at 10,000 in 10 minutes.
func (m *Metrics) DiscordInvalidRequest(status int) {
	m.invalid.WithLabelValues(strconv.Itoa(status)).Inc()
}

// RateLimited counts a question refused by a user's rate limit.
func (m *Metrics) RateLimited() { m.rateLimited.Inc() }

// Feedback counts a vote on an answer of route (curated, retrieved, llm,
// refused): vote is up or down. The bot counts each user's first vote on a
// message only, and accepts only the routes and votes its buttons carry,
// so the series stay few.
func (m *Metrics) Feedback(route, vote string) {
	m.feedback.WithLabelValues(route, vote).Inc()
}
