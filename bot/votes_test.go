package bot

import "testing"

// A vote counts once per user and message; the set keeps at most its
// bound, forgetting the least recently pressed first.
func TestVotesBounded(t *testing.T) {
	v := newVotes(2)
	steps := []struct {
		message, user string
		want          bool
	}{
		{"m1", "u1", true},
		{"m1", "u1", false}, // the same press again
		{"m1", "u2", true},  // another user
		{"m2", "u1", true},  // m1/u1 is forgotten: the bound is 2
		{"m1", "u2", false}, // still remembered
		{"m1", "u1", true},  // forgotten, so counted again
	}
	for i, s := range steps {
		if got := v.first(s.message, s.user); got != s.want {
			t.Errorf("step %d: first(%s, %s) = %v, want %v", i+1, s.message, s.user, got, s.want)
		}
	}
	if n := len(v.byKey); n != 2 || v.order.Len() != 2 {
		t.Errorf("set holds %d votes (%d in order), want its bound of 2", n, v.order.Len())
	}
}
