package questions

import (
	"strings"
	"testing"
)

func TestAll(t *testing.T) {
	qs := All()
	if len(qs) != N {
		t.Fatalf("len(All()) = %d, want %d", len(qs), N)
	}
	for i, q := range qs {
		if strings.TrimSpace(q) == "" || strings.ContainsAny(q, "\r\n") {
			t.Errorf("question %d is %q: want one non-empty line", i+1, q)
		}
	}
}

func TestVary(t *testing.T) {
	for v, want := range map[int]string{
		0: "Who represents Italy?",
		1: "who represents italy?",
		3: "WHO REPRESENTS ITALY?",
		4: "Who represents Italy",
		9: "who represents italy?",
	} {
		if got := Vary("Who represents Italy?", v); got != want {
			t.Errorf("Vary(%d) = %q, want %q", v, got, want)
		}
	}
	// A typo changes one word and keeps the letters.
	got := Vary("Who represents Italy?", 12)
	if got == "Who represents Italy?" || len(got) != len("Who represents Italy?") {
		t.Errorf("Vary(12) = %q, want one word with two letters swapped", got)
	}
	if Vary("Who represents Italy?", 12) != got {
		t.Error("Vary is not deterministic")
	}
	if got := Generate([]string{"a?", "b?"}, 5); strings.Join(got, "|") != "a?|b?|a?|b?|A?" {
		t.Errorf("Generate = %q", got)
	}
}
