package bot

import (
	"net/url"
	"slices"

	"github.com/bwmarrin/discordgo"

	"github.com/coalitionbot/coalitionbot/answer"
	"github.com/coalitionbot/coalitionbot/commands"
	"github.com/coalitionbot/coalitionbot/internal/pings"
)

// Discord's limits on buttons.
const (
	maxRowButtons  = 5
	maxButtonLabel = 80
	maxButtonURL   = 512
	maxCustomID    = 100
)

// components are the buttons under a response: 👍 and 👎 under an answer,
// so users can say whether it helped, and a link button to each web page
// it rests on (at most one row of them).
func components(w words, r commands.Response) []discordgo.MessageComponent {
	var rows []discordgo.MessageComponent
	if r.Question != "" && knownRoute(r.Route) {
		hash := questionHash(r.Question)
		rows = append(rows, discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			feedbackButton(w, voteUp, r.Route, hash),
			feedbackButton(w, voteDown, r.Route, hash),
		}})
	}
	if links := linkButtons(r.Links); len(links) > 0 {
		rows = append(rows, discordgo.ActionsRow{Components: links})
	}
	return rows
}

// feedbackButton is one of the two vote buttons, labelled in w's language.
func feedbackButton(w words, vote, route, hash string) discordgo.Button {
	emoji, label := "👍", answer.MsgFeedbackUp
	if vote == voteDown {
		emoji, label = "👎", answer.MsgFeedbackDown
	}
	return discordgo.Button{
		Style:    discordgo.SecondaryButton,
		Label:    Truncate(w.text(label), maxButtonLabel),
		Emoji:    &discordgo.ComponentEmoji{Name: emoji},
		CustomID: feedbackID(vote, route, hash),
	}
}

// linkButtons are link buttons to the distinct web pages among links, in
// order, at most a row of them. Only http and https addresses within
// Discord's length are linked: a response's links come from documents an
// operator added, and a button must never open anything else.
func linkButtons(links []commands.Link) []discordgo.MessageComponent {
	var out []discordgo.MessageComponent
	var seen []string
	for _, l := range links {
		u, err := url.Parse(l.URL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || len(l.URL) > maxButtonURL || slices.Contains(seen, l.URL) {
			continue
		}
		seen = append(seen, l.URL)
		label := Truncate(pings.Defuse(answer.Clean(l.Label)), maxButtonLabel)
		if label == "" {
			label = Truncate(u.Host, maxButtonLabel)
		}
		out = append(out, discordgo.Button{Style: discordgo.LinkButton, Label: label, URL: l.URL})
		if len(out) == maxRowButtons {
			break
		}
	}
	return out
}
