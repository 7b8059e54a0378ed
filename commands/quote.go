package commands

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/coalitionbot/coalitionbot/answer"
	"github.com/coalitionbot/coalitionbot/knowledge"
)

func quoteCommand(base *knowledge.Base, msgs *answer.Messages) Command {
	return Command{
		Name:        "quote",
		Description: "Show what a coalition member said, or a random quote",
		Options: []Option{{
			Name:         "speaker",
			Description:  "Who said it, e.g. Macron or Zelensky (random when empty)",
			Type:         String,
			MaxLength:    100,
			Autocomplete: true,
		}},
		Handle: func(ctx context.Context, req Request) (Response, error) {
			return quote(base, msgs, msgs.Lang(req.Lang), req.Options["speaker"], rand.IntN)
		},
		Complete: func(option, prefix string) []Choice {
			return complete(prefix, speakerCandidates(base))
		},
	}
}

// quote shows every quote of the speaker, or one at random (pick(n)
// returns a number below n) when speaker is empty. A member the article
// does not quote gets that said plainly, never someone else's words. Its
// own words are in lang; the quotes stay verbatim in English.
func quote(base *knowledge.Base, msgs *answer.Messages, lang, speaker string, pick func(int) int) (Response, error) {
	speaker = strings.TrimSpace(speaker)
	if speaker == "" {
		if len(base.Quotes) == 0 {
			return Response{}, &UserError{msgs.Text(lang, answer.MsgQuoteNoneAtAll, nil)}
		}
		q := base.Quotes[pick(len(base.Quotes))]
		m, _ := base.Member(q.Speaker)
		return quoteResponse(base, msgs, lang, m, []knowledge.Quote{q}), nil
	}
	ms := base.Select(speaker)
	if len(ms) == 0 {
		return Response{}, &UserError{msgs.Text(lang, answer.MsgQuoteNoMatch, map[string]any{"Speaker": speaker})}
	}
	if len(ms) > 1 {
		for _, m := range ms {
			if len(base.QuotesBy(m.ID)) > 0 {
				ms = []knowledge.Member{m}
				break
			}
		}
	}
	m := ms[0]
	qs := base.QuotesBy(m.ID)
	if len(qs) == 0 {
		return Response{
			Title:  speakerTitle(base, lang, m),
			Text:   msgs.Text(lang, answer.MsgQuoteNoneFrom, map[string]any{"Name": m.Name, "Quoted": quotedNames(base)}),
			Footer: sourceLine(base, msgs, lang, m.Passage),
		}, nil
	}
	return quoteResponse(base, msgs, lang, m, qs), nil
}

// quoteResponse shows quotes verbatim, in English as the article prints
// them; in another language they are introduced as quoted in English, so
// no one takes them for a translation.
func quoteResponse(base *knowledge.Base, msgs *answer.Messages, lang string, m knowledge.Member, qs []knowledge.Quote) Response {
	var parts, ids []string
	for _, q := range qs {
		parts = append(parts, fmt.Sprintf("> “%s”\n— %s, %s", q.Text, speakers(base, msgs, lang, q), base.QuoteContext(q, lang)))
		ids = append(ids, q.Passage)
	}
	return Response{
		Title:  speakerTitle(base, lang, m),
		Text:   msgs.QuotedInEnglish(lang) + strings.Join(parts, "\n\n"),
		Footer: sourceLine(base, msgs, lang, ids...),
	}
}

// speakers names everyone the article gives a quote to: "Keir Starmer and
// Mark Rutte".
func speakers(base *knowledge.Base, msgs *answer.Messages, lang string, q knowledge.Quote) string {
	var names []string
	for _, id := range append([]string{q.Speaker}, q.With...) {
		if m, ok := base.Member(id); ok {
			names = append(names, m.Name)
		}
	}
	return msgs.Join(lang, names)
}

// speakerTitle is the member with flag and title, the title in lang.
func speakerTitle(base *knowledge.Base, lang string, m knowledge.Member) string {
	flag := ""
	if c, ok := base.Country(m.Country); ok {
		flag = c.Flag
	} else if in, ok := base.Institution(m.Institution); ok {
		flag = in.Flag
	}
	return strings.TrimSpace(fmt.Sprintf("%s %s, %s", flag, m.Name, base.MemberTitle(m.ID, lang)))
}

// quotedNames lists the members the article quotes.
func quotedNames(base *knowledge.Base) string {
	var names []string
	for _, m := range base.Members {
		if len(base.QuotesBy(m.ID)) > 0 {
			names = append(names, m.Name)
		}
	}
	return strings.Join(names, ", ")
}

// speakerCandidates are the members, those the article quotes first.
func speakerCandidates(base *knowledge.Base) []Choice {
	var quoted, others []Choice
	for _, m := range base.Members {
		c := Choice{Name: m.Name + " (" + m.Title + ")", Value: m.Name}
		if len(base.QuotesBy(m.ID)) > 0 {
			quoted = append(quoted, c)
		} else {
			others = append(others, c)
		}
	}
	return append(quoted, others...)
}
