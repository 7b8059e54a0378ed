package main

import (
	"os"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// replicaService is the part of the Compose file's redis and serve
// services the test reads.
type replicaService struct {
	Image       string   `yaml:"image"`
	User        string   `yaml:"user"`
	Profiles    []string `yaml:"profiles"`
	Command     []string `yaml:"command"`
	Environment []string `yaml:"environment"`
	DependsOn   map[string]struct {
		Condition string `yaml:"condition"`
	} `yaml:"depends_on"`
	Deploy struct {
		Replicas int `yaml:"replicas"`
	} `yaml:"deploy"`
	ReadOnly    bool     `yaml:"read_only"`
	SecurityOpt []string `yaml:"security_opt"`
	CapDrop     []string `yaml:"cap_drop"`
	Ports       []string `yaml:"ports"`
	Healthcheck struct {
		Test []string `yaml:"test"`
	} `yaml:"healthcheck"`
}

// The Compose file's Redis is optional (a profile), and its two-replica
// serve example shares it, each replica on a host port of its own, with
// the bot's hardening.
func TestComposeRedisAndReplicas(t *testing.T) {
	raw, err := os.ReadFile("docker-compose.yml")
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Services map[string]replicaService `yaml:"services"`
	}
	if err := yaml.Unmarshal(raw, &f); err != nil {
		t.Fatalf("docker-compose.yml: %v", err)
	}
	redis, serve := f.Services["redis"], f.Services["serve"]
	if len(redis.Profiles) == 0 || !strings.HasPrefix(redis.Image, "redis:7.") || len(redis.Healthcheck.Test) == 0 || redis.User == "" || strings.HasPrefix(redis.User, "0") {
		t.Errorf("redis service = %+v, want a pinned redis:7 image behind a profile, as a non-root user, with a health check", redis)
	}
	if len(f.Services["bot"].Profiles) != 0 {
		t.Error("the bot service has a profile: docker compose up must still start it alone")
	}
	if !slices.Contains(redis.Profiles, "replicas") || !slices.Equal(serve.Profiles, []string{"replicas"}) {
		t.Errorf("profiles: redis %v, serve %v; want serve only with --profile replicas, which starts redis too", redis.Profiles, serve.Profiles)
	}
	if !slices.Equal(serve.Command, []string{"serve"}) || serve.Deploy.Replicas != 2 || !slices.Contains(serve.Environment, "REDIS_URL=redis://redis:6379/0") ||
		serve.DependsOn["redis"].Condition != "service_healthy" || serve.Image != f.Services["bot"].Image {
		t.Errorf("serve service = %+v, want 2 replicas of the bot's image running serve on the redis service once it is healthy", serve)
	}
	if len(serve.Ports) != 1 || !strings.Contains(serve.Ports[0], "8081-8082:") || !slices.Contains(serve.Environment, "HTTP_ADDR=:8080") || !strings.HasSuffix(serve.Ports[0], ":8080") {
		t.Errorf("serve ports %v, environment %v; want a host port for each of the 2 replicas onto HTTP_ADDR=:8080", serve.Ports, serve.Environment)
	}
	for name, s := range map[string]replicaService{"redis": redis, "serve": serve} {
		if !s.ReadOnly || !slices.Equal(s.CapDrop, []string{"ALL"}) || !slices.Contains(s.SecurityOpt, "no-new-privileges:true") {
			t.Errorf("%s service: read_only %v, cap_drop %v, security_opt %v; want the bot's hardening", name, s.ReadOnly, s.CapDrop, s.SecurityOpt)
		}
	}
}
