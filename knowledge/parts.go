package knowledge

import "slices"

// opensAt reports whether a question opens at toks[i], after any fillers
// (", like why was it formed").
func opensAt(toks []token, i int) bool {
	for ; i < len(toks); i++ {
		if l := toks[i].lex; l.opens() || !l.skip {
			return l.opens()
		}
	}
	return false
}

// questionParts splits a question into the parts that ask something, each
// read, with pronouns resolved against the part before. It returns nil
// when no part on its own is a question (then the text is read whole).
func (b *Base) questionParts(toks []token) []Query {
	var groups [][]token
	start := 0
	for i := 1; i < len(toks); i++ {
		// A sentence ends a part; a comma or a clause break ("and",
		// "also") only when a question follows: "who represents Italy,
		// France and Spain" is one question.
		opensNext := i+1 < len(toks) && toks[i+1].lex.opens()
		if toks[i].stop || (toks[i].comma && opensAt(toks, i)) || (toks[i].lex.clauseBreak && opensNext) {
			groups = append(groups, toks[start:i])
			start = i
		}
	}
	groups = append(groups, toks[start:])
	if len(groups) == 1 {
		return nil
	}
	var parts []Query
	var prev *Query
	toBot := false
	for _, g := range groups {
		for len(g) > 0 && g[0].lex.clauseBreak {
			g = g[1:] // "also who's there for Denmark"
		}
		if len(g) == 0 {
			continue
		}
		q := b.read("", g)
		q.Text = q.Joined()
		if prev != nil {
			q = b.resolvePronouns(q, g, *prev)
		}
		prev = &q
		switch {
		case b.isQuestion(q, g) && len(q.Content())+len(q.Mentions)+len(q.Offices)+len(q.Regions) > 0:
			parts = append(parts, q)
		case q.AddressesBot:
			toBot = true // "…, your honest opinion": the question is put to the bot
		}
	}
	for i := range parts {
		parts[i].AddressesBot = parts[i].AddressesBot || toBot
	}
	return parts
}

// WithSubject reads a question again with the bot's subject in place of
// the "it" it asks about, when it names nothing else, or reports false:
// "what is it for?" may ask what the coalition is for. The curated stage
// tries it when the question as asked matches nothing ("what building was
// it in?" is about the summit, and matches as asked).
func (b *Base) WithSubject(q Query) (Query, bool) {
	if len(q.Mentions) > 0 || len(q.Parts) > 0 || !slices.ContainsFunc(q.lex, func(l *lexeme) bool { return l.subjectPronoun }) {
		return q, false
	}
	toks := make([]token, 0, len(q.Words)+len(b.lang.defaultSubject))
	for i, w := range q.Words {
		toks = append(toks, token{word: w, lex: q.lex[i]})
	}
	if q.Questioned {
		toks[len(toks)-1].question = true
	}
	for _, w := range b.lang.defaultSubject {
		toks = append(toks, token{word: w, lex: b.lexemeOf(w)})
	}
	return b.read(q.Text, toks), true
}

// isQuestion reports whether a part asks something: it holds a question
// word, opens like a question or ends with "?".
func (b *Base) isQuestion(q Query, g []token) bool {
	return q.Ask != "" || g[0].lex.opens() || g[len(g)-1].question
}

// resolvePronouns lets a part that names nothing but uses a pronoun ("and
// where did he post it") speak of what the part before named: its first
// entity, or failing that its subject; when the part before has a pronoun
// of its own, both speak of the bot's subject, the coalition.
func (b *Base) resolvePronouns(q Query, g []token, prev Query) Query {
	if len(q.Mentions) > 0 || !q.hasPronoun() {
		return q
	}
	var add []token
	if len(prev.Mentions) > 0 {
		m := prev.Mentions[0]
		for _, w := range prev.Words[m.Start:m.End] {
			add = append(add, token{word: w, lex: b.lexemeOf(w)})
		}
	} else {
		subject := prev.subject()
		if prev.hasPronoun() {
			subject = b.lang.defaultSubject // "who convened it and what does it want": both the coalition
		}
		for _, w := range subject {
			add = append(add, token{word: w, lex: b.lexemeOf(w)})
		}
	}
	if len(add) == 0 {
		return q
	}
	return b.read(q.Text, append(slices.Clone(g), add...))
}

func (q Query) hasPronoun() bool {
	return slices.ContainsFunc(q.lex, func(l *lexeme) bool { return l.pronoun })
}

// subject is what a part without entities speaks of, for a pronoun after
// it: its first run of content words, at most three ("the Black Sea deal",
// "the Kremlin").
func (q Query) subject() []string {
	var run []string
	for i, w := range q.Words {
		switch {
		case q.lex[i].content() && len(run) < 3:
			run = append(run, w)
		case len(run) > 0:
			return run
		}
	}
	return run
}
