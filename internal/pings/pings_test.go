package pings

import (
	"strings"
	"testing"
)

func TestDefuse(t *testing.T) {
	for _, in := range []string{
		"@everyone", "@here", "<@123>", "<@!123>", "<@&456>", "<#789>",
		"<@everyone", "<@here>", "@@everyone", "<<@123>>", "a@everyone.b",
	} {
		out := Defuse(in)
		for _, ping := range []string{"@everyone", "@here", "<@", "<#"} {
			if strings.Contains(out, ping) {
				t.Errorf("Defuse(%q) = %q, still holds %q", in, out, ping)
			}
		}
		if strings.ReplaceAll(out, ZWSP, "") != in {
			t.Errorf("Defuse(%q) = %q, want only zero-width spaces added", in, out)
		}
	}
}
