package main

import (
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
)

// dependencyFloors are the oldest versions the bot may link. discordgo
// alone would pin golang.org/x/crypto at a 2021 pseudo-version, which image
// scanners flag; go.mod requires a current one, and this keeps a go.mod
// edit or a tidy from quietly bringing the old one back.
var dependencyFloors = map[string]string{
	"golang.org/x/crypto": "v0.59.0",
	"golang.org/x/sys":    "v0.50.0",
}

// TestDependencyFloors reads the module list embedded in the test binary,
// built from the same go.mod as the bot's, which is what a scanner reads
// from the image's binary.
func TestDependencyFloors(t *testing.T) {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		t.Fatal("debug.ReadBuildInfo() = false, want the embedded module list")
	}
	linked := map[string]string{}
	for _, m := range info.Deps {
		if m.Replace != nil {
			m = m.Replace
		}
		linked[m.Path] = m.Version
	}
	for path, floor := range dependencyFloors {
		v, ok := linked[path]
		if !ok {
			t.Errorf("%s is not linked; drop its floor if the bot no longer needs it", path)
			continue
		}
		if !atLeast(v, floor) {
			t.Errorf("%s is at %s, want %s or newer", path, v, floor)
		}
	}
}

// atLeast reports whether module version v (vMAJOR.MINOR.PATCH, perhaps
// with a pre-release or pseudo-version suffix) is floor or newer. A
// pseudo-version such as v0.0.0-20210421170649-83a5a9bb288b counts as
// v0.0.0.
func atLeast(v, floor string) bool {
	a, b := semver(v), semver(floor)
	for i := range a {
		if a[i] != b[i] {
			return a[i] > b[i]
		}
	}
	return true
}

// semver parses the numbers of vMAJOR.MINOR.PATCH[-suffix]; what does not
// parse counts as 0.
func semver(v string) [3]int {
	core, _, _ := strings.Cut(strings.TrimPrefix(v, "v"), "-")
	var out [3]int
	for i, part := range strings.SplitN(core, ".", 3) {
		out[i], _ = strconv.Atoi(part)
	}
	return out
}
