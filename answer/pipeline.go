package answer

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync/atomic"
	"time"
	"unicode"

	"github.com/coalitionbot/coalitionbot/internal/pings"
	"github.com/coalitionbot/coalitionbot/knowledge"
	"github.com/coalitionbot/coalitionbot/llm"
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

// Options configures a Pipeline. Only Log is needed for the offline
// pipeline; Model and Prompts together turn the LLM stage on.
type Options struct {
	Log      *slog.Logger
	Model    Model
	Prompts  *prompts.Set
	Observer Observer
	// Messages are the texts answers are written with, in every language
	// shipped; the embedded ones (LoadMessages) when nil.
	Messages *Messages
	// UserRate is how many LLM answers a user may get a minute (default 5);
	// curated and extractive answers are free and unlimited.
	UserRate int
	// MaxInFlight bounds concurrent calls to the model (default 4).
	MaxInFlight int
	// CacheSize and CacheTTL bound the cache of LLM answers (defaults 512
	// answers, one hour).
	CacheSize int
	CacheTTL  time.Duration
	// State holds the cache and limits above; in memory, sized by the
	// fields above, where it leaves them nil.
	State State
	// ModelName names the model (LLM_MODEL): answers cached for one model
	// are not served for another when State's cache outlives the process.
	ModelName string
	// Timeout bounds an LLM answer: the model's call and the checks on what
	// it wrote (LLM_TIMEOUT; default llm.DefaultTimeout).
	Timeout time.Duration
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
	curated     *Curator
	msgs        *Messages
	log         *slog.Logger
	model       Model
	prompts     *prompts.Set
	observer    Observer
	articleDate string
	// cacheScope keys cached answers by what they were written from.
	cacheScope string
	// laterDocs is whether any document is dated after the article: only
	// then may a fact's question need a search (laterDocument).
	laterDocs bool
	now       func() time.Time
	timeout   time.Duration
	cache     Cache
	users     Limiter
	slots     Slots
	guard     atomic.Pointer[leakGuard]
}

// New returns a pipeline over the knowledge base. It panics when
// opts.Messages is nil and the embedded messages are invalid: they are part
// of the binary, and TestLoadMessages keeps such a binary from being built.
func New(base *knowledge.Base, opts Options) *Pipeline {
	msgs := opts.Messages
	if msgs == nil {
		var err error
		if msgs, err = LoadMessages(); err != nil {
			panic(err)
		}
	}
	p := &Pipeline{
		msgs:     msgs,
		base:     base,
		log:      cmp.Or(opts.Log, slog.New(slog.DiscardHandler)),
		model:    opts.Model,
		prompts:  opts.Prompts,
		observer: cmp.Or[Observer](opts.Observer, noObserver{}),
		now:      opts.Now,
		timeout:  cmp.Or(opts.Timeout, llm.DefaultTimeout),
		cache:    cmp.Or(opts.State.Cache, NewLocalCache(cmp.Or(opts.CacheSize, 512), cmp.Or(opts.CacheTTL, time.Hour))),
		users:    cmp.Or(opts.State.Users, NewLocalLimiter(cmp.Or(opts.UserRate, 5))),
		slots:    cmp.Or(opts.State.Slots, NewLocalSlots(cmp.Or(opts.MaxInFlight, 4))),
	}
	if p.now == nil {
		p.now = time.Now
	}
	if p.prompts == nil {
		p.model = nil // no prompts, no LLM stage
	}
	p.articleDate = base.ArticleDate()
	p.curated = NewCurator(base, msgs)
	p.cacheScope = cacheScope(base, p.prompts, opts.ModelName)
	p.laterDocs = slices.ContainsFunc(base.Passages, base.LaterThanArticle)
	return p
}

// cacheScope fingerprints what a cached answer was written from: the
// passages, the prompts and the model. A shared cache (Redis) outlives
// the process, so without it a replica started with other documents,
// prompts or model would serve answers written from the old ones.
func cacheScope(base *knowledge.Base, ps *prompts.Set, model string) string {
	h := sha256.New()
	for _, p := range base.Passages {
		fmt.Fprintf(h, "%s\x00%s\x00", p.ID, p.Text)
	}
	if ps != nil {
		system, user, _ := ps.Render(prompts.Data{Question: "?"})
		fmt.Fprintf(h, "%s\x00%s\x00", system, user)
	}
	h.Write([]byte(model))
	return hex.EncodeToString(h.Sum(nil)[:6])
}

// Messages are the texts the pipeline writes its answers with, for
// transports to write their own words around an answer in its language.
func (p *Pipeline) Messages() *Messages { return p.msgs }

// language is the language a question is answered in, one whose messages
// ship (Messages.Lang): the one place that choice is made. It is the
// language knowledge read the question in, which the user's own language
// (the transport's Question.Lang) hints at.
func (p *Pipeline) language(query knowledge.Query) string {
	return p.msgs.Lang(query.Lang)
}

// Answer answers one question. The only errors are an *InputError for a
// question that cannot be taken as it is, in the user's language, and the
// context's.
func (p *Pipeline) Answer(ctx context.Context, q Question) (Answer, error) {
	start := time.Now()
	// The user's language hints at the question's even where its answers
	// do not ship: knowledge may read it all the same.
	hint := knowledge.BaseCode(q.Lang)
	text, err := p.msgs.NormalizeQuestion(p.msgs.Lang(hint), pings.Strip(q.Text))
	if err != nil {
		return Answer{}, err
	}
	if err := ctx.Err(); err != nil {
		return Answer{}, err
	}
	query := p.resolveFollowUp(p.base.AnalyzeLang(text, hint), q.History)
	lang := p.language(query)
	a := p.curated.finish(lang, p.answer(ctx, lang, q, query))
	a.Text = pings.Defuse(a.Text)
	p.log.LogAttrs(ctx, slog.LevelDebug, "answer",
		slog.String("route", string(a.Route)),
		slog.String("lang", a.Lang),
		slog.String("user_id", q.UserID),
		slog.Int("sources", len(a.Sources)),
		slog.Int64("latency_us", time.Since(start).Microseconds()))
	return a, nil
}

// answer answers an analysed question; a compound one part by part.
func (p *Pipeline) answer(ctx context.Context, lang string, q Question, query knowledge.Query) Answer {
	if len(query.Parts) == 0 {
		return p.answerOne(ctx, lang, q, query)
	}
	var answers []Answer
	for _, part := range query.Parts {
		answers = append(answers, p.answerOne(ctx, lang, q, part))
	}
	return joinAnswers(answers)
}

// joinAnswers joins the answers to the parts of a compound question, with
// every part's sources. Parts the article does not cover are left out when
// another part is answered; the route is the costliest part's.
func joinAnswers(answers []Answer) Answer {
	var out Answer
	var texts []string
	seen := map[string]bool{}
	for _, a := range answers {
		if a.Route == Refused || slices.Contains(texts, a.Text) {
			continue // not covered, or said already for another part
		}
		texts = append(texts, a.Text)
		out.Route = costlier(out.Route, a.Route)
		out.dated = out.dated || a.dated
		out.Note = cmp.Or(out.Note, a.Note)
		for _, s := range a.Sources {
			if !seen[s.ID] {
				seen[s.ID] = true
				out.Sources = append(out.Sources, s)
			}
		}
	}
	if len(texts) == 0 {
		return answers[0]
	}
	out.Text = strings.Join(texts, "\n\n")
	return out
}

// costlier returns the route of the two that cost more to answer.
func costlier(a, b Route) Route {
	if routeCost(b) > routeCost(a) {
		return b
	}
	return a
}

func routeCost(r Route) int {
	switch r {
	case Curated:
		return 1
	case Retrieved:
		return 2
	case LLM:
		return 3
	}
	return 0
}

func (p *Pipeline) answerOne(ctx context.Context, lang string, q Question, query knowledge.Query) Answer {
	if a, ok := p.curated.Answer(lang, query); ok {
		if a.fact != nil && p.laterDocs {
			if later, ok := p.laterDocument(lang, query, a); ok {
				return later
			}
		}
		return a
	}
	hits := p.search(query, q.History)
	if len(hits) == 0 {
		return p.msgs.refusal(lang)
	}
	if p.model == nil {
		if a := p.extractive(lang, query, hits); p.answersHowMany(query, a.Text) {
			return a
		}
		return p.msgs.refusal(lang)
	}
	passages := make([]Source, len(hits))
	for i, h := range hits {
		passages[i] = Source{ID: h.Passage.ID, Section: h.Passage.Section, Text: h.Passage.Text}
	}
	return p.generate(ctx, lang, q, query, passages, func(note string) Answer {
		a := p.extractive(lang, query, hits)
		a.Note = note
		return a
	})
}

// laterDocument answers from a document dated after the article when it
// answers the question of a curated fact better than the fact's own
// passages do (it ranks first, and covers as much of the question): the
// fact holds of the article's day, and the document may tell what came
// after ("how many troops were committed?" after a later meeting). Both
// parts are given, each with its date.
func (p *Pipeline) laterDocument(lang string, query knowledge.Query, fact Answer) (Answer, bool) {
	hits := p.relevant(query)
	if len(hits) == 0 || !p.base.LaterThanArticle(hits[0].Passage) {
		return Answer{}, false
	}
	own := 0.0 // how well the fact's own passages answer
	var later []knowledge.Hit
	for _, h := range hits {
		if slices.Contains(fact.fact.Passages, h.Passage.ID) {
			own = max(own, h.Coverage)
		}
		if p.base.LaterThanArticle(h.Passage) {
			later = append(later, h)
		}
	}
	if hits[0].Coverage < own {
		return Answer{}, false
	}
	doc := p.extractive(lang, query, later)
	if !p.answersHowMany(query, doc.Text) {
		return Answer{}, false
	}
	text := fact.Text
	if date := p.msgs.ArticleDate(lang, p.base); date != "" {
		text = p.msgs.Text(lang, msgInArticle, map[string]any{"Date": date, "Text": fact.Text})
	}
	return Answer{Text: doc.Text + "\n\n" + text, Route: Retrieved, Sources: append(doc.Sources, fact.Sources...), Lang: fact.Lang}, true
}

// search returns the passages relevant enough to answer from, or none. A
// follow-up that is not relevant on its own ("Why?") is searched together
// with the question it follows.
func (p *Pipeline) search(query knowledge.Query, history []Turn) []knowledge.Hit {
	if hits := p.relevant(query); hits != nil {
		return hits
	}
	if len(history) > 0 {
		return p.relevant(p.base.Analyze(history[len(history)-1].Question + " " + query.Text))
	}
	return nil
}

// relevant returns the passages for a question when they are relevant
// enough to answer from: the best covers enough of the question, and when
// the question names someone or somewhere, the passages also have what it
// asks about them. Names are rare words that weigh heavily in coverage, so
// without the second test "How old is Keir Starmer?" would pass on the
// name alone.
func (p *Pipeline) relevant(query knowledge.Query) []knowledge.Hit {
	hits := p.base.SearchQuery(query, searchDepth)
	if len(hits) == 0 || hits[0].Coverage < threshold(query.Mentions) {
		return nil
	}
	asked := askedAbout(p.base, query)
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

// answersHowMany reports whether text can answer the question: a "how
// many" question needs a number in its answer, not just a passage on the
// same subject ("How many soldiers does Ukraine have?").
func (p *Pipeline) answersHowMany(query knowledge.Query, text string) bool {
	if !query.HowMany() {
		return true
	}
	return strings.ContainsFunc(text, unicode.IsDigit) || slices.ContainsFunc(knowledge.Words(text), p.base.IsNumber)
}

// askedAbout returns the stemmed terms of a question that names someone or
// somewhere, other than the names: what it asks about them. It is empty
// for questions that name no one.
func askedAbout(base *knowledge.Base, query knowledge.Query) []string {
	if len(query.Mentions) == 0 {
		return nil
	}
	return base.TermsOf(query.Content())
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
// somewhere else ("And Spain?", "What about the Nato chief?") into the
// previous question about them ("Who represents Spain?"). Anything else is
// returned as it is.
func (p *Pipeline) resolveFollowUp(query knowledge.Query, history []Turn) knowledge.Query {
	if len(history) == 0 || len(query.Mentions) == 0 || len(query.Content()) > 0 || len(query.Parts) > 0 {
		return query
	}
	prev := p.base.Analyze(history[len(history)-1].Question)
	if len(prev.Mentions) == 0 {
		return query
	}
	m, named := prev.Mentions[0], query.Mentions[0]
	words := slices.Concat(prev.Words[:m.Start], query.Words[named.Start:named.End], prev.Words[m.End:])
	// The words are the English both questions read as; the answer stays
	// in the follow-up's language.
	resolved := p.base.AnalyzeLang(strings.Join(words, " "), knowledge.English)
	resolved.Lang = query.Lang
	return resolved
}
