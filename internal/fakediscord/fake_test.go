package fakediscord

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// recorder is a TB that collects the fake's complaints instead of failing,
// so a test can check the fake enforces a rule.
type recorder struct {
	*testing.T
	mu     sync.Mutex
	errors []string
}

func (r *recorder) Errorf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

func (r *recorder) complaints() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return strings.Join(r.errors, "\n")
}

// clock is a settable time for the interaction deadlines.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// client is a minimal gateway client: enough to identify and read events.
type client struct {
	t  *testing.T
	ws *websocket.Conn
}

func dial(t *testing.T, f *Server) *client {
	t.Helper()
	ws, _, err := websocket.DefaultDialer.Dial(f.gatewayURL()+"/?v=10&encoding=json", nil)
	if err != nil {
		t.Fatalf("dial gateway: %v", err)
	}
	t.Cleanup(func() { ws.Close() })
	c := &client{t: t, ws: ws}
	if hello := c.read(); hello.Op != 10 {
		t.Fatalf("first payload op = %d, want HELLO (10)", hello.Op)
	}
	return c
}

type payload struct {
	Op int             `json:"op"`
	T  string          `json:"t"`
	S  int64           `json:"s"`
	D  json.RawMessage `json:"d"`
}

func (c *client) send(op int, d any) {
	c.t.Helper()
	if err := c.ws.WriteJSON(map[string]any{"op": op, "d": d}); err != nil {
		c.t.Fatalf("write op %d: %v", op, err)
	}
}

func (c *client) read() payload {
	c.t.Helper()
	var p payload
	c.ws.SetReadDeadline(time.Now().Add(10 * time.Second))
	if err := c.ws.ReadJSON(&p); err != nil {
		c.t.Fatalf("read gateway: %v", err)
	}
	return p
}

// closeCode reads until the server closes and returns its code.
func (c *client) closeCode() int {
	c.t.Helper()
	c.ws.SetReadDeadline(time.Now().Add(10 * time.Second))
	for {
		if _, _, err := c.ws.ReadMessage(); err != nil {
			if ce, ok := err.(*websocket.CloseError); ok {
				return ce.Code
			}
			c.t.Fatalf("read gateway: %v, want a close frame", err)
		}
	}
}

func identify(token string, intents int) map[string]any {
	return map[string]any{"token": token, "intents": intents, "properties": map[string]string{"os": "linux"}}
}

func TestGatewayHandshake(t *testing.T) {
	tests := []struct {
		name      string
		identify  map[string]any
		wantClose int // 0: READY
	}{
		{"ready", identify("Bot fake-bot-token", 1<<9|1<<12), 0},
		{"bad token", identify("Bot wrong", 1<<9), 4004},
		{"privileged intent", identify("Bot fake-bot-token", 1<<15), 4014},
		{"unknown intent", identify("Bot fake-bot-token", 1<<30), 4013},
		{"bad shard", map[string]any{"token": "fake-bot-token", "intents": 0, "shard": []int{2, 2}}, 4010},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := New(t, Options{})
			c := dial(t, f)
			c.send(1, nil)
			if ack := c.read(); ack.Op != 11 {
				t.Errorf("answer to a heartbeat: op %d, want ACK (11)", ack.Op)
			}
			c.send(2, tt.identify)
			if tt.wantClose != 0 {
				if got := c.closeCode(); got != tt.wantClose {
					t.Errorf("close code = %d, want %d", got, tt.wantClose)
				}
				return
			}
			if ready := c.read(); ready.T != "READY" || ready.S != 1 {
				t.Errorf("after IDENTIFY got %s #%d, want READY #1", ready.T, ready.S)
			}
		})
	}
}

func TestGatewayResumeReplaysMissedEvents(t *testing.T) {
	f := New(t, Options{})
	c := dial(t, f)
	c.send(2, identify("fake-bot-token", 1<<9))
	var ready struct {
		SessionID string `json:"session_id"`
	}
	json.Unmarshal(c.read().D, &ready)
	f.Drop()
	f.WaitNoConnection()
	f.Post([]byte(`{"guild_id": "1", "channel_id": "2", "author": {"id": "3", "username": "u"}, "content": "<@` + BotID + `> hi"}`))

	c = dial(t, f)
	c.send(6, map[string]any{"token": "Bot fake-bot-token", "session_id": ready.SessionID, "seq": 1})
	if got := c.read(); got.T != "MESSAGE_CREATE" || got.S != 2 {
		t.Errorf("first event after RESUME = %s #%d, want the missed MESSAGE_CREATE #2", got.T, got.S)
	}
	if got := c.read(); got.T != "RESUMED" {
		t.Errorf("then %s, want RESUMED", got.T)
	}
}

// callback sends a first response for interaction id with the token it
// came with, and returns the fake's status.
func callback(t *testing.T, f *Server, id, token, body string) int {
	t.Helper()
	return post(t, http.MethodPost, f.URL()+"/api/v10/interactions/"+id+"/"+token+"/callback", body)
}

func post(t *testing.T, method, url, body string) int {
	t.Helper()
	req, _ := http.NewRequest(method, url, bytes.NewBufferString(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "DiscordBot (test, 1)")
	req.Header.Set("Authorization", "Bot fake-bot-token")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// button is a button component; style 5 is a link.
func button(style int, customID, url string) string {
	b, _ := json.Marshal(map[string]any{"type": 2, "style": style, "label": "Read", "custom_id": customID, "url": url})
	return string(b)
}

// withComponents is a first response with text and the given components.
func withComponents(components string) string {
	return `{"type": 4, "data": {"content": "hi", "allowed_mentions": {"parse": []}, "components": ` + components + `}}`
}

const (
	okMessage  = `{"type": 4, "data": {"content": "hi", "allowed_mentions": {"parse": []}}}`
	okDeferral = `{"type": 5, "data": {"allowed_mentions": {"parse": []}}}`
	okEdit     = `{"content": "done", "allowed_mentions": {"parse": []}}`
)

func TestInteractionRules(t *testing.T) {
	tests := []struct {
		name      string
		steps     func(t *testing.T, f *Server, c *clock, id, token string) []int
		want      []int
		complaint string // in the test failure the fake reports; "" for none
	}{
		{"answer", func(t *testing.T, f *Server, c *clock, id, token string) []int {
			return []int{callback(t, f, id, token, okMessage)}
		}, []int{204}, ""},
		{"defer then edit", func(t *testing.T, f *Server, c *clock, id, token string) []int {
			return []int{callback(t, f, id, token, okDeferral), post(t, http.MethodPatch, f.URL()+"/api/v10/webhooks/"+AppID+"/"+token+"/messages/@original", okEdit)}
		}, []int{204, 200}, ""},
		{"second first response", func(t *testing.T, f *Server, c *clock, id, token string) []int {
			return []int{callback(t, f, id, token, okMessage), callback(t, f, id, token, okMessage)}
		}, []int{204, 400}, "already been acknowledged"},
		{"first response after 3 s", func(t *testing.T, f *Server, c *clock, id, token string) []int {
			c.advance(3*time.Second + time.Millisecond)
			return []int{callback(t, f, id, token, okMessage)}
		}, []int{404}, "Unknown interaction"},
		{"edit before answering", func(t *testing.T, f *Server, c *clock, id, token string) []int {
			return []int{post(t, http.MethodPatch, f.URL()+"/api/v10/webhooks/"+AppID+"/"+token+"/messages/@original", okEdit)}
		}, []int{404}, "Unknown Message"},
		{"no allowed_mentions", func(t *testing.T, f *Server, c *clock, id, token string) []int {
			return []int{callback(t, f, id, token, `{"type": 4, "data": {"content": "hi"}}`)}
		}, []int{400}, "allowed_mentions missing"},
		{"null parse", func(t *testing.T, f *Server, c *clock, id, token string) []int {
			return []int{callback(t, f, id, token, `{"type": 4, "data": {"content": "hi", "allowed_mentions": {"parse": null}}}`)}
		}, []int{400}, "parse is null"},
		{"parse everyone", func(t *testing.T, f *Server, c *clock, id, token string) []int {
			return []int{callback(t, f, id, token, `{"type": 4, "data": {"content": "hi", "allowed_mentions": {"parse": ["everyone"]}}}`)}
		}, []int{400}, "parse allows"},
		{"content too long", func(t *testing.T, f *Server, c *clock, id, token string) []int {
			return []int{callback(t, f, id, token, `{"type": 4, "data": {"content": "`+strings.Repeat("é", 2001)+`", "allowed_mentions": {"parse": []}}}`)}
		}, []int{400}, "content is 2001 characters"},
		{"embed field too long", func(t *testing.T, f *Server, c *clock, id, token string) []int {
			return []int{callback(t, f, id, token, `{"type": 4, "data": {"embeds": [{"fields": [{"name": "n", "value": "`+strings.Repeat("v", 1025)+`"}]}], "allowed_mentions": {"parse": []}}}`)}
		}, []int{400}, "value is 1025 characters"},
		{"buttons", func(t *testing.T, f *Server, c *clock, id, token string) []int {
			return []int{callback(t, f, id, token, withComponents(`[{"type": 1, "components": [`+button(1, "fb:up", "")+`, `+button(5, "", "https://example.org/report")+`]}]`))}
		}, []int{204}, ""},
		{"custom_id too long", func(t *testing.T, f *Server, c *clock, id, token string) []int {
			return []int{callback(t, f, id, token, withComponents(`[{"type": 1, "components": [`+button(1, strings.Repeat("x", 101), "")+`]}]`))}
		}, []int{400}, "custom_id is 101 characters"},
		{"custom_id twice", func(t *testing.T, f *Server, c *clock, id, token string) []int {
			return []int{callback(t, f, id, token, withComponents(`[{"type": 1, "components": [`+button(1, "a", "")+`, `+button(2, "a", "")+`]}]`))}
		}, []int{400}, "used twice"},
		{"link to a script", func(t *testing.T, f *Server, c *clock, id, token string) []int {
			return []int{callback(t, f, id, token, withComponents(`[{"type": 1, "components": [`+button(5, "", "javascript:alert(1)")+`]}]`))}
		}, []int{400}, "not an http or https address"},
		{"six buttons in a row", func(t *testing.T, f *Server, c *clock, id, token string) []int {
			var bs []string
			for i := range 6 {
				bs = append(bs, button(1, fmt.Sprint(i), ""))
			}
			return []int{callback(t, f, id, token, withComponents(`[{"type": 1, "components": [`+strings.Join(bs, ",")+`]}]`))}
		}, []int{400}, "has 6 buttons"},
		{"a button outside a row", func(t *testing.T, f *Server, c *clock, id, token string) []int {
			return []int{callback(t, f, id, token, withComponents(`[`+button(1, "a", "")+`]`))}
		}, []int{400}, "want an action row"},
		{"empty message", func(t *testing.T, f *Server, c *clock, id, token string) []int {
			return []int{callback(t, f, id, token, `{"type": 4, "data": {"content": "", "allowed_mentions": {"parse": []}}}`)}
		}, []int{400}, "empty message"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := &recorder{T: t}
			clk := &clock{now: time.Unix(1_700_000_000, 0)}
			f := New(rec, Options{Now: clk.Now})
			c := dial(t, f)
			c.send(2, identify("fake-bot-token", 1<<9))
			c.read() // READY
			id := f.Interact([]byte(`{"type": 2, "guild_id": "1", "channel_id": "2", "data": {"name": "about"}}`))
			var in struct {
				Token string `json:"token"`
			}
			json.Unmarshal(c.read().D, &in)

			got := tt.steps(t, f, clk, id, in.Token)
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("statuses = %v, want %v", got, tt.want)
			}
			complaints := rec.complaints()
			if tt.complaint == "" && complaints != "" {
				t.Errorf("fake complained: %s", complaints)
			}
			if tt.complaint != "" && !strings.Contains(complaints, tt.complaint) {
				t.Errorf("fake complaints = %q, want one about %q", complaints, tt.complaint)
			}
		})
	}
}

func TestMessageContentNeedsMentionWithoutIntent(t *testing.T) {
	tests := []struct {
		name, content, wantContent string
	}{
		{"mentions the bot", "<@" + BotID + "> hi", "<@" + BotID + "> hi"},
		{"does not", "just chatting", ""},
	}
	f := New(t, Options{})
	c := dial(t, f)
	c.send(2, identify("fake-bot-token", 1<<9))
	c.read() // READY
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f.Post([]byte(`{"guild_id": "1", "channel_id": "2", "author": {"id": "3", "username": "u"}, "content": "` + tt.content + `"}`))
			var m struct {
				Content string `json:"content"`
			}
			json.Unmarshal(c.read().D, &m)
			if m.Content != tt.wantContent {
				t.Errorf("delivered content = %q, want %q", m.Content, tt.wantContent)
			}
		})
	}
}

// The bot may edit its own channel messages, content and buttons, and
// nobody else's; what the edit leaves must not be empty.
func TestChannelMessageEdits(t *testing.T) {
	rec := &recorder{T: t}
	f := New(rec, Options{})
	c := dial(t, f)
	c.send(2, identify("fake-bot-token", 1<<9|1<<12))
	c.read() // READY
	question := f.Post([]byte(`{"channel_id": "2", "author": {"id": "3", "username": "u"}, "content": "hi"}`))
	c.read() // the question
	base := f.URL() + "/api/v10/channels/2/messages"
	if got := post(t, http.MethodPost, base, `{"content": "first", "allowed_mentions": {"parse": []}}`); got != http.StatusOK {
		t.Fatalf("post = %d, want 200", got)
	}
	c.read() // the bot's own message, delivered back
	mine := f.Sent()[0].MessageID
	edit := `{"content": "second", "allowed_mentions": {"parse": []}, "components": [{"type": 1, "components": [` + button(1, "fb", "") + `]}]}`
	if got := post(t, http.MethodPatch, base+"/"+mine, edit); got != http.StatusOK {
		t.Errorf("edit of the bot's message = %d, want 200", got)
	}
	last := f.Sent()[len(f.Sent())-1]
	if last.Kind != MessageEdit || last.MessageID != mine || last.Content != "second" || len(last.Buttons) != 1 || last.Buttons[0][0].CustomID != "fb" {
		t.Errorf("recorded edit = %+v, want the new content and button of message %s", last, mine)
	}
	if rec.complaints() != "" {
		t.Errorf("fake complained about a valid edit: %s", rec.complaints())
	}
	if got := post(t, http.MethodPatch, base+"/"+question, `{"content": "x", "allowed_mentions": {"parse": []}}`); got != http.StatusForbidden {
		t.Errorf("edit of a user's message = %d, want 403", got)
	}
	if got := post(t, http.MethodPatch, base+"/"+mine, `{"content": "", "components": [], "allowed_mentions": {"parse": []}}`); got != http.StatusBadRequest {
		t.Errorf("edit emptying the message = %d, want 400", got)
	}
	if !strings.Contains(rec.complaints(), "authored by another user") || !strings.Contains(rec.complaints(), "empty message") {
		t.Errorf("complaints = %q, want the foreign and the empty edit", rec.complaints())
	}
}
