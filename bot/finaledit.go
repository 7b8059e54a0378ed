package bot

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/coalitionbot/coalitionbot/answer"
)

// A deferred answer's last edit replaces whatever the user sees:
// "thinking…", or the answer as it was being written, whose citations
// were not all checked yet. Left undone, that partial would stand as the
// answer, so the edit is tried again after failures that can pass.
const (
	// finalEditAttempts bounds the attempts, each also retried by the
	// REST guard when rate-limited.
	finalEditAttempts = 4
	// finalEditBackoff is the first wait between attempts; it doubles
	// (0.5, 1, 2 s), or is what Discord asks when it asks for longer.
	finalEditBackoff = 500 * time.Millisecond
)

// finalEdit replaces i's original response with r, retrying as the doc of
// finalEditAttempts says, within ctx (the token's lifetime). When Discord
// refuses the answer itself (400), the apology (in w's language) replaces
// it instead, so that nothing unchecked is left on screen.
func (x *Interactions) finalEdit(ctx context.Context, i *discordgo.Interaction, r reply, w words, log *slog.Logger) error {
	return lastEdit(ctx, r, w, log, func(r reply) error {
		_, err := x.edits.InteractionResponseEdit(i, r.webhookEdit(), discordgo.WithContext(ctx))
		return err
	})
}

// lastEdit makes the edit that leaves an answer on screen, with edit,
// retried after failures that can pass; when Discord refuses the answer
// itself (400), the apology in w's language replaces it.
func lastEdit(ctx context.Context, r reply, w words, log *slog.Logger, edit func(reply) error) error {
	err := retrying(ctx, log, func() error { return edit(r) })
	if status(err) != http.StatusBadRequest {
		return err
	}
	log.Error("Discord refused the answer; showing the apology instead", "err", err.Error())
	return retrying(ctx, log, func() error { return edit(renderText(w.text(answer.MsgApology), r.private)) })
}

// retrying makes one edit, retried after a failure that can pass: no
// response, a rate limit, Discord failing (5xx).
func retrying(ctx context.Context, log *slog.Logger, edit func() error) error {
	wait := finalEditBackoff
	for attempt := 1; ; attempt++ {
		err := edit()
		if err == nil || attempt == finalEditAttempts || !passing(err) {
			return err
		}
		pause := max(wait, retryAfterOf(err))
		if !waitFits(ctx, pause) {
			return err
		}
		log.Warn("edit of the answer failed; trying again", "err", err.Error(), "attempt", attempt, "retry_in_s", pause.Seconds())
		if sleep(ctx, pause) != nil {
			return err
		}
		wait *= 2
	}
}

// passing reports whether a REST call that failed with err may succeed
// when tried again: not when Discord answered with a client error other
// than a rate limit (an expired token, a deleted message, a refused body).
func passing(err error) bool {
	s := status(err)
	return s == 0 || s == http.StatusTooManyRequests || s >= 500
}

// status is the HTTP status Discord answered a failed call with, 0 when
// no response came.
func status(err error) int {
	var rl *discordgo.RateLimitError
	if errors.As(err, &rl) {
		return http.StatusTooManyRequests
	}
	var re *discordgo.RESTError
	if errors.As(err, &re) && re.Response != nil {
		return re.Response.StatusCode
	}
	return 0
}

// retryAfterOf is the wait a rate-limited call's error asks for, 0 for
// other errors.
func retryAfterOf(err error) time.Duration {
	var rl *discordgo.RateLimitError
	if errors.As(err, &rl) && rl.RateLimit != nil && rl.TooManyRequests != nil {
		return rl.RetryAfter
	}
	return 0
}
