package server

import (
	"bytes"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/coalitionbot/coalitionbot/bot"
)

// FuzzVerify checks that verification never panics, accepts a correctly
// signed fresh message, and never accepts a modified message, another
// timestamp, or any signature but the right one. Seeds are in
// testdata/fuzz/FuzzVerify.
func FuzzVerify(f *testing.F) {
	key := testKey()
	v := testVerifier(key.Public().(ed25519.PublicKey))
	f.Fuzz(func(t *testing.T, body []byte, ageSeconds int64, sig string, flip uint) {
		sec := testNow.Unix() - ageSeconds
		ts := strconv.FormatInt(sec, 10)
		good, _ := sign(key, time.Unix(sec, 0), body)
		fresh := sec >= testNow.Add(-maxAge).Unix() && sec <= testNow.Add(maxSkew).Unix()
		if err := v.Verify(good, ts, body); (err == nil) != fresh {
			t.Errorf("Verify(signed, age %ds) = %v, want accepted: %v", ageSeconds, err, fresh)
		}
		if err := v.Verify(sig, ts, body); err == nil {
			if got, _ := hex.DecodeString(sig); !bytes.Equal(got, mustHex(t, good)) {
				t.Errorf("Verify(%q) accepted a signature that is not the message's", sig)
			}
		}
		if len(body) > 0 {
			tampered := bytes.Clone(body)
			tampered[flip%uint(len(body))] ^= 1 << (flip % 8)
			if err := v.Verify(good, ts, tampered); err == nil {
				t.Errorf("Verify() accepted body %q signed as %q", tampered, body)
			}
		}
		if err := v.Verify(good, strconv.FormatInt(sec+1, 10), body); err == nil {
			t.Errorf("Verify() accepted the signature with another timestamp")
		}
	})
}

func mustHex(t *testing.T, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatalf("hex.DecodeString(%q) = %v", s, err)
	}
	return b
}

// FuzzDecodeInteraction sends signed bodies of any shape through the
// endpoint: decoding never panics, a body that does not decode is a 400,
// and whatever reaches the router is well-formed enough for it to take:
// the bot's own router, which reads command data and options, answers it
// without panicking, and answers a button press of any custom_id with a
// private message (a vote's thanks, or the error for a button it did not
// write). Seeds are in testdata/fuzz/FuzzDecodeInteraction.
func FuzzDecodeInteraction(f *testing.F) {
	key := testKey()
	next := bot.NewInteractions(echoTable(), nil, noEdits{}, nil, nil, nil, discard())
	f.Fuzz(func(t *testing.T, body []byte) {
		router := &countingRouter{next: next}
		rec := httptest.NewRecorder()
		endpoint(router, &rejections{}).ServeHTTP(rec, signedRequest(key, testNow, body))
		i, err := decodeInteraction(body)
		switch {
		case len(body) > maxBody:
			if rec.Code != http.StatusRequestEntityTooLarge {
				t.Errorf("POST of %d bytes = %d, want 413", len(body), rec.Code)
			}
		case err != nil:
			if rec.Code != http.StatusBadRequest || router.calls.Load() != 0 {
				t.Errorf("POST %q = %d, router calls %d; want 400 and none (decode error %v)", body, rec.Code, router.calls.Load(), err)
			}
		default:
			if rec.Code != http.StatusOK || router.calls.Load() != 1 {
				t.Errorf("POST %q = %d, router calls %d; want 200 and one", body, rec.Code, router.calls.Load())
			}
			if i.Type == 2 || i.Type == 4 {
				_ = i.ApplicationCommandData() // panics on data of the wrong kind
			}
			if i.Type == discordgo.InteractionMessageComponent {
				var resp struct {
					Type int `json:"type"`
					Data struct {
						Content string                 `json:"content"`
						Flags   discordgo.MessageFlags `json:"flags"`
					} `json:"data"`
				}
				if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil || resp.Type != 4 || resp.Data.Flags&discordgo.MessageFlagsEphemeral == 0 || resp.Data.Content == "" {
					t.Errorf("press of %q = %s, want a private message", i.MessageComponentData().CustomID, rec.Body)
				}
			}
		}
	})
}
