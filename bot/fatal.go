package bot

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/bwmarrin/discordgo"
)

// fatalError is Discord refusing the bot for a reason that retrying cannot
// fix; it ends the run and tells the operator what to change.
type fatalError struct {
	what string
	fix  string
}

func (e *fatalError) Error() string { return e.what + ": " + e.fix }

// reissueToken is the fix for a rejected token.
const reissueToken = "copy the bot's token again from the Discord Developer Portal (your application → Bot → Reset Token) into DISCORD_TOKEN"

// fatalClose returns the fatalError for a gateway close code that must not
// be retried, or nil for codes after which reconnecting is right.
func fatalClose(code int) error {
	what := fmt.Sprintf("the Discord gateway closed the connection with code %d", code)
	switch code {
	case 4004:
		return &fatalError{what + " (authentication failed): DISCORD_TOKEN was rejected", reissueToken}
	case 4010:
		return &fatalError{what + " (invalid shard)", "SHARD_ID must be below SHARD_COUNT"}
	case 4011:
		return &fatalError{what + " (sharding required)", "the bot is in too many servers for one connection: set SHARD_COUNT and run one process for each SHARD_ID"}
	case 4012:
		return &fatalError{what + " (invalid API version)", "upgrade github.com/bwmarrin/discordgo"}
	case 4013:
		return &fatalError{what + " (invalid intents)", "the bot asked for intents Discord does not know; this is a bug, please report it"}
	case 4014:
		return &fatalError{what + " (disallowed intents)", "enable the intents the bot asks for under Bot → Privileged Gateway Intents in the Developer Portal"}
	}
	return nil
}

// fatalREST returns the fatalError for a REST failure that must not be
// retried: Discord answering 401 means the token is not valid.
func fatalREST(err error) error {
	var re *discordgo.RESTError
	if errors.As(err, &re) && re.Response != nil && re.Response.StatusCode == http.StatusUnauthorized {
		return &fatalError{"Discord rejected DISCORD_TOKEN (HTTP 401 Unauthorized)", reissueToken}
	}
	return nil
}
