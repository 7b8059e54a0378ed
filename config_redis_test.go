package main

import (
	"strings"
	"testing"
)

// REDIS_URL may hold a password: a config error about it names the
// variable and says what is wrong, but never shows the password.
func TestRedisConfig(t *testing.T) {
	const password = "s3cret-Pa55word"
	bad := []struct {
		name, url, want string
	}{
		{"http scheme", "http://:" + password + "@redis:6379", "redis:// or rediss://"},
		{"unix socket", "unix:///run/redis.sock", "redis:// or rediss://"},
		{"no host", "redis://", "with a host"},
		{"not a URL", "redis://:" + password + "@red is:6379/%zz", "redis:// or rediss://"},
		{"database not a number", "redis://:" + password + "@redis:6379/first", "invalid database number"},
		{"unknown option", "redis://:" + password + "@redis:6379/0?colour=blue", "unexpected option: colour"},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadConfig(mapEnv(map[string]string{"REDIS_URL": tt.url}))
			if err == nil || !strings.Contains(err.Error(), "REDIS_URL") || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("LoadConfig(REDIS_URL=%s) error = %v, want one naming REDIS_URL and saying %q", tt.url, err, tt.want)
			}
			if strings.Contains(err.Error(), password) {
				t.Errorf("LoadConfig() error = %v, shows the password", err)
			}
		})
	}
	for _, url := range []string{"redis://redis:6379", "rediss://user:" + password + "@redis.example:6380/2", "redis://:" + password + "@127.0.0.1:6379/0?pool_size=20"} {
		if cfg := testConfig(t, map[string]string{"REDIS_URL": url}); cfg.RedisURL != url || cfg.RedisPrefix != "coalitionbot:" {
			t.Errorf("LoadConfig(REDIS_URL=%s) = %q prefix %q, want it kept and the default prefix", url, cfg.RedisURL, cfg.RedisPrefix)
		}
	}
	for _, prefix := range []string{"with space:", "tab\there", strings.Repeat("p", 65)} {
		_, err := LoadConfig(mapEnv(map[string]string{"REDIS_PREFIX": prefix}))
		if err == nil || !strings.Contains(err.Error(), "REDIS_PREFIX") {
			t.Errorf("LoadConfig(REDIS_PREFIX=%q) error = %v, want one naming REDIS_PREFIX", prefix, err)
		}
	}
	if cfg := testConfig(t, map[string]string{"REDIS_PREFIX": "{bot-2}:"}); cfg.RedisPrefix != "{bot-2}:" {
		t.Errorf("REDIS_PREFIX = %q, want {bot-2}:", cfg.RedisPrefix)
	}
}
