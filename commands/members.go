package commands

import (
	"context"
	"fmt"
	"strings"

	"github.com/coalitionbot/coalitionbot/answer"
	"github.com/coalitionbot/coalitionbot/knowledge"
)

func membersCommand(base *knowledge.Base, msgs *answer.Messages) Command {
	return Command{
		Name:        "members",
		Description: "List the coalition's members, optionally filtered",
		Options: []Option{{
			Name:         "filter",
			Description:  "A country, name, role or institution, e.g. Italy, Meloni, president, NATO",
			Type:         String,
			MaxLength:    100,
			Autocomplete: true,
		}},
		Handle: func(ctx context.Context, req Request) (Response, error) {
			return members(base, msgs, msgs.Lang(req.Lang), req.Options["filter"])
		},
		Complete: func(option, prefix string) []Choice {
			return complete(prefix, filterCandidates(base))
		},
	}
}

// members lists the members a filter selects, countries first, then
// institutions, one line each with flag, name and title; its own words in
// lang.
func members(base *knowledge.Base, msgs *answer.Messages, lang, filter string) (Response, error) {
	filter = strings.TrimSpace(filter)
	ms := base.Select(filter)
	if len(ms) == 0 {
		return Response{}, &UserError{msgs.Text(lang, answer.MsgMembersNoMatch, map[string]any{"Filter": filter})}
	}
	var countries, institutions []string
	passages := map[string]bool{}
	var cited []string
	for _, m := range ms {
		if !passages[m.Passage] {
			passages[m.Passage] = true
			cited = append(cited, m.Passage)
		}
		line := memberLine(base, lang, m)
		if m.Country != "" {
			countries = append(countries, line)
		} else {
			institutions = append(institutions, line)
		}
	}
	var fields []Field
	if len(countries) > 0 {
		fields = append(fields, Field{Name: msgs.Text(lang, answer.MsgMembersCountries, nil), Value: strings.Join(countries, "\n")})
	}
	if len(institutions) > 0 {
		fields = append(fields, Field{Name: msgs.Text(lang, answer.MsgMembersInstitutions, nil), Value: strings.Join(institutions, "\n")})
	}
	title := msgs.Text(lang, answer.MsgMembersTitle, nil)
	if filter != "" {
		title = msgs.Text(lang, answer.MsgMembersTitleFiltered, map[string]any{"Filter": filter})
	}
	footer := []string{
		msgs.Plural(lang, answer.MsgMembersShown, len(base.Members), map[string]any{"Shown": len(ms)}),
		msgs.Text(lang, answer.MsgMembersStar, nil),
		msgs.Text(lang, answer.MsgMembersOfficesAsOf, map[string]any{"Date": msgs.ArticleDate(lang, base)}),
		sourceLine(base, msgs, lang, cited...),
	}
	return Response{Title: title, Fields: fields, Footer: strings.Join(footer, " · ")}, nil
}

// memberLine is "🇮🇹 Italy: **Giorgia Meloni**, Prime Minister of Italy",
// the country or institution and the title in lang.
func memberLine(base *knowledge.Base, lang string, m knowledge.Member) string {
	place, flag := "", ""
	if c, ok := base.Country(m.Country); ok {
		place, flag = base.CountryName(c.Code, lang), c.Flag
	} else if in, ok := base.Institution(m.Institution); ok {
		place, flag = base.InstitutionName(in, lang, false), in.Flag
	}
	line := strings.TrimSpace(fmt.Sprintf("%s %s: **%s**, %s", flag, place, m.Name, base.MemberTitle(m.ID, lang)))
	if m.Leader {
		line += " ★"
	}
	return line
}

// sourceLine names the article sections passages come from.
func sourceLine(base *knowledge.Base, msgs *answer.Messages, lang string, ids ...string) string {
	var sections []string
	seen := map[string]bool{}
	for _, id := range ids {
		if p, ok := base.Passage(id); ok && !seen[p.Section] {
			seen[p.Section] = true
			sections = append(sections, fmt.Sprintf("“%s”", p.Section))
		}
	}
	return msgs.Text(lang, answer.MsgSourceLine, map[string]any{"Sections": strings.Join(sections, ", ")})
}

// filterCandidates are the values /members' filter suggests: countries and
// institutions with members, names, roles and regions.
func filterCandidates(base *knowledge.Base) []Choice {
	var out []Choice
	seen := map[string]bool{}
	add := func(name, value string) {
		if !seen[value] {
			seen[value] = true
			out = append(out, Choice{Name: name, Value: value})
		}
	}
	for _, m := range base.Members {
		if c, ok := base.Country(m.Country); ok {
			add(strings.TrimSpace(c.Flag+" "+c.Name), c.Name)
		}
		if in, ok := base.Institution(m.Institution); ok {
			add(in.Name, in.Name)
		}
	}
	for _, m := range base.Members {
		add(m.Name+" ("+m.Title+")", m.Name)
	}
	for _, m := range base.Members {
		add(m.Role, m.Role)
	}
	for _, r := range base.Regions() {
		add(r, r)
	}
	return out
}
