package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"syscall"
	"testing"
	"unsafe"
)

// openPTY opens a pseudo-terminal: the terminal end a program writes to,
// and the other end that reads what it shows. Skips the test when the
// machine has none.
func openPTY(t *testing.T) (terminal, screen *os.File) {
	t.Helper()
	screen, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	var unlock int32
	if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, screen.Fd(), syscall.TIOCSPTLCK, uintptr(unsafe.Pointer(&unlock))); e != 0 {
		screen.Close()
		t.Skipf("unlock pseudo-terminal: %v", e)
	}
	var n uint32
	if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, screen.Fd(), syscall.TIOCGPTN, uintptr(unsafe.Pointer(&n))); e != 0 {
		screen.Close()
		t.Skipf("pseudo-terminal number: %v", e)
	}
	terminal, err = os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		screen.Close()
		t.Skipf("open pseudo-terminal: %v", err)
	}
	return terminal, screen
}

// askOnTerminal runs ask with stdout on a real terminal and returns what
// the terminal shows.
func askOnTerminal(t *testing.T, env map[string]string, question string) string {
	t.Helper()
	terminal, screen := openPTY(t)
	defer screen.Close()
	shown := make(chan string, 1)
	go func() {
		b, _ := io.ReadAll(screen) // ends with EIO once the terminal end is closed
		shown <- string(b)
	}()
	err := run(t.Context(), []string{"coalitionbot", "ask", question}, mapEnv(env), strings.NewReader(""), terminal, io.Discard)
	terminal.Close()
	out := strings.ReplaceAll(<-shown, "\r\n", "\n")
	if err != nil {
		t.Fatalf("ask on a terminal = %v\n%s", err, out)
	}
	return out
}

// On a terminal, bold is bold; NO_COLOR makes it plain.
func TestAskOnTerminal(t *testing.T) {
	out := askOnTerminal(t, nil, "Who represents Italy?")
	if !strings.Contains(out, ansiBold+"Giorgia Meloni"+ansiNotBold) || strings.Contains(out, "**") {
		t.Errorf("ask on a terminal showed %q, want Giorgia Meloni in ANSI bold", out)
	}
	out = askOnTerminal(t, map[string]string{"NO_COLOR": "1"}, "Who represents Italy?")
	if strings.ContainsAny(out, "\x1b*") || !strings.Contains(out, "Giorgia Meloni") {
		t.Errorf("ask on a terminal with NO_COLOR showed %q, want plain text", out)
	}
}
