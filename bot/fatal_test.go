package bot

import (
	"errors"
	"fmt"
	"net/http"
	"testing"

	"github.com/bwmarrin/discordgo"
)

func TestFatalREST(t *testing.T) {
	restErr := func(status int) error {
		return fmt.Errorf("get gateway: %w", &discordgo.RESTError{Response: &http.Response{StatusCode: status, Status: http.StatusText(status)}})
	}
	tests := []struct {
		name  string
		err   error
		fatal bool
	}{
		{"token rejected", restErr(http.StatusUnauthorized), true},
		{"server error", restErr(http.StatusBadGateway), false},
		{"network", errors.New("dial tcp: connection refused"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := fatalREST(tt.err); (got != nil) != tt.fatal {
				t.Errorf("fatalREST(%v) = %v, want fatal %v", tt.err, got, tt.fatal)
			}
		})
	}
}

func TestFatalCloseOnlyForCodesRetryingCannotFix(t *testing.T) {
	for _, code := range []int{1000, 1001, 1006, 4000, 4001, 4002, 4003, 4005, 4007, 4008, 4009} {
		if err := fatalClose(code); err != nil {
			t.Errorf("fatalClose(%d) = %v, want nil: reconnecting helps", code, err)
		}
	}
}
