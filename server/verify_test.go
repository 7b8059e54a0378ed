package server

import (
	"crypto/ed25519"
	"encoding/hex"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestParsePublicKey(t *testing.T) {
	pub := testKey().Public().(ed25519.PublicKey)
	tests := []struct {
		name, in, wantErr string
	}{
		{"portal hex", hex.EncodeToString(pub), ""},
		{"surrounding space", "  " + hex.EncodeToString(pub) + "\n", ""},
		{"upper case", strings.ToUpper(hex.EncodeToString(pub)), ""},
		{"not hex", strings.Repeat("zz", 32), "not hexadecimal"},
		{"too short", hex.EncodeToString(pub[:31]), "31 bytes, want 32"},
		{"too long", hex.EncodeToString(append(pub, 0)), "33 bytes, want 32"},
		{"empty", "", "0 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParsePublicKey(tt.in)
			if tt.wantErr == "" {
				if err != nil || !got.Equal(pub) {
					t.Errorf("ParsePublicKey(%q) = %x, %v, want %x", tt.in, got, err, pub)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("ParsePublicKey(%q) error = %v, want one containing %q", tt.in, err, tt.wantErr)
			}
		})
	}
}

func TestVerify(t *testing.T) {
	key := testKey()
	other := ed25519.NewKeyFromSeed(make([]byte, ed25519.SeedSize))
	v := testVerifier(key.Public().(ed25519.PublicKey))
	body := []byte(`{"type":1}`)
	goodSig, goodTS := sign(key, testNow, body)
	type verifyCase struct {
		name    string
		sig, ts string
		body    string
		want    error
	}
	tests := []verifyCase{
		{"signed now", goodSig, goodTS, string(body), nil},
		{"upper-case hex", strings.ToUpper(goodSig), goodTS, string(body), nil},
		{"tampered body", goodSig, goodTS, `{"type":2}`, errBadSignature},
		{"body with a trailing space", goodSig, goodTS, string(body) + " ", errBadSignature},
		{"other timestamp, same signature", goodSig, "1750000001", string(body), errBadSignature},
		{"signed by another key", func() string { s, _ := sign(other, testNow, body); return s }(), goodTS, string(body), errBadSignature},
		{"signature not hex", "xyz", goodTS, string(body), errBadSignature},
		{"signature too short", goodSig[:100], goodTS, string(body), errBadSignature},
		{"no signature", "", goodTS, string(body), errNoSignature},
		{"no timestamp", goodSig, "", string(body), errNoSignature},
		{"timestamp not a number", goodSig, "yesterday", string(body), errStale},
	}
	for _, d := range []struct {
		name string
		at   time.Duration
		want error
	}{
		{"just under 5 minutes old", -maxAge, nil},
		{"over 5 minutes old", -maxAge - time.Second, errStale},
		{"a day old", -24 * time.Hour, errStale},
		{"a minute ahead", maxSkew, nil},
		{"over a minute ahead", maxSkew + time.Second, errStale},
	} {
		s, ts := sign(key, testNow.Add(d.at), body)
		tests = append(tests, verifyCase{d.name, s, ts, string(body), d.want})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := v.Verify(tt.sig, tt.ts, []byte(tt.body)); !errors.Is(got, tt.want) {
				t.Errorf("Verify() = %v, want %v", got, tt.want)
			}
		})
	}
}
