package main

import (
	"bufio"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/coalitionbot/coalitionbot/internal/fakeopenai"
	"github.com/coalitionbot/coalitionbot/internal/fakewebhooks"
)

// TestTwoServeProcessesShareRedis runs two `serve` processes, as two
// replicas with no balancer in front, on one Redis, and posts signed /ask
// interactions to one and then the other: the user's LLM_USER_RATE counts
// across both, and an answer one wrote costs the other no model call.
func TestTwoServeProcessesShareRedis(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs two processes; skipped with -short")
	}
	redisAddr := os.Getenv("COALITIONBOT_TEST_REDIS")
	if redisAddr == "" {
		t.Skip("SKIP: COALITIONBOT_TEST_REDIS is not set, and this test needs a real Redis: .ci/run starts one; " +
			"by hand, run redis-server --port 6390 --save '' and set COALITIONBOT_TEST_REDIS=127.0.0.1:6390")
	}
	bin := buildBinary(t)
	const modelText = "The force would monitor a peace deal [1]."
	model := fakeopenai.New(t, fakeopenai.WithRespond(func(fakeopenai.Request) fakeopenai.Reply {
		return fakeopenai.Reply{Text: modelText}
	}))
	discord := fakewebhooks.New(t)
	pub, key, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	env := []string{
		"DISCORD_PUBLIC_KEY=" + hex.EncodeToString(pub),
		"DISCORD_API_URL=" + discord.URL(),
		"HTTP_ADDR=127.0.0.1:0",
		"LOG_FORMAT=json",
		"LLM_BASE_URL=" + model.URL,
		"LLM_MODEL=local",
		"LLM_USER_RATE=1",
		"REDIS_URL=redis://" + redisAddr + "/0",
		"REDIS_PREFIX=test:" + strconv.FormatInt(time.Now().UnixNano(), 36) + ":",
	}
	a, b := startProcess(t, bin, env), startProcess(t, bin, env)

	ask := func(p *process, n int, user, question string) string {
		t.Helper()
		token := fmt.Sprintf("redis-%d", n)
		body := fmt.Sprintf(`{"id":"%d","application_id":"20","type":2,"token":"%s","version":1,`+
			`"member":{"user":{"id":"%s","username":"u"}},`+
			`"data":{"id":"3","name":"ask","type":1,"options":[{"name":"question","type":3,"value":%q}]}}`, 100+n, token, user, question)
		in := &instance{addr: p.addr, key: key}
		status, resp := in.post(t, key, time.Now(), body, body)
		var r struct {
			Type discordgo.InteractionResponseType
			Data struct {
				Embeds []struct{ Description string }
			}
		}
		if err := json.Unmarshal([]byte(resp), &r); status != 200 || err != nil {
			t.Fatalf("POST /interactions to %s = %d %s (%v), want 200", p.addr, status, resp, err)
		}
		p.waitAnswered(t)
		if r.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource {
			if len(r.Data.Embeds) == 0 {
				t.Fatalf("POST /interactions to %s = %s, want an answer or a deferral", p.addr, resp)
			}
			return r.Data.Embeds[0].Description
		}
		var last string
		for _, e := range discord.Edits() {
			if e.Token == token && len(e.Embeds) > 0 {
				last = e.Embeds[0].Description
			}
		}
		return last
	}

	before := time.Now()
	if got := ask(a, 1, "42", "What would the force monitor?"); !strings.Contains(got, "peace deal") {
		t.Fatalf("first answer, from replica A = %q, want the model's", got)
	}
	after := time.Now()
	limited := ask(b, 2, "42", "Who provided crucial intelligence information?")
	if strings.Contains(limited, "[1]") || strings.Contains(limited, "peace deal") || !strings.Contains(limited, "\n\n*") || !strings.Contains(limited, "<t:") {
		t.Errorf("the same user's next question, on replica B = %q, want the article's passage with the rate-limit note saying when: one LLM answer a minute across both", limited)
	}
	// The moment is the first answer's, recorded by replica A, and a
	// minute: when it leaves the user's window.
	if m := regexp.MustCompile(`<t:(\d+):R>`).FindStringSubmatch(limited); m != nil {
		at, _ := strconv.ParseInt(m[1], 10, 64)
		if at < before.Add(time.Minute).Unix()-1 || at > after.Add(time.Minute).Unix()+1 {
			t.Errorf("next written answer at %d, want a minute after the first answer (%d to %d)", at, before.Add(time.Minute).Unix(), after.Add(time.Minute).Unix())
		}
	}
	if got := ask(b, 3, "43", "what would the force monitor"); !strings.Contains(got, "peace deal") {
		t.Errorf("another user's repeat of the first question, on replica B = %q, want the answer replica A cached", got)
	}
	if n := len(model.Requests()); n != 1 {
		t.Errorf("model calls = %d, want 1: the limited question and the cached one cost none", n)
	}
	for name, p := range map[string]*process{"A": a, "B": b} {
		_, metrics := do(t, mustRequest(t, "GET", "http://"+p.addr+"/metrics"))
		if want := `coalitionbot_shared_state{backend="redis"} 1`; !strings.Contains(metrics, want) {
			t.Errorf("replica %s /metrics lacks %s", name, want)
		}
	}
	_, metrics := do(t, mustRequest(t, "GET", "http://"+b.addr+"/metrics"))
	if want := "coalitionbot_rate_limited_total 1"; !strings.Contains(metrics, want) {
		t.Errorf("replica B /metrics lacks %s", want)
	}
	for _, p := range []*process{a, b} {
		if err := p.stop(); err != nil {
			t.Errorf("serve after SIGTERM = %v, want exit 0", err)
		}
	}
}

// buildBinary builds the bot into a temporary directory.
func buildBinary(t *testing.T) string {
	t.Helper()
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("SKIP: the go command is not on PATH, and this test builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "coalitionbot")
	if out, err := exec.Command(gobin, "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// process is `serve` running as a process of its own.
type process struct {
	cmd      *exec.Cmd
	addr     string
	answered chan struct{} // a value for each "answered" log line
	eof      chan struct{} // closed once stderr is read to its end
}

// startProcess runs bin serve with env and returns once it listens.
func startProcess(t *testing.T, bin string, env []string) *process {
	t.Helper()
	cmd := exec.Command(bin, "serve")
	cmd.Dir = t.TempDir()
	cmd.Env = env
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatalf("stderr pipe: %v", err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("start serve: %v", err)
	}
	p := &process{cmd: cmd, answered: make(chan struct{}, 16), eof: make(chan struct{})}
	addr := make(chan string, 1)
	go func() {
		defer close(p.eof)
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			var rec struct{ Msg, Addr string }
			if json.Unmarshal(sc.Bytes(), &rec) != nil {
				continue
			}
			if rec.Addr != "" {
				select {
				case addr <- rec.Addr:
				default:
				}
			}
			if rec.Msg == "answered" {
				p.answered <- struct{}{}
			}
			if strings.Contains(sc.Text(), `"level":"WARN"`) || strings.Contains(sc.Text(), `"level":"ERROR"`) {
				t.Logf("serve: %s", sc.Text())
			}
		}
	}()
	select {
	case p.addr = <-addr:
	case <-p.eof:
		cmd.Wait()
		t.Fatal("serve exited before listening")
	}
	t.Cleanup(func() { p.stop() })
	return p
}

// waitAnswered waits for the process to log that it answered an
// interaction: after its last edit, when it deferred.
func (p *process) waitAnswered(t *testing.T) {
	t.Helper()
	select {
	case <-p.answered:
	case <-p.eof:
		t.Fatal("serve exited before answering")
	}
}

// stop sends SIGTERM and returns how the process exited; again, it
// returns nil.
func (p *process) stop() error {
	if p.cmd == nil {
		return nil
	}
	cmd := p.cmd
	p.cmd = nil
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		return err
	}
	<-p.eof
	return cmd.Wait()
}

// Without REDIS_URL the state is the process's own, and /metrics says so;
// with a Redis that does not answer, serve starts all the same, says so,
// stays healthy and answers from its own state.
func TestServeSharedStateWithoutRedis(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := l.Addr().String()
	l.Close() // nothing listens there now
	for _, tt := range []struct {
		name    string
		vars    map[string]string
		want    []string
		wantLog string
	}{
		{"REDIS_URL unset", nil, []string{`coalitionbot_shared_state{backend="memory"} 1`}, ""},
		{"Redis not answering", map[string]string{"REDIS_URL": "redis://:pw-never-logged@" + closed + "/0"}, []string{
			`coalitionbot_shared_state{backend="memory"} 1`,
			`coalitionbot_shared_state{backend="redis"} 0`,
			`coalitionbot_redis_errors_total{op="ping"} 1`,
		}, "Redis does not answer"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			in := startServe(t, tt.vars)
			if status, _ := do(t, mustRequest(t, "GET", "http://"+in.addr+"/healthz")); status != 200 {
				t.Errorf("/healthz = %d, want 200", status)
			}
			status, body := in.post(t, in.key, time.Now(), askJSON, askJSON)
			if status != 200 || !strings.Contains(body, "Meloni") {
				t.Errorf("POST /interactions /ask = %d %s, want the answer", status, body)
			}
			_, metrics := do(t, mustRequest(t, "GET", "http://"+in.addr+"/metrics"))
			for _, want := range tt.want {
				if !strings.Contains(metrics, want) {
					t.Errorf("/metrics lacks %s", want)
				}
			}
			if err := in.stop(); err != nil {
				t.Errorf("serve after cancel = %v", err)
			}
			if log := in.log.String(); !strings.Contains(log, tt.wantLog) || strings.Contains(log, "pw-never-logged") {
				t.Errorf("log = %s, want %q and no password", log, tt.wantLog)
			}
		})
	}
}
