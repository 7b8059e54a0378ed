package bot

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/bwmarrin/discordgo"
)

// rebase is an http.RoundTripper that sends requests meant for Discord's API
// to another base URL, as operators of larger bots do with a rate-limiting
// REST proxy, and as tests do with a fake Discord.
//
// discordgo builds every URL from package-level variables
// (discordgo.EndpointAPI and some sixty derived ones, computed once at
// start-up), and v0.29 has no per-session base URL. Rewriting those
// variables would affect every session in the process and is easy to get
// half right; but each session sends all its REST calls, including the
// gateway lookup, through its own http.Client. So the bot rewrites the
// requests there instead, leaving the package variables alone.
type rebase struct {
	from *url.URL // discordgo's API origin
	to   *url.URL
	next http.RoundTripper
}

// APITransport returns next, sending Discord API requests to base instead
// of https://discord.com (DISCORD_API_URL). base may end in /api, like
// Discord's own API base URL; either way the request's path (/api/v9/...)
// is kept, under base's path. An empty base leaves next alone. The gateway
// bot and the HTTP interactions endpoint both send their REST calls so.
func APITransport(base string, next http.RoundTripper) (http.RoundTripper, error) {
	if base == "" {
		return next, nil
	}
	to, err := url.Parse(strings.TrimSuffix(strings.TrimSuffix(base, "/"), "/api"))
	if err != nil || (to.Scheme != "http" && to.Scheme != "https") || to.Host == "" {
		return nil, fmt.Errorf("DISCORD_API_URL %q is not an http or https URL", base)
	}
	from, err := url.Parse(discordgo.EndpointDiscord)
	if err != nil {
		return nil, fmt.Errorf("parse discordgo endpoint: %w", err)
	}
	return &rebase{from: from, to: to, next: next}, nil
}

// RoundTrip rewrites requests to Discord's API origin and passes the others
// (such as CDN downloads) through untouched.
func (t *rebase) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.URL.Scheme != t.from.Scheme || req.URL.Host != t.from.Host {
		return t.next.RoundTrip(req)
	}
	out := req.Clone(req.Context())
	out.URL.Scheme = t.to.Scheme
	out.URL.Host = t.to.Host
	out.URL.Path = strings.TrimSuffix(t.to.Path, "/") + req.URL.Path
	out.URL.RawPath = ""
	out.Host = ""
	return t.next.RoundTrip(out)
}
