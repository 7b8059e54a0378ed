package main

import (
	"net"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// composeService is the parts of docker-compose.yml's bot service the
// tests hold to account, in the forms the file uses.
type composeService struct {
	Command []string `yaml:"command"`
	EnvFile []struct {
		Path     string `yaml:"path"`
		Required *bool  `yaml:"required"`
	} `yaml:"env_file"`
	Environment []string `yaml:"environment"`
	ReadOnly    bool     `yaml:"read_only"`
	SecurityOpt []string `yaml:"security_opt"`
	CapDrop     []string `yaml:"cap_drop"`
	Volumes     []string `yaml:"volumes"`
	ExtraHosts  []string `yaml:"extra_hosts"`
	Ports       []string `yaml:"ports"`
}

// parseCompose parses a compose file and returns its bot service.
func parseCompose(t *testing.T, text string) composeService {
	t.Helper()
	var f struct {
		Services map[string]composeService `yaml:"services"`
	}
	if err := yaml.Unmarshal([]byte(text), &f); err != nil {
		t.Fatalf("parse docker-compose.yml: %v", err)
	}
	bot, ok := f.Services["bot"]
	if !ok {
		t.Fatalf("docker-compose.yml has no bot service")
	}
	return bot
}

func readCompose(t *testing.T) (text string, bot composeService) {
	t.Helper()
	b, err := os.ReadFile("docker-compose.yml")
	if err != nil {
		t.Fatalf("read docker-compose.yml: %v", err)
	}
	return string(b), parseCompose(t, string(b))
}

// interpolate expands ${NAME} and ${NAME:-default} as docker compose does,
// with the variables vars.
func interpolate(s string, vars map[string]string) string {
	return os.Expand(s, func(ref string) string {
		name, def, _ := strings.Cut(ref, ":-")
		if v := vars[name]; v != "" {
			return v
		}
		return def
	})
}

// The port is published on the host's loopback unless HOST_BIND says
// otherwise, so /metrics is not on the network by accident, and it is the
// port the bot listens on in the container.
func TestComposePublishesOnLoopback(t *testing.T) {
	_, bot := readCompose(t)
	if len(bot.Ports) != 1 {
		t.Fatalf("docker-compose.yml ports = %q, want one mapping", bot.Ports)
	}
	listen := ""
	for _, e := range bot.Environment {
		if v, ok := strings.CutPrefix(e, "HTTP_ADDR="); ok {
			listen = v
		}
	}
	_, containerPort, err := net.SplitHostPort(listen)
	if err != nil {
		t.Fatalf("docker-compose.yml HTTP_ADDR = %q: %v", listen, err)
	}
	tests := []struct {
		name string
		vars map[string]string
		want string
	}{
		{"by default", nil, "127.0.0.1:8080:" + containerPort},
		{"opened with HOST_BIND", map[string]string{"HOST_BIND": "0.0.0.0"}, "0.0.0.0:8080:" + containerPort},
		{"another host port", map[string]string{"HOST_PORT": "9000"}, "127.0.0.1:9000:" + containerPort},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := interpolate(bot.Ports[0], tt.vars); got != tt.want {
				t.Errorf("ports %q with %v = %q, want %q", bot.Ports[0], tt.vars, got, tt.want)
			}
		})
	}
}

// `docker compose up` works with environment variables alone: .env is
// optional, and every variable the bot reads passes from the environment
// compose runs in, except HTTP_ADDR, which is pinned to the published
// port whatever a .env for running outside Docker says.
func TestComposeEnvironment(t *testing.T) {
	_, bot := readCompose(t)
	if len(bot.EnvFile) != 1 || bot.EnvFile[0].Path != ".env" || bot.EnvFile[0].Required == nil || *bot.EnvFile[0].Required {
		t.Errorf("docker-compose.yml env_file = %+v, want .env with required: false", bot.EnvFile)
	}
	vars := configVariables()
	for _, e := range bot.Environment {
		name, value, pinned := strings.Cut(e, "=")
		switch {
		case !slices.Contains(vars, name):
			t.Errorf("docker-compose.yml environment has %q, which the bot does not read", e)
		case pinned && name != "HTTP_ADDR":
			t.Errorf("docker-compose.yml environment sets %s=%s, which hides what the environment and .env say", name, value)
		}
	}
	for _, name := range vars {
		want := name
		if name == "HTTP_ADDR" {
			want = "HTTP_ADDR=:8080"
		}
		if !slices.Contains(bot.Environment, want) {
			t.Errorf("docker-compose.yml environment lacks %q", want)
		}
	}
}

// The container runs as the README says: the gateway bot, on a read-only
// root filesystem, without privileges.
func TestComposeHardening(t *testing.T) {
	_, bot := readCompose(t)
	if d := readDockerfile(t); !slices.Equal(bot.Command, []string{"bot"}) || d.cmd != `["bot"]` {
		t.Errorf("command = %q (Dockerfile CMD %s), want [bot]", bot.Command, d.cmd)
	}
	if !bot.ReadOnly {
		t.Error("docker-compose.yml read_only is not true")
	}
	if !slices.Equal(bot.CapDrop, []string{"ALL"}) {
		t.Errorf("docker-compose.yml cap_drop = %q, want [ALL]", bot.CapDrop)
	}
	if !slices.Contains(bot.SecurityOpt, "no-new-privileges:true") {
		t.Errorf("docker-compose.yml security_opt = %q, want no-new-privileges:true", bot.SecurityOpt)
	}
}

// uncommentVolumes returns text with its commented-out volumes block
// ("# volumes:" and the "#   - …" lines after it, at one indentation)
// uncommented, and whether there was one.
func uncommentVolumes(text string) (string, bool) {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		indent, ok := strings.CutSuffix(l, "# volumes:")
		if !ok || strings.TrimLeft(indent, " ") != "" {
			continue
		}
		lines[i] = indent + "volumes:"
		for j := i + 1; j < len(lines) && strings.HasPrefix(lines[j], indent+"#   - "); j++ {
			lines[j] = indent + strings.TrimPrefix(lines[j], indent+"# ")
		}
		return strings.Join(lines, "\n"), true
	}
	return text, false
}

// The commented volumes for KNOWLEDGE_DIR and PROMPTS_DIR work once
// uncommented: read-only mounts at the paths the comment tells to set.
func TestComposeCommentedVolumes(t *testing.T) {
	text, _ := readCompose(t)
	uncommented, ok := uncommentVolumes(text)
	if !ok {
		t.Fatal("docker-compose.yml has no commented volumes block")
	}
	bot := parseCompose(t, uncommented)
	if len(bot.Volumes) == 0 {
		t.Fatal("docker-compose.yml's commented volumes block has no volumes")
	}
	targets := map[string]string{}
	for _, v := range bot.Volumes {
		parts := strings.Split(v, ":")
		if len(parts) != 3 || parts[2] != "ro" {
			t.Errorf("volume %q, want SOURCE:TARGET:ro (the bot writes nothing)", v)
			continue
		}
		targets[parts[1]] = parts[0]
	}
	for _, name := range []string{"KNOWLEDGE_DIR", "PROMPTS_DIR"} {
		m := regexp.MustCompile(name + `=(/\S*[^.,\s])`).FindStringSubmatch(text)
		if m == nil {
			t.Errorf("docker-compose.yml does not say what to set %s to", name)
			continue
		}
		if _, ok := targets[m[1]]; !ok {
			t.Errorf("docker-compose.yml says %s=%s, but no commented volume mounts there (volumes %q)", name, m[1], bot.Volumes)
		}
	}
}

// An Ollama on the host is reachable from the container by the name the
// .env.example gives, which compose maps to the host.
func TestComposeReachesTheHost(t *testing.T) {
	_, bot := readCompose(t)
	if !slices.Contains(bot.ExtraHosts, "host.docker.internal:host-gateway") {
		t.Errorf("docker-compose.yml extra_hosts = %q, want host.docker.internal:host-gateway", bot.ExtraHosts)
	}
	example, err := os.ReadFile(".env.example")
	if err != nil {
		t.Fatal(err)
	}
	const ollama = "http://host.docker.internal:11434/v1"
	if !strings.Contains(string(example), ollama) {
		t.Errorf(".env.example does not give the host's Ollama as %s", ollama)
	}
	if cfg := testConfig(t, map[string]string{"LLM_BASE_URL": ollama}); cfg.LLMBaseURL != ollama {
		t.Errorf("LLM_BASE_URL=%s loads as %q", ollama, cfg.LLMBaseURL)
	}
}
