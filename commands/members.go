package commands

import (
	"context"
	"fmt"
	"strings"

	"github.com/coalitionbot/coalitionbot/knowledge"
)

func membersCommand(base *knowledge.Base) Command {
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
			return members(base, req.Options["filter"])
		},
		Complete: func(option, prefix string) []Choice {
			return complete(prefix, filterCandidates(base))
		},
	}
}

// members lists the members a filter selects, countries first, then
// institutions, one line each with flag, name and title.
func members(base *knowledge.Base, filter string) (Response, error) {
	filter = strings.TrimSpace(filter)
	ms := base.Select(filter)
	if len(ms) == 0 {
		return Response{}, &UserError{fmt.Sprintf("No member matches “%s”. Try a country (Italy), a name (Meloni), a role (president) or an institution (NATO).", filter)}
	}
	var countries, institutions []string
	passages := map[string]bool{}
	var cited []string
	for _, m := range ms {
		if !passages[m.Passage] {
			passages[m.Passage] = true
			cited = append(cited, m.Passage)
		}
		line := memberLine(base, m)
		if m.Country != "" {
			countries = append(countries, line)
		} else {
			institutions = append(institutions, line)
		}
	}
	var fields []Field
	if len(countries) > 0 {
		fields = append(fields, Field{Name: "Countries", Value: strings.Join(countries, "\n")})
	}
	if len(institutions) > 0 {
		fields = append(fields, Field{Name: "Institutions", Value: strings.Join(institutions, "\n")})
	}
	title := "Members of the coalition of the willing"
	if filter != "" {
		title = fmt.Sprintf("Members matching “%s”", filter)
	}
	return Response{
		Title:  title,
		Fields: fields,
		Footer: fmt.Sprintf("%d of %d members · ★ leads the coalition · offices as of %s · %s", len(ms), len(base.Members), base.ArticleDate(), sourceLine(base, cited...)),
	}, nil
}

// memberLine is "🇮🇹 Italy: **Giorgia Meloni**, Prime Minister of Italy".
func memberLine(base *knowledge.Base, m knowledge.Member) string {
	place, flag := "", ""
	if c, ok := base.Country(m.Country); ok {
		place, flag = c.Name, c.Flag
	} else if in, ok := base.Institution(m.Institution); ok {
		place, flag = in.Name, in.Flag
	}
	line := strings.TrimSpace(fmt.Sprintf("%s %s: **%s**, %s", flag, place, m.Name, m.Title))
	if m.Leader {
		line += " ★"
	}
	return line
}

// sourceLine names the article sections passages come from.
func sourceLine(base *knowledge.Base, ids ...string) string {
	var sections []string
	seen := map[string]bool{}
	for _, id := range ids {
		if p, ok := base.Passage(id); ok && !seen[p.Section] {
			seen[p.Section] = true
			sections = append(sections, fmt.Sprintf("“%s”", p.Section))
		}
	}
	return "Source: " + strings.Join(sections, ", ")
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
