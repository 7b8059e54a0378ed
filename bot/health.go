package bot

import (
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"
)

// maxAckAge is how old the last heartbeat acknowledgement may be for the
// connection to count as alive: Discord asks for a heartbeat about every
// 41 s, so two missed in a row make the bot unhealthy (discordgo itself
// reconnects after five).
const maxAckAge = 90 * time.Second

// Health follows the gateway connection of a running bot, for /healthz:
// an orchestrator restarts a bot whose connection is stuck rather than
// let it look alive while answering no one.
type Health struct {
	session atomic.Pointer[discordgo.Session]
}

// follow points h at the session Run uses (nil when Run ends).
func (h *Health) follow(s *discordgo.Session) { h.session.Store(s) }

// Healthy reports whether the bot is connected (READY received) and
// Discord acknowledged a heartbeat within maxAckAge.
func (h *Health) Healthy() bool {
	s := h.session.Load()
	if s == nil {
		return false
	}
	s.RLock()
	ready, ack := s.DataReady, s.LastHeartbeatAck
	s.RUnlock()
	return ready && !ack.IsZero() && time.Since(ack) < maxAckAge
}
