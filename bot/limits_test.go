package bot

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestTruncate(t *testing.T) {
	tests := []struct {
		name string
		in   string
		max  int
		want string
	}{
		{"fits", "hello world", 11, "hello world"},
		{"ends on a word", "the quick brown fox jumps", 20, "the quick brown fox…"},
		{"backs up to a space", "the quick brown fox jumps", 18, "the quick brown…"},
		{"prefers a line break", "line one here\nline two words", 22, "line one here…"},
		{"one long word", "abcdefghij", 5, "abcd…"},
		{"multi-byte runes", "ééééé", 3, "éé…"},
		{"flags are two runes each", "🇫🇷🇩🇪🇮🇹", 3, "🇫🇷…"},
		{"max one", "hello", 1, "…"},
		{"max zero", "hello", 0, ""},
		{"empty", "", 10, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Truncate(tt.in, tt.max); got != tt.want {
				t.Errorf("Truncate(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
			}
		})
	}
}

func TestSplit(t *testing.T) {
	tests := []struct {
		name string
		in   string
		max  int
		want []string
	}{
		{"fits", "one two", 10, []string{"one two"}},
		{"at spaces", "one two three four", 9, []string{"one two", "three", "four"}},
		{"at line breaks", "aaa bbb\nccc ddd eee", 12, []string{"aaa bbb", "ccc ddd eee"}},
		{"long word", "abcdefgh", 3, []string{"abc", "def", "gh"}},
		{"multi-byte", "ééé ééé", 4, []string{"ééé", "ééé"}},
		{"blank", " \n ", 5, nil},
		{"max zero", "abc", 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Split(tt.in, tt.max)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") || len(got) != len(tt.want) {
				t.Errorf("Split(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
			}
		})
	}
}

func FuzzTruncate(f *testing.F) {
	f.Add("the quick brown fox jumps over the lazy dog", 10)
	f.Add("ééééé ééé", 4)
	f.Add("🇺🇦🇬🇧\n🇫🇷 words", 3)
	f.Add("\xff\xfe invalid", 2)
	f.Fuzz(func(t *testing.T, s string, max int) {
		max = int(uint(max) % 300)
		got := Truncate(s, max)
		if n := utf8.RuneCountInString(got); n > max {
			t.Fatalf("Truncate(%q, %d) = %q, %d characters", s, max, got, n)
		}
		if utf8.ValidString(s) && !utf8.ValidString(got) {
			t.Fatalf("Truncate(%q, %d) = %q, invalid UTF-8", s, max, got)
		}
		if utf8.RuneCountInString(s) <= max {
			if got != s {
				t.Fatalf("Truncate(%q, %d) = %q, want it unchanged", s, max, got)
			}
			return
		}
		if max > 0 && !strings.HasPrefix(s, strings.TrimSuffix(got, ellipsis)) {
			t.Fatalf("Truncate(%q, %d) = %q, not a prefix plus %q", s, max, got, ellipsis)
		}
	})
}

func FuzzSplit(f *testing.F) {
	f.Add("one two three four five six", 7)
	f.Add("ééé\nééé ééé", 2)
	f.Add("🇺🇦🇬🇧🇫🇷 x", 1)
	f.Fuzz(func(t *testing.T, s string, max int) {
		max = int(uint(max)%200) + 1
		pieces := Split(s, max)
		for _, p := range pieces {
			if n := utf8.RuneCountInString(p); n == 0 || n > max {
				t.Fatalf("Split(%q, %d) has piece %q of %d characters", s, max, p, n)
			}
			if utf8.ValidString(s) && !utf8.ValidString(p) {
				t.Fatalf("Split(%q, %d) has invalid piece %q", s, max, p)
			}
		}
		var kept strings.Builder
		for _, p := range pieces {
			kept.WriteString(dropSpace(p))
		}
		if got, want := kept.String(), dropSpace(s); got != want {
			t.Fatalf("Split(%q, %d) = %q, lost text: %q, want %q", s, max, pieces, got, want)
		}
	})
}

func dropSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}
