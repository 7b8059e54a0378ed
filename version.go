package main

// version names the build. The Dockerfile stamps it with
// -ldflags "-X main.version=..."; operators see it in the start-up log and
// in /metrics as coalitionbot_build_info.
var version = "dev"
