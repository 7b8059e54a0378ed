package answer

import (
	"strings"
	"testing"
)

func TestNeutralizeMentions(t *testing.T) {
	for _, in := range []string{
		"@everyone", "@here", "<@123>", "<@!123>", "<@&456>", "<#789>",
		"<@everyone", "<@here>", "@@everyone", "<<@123>>", "a@everyone.b",
	} {
		out := NeutralizeMentions(in)
		for _, ping := range []string{"@everyone", "@here", "<@", "<#"} {
			if strings.Contains(out, ping) {
				t.Errorf("NeutralizeMentions(%q) = %q, still holds %q", in, out, ping)
			}
		}
		if strings.ReplaceAll(out, zwsp, "") != in {
			t.Errorf("NeutralizeMentions(%q) = %q, want only zero-width spaces added", in, out)
		}
	}
}
