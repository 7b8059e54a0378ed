package fakediscord

import (
	"encoding/json"
	"fmt"
	"net/url"

	"github.com/bwmarrin/discordgo"
)

// Discord's limits on message components (buttons in action rows).
const (
	limitRows        = 5
	limitRowButtons  = 5
	limitCustomID    = 100
	limitButtonLabel = 80
	limitButtonURL   = 512
)

// Button is one button of a message the bot sent, in its action row.
type Button struct {
	Style discordgo.ButtonStyle
	Label string
	// Emoji is the name of the button's emoji (a Unicode emoji), "" for
	// none.
	Emoji    string
	CustomID string
	URL      string
}

// component is a message component as the bot sends it: an action row,
// or a button in one.
type component struct {
	Type       discordgo.ComponentType `json:"type"`
	Components []component             `json:"components"`
	Style      discordgo.ButtonStyle   `json:"style"`
	Label      string                  `json:"label"`
	Emoji      *struct {
		Name string `json:"name"`
	} `json:"emoji"`
	CustomID string `json:"custom_id"`
	URL      string `json:"url"`
}

// decodeComponents reads a message's components into rows of buttons and
// lists the rules they break. Absent or null components are nil rows and
// no problem.
func decodeComponents(raw json.RawMessage) ([][]Button, []string) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	var rows []component
	if err := json.Unmarshal(raw, &rows); err != nil {
		return nil, []string{"decode components: " + err.Error()}
	}
	var problems []string
	if len(rows) > limitRows {
		problems = append(problems, fmt.Sprintf("%d action rows, limit %d", len(rows), limitRows))
	}
	out := make([][]Button, 0, len(rows))
	ids := map[string]bool{}
	for i, row := range rows {
		at := fmt.Sprintf("components[%d]", i)
		if row.Type != discordgo.ActionsRowComponent {
			problems = append(problems, fmt.Sprintf("%s has type %d, want an action row (1) at the top level", at, row.Type))
			continue
		}
		if n := len(row.Components); n < 1 || n > limitRowButtons {
			problems = append(problems, fmt.Sprintf("%s has %d buttons, want 1 to %d", at, n, limitRowButtons))
		}
		var buttons []Button
		for j, c := range row.Components {
			b, ps := checkButton(fmt.Sprintf("%s.components[%d]", at, j), c, ids)
			problems = append(problems, ps...)
			buttons = append(buttons, b)
		}
		out = append(out, buttons)
	}
	return out, problems
}

// checkButton applies Discord's rules for one button: a link button (style
// 5) has an http(s) URL and no custom_id, any other a custom_id of 1 to 100
// characters, unique in the message, and no URL; a label or an emoji, the
// label at most 80 characters.
func checkButton(at string, c component, ids map[string]bool) (Button, []string) {
	b := Button{Style: c.Style, Label: c.Label, CustomID: c.CustomID, URL: c.URL}
	if c.Emoji != nil {
		b.Emoji = c.Emoji.Name
	}
	if c.Type != discordgo.ButtonComponent {
		return b, []string{fmt.Sprintf("%s has type %d, want a button (2)", at, c.Type)}
	}
	var problems []string
	switch {
	case c.Style == discordgo.LinkButton:
		if c.CustomID != "" {
			problems = append(problems, at+": a link button has no custom_id")
		}
		if u, err := url.Parse(c.URL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			problems = append(problems, fmt.Sprintf("%s: url %q is not an http or https address", at, c.URL))
		}
		problems = append(problems, checkText(at+".url", c.URL, limitButtonURL)...)
	case c.Style >= discordgo.PrimaryButton && c.Style <= discordgo.DangerButton:
		if c.URL != "" {
			problems = append(problems, at+": only link buttons have a url")
		}
		if n := runes(c.CustomID); n < 1 || n > limitCustomID {
			problems = append(problems, fmt.Sprintf("%s: custom_id is %d characters, want 1 to %d", at, n, limitCustomID))
		}
		if ids[c.CustomID] {
			problems = append(problems, fmt.Sprintf("%s: custom_id %q used twice in the message", at, c.CustomID))
		}
		ids[c.CustomID] = true
	default:
		problems = append(problems, fmt.Sprintf("%s: style %d is not a button style the bot may use", at, c.Style))
	}
	if c.Label == "" && b.Emoji == "" {
		problems = append(problems, at+": a button needs a label or an emoji")
	}
	problems = append(problems, checkText(at+".label", c.Label, limitButtonLabel)...)
	return b, problems
}
