package bot

import (
	"strings"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/coalitionbot/coalitionbot/answer"
	"github.com/coalitionbot/coalitionbot/commands"
	"github.com/coalitionbot/coalitionbot/internal/pings"
)

// Embed colours: Ukraine's blue for the bot's own voice, and one colour per
// answering route so regular users learn to tell a curated fact from a
// model's paraphrase at a glance.
const (
	colorDefault   = 0x0057B7
	colorCurated   = 0x2E8B57
	colorRetrieved = 0xFFD500
	colorLLM       = 0x8B5CF6
	colorRefused   = 0x95A5A6
)

// zwsp, a zero-width space, stands in for a field name or value Discord
// requires but the response lacks.
const zwsp = "\u200b"

// reply is what the bot is about to send, whatever the Discord call that
// carries it: an interaction response, an edit of one, or a channel message.
type reply struct {
	content    string
	embeds     []*discordgo.MessageEmbed
	components []discordgo.MessageComponent
	private    bool
}

// noMentions lets nothing in a message ping anyone. Parse must be an empty,
// non-nil slice: a nil one is sent as null, which Discord reads as "use the
// defaults" and lets @everyone through. A fresh value each time, so no
// caller can alter another's.
func noMentions() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}

// renderResponse turns a handler's Response into a reply of one embed that
// fits Discord's limits, with its buttons; w writes the bot's own words
// around it.
func renderResponse(w words, r commands.Response) reply {
	return reply{embeds: []*discordgo.MessageEmbed{renderEmbed(w, r)}, components: components(w, r), private: r.Private}
}

// renderProgress is an answer being written: the question, the checked
// text so far, and a footer saying it is not finished.
func renderProgress(w words, question, text string) reply {
	return renderResponse(w, commands.Response{Title: answer.Clean(question), Text: text, Footer: w.text(answer.MsgWriting)})
}

// renderText is a plain-text reply, for apologies and user errors.
func renderText(text string, private bool) reply {
	return reply{content: Truncate(pings.Defuse(text), maxContent), private: private}
}

// renderEmbed maps Title, Text, Fields and Footer onto an embed's title,
// description, fields and footer, neutralising mentions and fitting every
// limit: long fields continue in further fields rather than being cut.
func renderEmbed(w words, r commands.Response) *discordgo.MessageEmbed {
	e := &discordgo.MessageEmbed{
		Title:       Truncate(pings.Defuse(r.Title), maxTitle),
		Description: Truncate(pings.Defuse(r.Text), maxDescription),
		Color:       routeColor(r.Route),
	}
	for _, f := range r.Fields {
		e.Fields = append(e.Fields, renderField(w, f)...)
	}
	if r.Footer != "" {
		e.Footer = &discordgo.MessageEmbedFooter{Text: Truncate(pings.Defuse(r.Footer), maxFooter)}
	}
	if strings.TrimSpace(e.Title+e.Description) == "" && len(e.Fields) == 0 {
		// Discord rejects an empty embed, and one of white space only is
		// empty to it.
		e.Title, e.Description = "", ellipsis
	}
	fitEmbed(w, e)
	return e
}

// renderField renders one field, continued over as many fields as its value
// needs. Discord requires a non-empty name and value; a zero-width space
// stands in for a missing one.
func renderField(w words, f commands.Field) []*discordgo.MessageEmbedField {
	name := Truncate(pings.Defuse(f.Name), maxFieldName)
	if name == "" {
		name = zwsp
	}
	values := Split(pings.Defuse(f.Value), maxFieldValue)
	if len(values) == 0 {
		values = []string{zwsp}
	}
	out := make([]*discordgo.MessageEmbedField, len(values))
	for i, v := range values {
		n := name
		if i > 0 {
			n = Truncate(w.msgs.Text(w.lang, answer.MsgFieldContinued, map[string]any{"Name": name}), maxFieldName)
		}
		out[i] = &discordgo.MessageEmbedField{Name: n, Value: v, Inline: f.Inline}
	}
	return out
}

// fitEmbed keeps at most 25 fields and 6000 characters in all, dropping
// fields from the end and saying how many were left out, then shortening
// the description if that is still not enough.
func fitEmbed(w words, e *discordgo.MessageEmbed) {
	dropped := 0
	for len(e.Fields) > 0 && !fits(w, e, dropped) {
		e.Fields = e.Fields[:len(e.Fields)-1]
		dropped++
	}
	if dropped > 0 {
		e.Fields = append(e.Fields, droppedNote(w, dropped))
	}
	if over := embedSize(e) - maxEmbedTotal; over > 0 {
		e.Description = Truncate(e.Description, utf8.RuneCountInString(e.Description)-over)
	}
}

// fits reports whether e, plus a note about the dropped fields when there
// are any, is within the field count and the total size.
func fits(w words, e *discordgo.MessageEmbed, dropped int) bool {
	n := len(e.Fields)
	if dropped > 0 {
		n++
	}
	return n <= maxFields && embedSize(e)+noteSize(w, dropped) <= maxEmbedTotal
}

// droppedNote is the last field of an embed whose fields did not all fit.
func droppedNote(w words, n int) *discordgo.MessageEmbedField {
	return &discordgo.MessageEmbedField{Name: ellipsis, Value: Truncate(w.msgs.Plural(w.lang, answer.MsgFieldsNotShown, n, nil), maxFieldValue)}
}

// noteSize is the room the note on dropped fields may take: dropping one
// more field may add a digit to its count, or take another plural form.
func noteSize(w words, dropped int) int {
	if dropped == 0 {
		return 0
	}
	size := func(f *discordgo.MessageEmbedField) int {
		return utf8.RuneCountInString(f.Name) + utf8.RuneCountInString(f.Value)
	}
	return max(size(droppedNote(w, dropped)), size(droppedNote(w, dropped+1)))
}

// embedSize counts the characters Discord counts towards the 6000 limit.
func embedSize(e *discordgo.MessageEmbed) int {
	n := utf8.RuneCountInString(e.Title) + utf8.RuneCountInString(e.Description)
	for _, f := range e.Fields {
		n += utf8.RuneCountInString(f.Name) + utf8.RuneCountInString(f.Value)
	}
	if e.Footer != nil {
		n += utf8.RuneCountInString(e.Footer.Text)
	}
	if e.Author != nil {
		n += utf8.RuneCountInString(e.Author.Name)
	}
	return n
}

func routeColor(route string) int {
	switch answer.Route(route) {
	case answer.Curated:
		return colorCurated
	case answer.Retrieved:
		return colorRetrieved
	case answer.LLM:
		return colorLLM
	case answer.Refused:
		return colorRefused
	}
	return colorDefault
}
