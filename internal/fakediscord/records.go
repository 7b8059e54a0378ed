package fakediscord

import (
	"encoding/json"
	"fmt"

	"github.com/bwmarrin/discordgo"
)

// Kind says which request carried a message the bot sent.
type Kind string

// The kinds of message-bearing requests.
const (
	Callback       Kind = "callback"     // POST /interactions/{id}/{token}/callback
	Edit           Kind = "edit"         // PATCH /webhooks/{app}/{token}/messages/{id}
	Followup       Kind = "followup"     // POST /webhooks/{app}/{token}
	ChannelMessage Kind = "message"      // POST /channels/{id}/messages
	MessageEdit    Kind = "message_edit" // PATCH /channels/{id}/messages/{id}
)

// Sent is one message-bearing request from the bot, as the fake received it.
type Sent struct {
	Kind          Kind
	InteractionID string // callbacks, edits and follow-ups
	ChannelID     string // channel messages
	MessageID     string // the message created or edited, when there is one
	// Type is a callback's interaction response type.
	Type    discordgo.InteractionResponseType
	Content string
	Embeds  []*discordgo.MessageEmbed
	Flags   discordgo.MessageFlags
	Choices []*discordgo.ApplicationCommandOptionChoice
	// Buttons are the message's components: its action rows of buttons.
	Buttons   [][]Button
	Reference *discordgo.MessageReference
	// AllowedMentions is the allowed_mentions object exactly as sent.
	AllowedMentions json.RawMessage
	// Status is the HTTP status the fake answered with; Code is Discord's
	// error code when it refused.
	Status int
	Code   int
}

// Text is everything a user reads in the message: content, then each
// embed's title, description, fields and footer, one per line.
func (s Sent) Text() string {
	out := s.Content
	add := func(t string) {
		if t != "" {
			out += "\n" + t
		}
	}
	for _, e := range s.Embeds {
		add(e.Title)
		add(e.Description)
		for _, f := range e.Fields {
			add(f.Name)
			add(f.Value)
		}
		if e.Footer != nil {
			add(e.Footer.Text)
		}
	}
	return out
}

// Identify is an IDENTIFY the gateway received.
type Identify struct {
	Intents discordgo.Intent
	Shard   *[2]int
	// TokenOK reports whether the token was the one the fake accepts.
	TokenOK bool
}

// Sent returns every message-bearing request so far, in order.
func (f *Server) Sent() []Sent {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]Sent(nil), f.sent...)
}

// Replies returns the requests answering one interaction, in order.
func (f *Server) Replies(interactionID string) []Sent {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []Sent
	for _, i := range f.sentFor[interactionID] {
		out = append(out, f.sent[i])
	}
	return out
}

// Identifies returns the IDENTIFYs received so far.
func (f *Server) Identifies() []Identify {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]Identify(nil), f.identifies...)
}

// Commands returns the commands last registered for a guild, or globally
// for guildID "".
func (f *Server) Commands(guildID string) []*discordgo.ApplicationCommand {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.commands[guildID]
}

// Typing returns the channels the bot showed typing in, once per request.
func (f *Server) Typing() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.typing...)
}

// WaitSent waits for a sent message matching match, and returns the first.
func (f *Server) WaitSent(what string, match func(Sent) bool) Sent {
	f.t.Helper()
	var found Sent
	f.wait(what, func() bool {
		for _, s := range f.sent {
			if match(s) {
				found = s
				return true
			}
		}
		return false
	})
	return found
}

// WaitReply waits for the request of the given kind answering an
// interaction.
func (f *Server) WaitReply(interactionID string, kind Kind) Sent {
	f.t.Helper()
	var found Sent
	f.wait(fmt.Sprintf("%s for interaction %s", kind, interactionID), func() bool {
		for _, i := range f.sentFor[interactionID] {
			if f.sent[i].Kind == kind {
				found = f.sent[i]
				return true
			}
		}
		return false
	})
	return found
}

// WaitReplyTo waits for the bot's channel message replying to messageID.
func (f *Server) WaitReplyTo(messageID string) Sent {
	f.t.Helper()
	return f.WaitSent("reply to message "+messageID, func(s Sent) bool {
		return s.Kind == ChannelMessage && s.Reference != nil && s.Reference.MessageID == messageID
	})
}

// WaitReady waits until the gateway has sent n READY events in all.
func (f *Server) WaitReady(n int) {
	f.t.Helper()
	f.wait(fmt.Sprintf("READY #%d", n), func() bool { return f.readies >= n })
}

// WaitResumed waits until n sessions have been resumed in all.
func (f *Server) WaitResumed(n int) {
	f.t.Helper()
	f.wait(fmt.Sprintf("RESUMED #%d", n), func() bool { return f.resumes >= n })
}

// WaitHeartbeats waits until the gateway has acknowledged n heartbeats.
func (f *Server) WaitHeartbeats(n int) {
	f.t.Helper()
	f.wait(fmt.Sprintf("%d heartbeats", n), func() bool { return f.heartbeats >= n })
}

// WaitCommands waits for a bulk overwrite of a guild's commands (or the
// global ones for guildID "") and returns them.
func (f *Server) WaitCommands(guildID string) []*discordgo.ApplicationCommand {
	f.t.Helper()
	f.wait("commands registered for guild "+guildID, func() bool {
		_, ok := f.commands[guildID]
		return ok
	})
	return f.Commands(guildID)
}

// WaitTyping waits until the bot has shown typing in channel.
func (f *Server) WaitTyping(channel string) {
	f.t.Helper()
	f.wait("typing in "+channel, func() bool {
		for _, c := range f.typing {
			if c == channel {
				return true
			}
		}
		return false
	})
}

// WaitNoConnection waits until no gateway connection is open.
func (f *Server) WaitNoConnection() {
	f.t.Helper()
	f.wait("all gateway connections closed", func() bool { return len(f.conns) == 0 })
}
