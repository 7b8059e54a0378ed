package main

import (
	"os"
	"regexp"
	"testing"
)

// Every variable the bot reads is documented in .env.example, and the
// example loads as a valid configuration.
func TestEnvExampleDocumentsEveryVariable(t *testing.T) {
	example, err := os.ReadFile(".env.example")
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile("config.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range regexp.MustCompile(`l\.\w+\("([A-Z_]+)"`).FindAllSubmatch(src, -1) {
		if !regexp.MustCompile(`(?m)^` + string(m[1]) + `=`).Match(example) {
			t.Errorf(".env.example does not document %s", m[1])
		}
	}
	vars := map[string]string{}
	for _, m := range regexp.MustCompile(`(?m)^([A-Z_]+)=(.*)$`).FindAllSubmatch(example, -1) {
		vars[string(m[1])] = string(m[2])
	}
	if _, err := LoadConfig(mapEnv(vars)); err != nil {
		t.Errorf("LoadConfig(.env.example) error = %v", err)
	}
}
