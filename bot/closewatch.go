package bot

import (
	"context"
	"crypto/tls"
	"encoding/binary"
	"net"
	"time"

	"github.com/gorilla/websocket"
)

// closeWatch sees the close codes the gateway sends. discordgo only logs a
// close frame's code and then reconnects, forever, even after codes that
// mean retrying cannot help (a bad token, bad intents). So the bot gives
// discordgo a websocket dialer whose connections report, on the side, the
// code of every close frame the server sends.
type closeWatch struct {
	codes chan int
}

func newCloseWatch() *closeWatch {
	return &closeWatch{codes: make(chan int, 1)}
}

// report passes a code on without ever blocking the reader: only the first
// unread code matters, as the bot stops at a fatal one.
func (w *closeWatch) report(code int) {
	select {
	case w.codes <- code:
	default:
	}
}

// dialer returns a copy of base whose connections are watched. It dials
// directly (no HTTP proxy for the gateway), and does the TLS handshake
// itself for wss:// so the watch reads decrypted frames.
func (w *closeWatch) dialer(base websocket.Dialer) *websocket.Dialer {
	d := base
	d.Proxy = nil
	d.NetDialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		c, err := (&net.Dialer{Timeout: 30 * time.Second}).DialContext(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		return &watchedConn{Conn: c, watch: w}, nil
	}
	d.NetDialTLSContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		host, _, err := net.SplitHostPort(addr)
		if err != nil {
			return nil, err
		}
		c, err := (&net.Dialer{Timeout: 30 * time.Second}).DialContext(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		tc := tls.Client(c, &tls.Config{ServerName: host, MinVersion: tls.VersionTLS12})
		if err := tc.HandshakeContext(ctx); err != nil {
			c.Close()
			return nil, err
		}
		return &watchedConn{Conn: tc, watch: w}, nil
	}
	return &d
}

// watchedConn feeds what it reads to a frame scanner.
type watchedConn struct {
	net.Conn
	watch *closeWatch
	scan  frameScanner
}

func (c *watchedConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	if code, ok := c.scan.feed(p[:n]); ok {
		c.watch.report(code)
	}
	return n, err
}

// frameScanner follows a websocket client's incoming byte stream (the HTTP
// upgrade response, then frames) just far enough to find the status code of
// a close frame. It is driven by whatever chunks the reads return.
type frameScanner struct {
	upgraded bool     // past the HTTP response's blank line
	crlf     int      // bytes of "\r\n\r\n" matched so far
	hdr      [14]byte // frame header being collected
	hn       int      // bytes of hdr collected
	remain   uint64   // payload bytes left in the current frame
	closing  bool     // the current frame is a close frame
	code     [2]byte  // a close frame's status code, as read so far
	cn       int      // bytes of code read
	mask     [4]byte  // the frame's masking key (servers should not mask)
	masked   bool
}

// opClose is the websocket opcode of a close frame.
const opClose = 8

// feed scans p and returns the status code of a close frame completed in it.
func (f *frameScanner) feed(p []byte) (code int, found bool) {
	for len(p) > 0 {
		switch {
		case !f.upgraded:
			p = f.skipHTTP(p)
		case f.remain > 0:
			var c int
			var ok bool
			c, ok, p = f.payload(p)
			if ok {
				code, found = c, true
			}
		default:
			p = f.header(p)
		}
	}
	return code, found
}

// skipHTTP consumes the upgrade response up to its blank line.
func (f *frameScanner) skipHTTP(p []byte) []byte {
	const end = "\r\n\r\n"
	for i, b := range p {
		switch {
		case b == end[f.crlf]:
			f.crlf++
		case b == '\r':
			f.crlf = 1
		default:
			f.crlf = 0
		}
		if f.crlf == len(end) {
			f.upgraded = true
			return p[i+1:]
		}
	}
	return nil
}

// header collects a frame header byte by byte and starts the frame once it
// is complete.
func (f *frameScanner) header(p []byte) []byte {
	for len(p) > 0 {
		f.hdr[f.hn] = p[0]
		f.hn++
		p = p[1:]
		if f.hn < 2 || f.hn < f.headerLen() {
			continue
		}
		f.start()
		return p
	}
	return p
}

// headerLen is the full header length implied by its first two bytes.
func (f *frameScanner) headerLen() int {
	n := 2
	switch f.hdr[1] & 0x7f {
	case 126:
		n += 2
	case 127:
		n += 8
	}
	if f.hdr[1]&0x80 != 0 {
		n += 4
	}
	return n
}

// start begins the payload of the frame whose header was collected.
func (f *frameScanner) start() {
	n := 2
	length := uint64(f.hdr[1] & 0x7f)
	switch length {
	case 126:
		length = uint64(binary.BigEndian.Uint16(f.hdr[2:4]))
		n += 2
	case 127:
		length = binary.BigEndian.Uint64(f.hdr[2:10])
		n += 8
	}
	f.masked = f.hdr[1]&0x80 != 0
	if f.masked {
		copy(f.mask[:], f.hdr[n:n+4])
	}
	f.closing = f.hdr[0]&0x0f == opClose
	f.remain = length
	f.hn, f.cn = 0, 0
}

// payload consumes payload bytes, keeping a close frame's first two.
func (f *frameScanner) payload(p []byte) (code int, found bool, rest []byte) {
	for f.closing && f.cn < 2 && f.remain > 0 && len(p) > 0 {
		b := p[0]
		if f.masked {
			b ^= f.mask[f.cn%4]
		}
		f.code[f.cn] = b
		f.cn++
		f.remain--
		p = p[1:]
		if f.cn == 2 {
			code, found = int(binary.BigEndian.Uint16(f.code[:])), true
		}
	}
	skip := min(f.remain, uint64(len(p)))
	f.remain -= skip
	return code, found, p[skip:]
}
