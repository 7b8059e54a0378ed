package bot

import (
	"bytes"
	"encoding/binary"
	"testing"
)

const upgradeResponse = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n"

// frameBytes encodes one websocket frame as a server (or, masked, a
// client) would send it.
func frameBytes(op byte, payload []byte, mask bool) []byte {
	out := []byte{0x80 | op}
	maskBit := byte(0)
	if mask {
		maskBit = 0x80
	}
	switch n := len(payload); {
	case n < 126:
		out = append(out, maskBit|byte(n))
	case n < 1<<16:
		out = append(out, maskBit|126)
		out = binary.BigEndian.AppendUint16(out, uint16(n))
	default:
		out = append(out, maskBit|127)
		out = binary.BigEndian.AppendUint64(out, uint64(n))
	}
	if !mask {
		return append(out, payload...)
	}
	key := [4]byte{1, 2, 3, 4}
	out = append(out, key[:]...)
	for i, b := range payload {
		out = append(out, b^key[i%4])
	}
	return out
}

func closePayload(code uint16, reason string) []byte {
	return append(binary.BigEndian.AppendUint16(nil, code), reason...)
}

func TestFrameScanner(t *testing.T) {
	text := func(n int) []byte { return frameBytes(1, bytes.Repeat([]byte("x"), n), false) }
	tests := []struct {
		name     string
		stream   [][]byte
		wantCode int
		wantOK   bool
	}{
		{"close 4004 after events", [][]byte{text(10), text(300), text(70000), frameBytes(opClose, closePayload(4004, "Authentication failed."), false)}, 4004, true},
		{"normal close", [][]byte{frameBytes(opClose, closePayload(1000, ""), false)}, 1000, true},
		{"masked close", [][]byte{frameBytes(opClose, closePayload(4014, "Disallowed intent(s)."), true)}, 4014, true},
		{"close without a code", [][]byte{frameBytes(opClose, nil, false)}, 0, false},
		{"no close", [][]byte{text(5), frameBytes(9, []byte("ping"), false)}, 0, false},
		{"close code inside a text frame", [][]byte{frameBytes(1, append([]byte{0x88, 0x02}, closePayload(4004, "")...), false)}, 0, false},
	}
	for _, tt := range tests {
		stream := append([]byte(upgradeResponse), bytes.Join(tt.stream, nil)...)
		for _, chunk := range []int{1, 2, 3, 7, 100, len(stream)} {
			var f frameScanner
			gotCode, gotOK := 0, false
			for rest := stream; len(rest) > 0; rest = rest[min(chunk, len(rest)):] {
				if c, ok := f.feed(rest[:min(chunk, len(rest))]); ok {
					gotCode, gotOK = c, true
				}
			}
			if gotCode != tt.wantCode || gotOK != tt.wantOK {
				t.Errorf("%s, in chunks of %d: feed() = %d, %v, want %d, %v", tt.name, chunk, gotCode, gotOK, tt.wantCode, tt.wantOK)
			}
		}
	}
}

// FuzzFrameScanner checks that any byte stream is scanned without panic,
// and alike however the reads happen to chunk it.
func FuzzFrameScanner(f *testing.F) {
	f.Add([]byte(upgradeResponse+"\x88\x02\x0f\xa4"), uint8(1))
	f.Add([]byte(upgradeResponse+"\x81\x7e\x00\x02hi\x88\x80abcd"), uint8(3))
	f.Add([]byte("\r\n\r\n\x88\x7f\xff\xff\xff\xff\xff\xff\xff\xff"), uint8(2))
	f.Fuzz(func(t *testing.T, stream []byte, chunk uint8) {
		size := int(chunk%64) + 1
		var whole frameScanner
		wantCode, wantOK := whole.feed(stream)
		var parts frameScanner
		gotCode, gotOK := 0, false
		for rest := stream; len(rest) > 0; rest = rest[min(size, len(rest)):] {
			if c, ok := parts.feed(rest[:min(size, len(rest))]); ok {
				gotCode, gotOK = c, true
			}
		}
		if gotCode != wantCode || gotOK != wantOK {
			t.Fatalf("feed in chunks of %d = %d, %v; whole = %d, %v", size, gotCode, gotOK, wantCode, wantOK)
		}
	})
}
