package answer

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"time"

	"github.com/coalitionbot/coalitionbot/knowledge"
	"github.com/coalitionbot/coalitionbot/llm"
	"github.com/coalitionbot/coalitionbot/prompts"
)

// Model is the LLM the pipeline writes answers with; *llm.Client is one.
// onDelta, when not nil, receives the answer's text piece by piece.
type Model interface {
	Complete(ctx context.Context, msgs []llm.Message, onDelta func(text string)) (llm.Result, error)
}

// maxPromptTokens bounds what one question costs before the model writes:
// passages are dropped from the least relevant, then earlier turns, until
// the prompt fits. Tokens are estimated as characters/4.
const maxPromptTokens = 1200

// historyTurns is how many earlier turns go with a follow-up.
const historyTurns = 3

// generate has the model write an answer from the retrieved passages, and
// checks it: cited, grounded, no leaked instructions, no foreign links. It
// falls back to the extractive answer, with a note, whenever the model
// cannot be used or its answer fails the checks; the note is the text
// beside it, "" for none.
func (p *Pipeline) generate(ctx context.Context, lang string, q Question, query knowledge.Query, passages []Source, fallback func(note string) Answer) Answer {
	now := p.now()
	// Answers are cached by language too: the same question asked in
	// another language is answered in that one.
	question, key := query.Text, p.cacheScope+"\x00"+lang+"\x00"+query.Joined()
	if len(q.History) == 0 {
		if a, ok := p.cache.Get(ctx, key, now); ok {
			p.log.LogAttrs(ctx, slog.LevelInfo, "llm cache hit", slog.String("user_id", q.UserID))
			return a
		}
	}
	if ok, next := p.users.Allow(ctx, q.UserID, now); !ok {
		p.observer.RateLimited()
		return fallback(p.msgs.Text(lang, msgNoteLimited, map[string]any{"When": q.moment(next)}))
	}
	release, ok := p.slots.Acquire(ctx)
	if !ok {
		return fallback(p.msgs.Text(lang, msgNoteBusy, nil))
	}
	defer release()
	system, user, err := p.render(question, passages, q.History)
	if err != nil {
		p.log.LogAttrs(ctx, slog.LevelError, "render prompt", slog.String("err", err.Error()))
		return fallback(p.msgs.Text(lang, msgNoteUnavailable, nil))
	}
	guard, said := p.leakGuard(system), alreadySaid(question, passages)
	// The timeout bounds the whole answer, the checks included; stopping
	// the model early, once as much is shown as an answer may have, is a
	// separate cancellation.
	ctx, cancel := context.WithTimeout(ctx, p.timeout)
	defer cancel()
	mctx, stopModel := context.WithCancel(ctx)
	defer stopModel()
	var onDelta func(string)
	if q.Partial != nil {
		check := newStreamCheck(passages, guard.scan(said))
		onDelta = func(d string) {
			if text, grew := check.write(d); grew {
				q.Partial(text)
			}
			if check.full {
				stopModel()
			}
		}
	}
	if q.Writing != nil {
		q.Writing(lang)
	}
	start := time.Now()
	res, err := p.model.Complete(mctx, []llm.Message{{Role: "system", Content: system}, {Role: "user", Content: user}}, onDelta)
	p.observer.LLMCall(res.PromptTokens, res.CompletionTokens, err)
	p.log.LogAttrs(ctx, slog.LevelInfo, "llm answer",
		slog.String("user_id", q.UserID),
		slog.Int("prompt_tokens", res.PromptTokens),
		slog.Int("completion_tokens", res.CompletionTokens),
		slog.Bool("cut_short", res.CutShort),
		slog.Int64("latency_ms", time.Since(start).Milliseconds()),
		errAttr(err))
	if err != nil && !errors.Is(err, llm.ErrCutShort) {
		return fallback(p.msgs.Text(lang, msgNoteUnavailable, nil))
	}
	text := strings.TrimSpace(cleanOutput(res.Text))
	leak := guard.scan(said)
	if leak.write(text); leak.leaked() {
		p.log.LogAttrs(ctx, slog.LevelWarn, "llm answer leaked the prompt", slog.String("user_id", q.UserID))
		return fallback("")
	}
	g, refused, ok := ground(text, passages)
	switch {
	case ctx.Err() != nil:
		return fallback(p.msgs.Text(lang, msgNoteUnavailable, nil)) // the checks ran past the deadline
	case refused:
		return p.msgs.refusal(lang)
	case !ok:
		p.log.LogAttrs(ctx, slog.LevelWarn, "llm answer not grounded", slog.String("user_id", q.UserID))
		return fallback("")
	}
	a := Answer{Text: g.text, Route: LLM}
	for _, i := range g.sources {
		a.Sources = append(a.Sources, passages[i])
	}
	if res.CutShort {
		a.Note = p.msgs.Text(lang, msgNoteCutShort, nil)
	} else if len(q.History) == 0 {
		p.cache.Put(ctx, key, a, now)
	}
	return a
}

// leakGuard returns the guard for the system prompt, building it only when
// the prompt changed (it is the same for every question unless an
// operator's template uses the question's data).
func (p *Pipeline) leakGuard(system string) *leakGuard {
	if g := p.guard.Load(); g != nil && g.system == system {
		return g
	}
	g := newLeakGuard(system)
	p.guard.Store(g)
	return g
}

// render builds the prompt, dropping the least relevant passages and then
// the oldest turns until it fits maxPromptTokens.
func (p *Pipeline) render(question string, passages []Source, history []Turn) (system, user string, err error) {
	d := prompts.Data{Question: question, ArticleDate: p.articleDate}
	for i, s := range passages {
		d.Passages = append(d.Passages, prompts.Passage{N: i + 1, ID: s.ID, Section: s.Section, Text: s.Text})
	}
	for _, t := range history[max(0, len(history)-historyTurns):] {
		d.History = append(d.History, prompts.Turn{Question: t.Question, Answer: t.Answer})
	}
	for {
		system, user, err = p.prompts.Render(d)
		if err != nil || (len(system)+len(user))/4 <= maxPromptTokens {
			return system, user, err
		}
		switch {
		case len(d.Passages) > 1:
			d.Passages = d.Passages[:len(d.Passages)-1]
		case len(d.History) > 0:
			d.History = d.History[1:]
		default:
			return system, user, nil // one passage and the question: send as is
		}
	}
}

func errAttr(err error) slog.Attr {
	if err == nil {
		return slog.Attr{}
	}
	return slog.String("err", err.Error())
}
