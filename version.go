package main

import (
	"context"
	"fmt"
	"runtime/debug"
)

// version names the build when it is stamped: the Dockerfile does so with
// -ldflags "-X main.version=..."; operators see it in the start-up log and
// in /metrics as coalitionbot_build_info. Builds that are not stamped
// report what the go command recorded instead (buildVersion).
var version = "dev"

// buildVersion is the version this binary reports.
func buildVersion() string {
	info, _ := debug.ReadBuildInfo()
	return resolveVersion(version, info)
}

// resolveVersion picks the version to report: the stamped one, else the
// module version the go command recorded (`go install
// github.com/coalitionbot/coalitionbot@v1.2.0` records v1.2.0, and a
// build in a git checkout a pseudo-version), else the VCS revision, else
// "dev". info may be nil.
func resolveVersion(stamped string, info *debug.BuildInfo) string {
	if stamped != "" && stamped != "dev" {
		return stamped
	}
	if info == nil {
		return "dev"
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var revision, dirty string
	for _, s := range info.Settings {
		switch {
		case s.Key == "vcs.revision":
			revision = s.Value
		case s.Key == "vcs.modified" && s.Value == "true":
			dirty = "-dirty"
		}
	}
	if revision == "" {
		return "dev"
	}
	return revision[:min(len(revision), 12)] + dirty
}

// printVersion is the version command, also run as --version.
func (e *cliEnv) printVersion(_ context.Context, args []string) error {
	if err := e.commandLine("version").noArguments(args); err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, "coalitionbot", buildVersion())
	return nil
}
