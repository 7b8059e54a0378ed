package pings

import (
	"regexp"
	"strings"
	"testing"
)

// livePing matches what Discord would turn into a ping: @everyone, @here,
// and user, role and channel mentions.
var livePing = regexp.MustCompile(`@everyone|@here|<@[0-9&!]|<#[0-9]`)

// FuzzDefuse checks that no text, however built, keeps a
// working mention, and that defusing only adds characters. Seeds are in
// testdata/fuzz/FuzzDefuse.
func FuzzDefuse(f *testing.F) {
	f.Fuzz(func(t *testing.T, s string) {
		got := Defuse(s)
		if m := livePing.FindString(got); m != "" {
			t.Errorf("Defuse(%q) = %q, still contains %q", s, got, m)
		}
		if strings.ReplaceAll(got, "\u200b", "") != strings.ReplaceAll(s, "\u200b", "") {
			t.Errorf("Defuse(%q) = %q, want only zero-width spaces added", s, got)
		}
	})
}
