package sharedstate_test

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"io"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/coalitionbot/coalitionbot/internal/sharedstate"
)

// redisEnv names the address of the Redis the tests share (.ci/run starts
// one and sets it).
const redisEnv = "COALITIONBOT_TEST_REDIS"

// testRedis returns the shared test Redis's address, or skips the test,
// saying why, without one.
func testRedis(t testing.TB) string {
	t.Helper()
	addr := os.Getenv(redisEnv)
	if addr == "" {
		t.Skipf("SKIP: %s is not set, and this test needs a real Redis: .ci/run starts one; by hand, "+
			"run redis-server --port 6390 --save '' and set %s=127.0.0.1:6390", redisEnv, redisEnv)
	}
	return addr
}

// prefix returns a key prefix no other test uses, so tests (and the
// packages go test runs at once) share one Redis without meeting.
func prefix(t testing.TB) string {
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	name := regexp.MustCompile(`[^A-Za-z0-9]+`).ReplaceAllString(t.Name(), "-")
	return "test:" + name + ":" + hex.EncodeToString(b) + ":"
}

// observer records what a Store reports.
type observer struct {
	mu       sync.Mutex
	errors   map[string]int
	backends []string
}

func (o *observer) RedisError(op string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.errors == nil {
		o.errors = map[string]int{}
	}
	o.errors[op]++
}

func (o *observer) SharedState(backend string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.backends = append(o.backends, backend)
}

// backend is the state last reported in use, "" for none.
func (o *observer) backend() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	if len(o.backends) == 0 {
		return ""
	}
	return o.backends[len(o.backends)-1]
}

func (o *observer) errorCount() int {
	o.mu.Lock()
	defer o.mu.Unlock()
	n := 0
	for _, c := range o.errors {
		n += c
	}
	return n
}

// generousTimeout is the per-call deadline of stores in tests that check
// sharing: a starved machine must not make a call fall back and the check
// fail for its speed. Fallback tests stop Redis instead.
const generousTimeout = 10 * time.Second

// open returns a store on the Redis at addr, closed when the test ends.
func open(t testing.TB, addr, prefix string, obs sharedstate.Observer, log *slog.Logger) *sharedstate.Store {
	t.Helper()
	s, err := sharedstate.Open(context.Background(), sharedstate.Options{
		URL: "redis://" + addr + "/0", Prefix: prefix, Timeout: generousTimeout, Log: log, Observer: obs,
	})
	if err != nil {
		t.Fatalf("Open() error = %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// client is a plain client on the Redis at addr, for a test to look at
// and change keys behind the store's back.
func client(t *testing.T, addr string) *redis.Client {
	t.Helper()
	c := redis.NewClient(&redis.Options{Addr: addr, DisableIdentity: true})
	t.Cleanup(func() { c.Close() })
	return c
}

// eventually calls ok until it reports true, for at most a minute, and
// fails the test if it never does: for what Redis does in its own time
// (expiring keys) or a restarted server. The wait is a bound against a
// hang, never a measurement.
func eventually(t *testing.T, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("%s: still not so after a minute", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// redisServer is a redis-server of the test's own, which the test may
// stop and start again.
type redisServer struct {
	t    *testing.T
	bin  string
	args []string
	port int
	cmd  *exec.Cmd
	done chan struct{}
}

// startRedis runs redis-server on a free loopback port, with extra
// arguments, or skips the test when redis-server is not installed. The
// server is killed when the test ends.
func startRedis(t *testing.T, extra ...string) *redisServer {
	t.Helper()
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		t.Skip("SKIP: redis-server is not installed (Debian: apt-get install redis-server), and this test stops and starts its own")
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("find a free port: %v", err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	r := &redisServer{t: t, bin: bin, port: port,
		args: append([]string{"--port", strconv.Itoa(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no"}, extra...)}
	r.start()
	t.Cleanup(r.kill)
	return r
}

func (r *redisServer) addr() string { return "127.0.0.1:" + strconv.Itoa(r.port) }

// start runs the server and returns once it accepts connections, as it
// says on its standard output.
func (r *redisServer) start() {
	r.t.Helper()
	cmd := exec.Command(r.bin, r.args...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		r.t.Fatalf("redis-server stdout: %v", err)
	}
	if err := cmd.Start(); err != nil {
		r.t.Fatalf("start redis-server: %v", err)
	}
	r.cmd, r.done = cmd, make(chan struct{})
	sc := bufio.NewScanner(out)
	var said []string
	for sc.Scan() {
		said = append(said, sc.Text())
		if strings.Contains(sc.Text(), "Ready to accept connections") {
			break
		}
	}
	go func() {
		io.Copy(io.Discard, out) // never blocks the server on a full pipe
		cmd.Wait()
		close(r.done)
	}()
	if sc.Err() != nil || len(said) == 0 || !strings.Contains(said[len(said)-1], "Ready to accept connections") {
		r.kill()
		r.t.Fatalf("redis-server on port %d did not start:\n%s", r.port, strings.Join(said, "\n"))
	}
}

// kill stops the server at once (SIGKILL), as a crash would, and waits
// for it to be gone.
func (r *redisServer) kill() {
	if r.cmd == nil {
		return
	}
	r.cmd.Process.Kill()
	<-r.done
	r.cmd = nil
}
