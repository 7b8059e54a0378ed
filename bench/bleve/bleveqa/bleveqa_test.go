package bleveqa

import (
	"slices"
	"strings"
	"testing"

	"github.com/coalitionbot/coalitionbot/knowledge"
)

func TestSplit(t *testing.T) {
	got := Split(`He said “we are ready.” Then he left. Is it 3.5 km? Yes (mostly.) end` + "\n- Italian Prime Minister\n\n- Next")
	want := []string{`He said “we are ready.”`, "Then he left.", "Is it 3.5 km?", "Yes (mostly.)", "end", "- Italian Prime Minister", "- Next"}
	if !slices.Equal(got, want) {
		t.Errorf("Split = %q, want %q", got, want)
	}
}

func TestAnswer(t *testing.T) {
	base, err := knowledge.Load(nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []Kind{MemOnly, Scorch} {
		e, err := New(base.Passages, k)
		if err != nil {
			t.Fatal(err)
		}
		a, err := e.Answer("Who is the Italian prime minister?")
		if err != nil || !strings.Contains(a.Text, "Giorgia Melono") || len(a.Sources) == 0 {
			t.Errorf("%s: Answer = %+v, %v; want the line of the list with Meloni", k, a, err)
		}
		a, err = e.Answer("What did the Kremlin say about the Black Sea ceasefire?")
		if err != nil || !strings.Contains(a.Text, "Kremlin") {
			t.Errorf("%s: Answer = %+v, %v; want the Kremlin's sentence", k, a, err)
		}
		if a, err := e.Answer("the of and"); err != nil || a.Text != "" {
			t.Errorf("%s: stop words: Answer = %+v, %v; want no answer", k, a, err)
		}
		e.Close()
	}
}
