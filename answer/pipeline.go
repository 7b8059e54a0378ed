package answer

import (
	"cmp"
	"context"
	"log/slog"
	"strings"
	"sync/atomic"
	"time"
	"unicode"

	"github.com/coalitionbot/coalitionbot/knowledge"
	"github.com/coalitionbot/coalitionbot/prompts"
)

// Retrieval settings. The coverage thresholds were calibrated on off-topic
// and on-topic questions (see TestRefusalThreshold): off-topic questions
// share at most a common word or two with the article, on-topic ones most
// of their rarer terms. A question that names a member or an institution is
// about the coalition, so one unusual word in it ("What did Rutte and
// Starmer discuss?") need not sink it. Countries do not count:
// they turn up in unrelated news too ("Reform UK").
const (
	searchDepth      = 4
	minCoverage      = 0.5
	minCoverageNamed = 0.25
)

// refusal is the answer to questions the article does not cover. It says
// what the bot can do instead of only saying no.
const refusal = "That isn't covered by the article I answer from. I can tell you about the “coalition of the willing” " +
	"that the UK and France convened to back Ukraine: who its members are (`/members`), what they said (`/quote`), " +
	"and what the coalition is for, for example “Who represents Italy?” or “What did Zelensky say?”."

// Options configures a Pipeline. Only Log is needed for the offline
// pipeline; Model and Prompts together turn the LLM stage on.
type Options struct {
	Log      *slog.Logger
	Model    Model
	Prompts  *prompts.Set
	Observer Observer
	// UserRate is how many LLM answers a user may get a minute (default 5);
	// curated and extractive answers are free and unlimited.
	UserRate int
	// MaxInFlight bounds concurrent calls to the model (default 4).
	MaxInFlight int
	// CacheSize and CacheTTL bound the cache of LLM answers (defaults 512
	// answers, one hour).
	CacheSize int
	CacheTTL  time.Duration
	// Now is the clock, for tests; time.Now by default.
	Now func() time.Time
}

// Observer is told what the LLM stage costs, for metrics.
type Observer interface {
	LLMCall(promptTokens, completionTokens int, err error)
	RateLimited()
}

type noObserver struct{}

func (noObserver) LLMCall(int, int, error) {}
func (noObserver) RateLimited()            {}

// Pipeline answers questions. It is safe for concurrent use: the knowledge
// base is immutable, and the LLM stage's cache and limits lock their own
// state.
type Pipeline struct {
	base        *knowledge.Base
	log         *slog.Logger
	model       Model
	prompts     *prompts.Set
	observer    Observer
	articleDate string
	now         func() time.Time
	cache       *cache
	users       *userLimiter
	slots       chan struct{}
	guard       atomic.Pointer[leakGuard]
}

// New returns a pipeline over the knowledge base.
func New(base *knowledge.Base, opts Options) *Pipeline {
	p := &Pipeline{
		base:     base,
		log:      cmp.Or(opts.Log, slog.New(slog.DiscardHandler)),
		model:    opts.Model,
		prompts:  opts.Prompts,
		observer: cmp.Or[Observer](opts.Observer, noObserver{}),
		now:      opts.Now,
		cache:    newCache(cmp.Or(opts.CacheSize, 512), cmp.Or(opts.CacheTTL, time.Hour)),
		users:    newUserLimiter(cmp.Or(opts.UserRate, 5)),
		slots:    make(chan struct{}, cmp.Or(opts.MaxInFlight, 4)),
	}
	if p.now == nil {
		p.now = time.Now
	}
	if p.prompts == nil {
		p.model = nil // no prompts, no LLM stage
	}
	if len(base.Passages) > 0 {
		if d, err := time.Parse(time.DateOnly, base.Passages[0].Date); err == nil {
			p.articleDate = d.Format("2 January 2006")
		}
	}
	return p
}

// UsesLLM reports whether an LLM writes some of the answers.
func (p *Pipeline) UsesLLM() bool { return p.model != nil }

// Answer answers one question. The only errors are an *InputError for a
// question that cannot be taken as it is, and the context's.
func (p *Pipeline) Answer(ctx context.Context, q Question) (Answer, error) {
	start := time.Now()
	text, err := NormalizeQuestion(StripMentions(q.Text))
	if err != nil {
		return Answer{}, err
	}
	if err := ctx.Err(); err != nil {
		return Answer{}, err
	}
	text = p.resolveFollowUp(text, q.History)
	a := p.answer(ctx, q, text)
	a.Text = NeutralizeMentions(a.Text)
	p.log.LogAttrs(ctx, slog.LevelDebug, "answer",
		slog.String("route", string(a.Route)),
		slog.String("user_id", q.UserID),
		slog.Int("sources", len(a.Sources)),
		slog.Int64("latency_us", time.Since(start).Microseconds()))
	return a, nil
}

func (p *Pipeline) answer(ctx context.Context, q Question, question string) Answer {
	parsed := parse(p.base, question)
	if addressesBot(parsed.words) {
		return Answer{Text: refusal, Route: Refused}
	}
	if a, ok := p.curated(parsed); ok {
		return a
	}
	hits := p.search(question, parsed.mentions, q.History)
	if len(hits) == 0 {
		return Answer{Text: refusal, Route: Refused}
	}
	if p.model == nil {
		if a := p.extractive(question, hits); answersHowMany(question, a.Text) {
			return a
		}
		return Answer{Text: refusal, Route: Refused}
	}
	passages := make([]Source, len(hits))
	for i, h := range hits {
		passages[i] = Source{ID: h.Passage.ID, Section: h.Passage.Section, Text: h.Passage.Text}
	}
	return p.generate(ctx, q, question, passages, func(note string) Answer {
		a := p.extractive(question, hits)
		a.Note = note
		return a
	})
}

// search returns the passages relevant enough to answer from, or none. A
// follow-up that is not relevant on its own ("Why?") is searched together
// with the question it follows.
func (p *Pipeline) search(question string, mentions []knowledge.Mention, history []Turn) []knowledge.Hit {
	if hits := p.relevant(question, mentions); hits != nil {
		return hits
	}
	if len(history) > 0 {
		joined := history[len(history)-1].Question + " " + question
		return p.relevant(joined, p.base.Mentions(joined))
	}
	return nil
}

// relevant returns the passages for a question when they are relevant
// enough to answer from: the best covers enough of the question, and when
// the question names someone or somewhere, the passages also have what it
// asks about them. Names are rare words that weigh heavily in coverage, so
// without the second test "How old is Keir Starmer?" would pass on the
// name alone.
func (p *Pipeline) relevant(question string, mentions []knowledge.Mention) []knowledge.Hit {
	hits := p.base.Search(question, searchDepth)
	if len(hits) == 0 || hits[0].Coverage < threshold(mentions) {
		return nil
	}
	asked := askedAbout(p.base, question, mentions)
	if len(asked) == 0 {
		return hits
	}
	for _, h := range hits {
		for _, t := range asked {
			if h.Has(t) {
				return hits
			}
		}
	}
	return nil
}

// answersHowMany reports whether text can answer question: a "how many"
// or "how much" question needs a number in its answer, not just a passage
// on the same subject ("How many soldiers does Ukraine have?").
func answersHowMany(question, text string) bool {
	words := knowledge.Words(question)
	if len(words) < 2 || words[0] != "how" || (words[1] != "many" && words[1] != "much") {
		return true
	}
	for _, w := range knowledge.Words(text) {
		if unicode.IsDigit(rune(w[0])) || numberWords[w] {
			return true
		}
	}
	return false
}

// numberWords are the numbers the article writes out.
var numberWords = words("one two three four five six seven eight nine ten dozen dozens hundred hundreds thousand thousands some several third")

// genericVerbs ask about anything; they say nothing of what a question is
// about.
var genericVerbs = words("want wants wanted think thinks thought happen happens happened mean means meant feel feels like")

// askedAbout returns the stemmed terms of a question that names someone or
// somewhere, other than the names: what it asks about them. It is empty
// for questions that name no one.
func askedAbout(base *knowledge.Base, question string, mentions []knowledge.Mention) []string {
	if len(mentions) == 0 {
		return nil
	}
	words := knowledge.Words(question)
	named := knowledge.Covered(mentions, len(words))
	var rest []string
	for i, w := range words {
		if !named[i] && !genericVerbs[w] {
			rest = append(rest, w)
		}
	}
	return base.Terms(strings.Join(rest, " "))
}

// threshold is the coverage the best passage for a question naming
// mentions needs for an answer.
func threshold(mentions []knowledge.Mention) float64 {
	for _, men := range mentions {
		if men.Kind != knowledge.KindCountry {
			return minCoverageNamed
		}
	}
	return minCoverage
}

// resolveFollowUp turns a short follow-up that only names someone or
// somewhere else ("And Spain?") into the previous question about them
// ("Who represents Spain?"). Anything else is returned as it is.
func (p *Pipeline) resolveFollowUp(question string, history []Turn) string {
	if len(history) == 0 {
		return question
	}
	q := parse(p.base, question)
	if len(q.mentions) == 0 || !onlyNames(q) {
		return question
	}
	prev := history[len(history)-1].Question
	pq := parse(p.base, prev)
	if len(pq.mentions) == 0 {
		return question
	}
	m := pq.mentions[0]
	return strings.Join(append(append(append([]string{}, pq.words[:m.Start]...), q.mentions[0].Phrase), pq.words[m.End:]...), " ")
}

// followUpWords are the words a follow-up may add to a name: "And Spain?",
// "What about the Nato chief?".
var followUpWords = words("and what how about then the of for regarding too")

// onlyNames reports whether the question is nothing but names and the
// words of a follow-up.
func onlyNames(q parsed) bool {
	named := knowledge.Covered(q.mentions, len(q.words))
	for i, w := range q.words {
		if !named[i] && !followUpWords[w] {
			return false
		}
	}
	return true
}
