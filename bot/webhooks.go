package bot

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"net/http"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"
)

// RESTErrors counts failed Discord REST calls, and the responses Discord
// holds against the bot; *metrics.Metrics is one.
type RESTErrors interface {
	DiscordRESTError(status int)
	InvalidRequests
}

// WebhookEditor completes deferred answers through Discord's webhook edit
// endpoint (PATCH /webhooks/{application}/{token}/messages/@original),
// which needs only the interaction's token, never the bot token: `serve`
// can run with DISCORD_PUBLIC_KEY alone. It is the Editor of both the
// gateway bot and the HTTP interactions endpoint.
type WebhookEditor struct {
	s *discordgo.Session
}

// NewWebhookEditor returns a WebhookEditor sending its calls through
// transport (a RESTGuard over APITransport), counting failures in rest
// when not nil. It leaves rate limits to the guard: discordgo would retry
// them forever, sleeping through the token's deadline.
func NewWebhookEditor(transport http.RoundTripper, rest RESTErrors) (*WebhookEditor, error) {
	s, err := discordgo.New("")
	if err != nil {
		return nil, err
	}
	s.StateEnabled = false
	s.ShouldRetryOnRateLimit = false
	s.Client = &http.Client{Timeout: restTimeout, Transport: CountErrors(transport, rest)}
	return &WebhookEditor{s: s}, nil
}

// editLanes is how many webhook edits may be under way at once.
// discordgo holds a rate-limit bucket's lock for a request's whole round
// trip, and its WebhookMessageEdit puts every interaction's edits in one
// bucket: all deferred answers of a process would complete one at a time
// (about ten a second at Discord's round trip of ~100 ms). Spreading
// interactions over lanes by token keeps each interaction's own rate limit
// (it always uses the same lane) with a bounded number of buckets; one
// bucket per token would grow without end.
const editLanes = 64

// InteractionResponseEdit replaces the original response of i, as
// discordgo's method of that name does but in i's own lane. Errors never
// carry the interaction's token, which would let whoever reads the log
// answer in the bot's name for 15 minutes. Attachments are not supported:
// the bot sends none.
func (e *WebhookEditor) InteractionResponseEdit(i *discordgo.Interaction, edit *discordgo.WebhookEdit, options ...discordgo.RequestOption) (*discordgo.Message, error) {
	uri := discordgo.EndpointWebhookMessage(i.AppID, i.Token, "@original")
	body, err := e.s.RequestWithBucketID(http.MethodPatch, uri, edit, lane(i.Token), options...)
	if err != nil {
		return nil, redact(err, i.Token)
	}
	var m discordgo.Message
	if err := json.Unmarshal(body, &m); err != nil {
		return nil, fmt.Errorf("decode edited message: %w", err)
	}
	return &m, nil
}

// lane is the rate-limit bucket of an interaction's edits.
func lane(token string) string {
	h := fnv.New32a()
	h.Write([]byte(token))
	return "webhook-edit/" + strconv.Itoa(int(h.Sum32()%editLanes))
}

// redact removes secret from err's message, keeping err in the chain for
// errors.Is; the URLs in net/http's errors carry interaction tokens.
func redact(err error, secret string) error {
	if secret == "" || !strings.Contains(err.Error(), secret) {
		return err
	}
	return &redacted{msg: strings.ReplaceAll(err.Error(), secret, "[token]"), err: err}
}

type redacted struct {
	msg string
	err error
}

func (e *redacted) Error() string { return e.msg }
func (e *redacted) Unwrap() error { return e.err }

// CountErrors returns next, reporting every failed call to rest: no
// response, or an HTTP error status. A nil rest leaves next alone.
func CountErrors(next http.RoundTripper, rest RESTErrors) http.RoundTripper {
	if rest == nil {
		return next
	}
	return counting{next: next, rest: rest}
}

type counting struct {
	next http.RoundTripper
	rest RESTErrors
}

func (c counting) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := c.next.RoundTrip(req)
	switch {
	case err != nil:
		c.rest.DiscordRESTError(0)
	case resp.StatusCode >= 400:
		c.rest.DiscordRESTError(resp.StatusCode)
	}
	return resp, err
}
