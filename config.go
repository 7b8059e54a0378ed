package main

import (
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/joho/godotenv"

	"github.com/coalitionbot/coalitionbot/internal/sharedstate"
)

// Config is every setting of the bot, read once from a .env file (when
// present) and the environment, which wins. Each variable is documented in
// .env.example.
type Config struct {
	DiscordToken     string
	DiscordGuildID   string
	DiscordAPIURL    string
	DiscordPublicKey string
	ShardID          int
	ShardCount       int
	HTTPAddr         string
	// DiscordAppID is the application's ID, for the invite links `serve`
	// logs; the gateway bot learns it from Discord.
	DiscordAppID string

	// AllowChannels and AllowRoles are the channels and roles the bot
	// answers in and for (ALLOWED_CHANNEL_IDS, ALLOWED_ROLE_IDS; empty:
	// all); AllowDMs whether it answers in direct messages.
	AllowChannels []string
	AllowRoles    []string
	AllowDMs      bool

	KnowledgeDir string
	PromptsDir   string

	LLMBaseURL   string
	LLMAPIKey    string
	LLMModel     string
	LLMTimeout   time.Duration
	LLMMaxTokens int
	// LLMUserRate is how many LLM answers one user may get a minute.
	LLMUserRate int
	// LLMMaxInFlight bounds concurrent calls to the model.
	LLMMaxInFlight int
	LLMCacheTTL    time.Duration
	LLMCacheSize   int

	// RedisURL, when set, is where the LLM cache and limits are shared by
	// every replica and shard, under RedisPrefix. It may hold a password:
	// never log it.
	RedisURL    string
	RedisPrefix string

	LogLevel  slog.Level
	LogFormat string
}

// LLMEnabled reports whether an LLM is configured: a base URL or a key.
func (c Config) LLMEnabled() bool { return c.LLMBaseURL != "" || c.LLMAPIKey != "" }

// defaultLLMBaseURL is used when only LLM_API_KEY is set.
const defaultLLMBaseURL = "https://api.openai.com/v1"

// LoadConfig reads .env from the working directory (a missing file is fine),
// then the environment through getenv, and validates the result. Every error
// names the variable at fault.
func LoadConfig(getenv func(string) string) (Config, error) {
	file, err := godotenv.Read(".env")
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return Config{}, fmt.Errorf("read .env: %w", err)
	}
	return readConfig(func(k string) string {
		if v := getenv(k); v != "" {
			return v
		}
		return file[k]
	})
}

// readConfig reads every variable through get, each once and always, so
// the list of variables (configVariables) is read off this function.
func readConfig(get func(string) string) (Config, error) {
	l := loader{get: get}
	c := Config{
		DiscordToken:     l.str("DISCORD_TOKEN", ""),
		DiscordGuildID:   l.str("DISCORD_GUILD_ID", ""),
		DiscordAPIURL:    l.url("DISCORD_API_URL", ""),
		DiscordPublicKey: l.str("DISCORD_PUBLIC_KEY", ""),
		ShardID:          l.int("SHARD_ID", 0, 0),
		ShardCount:       l.int("SHARD_COUNT", 1, 1),
		HTTPAddr:         l.str("HTTP_ADDR", ":8080"),
		DiscordAppID:     l.snowflake("DISCORD_APPLICATION_ID"),
		AllowChannels:    l.snowflakes("ALLOWED_CHANNEL_IDS"),
		AllowRoles:       l.snowflakes("ALLOWED_ROLE_IDS"),
		AllowDMs:         l.bool("ALLOW_DMS", true),
		KnowledgeDir:     l.str("KNOWLEDGE_DIR", ""),
		PromptsDir:       l.str("PROMPTS_DIR", ""),
		LLMBaseURL:       l.url("LLM_BASE_URL", ""),
		LLMAPIKey:        l.str("LLM_API_KEY", ""),
		LLMModel:         l.str("LLM_MODEL", "gpt-4o-mini"),
		LLMTimeout:       l.duration("LLM_TIMEOUT", 30*time.Second),
		LLMMaxTokens:     l.int("LLM_MAX_TOKENS", 350, 1),
		LLMUserRate:      l.int("LLM_USER_RATE", 5, 1),
		LLMMaxInFlight:   l.int("LLM_MAX_IN_FLIGHT", 4, 1),
		LLMCacheTTL:      l.duration("LLM_CACHE_TTL", time.Hour),
		LLMCacheSize:     l.int("LLM_CACHE_SIZE", 512, 1),
		RedisURL:         l.redisURL("REDIS_URL"),
		RedisPrefix:      l.prefix("REDIS_PREFIX", "coalitionbot:"),
		LogLevel:         l.level("LOG_LEVEL"),
		LogFormat:        l.oneOf("LOG_FORMAT", "text", "text", "json"),
	}
	if c.LLMAPIKey != "" && c.LLMBaseURL == "" {
		c.LLMBaseURL = defaultLLMBaseURL
	}
	if l.err == nil && c.ShardID >= c.ShardCount {
		l.fail("SHARD_ID", strconv.Itoa(c.ShardID), fmt.Sprintf("must be below SHARD_COUNT (%d)", c.ShardCount))
	}
	return c, l.err
}

// loader parses variables and keeps the first error, so LoadConfig reads
// as a list of settings.
type loader struct {
	get func(string) string
	err error
}

func (l *loader) fail(name, value, why string) {
	if l.err == nil {
		l.err = fmt.Errorf("config: %s=%q %s", name, value, why)
	}
}

func (l *loader) str(name, def string) string {
	if v := strings.TrimSpace(l.get(name)); v != "" {
		return v
	}
	return def
}

func (l *loader) url(name, def string) string {
	v := l.str(name, def)
	if v == "" {
		return v
	}
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		l.fail(name, v, "must be an http or https URL")
	}
	return strings.TrimRight(v, "/")
}

func (l *loader) int(name string, def, min int) int {
	v := l.str(name, "")
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < min {
		l.fail(name, v, fmt.Sprintf("must be a whole number of at least %d", min))
		return def
	}
	return n
}

func (l *loader) duration(name string, def time.Duration) time.Duration {
	v := l.str(name, "")
	if v == "" {
		return def
	}
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		l.fail(name, v, "must be a positive Go duration such as 30s or 2m")
		return def
	}
	return d
}

// snowflakeID matches a Discord ID as Discord's client copies it.
var snowflakeID = regexp.MustCompile(`^[0-9]{17,20}$`)

// isSnowflake reports whether s is a Discord ID: 17 to 20 digits, within
// 64 bits.
func isSnowflake(s string) bool {
	if !snowflakeID.MatchString(s) {
		return false
	}
	_, err := strconv.ParseUint(s, 10, 64)
	return err == nil
}

// snowflake reads one Discord ID, or "".
func (l *loader) snowflake(name string) string {
	v := l.str(name, "")
	if v != "" && !isSnowflake(v) {
		l.fail(name, v, "must be a Discord ID: 17 to 20 digits (Developer Mode, then Copy ID)")
		return ""
	}
	return v
}

// snowflakes reads a list of Discord IDs separated by commas; nil when
// empty.
func (l *loader) snowflakes(name string) []string {
	v := l.str(name, "")
	var ids []string
	for _, part := range strings.Split(v, ",") {
		id := strings.TrimSpace(part)
		if id == "" {
			continue
		}
		if !isSnowflake(id) {
			l.fail(name, v, fmt.Sprintf("must be Discord IDs separated by commas, 17 to 20 digits each; %q is not one", id))
			return nil
		}
		ids = append(ids, id)
	}
	return ids
}

func (l *loader) bool(name string, def bool) bool {
	v := l.str(name, "")
	if v == "" {
		return def
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		l.fail(name, v, "must be true or false")
		return def
	}
	return b
}

func (l *loader) level(name string) slog.Level {
	var lv slog.Level
	if v := l.str(name, "info"); lv.UnmarshalText([]byte(v)) != nil {
		l.fail(name, v, "must be debug, info, warn or error")
	}
	return lv
}

func (l *loader) oneOf(name, def string, allowed ...string) string {
	v := strings.ToLower(l.str(name, def))
	for _, a := range allowed {
		if v == a {
			return v
		}
	}
	l.fail(name, v, "must be one of "+strings.Join(allowed, ", "))
	return def
}

// redisURL reads a Redis URL. Its errors show the URL with the password
// masked: they end up in logs.
func (l *loader) redisURL(name string) string {
	v := l.str(name, "")
	if v == "" {
		return v
	}
	if _, err := sharedstate.ParseURL(v); err != nil {
		l.fail(name, sharedstate.Redact(v), err.Error())
	}
	return v
}

// prefixPattern is what a key prefix may hold: no spaces or controls,
// which would make keys awkward to type in redis-cli, and short.
var prefixPattern = regexp.MustCompile(`^[A-Za-z0-9:_.{}-]{1,64}$`)

func (l *loader) prefix(name, def string) string {
	v := l.str(name, def)
	if !prefixPattern.MatchString(v) {
		l.fail(name, v, "must be 1 to 64 letters, digits or : _ . - { }")
		return def
	}
	return v
}
