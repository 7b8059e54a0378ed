package bot

import (
	"context"
	"log/slog"
	"sync"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/coalitionbot/coalitionbot/commands"
)

// seam plays an HTTP interactions endpoint: it records the first response
// and the edits, and whether an edit came before the response was sent.
type seam struct {
	mu        sync.Mutex
	responses []*discordgo.InteractionResponse
	edits     []*discordgo.WebhookEdit
	early     bool
}

func (s *seam) respond(resp *discordgo.InteractionResponse) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.responses = append(s.responses, resp)
	return nil
}

func (s *seam) InteractionResponseEdit(_ *discordgo.Interaction, edit *discordgo.WebhookEdit, _ ...discordgo.RequestOption) (*discordgo.Message, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.early = s.early || len(s.responses) == 0
	s.edits = append(s.edits, edit)
	return &discordgo.Message{}, nil
}

func TestInteractionsSeam(t *testing.T) {
	slow := commands.Command{
		Name: "slow", Description: "Slow", Slow: true,
		Handle: func(context.Context, commands.Request) (commands.Response, error) {
			return commands.Response{Text: "done"}, nil
		},
	}
	tests := []struct {
		name      string
		i         *discordgo.Interaction
		wantType  discordgo.InteractionResponseType
		wantEdits int
	}{
		{"ping", &discordgo.Interaction{Type: discordgo.InteractionPing}, discordgo.InteractionResponsePong, 0},
		{"slow command", &discordgo.Interaction{Type: discordgo.InteractionApplicationCommand, Data: discordgo.ApplicationCommandInteractionData{Name: "slow"}},
			discordgo.InteractionResponseDeferredChannelMessageWithSource, 1},
		{"button", &discordgo.Interaction{Type: discordgo.InteractionMessageComponent, Data: discordgo.MessageComponentInteractionData{}},
			discordgo.InteractionResponseChannelMessageWithSource, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &seam{}
			x := NewInteractions(commands.Table{slow}, nil, s, nil, nil, nil, slog.New(slog.DiscardHandler))
			x.Handle(context.Background(), tt.i, s.respond)
			if len(s.responses) != 1 || s.responses[0].Type != tt.wantType {
				t.Fatalf("first responses = %+v, want one of type %d", s.responses, tt.wantType)
			}
			if len(s.edits) != tt.wantEdits || s.early {
				t.Errorf("%d edits (one before the first response: %v), want %d after it", len(s.edits), s.early, tt.wantEdits)
			}
		})
	}
}
