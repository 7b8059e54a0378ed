package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strconv"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/coalitionbot/coalitionbot/bot"
)

const (
	// maxBody bounds what is read of a request before its signature is
	// checked: real interactions are a few KiB.
	maxBody = 64 << 10
	// firstResponseWithin is how long Discord waits for the HTTP response
	// to an interaction before telling the user it failed.
	firstResponseWithin = 3 * time.Second
	// tokenLifetime is how long an interaction's token can edit its answer:
	// a deferred answer is abandoned after that.
	tokenLifetime = 15 * time.Minute
)

// Router answers one decoded interaction: it calls respond exactly once
// with the first response, and may go on to complete a deferred answer.
// The gateway bot's interaction router is one, so both transports answer
// alike.
type Router interface {
	Handle(ctx context.Context, i *discordgo.Interaction, respond bot.Responder)
}

// Rejections counts requests refused before reaching the router;
// *metrics.Metrics is one. A signed interaction of a command with
// malformed options is a user error of that command, counted with the
// commands' own; anything else refused is a rejection.
type Rejections interface {
	Rejected(reason string)
	UserError(command string)
}

// Interactions is the POST /interactions endpoint Discord calls when the
// application's Interactions Endpoint URL points here. Nothing reaches the
// router unless it is at most 64 KiB, signed by the application's key,
// recent and a well-formed interaction.
type Interactions struct {
	verify   *Verifier
	router   Router
	rejected Rejections
	log      *slog.Logger
	// answers counts routers still at work, deferred answers included after
	// their HTTP response was sent, so shutdown can wait for them.
	answers tracker
}

// NewInteractions returns the endpoint, verifying requests with v and
// answering them with router.
func NewInteractions(v *Verifier, router Router, rejected Rejections, log *slog.Logger) *Interactions {
	return &Interactions{verify: v, router: router, rejected: rejected, log: log}
}

// ServeHTTP checks the request, then hands the interaction to the router
// and replies with the router's first response.
func (h *Interactions) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "use POST", http.StatusMethodNotAllowed)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if err != nil {
		if mbe := (*http.MaxBytesError)(nil); errors.As(err, &mbe) {
			h.reject(w, "too_large", http.StatusRequestEntityTooLarge, "body over 64 KiB")
			return
		}
		h.reject(w, "unreadable", http.StatusBadRequest, "cannot read body")
		return
	}
	if err := h.verify.Verify(r.Header.Get("X-Signature-Ed25519"), r.Header.Get("X-Signature-Timestamp"), body); err != nil {
		h.reject(w, rejectReason(err), http.StatusUnauthorized, "invalid request signature")
		return
	}
	i, err := decodeInteraction(body)
	if oe := (*optionsError)(nil); errors.As(err, &oe) {
		h.log.Warn("malformed interaction options", "command", oe.command, "route", "user_error", "err", err.Error())
		h.rejected.UserError(oe.command)
		http.Error(w, "malformed command options", http.StatusBadRequest)
		return
	}
	if err != nil {
		h.log.Warn("signed request is not an interaction", "err", err.Error())
		h.reject(w, "not_interaction", http.StatusBadRequest, "not a Discord interaction")
		return
	}
	h.dispatch(w, r, i)
}

func (h *Interactions) reject(w http.ResponseWriter, reason string, status int, msg string) {
	h.rejected.Rejected(reason)
	http.Error(w, msg, status)
}

// dispatch runs the router on a context of its own, bounded by the token's
// lifetime rather than by this request: a deferred answer is completed
// through the webhook after the HTTP response has gone. The router's first
// response becomes the HTTP response.
func (h *Interactions) dispatch(w http.ResponseWriter, r *http.Request, i *discordgo.Interaction) {
	ex := &exchange{first: make(chan *discordgo.InteractionResponse), written: make(chan error, 1), closed: make(chan struct{})}
	routed := make(chan struct{})
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), tokenLifetime)
	h.answers.add()
	go func() {
		defer h.answers.done()
		defer cancel()
		defer close(routed)
		defer h.recoverRouter()
		h.router.Handle(ctx, i, ex.respond)
	}()
	timer := time.NewTimer(firstResponseWithin)
	defer timer.Stop()
	defer close(ex.closed)
	select {
	case resp := <-ex.first:
		ex.written <- writeJSON(w, resp)
	case <-routed:
		h.log.Error("interaction router gave no response", "interaction_type", int(i.Type))
		http.Error(w, "no response", http.StatusInternalServerError)
	case <-timer.C:
		h.log.Error("interaction not answered in time", "interaction_type", int(i.Type))
		http.Error(w, "no response in time", http.StatusServiceUnavailable)
	case <-r.Context().Done():
	}
}

// recoverRouter keeps one faulty interaction from taking down the server.
func (h *Interactions) recoverRouter() {
	if p := recover(); p != nil {
		h.log.Error("interaction router panicked", "err", fmt.Sprint(p), "stack", string(debug.Stack()))
	}
}

// Wait blocks until every deferred answer is complete or ctx ends, and
// reports whether they all completed.
func (h *Interactions) Wait(ctx context.Context) bool { return h.answers.wait(ctx) }

// tracker counts work under way. Unlike a sync.WaitGroup it may be waited
// on while work is still being added, as when a request slips in during
// shutdown.
type tracker struct {
	mu   sync.Mutex
	n    int
	idle chan struct{} // closed when n drops to 0
}

func (t *tracker) add() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.n == 0 {
		t.idle = make(chan struct{})
	}
	t.n++
}

func (t *tracker) done() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.n--; t.n == 0 {
		close(t.idle)
	}
}

// wait reports whether the work under way finished before ctx ended.
func (t *tracker) wait(ctx context.Context) bool {
	t.mu.Lock()
	n, idle := t.n, t.idle
	t.mu.Unlock()
	if n == 0 {
		return true
	}
	select {
	case <-idle:
		return true
	case <-ctx.Done():
		return false
	}
}

// exchange hands a router's first response to the HTTP handler waiting for
// it, exactly once.
type exchange struct {
	first   chan *discordgo.InteractionResponse
	written chan error    // the outcome of writing the first response
	closed  chan struct{} // closed once the HTTP response is settled
}

// errNoRequest is the error of a response given too late or twice.
var errNoRequest = errors.New("the HTTP request for this interaction has already been answered or has gone")

// respond delivers the first response as the HTTP reply and returns
// whether writing it succeeded.
func (ex *exchange) respond(resp *discordgo.InteractionResponse) error {
	select {
	case ex.first <- resp:
		return <-ex.written
	case <-ex.closed:
		return errNoRequest
	}
}

func writeJSON(w http.ResponseWriter, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		http.Error(w, "cannot encode response", http.StatusInternalServerError)
		return fmt.Errorf("encode interaction response: %w", err)
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	if _, err := w.Write(b); err != nil {
		return fmt.Errorf("write interaction response: %w", err)
	}
	return nil
}
