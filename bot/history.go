package bot

import (
	"context"
	"slices"

	"github.com/bwmarrin/discordgo"

	"github.com/coalitionbot/coalitionbot/answer"
	"github.com/coalitionbot/coalitionbot/internal/pings"
)

// maxTurns bounds how far back a conversation is followed: a few turns give
// a follow-up question its context, and each costs up to two REST calls.
const maxTurns = 3

// history collects the conversation that m continues when it replies to
// one of the bot's answers: up to maxTurns question-and-answer pairs,
// oldest first, following the chain of replies back.
func (h *mentions) history(ctx context.Context, self string, m *discordgo.Message) []answer.Turn {
	var turns []answer.Turn
	for cur := m; cur != nil && len(turns) < maxTurns; {
		said := h.referenced(ctx, cur)
		if said == nil || said.Author == nil || said.Author.ID != self {
			break
		}
		turn := answer.Turn{Answer: answerText(said)}
		asked := h.referenced(ctx, said)
		if asked != nil {
			turn.Question = pings.Strip(asked.Content)
		}
		turns = append(turns, turn)
		cur = asked
	}
	slices.Reverse(turns)
	return turns
}

// referenced returns the message m replies to: from the event when Discord
// included it, else fetched. nil when m is no reply or the message is gone.
func (h *mentions) referenced(ctx context.Context, m *discordgo.Message) *discordgo.Message {
	if m.ReferencedMessage != nil {
		return m.ReferencedMessage
	}
	ref := m.MessageReference
	if ref == nil || ref.MessageID == "" {
		return nil
	}
	channel := ref.ChannelID
	if channel == "" {
		channel = m.ChannelID
	}
	msg, err := h.rest.ChannelMessage(channel, ref.MessageID, discordgo.WithContext(ctx))
	if err != nil {
		h.log.Debug("fetch replied-to message", "err", err.Error())
		return nil
	}
	return msg
}

// answerText is the answer a bot message carried: its embed's text, or its
// content for a plain reply.
func answerText(m *discordgo.Message) string {
	if len(m.Embeds) > 0 {
		if e := m.Embeds[0]; e.Description != "" {
			return e.Description
		}
		return m.Embeds[0].Title
	}
	return m.Content
}
