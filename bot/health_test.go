package bot

import (
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
)

func TestHealth(t *testing.T) {
	tests := []struct {
		name  string
		ready bool
		ack   time.Time
		want  bool
	}{
		{"connected, recent ack", true, time.Now().Add(-10 * time.Second), true},
		{"not ready", false, time.Now(), false},
		{"acks stopped", true, time.Now().Add(-2 * maxAckAge), false},
		{"never acked", true, time.Time{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var h Health
			h.follow(&discordgo.Session{DataReady: tt.ready, LastHeartbeatAck: tt.ack})
			if got := h.Healthy(); got != tt.want {
				t.Errorf("Healthy() = %v, want %v", got, tt.want)
			}
		})
	}
	var h Health
	if h.Healthy() {
		t.Error("Healthy() with no session = true, want false")
	}
}
