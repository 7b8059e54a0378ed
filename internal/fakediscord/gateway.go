package fakediscord

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
)

// privilegedIntents need approval in the Developer Portal; the fake's
// application has none, as a new bot's would.
const privilegedIntents = discordgo.IntentGuildMembers | discordgo.IntentGuildPresences | discordgo.IntentMessageContent

// allIntents is every intent bit Discord defines today.
const allIntents = discordgo.Intent(1<<26 - 1)

// replayWindow is how many events a session keeps for a resume; like
// Discord's, the window is finite.
const replayWindow = 256

// frame is one gateway payload.
type frame struct {
	Op int    `json:"op"`
	D  any    `json:"d"`
	S  *int64 `json:"s"`
	T  string `json:"t,omitempty"`
}

// gwConn is one websocket connection to the gateway.
type gwConn struct {
	ws   *websocket.Conn
	wmu  sync.Mutex
	sess *gwSession // guarded by Server.mu
}

func (c *gwConn) send(fr frame) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	return c.ws.WriteJSON(fr)
}

// close sends a close frame with code, as Discord does on errors, and
// drops the connection.
func (c *gwConn) close(code int, reason string) {
	c.wmu.Lock()
	c.ws.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(code, reason), time.Now().Add(time.Second))
	c.wmu.Unlock()
	c.ws.Close()
}

// gwSession is an identified gateway session, which outlives its
// connection so it can be resumed.
type gwSession struct {
	id      string
	shard   [2]int
	intents discordgo.Intent
	seq     int64
	backlog []frame // the latest dispatches, for replay on resume
	conn    *gwConn
}

// getGateway answers the gateway lookup; it needs no authentication.
func (f *Server) getGateway(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"url": f.gatewayURL()})
}

func (f *Server) getGatewayBot(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{
		"url":    f.gatewayURL(),
		"shards": 1,
		"session_start_limit": map[string]int{
			"total": 1000, "remaining": 999, "reset_after": 14400000, "max_concurrency": 1,
		},
	})
}

func (f *Server) gatewayURL() string {
	return "ws" + strings.TrimPrefix(f.srv.URL, "http") + "/ws"
}

// serveGateway runs one gateway connection: HELLO, then the client's
// opcodes until it goes away.
func (f *Server) serveGateway(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if q.Get("encoding") != "json" {
		f.errorf("gateway connection with encoding %q, want json", q.Get("encoding"))
	}
	ws, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		f.errorf("gateway upgrade: %v", err)
		return
	}
	c := &gwConn{ws: ws}
	f.mu.Lock()
	f.conns[c] = true
	f.touch()
	f.mu.Unlock()
	defer f.disconnect(c)
	if v := q.Get("v"); v != "9" && v != "10" {
		c.close(4012, "Invalid API version.")
		return
	}
	if c.send(frame{Op: 10, D: map[string]int64{"heartbeat_interval": f.opts.HeartbeatInterval.Milliseconds()}}) != nil {
		return
	}
	for {
		var in struct {
			Op int             `json:"op"`
			D  json.RawMessage `json:"d"`
		}
		if err := ws.ReadJSON(&in); err != nil {
			return
		}
		if !f.handleOp(c, in.Op, in.D) {
			return
		}
	}
}

// handleOp answers one client payload; false ends the connection.
func (f *Server) handleOp(c *gwConn, op int, d json.RawMessage) bool {
	switch op {
	case 1: // heartbeat
		f.mu.Lock()
		f.heartbeats++
		f.touch()
		f.mu.Unlock()
		return c.send(frame{Op: 11}) == nil
	case 2:
		return f.identify(c, d)
	case 6:
		return f.resume(c, d)
	case 3, 4, 8: // presence, voice state, guild members: accepted, unused
		return true
	}
	c.close(4001, "Unknown opcode.")
	return false
}

// tokenOK accepts the token with or without the "Bot " prefix, as Discord
// does on the gateway.
func (f *Server) tokenOK(token string) bool {
	return strings.TrimPrefix(token, "Bot ") == f.opts.Token
}

func (f *Server) identify(c *gwConn, d json.RawMessage) bool {
	var id struct {
		Token   string           `json:"token"`
		Intents discordgo.Intent `json:"intents"`
		Shard   *[2]int          `json:"shard"`
	}
	if err := json.Unmarshal(d, &id); err != nil {
		c.close(4002, "Error while decoding payload.")
		return false
	}
	f.mu.Lock()
	f.identifies = append(f.identifies, Identify{Intents: id.Intents, Shard: id.Shard, TokenOK: f.tokenOK(id.Token)})
	f.touch()
	already := c.sess != nil
	f.mu.Unlock()
	shard := [2]int{0, 1}
	if id.Shard != nil {
		shard = *id.Shard
	}
	switch {
	case already:
		c.close(4005, "Already authenticated.")
	case !f.tokenOK(id.Token):
		c.close(4004, "Authentication failed.")
	case id.Intents&^allIntents != 0:
		c.close(4013, "Invalid intent(s).")
	case id.Intents&privilegedIntents != 0:
		c.close(4014, "Disallowed intent(s).")
	case shard[1] < 1 || shard[0] < 0 || shard[0] >= shard[1]:
		c.close(4010, "Invalid shard.")
	default:
		f.mu.Lock()
		defer f.mu.Unlock()
		s := &gwSession{id: "session-" + f.id(), shard: shard, intents: id.Intents, conn: c}
		f.sessions[s.id] = s
		c.sess = s
		f.readies++
		f.dispatchLocked(s, "READY", map[string]any{
			"v":                  10,
			"user":               map[string]any{"id": BotID, "username": BotName, "discriminator": "0", "bot": true},
			"guilds":             []any{},
			"session_id":         s.id,
			"resume_gateway_url": f.gatewayURL(),
			"shard":              shard,
			"application":        map[string]any{"id": AppID, "flags": 0},
		})
		return true
	}
	return false
}

func (f *Server) resume(c *gwConn, d json.RawMessage) bool {
	var rs struct {
		Token     string `json:"token"`
		SessionID string `json:"session_id"`
		Seq       int64  `json:"seq"`
	}
	if err := json.Unmarshal(d, &rs); err != nil {
		c.close(4002, "Error while decoding payload.")
		return false
	}
	if !f.tokenOK(rs.Token) {
		c.close(4004, "Authentication failed.")
		return false
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	s, ok := f.sessions[rs.SessionID]
	if !ok || s.conn != nil {
		// Not resumable: the client must identify afresh.
		return c.send(frame{Op: 9, D: false}) == nil
	}
	s.conn, c.sess = c, s
	for _, fr := range s.backlog {
		if *fr.S > rs.Seq {
			c.send(fr)
		}
	}
	f.resumes++
	f.dispatchLocked(s, "RESUMED", map[string]any{})
	return true
}

// disconnect forgets a connection; its session stays resumable.
func (f *Server) disconnect(c *gwConn) {
	f.mu.Lock()
	delete(f.conns, c)
	if c.sess != nil && c.sess.conn == c {
		c.sess.conn = nil
	}
	f.touch()
	f.mu.Unlock()
	c.ws.Close()
}

// dispatchLocked sends an event to a session, numbered and kept for replay;
// a disconnected session gets it when it resumes. Call with f.mu held, so
// events are written in sequence order.
func (f *Server) dispatchLocked(s *gwSession, event string, data any) {
	s.seq++
	seq := s.seq
	fr := frame{Op: 0, T: event, S: &seq, D: data}
	if len(s.backlog) == replayWindow {
		s.backlog = append(s.backlog[:0], s.backlog[1:]...)
	}
	s.backlog = append(s.backlog, fr)
	if s.conn != nil {
		s.conn.send(fr) // a failed write is a lost connection: resume replays
	}
}

// sessionFor returns the session that receives events of a guild: the
// shard Discord's formula picks ((guild_id >> 22) % shards), shard 0 for
// DMs; the newest such session.
func (f *Server) sessionFor(guildID string) *gwSession {
	var best *gwSession
	for _, s := range f.sessions {
		want := 0
		if guildID != "" {
			id, _ := strconv.ParseUint(guildID, 10, 64)
			want = int((id >> 22) % uint64(s.shard[1]))
		}
		if s.shard[0] == want && (best == nil || s.id > best.id) {
			best = s
		}
	}
	return best
}

// Drop cuts every gateway connection without a close frame, as a network
// failure would. Sessions stay resumable.
func (f *Server) Drop() {
	for _, c := range f.liveConns() {
		c.ws.UnderlyingConn().Close()
	}
}

// EndSessions forgets every gateway session and cuts the connections, as
// when Discord invalidates a bot's sessions: a resume is answered with op 9
// (invalid session), so the bot must identify and gets a new session.
func (f *Server) EndSessions() {
	f.mu.Lock()
	clear(f.sessions)
	f.mu.Unlock()
	f.Drop()
}

// CloseWith closes every gateway connection with a close frame carrying
// code, as Discord does when it ends a session (4004: authentication
// failed, 4014: disallowed intents, ...).
func (f *Server) CloseWith(code int, reason string) {
	for _, c := range f.liveConns() {
		c.close(code, reason)
	}
}

func (f *Server) liveConns() []*gwConn {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := make([]*gwConn, 0, len(f.conns))
	for c := range f.conns {
		out = append(out, c)
	}
	return out
}
