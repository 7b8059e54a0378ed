// Package fakediscord is a fake Discord for tests: an httptest server with
// the REST API and the websocket gateway a bot uses, faithful enough that an
// unmodified discordgo session connects to it, identifies, resumes and
// answers interactions and messages for real.
//
// It enforces the rules that matter to a bot and fails the test when they
// are broken: message and embed limits, allowed_mentions present with an
// empty parse list on everything the bot sends, one first response per
// interaction (a second gets Discord's 40060), a first response within 3 s
// (a late one gets 10062). It records everything for assertions and offers
// waits that end on the event, with a timeout only as a guard. On demand it
// misbehaves as Discord does under load (Inject: 429 with retry_after,
// error statuses, stalls) and counts the attempts each route receives.
package fakediscord

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
)

// TB is the part of testing.TB the fake uses. Tests of the fake itself pass
// a recorder to see the rules enforced.
type TB interface {
	Helper()
	Errorf(format string, args ...any)
	Fatalf(format string, args ...any)
	Logf(format string, args ...any)
	Cleanup(func())
}

// Options configures a Server. The zero value is a usable Discord.
type Options struct {
	// Token is the bot token the fake accepts (without "Bot ").
	Token string
	// HeartbeatInterval is sent in HELLO; Discord uses about 41 s.
	HeartbeatInterval time.Duration
	// Now is the fake's clock, for the interaction deadlines.
	Now func() time.Time
	// Timeout bounds every Wait; reaching it fails the test.
	Timeout time.Duration
}

// The identities the fake gives its application and bot user.
const (
	AppID   = "1100000000000000001"
	BotID   = "1100000000000000001"
	BotName = "CoalitionBot"
)

// Server is a running fake Discord.
type Server struct {
	t    TB
	opts Options
	srv  *httptest.Server

	mu           sync.Mutex
	changed      chan struct{} // closed and replaced on every change
	nextID       uint64
	conns        map[*gwConn]bool
	sessions     map[string]*gwSession
	identifies   []Identify
	readies      int
	resumes      int
	heartbeats   int
	commands     map[string][]*discordgo.ApplicationCommand // by guild ID, "" for global
	interactions map[string]*interaction                    // by ID
	byToken      map[string]*interaction
	messages     map[string]map[string]any // by ID, as Discord would return them
	sent         []Sent
	sentFor      map[string][]int // indexes into sent, by interaction ID
	typing       []string         // channel IDs
	faults       map[Route]*injected
	attempts     map[Route]int
}

// New starts a fake Discord that the test closes when it ends.
func New(t TB, opts Options) *Server {
	t.Helper()
	if opts.Token == "" {
		opts.Token = "fake-bot-token"
	}
	if opts.HeartbeatInterval == 0 {
		opts.HeartbeatInterval = 41250 * time.Millisecond
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Timeout == 0 {
		opts.Timeout = 15 * time.Second
	}
	f := &Server{
		t:            t,
		opts:         opts,
		changed:      make(chan struct{}),
		nextID:       1200000000000000000,
		conns:        map[*gwConn]bool{},
		sessions:     map[string]*gwSession{},
		commands:     map[string][]*discordgo.ApplicationCommand{},
		interactions: map[string]*interaction{},
		byToken:      map[string]*interaction{},
		messages:     map[string]map[string]any{},
		sentFor:      map[string][]int{},
		faults:       map[Route]*injected{},
		attempts:     map[Route]int{},
	}
	f.srv = httptest.NewServer(f.routes())
	t.Cleanup(f.Close)
	return f
}

// URL is the base URL to give the bot in place of https://discord.com.
func (f *Server) URL() string { return f.srv.URL }

// Token is the bot token the fake accepts.
func (f *Server) Token() string { return f.opts.Token }

// Close drops every gateway connection and stops the server.
func (f *Server) Close() {
	f.mu.Lock()
	conns := make([]*gwConn, 0, len(f.conns))
	for c := range f.conns {
		conns = append(conns, c)
	}
	f.mu.Unlock()
	for _, c := range conns {
		c.ws.Close()
	}
	f.srv.Close()
}

// routes maps Discord's endpoints, under any API version, to the fake.
func (f *Server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /ws", f.serveGateway)
	mux.HandleFunc("GET /ws/", f.serveGateway)
	api := func(pattern string, h http.HandlerFunc) {
		method, path, _ := strings.Cut(pattern, " ")
		mux.HandleFunc(method+" /api/{version}"+path, f.versioned(h))
	}
	api("GET /gateway", f.faulty(RouteGateway, f.getGateway))
	api("GET /gateway/bot", f.faulty(RouteGateway, f.authed(f.getGatewayBot)))
	api("PUT /applications/{app}/commands", f.faulty(RouteCommands, f.authed(f.putCommands)))
	api("PUT /applications/{app}/guilds/{guild}/commands", f.faulty(RouteCommands, f.authed(f.putCommands)))
	api("POST /interactions/{id}/{token}/callback", f.faulty(RouteCallback, f.postCallback))
	api("PATCH /webhooks/{app}/{token}/messages/{message}", f.faulty(RouteEdit, f.patchWebhookMessage))
	api("POST /webhooks/{app}/{token}", f.faulty(RouteFollowup, f.postFollowup))
	api("POST /channels/{channel}/messages", f.faulty(RouteMessage, f.authed(f.postChannelMessage)))
	api("PATCH /channels/{channel}/messages/{message}", f.faulty(RouteMessageEdit, f.authed(f.patchChannelMessage)))
	api("POST /channels/{channel}/typing", f.faulty(RouteTyping, f.authed(f.postTyping)))
	api("GET /channels/{channel}/messages/{message}", f.authed(f.getChannelMessage))
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		f.t.Errorf("fakediscord: unexpected request %s %s", r.Method, r.URL.Path)
		writeError(w, http.StatusNotFound, 0, "404: Not Found")
	})
	return mux
}

// versioned accepts the API versions discordgo may use.
func (f *Server) versioned(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if v := r.PathValue("version"); v != "v9" && v != "v10" {
			f.t.Errorf("fakediscord: API version %q is not supported", v)
			writeError(w, http.StatusNotFound, 0, "404: Not Found")
			return
		}
		h(w, r)
	}
}

// touch wakes the waiters; call with f.mu held.
func (f *Server) touch() {
	close(f.changed)
	f.changed = make(chan struct{})
}

// id returns a new snowflake-like ID; call with f.mu held.
func (f *Server) id() string {
	f.nextID++
	return strconv.FormatUint(f.nextID, 10)
}

// wait blocks until cond, evaluated with f.mu held, holds, and fails the
// test if it does not within the timeout.
func (f *Server) wait(what string, cond func() bool) {
	f.t.Helper()
	timer := time.NewTimer(f.opts.Timeout)
	defer timer.Stop()
	for {
		f.mu.Lock()
		ok, changed := cond(), f.changed
		f.mu.Unlock()
		if ok {
			return
		}
		select {
		case <-changed:
		case <-timer.C:
			f.t.Fatalf("fakediscord: timed out after %v waiting for %s", f.opts.Timeout, what)
			return
		}
	}
}

// upgrader accepts the bot's gateway connection.
var upgrader = websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}

// errorf fails the test with the fake's prefix.
func (f *Server) errorf(format string, args ...any) {
	f.t.Errorf("fakediscord: %s", fmt.Sprintf(format, args...))
}
