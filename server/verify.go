package server

import (
	"crypto/ed25519"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Discord signs every interaction it POSTs; these bound how old, or how far
// ahead of our clock, a signed request may be. Five minutes is what Discord
// documents for replay protection; a minute ahead allows for clock skew.
const (
	maxAge  = 5 * time.Minute
	maxSkew = time.Minute
)

// Why a request was refused; each is a 401 and a reason label in metrics.
var (
	errNoSignature  = errors.New("missing X-Signature-Ed25519 or X-Signature-Timestamp")
	errBadSignature = errors.New("signature does not match")
	errStale        = errors.New("timestamp outside the accepted window")
)

// ParsePublicKey decodes the application's public key as the Developer
// Portal shows it: 64 hexadecimal digits.
func ParsePublicKey(s string) (ed25519.PublicKey, error) {
	b, err := hex.DecodeString(strings.TrimSpace(s))
	if err != nil {
		return nil, fmt.Errorf("public key is not hexadecimal: %w", err)
	}
	if len(b) != ed25519.PublicKeySize {
		return nil, fmt.Errorf("public key is %d bytes, want %d (64 hexadecimal digits)", len(b), ed25519.PublicKeySize)
	}
	return ed25519.PublicKey(b), nil
}

// Verifier checks that a request comes from Discord: an Ed25519 signature
// by the application's key over the timestamp followed by the body, and a
// timestamp recent enough that a captured request cannot be replayed later.
// discordgo's VerifyInteraction checks only the signature.
type Verifier struct {
	key ed25519.PublicKey
	now func() time.Time
}

// NewVerifier returns a Verifier for the application's public key.
func NewVerifier(key ed25519.PublicKey) *Verifier {
	return &Verifier{key: key, now: time.Now}
}

// Verify returns nil when signature (hexadecimal, as in the
// X-Signature-Ed25519 header) signs timestamp+body and timestamp (Unix
// seconds, X-Signature-Timestamp) is within the accepted window. It checks
// the timestamp first: it is cheaper than the signature.
func (v *Verifier) Verify(signature, timestamp string, body []byte) error {
	if signature == "" || timestamp == "" {
		return errNoSignature
	}
	sec, err := strconv.ParseInt(timestamp, 10, 64)
	if err != nil {
		return errStale
	}
	now := v.now().Unix()
	if sec < now-int64(maxAge/time.Second) || sec > now+int64(maxSkew/time.Second) {
		return errStale
	}
	sig, err := hex.DecodeString(signature)
	if err != nil || len(sig) != ed25519.SignatureSize {
		return errBadSignature
	}
	msg := make([]byte, 0, len(timestamp)+len(body))
	msg = append(append(msg, timestamp...), body...)
	if !ed25519.Verify(v.key, msg, sig) {
		return errBadSignature
	}
	return nil
}

// rejectReason names a verification failure for metrics.
func rejectReason(err error) string {
	switch {
	case errors.Is(err, errStale):
		return "stale_timestamp"
	case errors.Is(err, errNoSignature):
		return "no_signature"
	}
	return "bad_signature"
}
