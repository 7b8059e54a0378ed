package server

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/bwmarrin/discordgo"
)

// APITransport returns next, sending requests meant for Discord's API to
// base instead (DISCORD_API_URL: a rate-limiting REST proxy, or a fake
// Discord in tests) and keeping their path (/api/v9/...) under base's path;
// base may end in /api like Discord's own. An empty base leaves next alone.
//
// discordgo builds URLs from package variables shared by every session, so
// the rewrite happens in the session's own transport instead. The gateway
// bot does the same in bot/apiurl.go, unexported there; once bot exports
// it, serve should use that one and this should go.
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
	return rebase{from: from, to: to, next: next}, nil
}

type rebase struct {
	from, to *url.URL
	next     http.RoundTripper
}

func (t rebase) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.URL.Scheme != t.from.Scheme || req.URL.Host != t.from.Host {
		return t.next.RoundTrip(req)
	}
	out := req.Clone(req.Context())
	out.URL.Scheme, out.URL.Host, out.Host = t.to.Scheme, t.to.Host, ""
	out.URL.Path = strings.TrimSuffix(t.to.Path, "/") + req.URL.Path
	out.URL.RawPath = ""
	return t.next.RoundTrip(out)
}
