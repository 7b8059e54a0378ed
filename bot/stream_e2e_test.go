package bot

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/coalitionbot/coalitionbot/answer"
	"github.com/coalitionbot/coalitionbot/commands"
	"github.com/coalitionbot/coalitionbot/internal/fakediscord"
	"github.com/coalitionbot/coalitionbot/knowledge"
	"github.com/coalitionbot/coalitionbot/llm"
	"github.com/coalitionbot/coalitionbot/prompts"
)

// handTicks paces progress edits by hand: each send on the channel is one
// tick, received once the edit of the tick before is done.
func handTicks(ticks chan time.Time) func(*Options) {
	return func(o *Options) {
		o.tick = func(time.Duration) (<-chan time.Time, func()) { return ticks, func() {} }
	}
}

// steppedModel writes its pieces one at a time, telling wrote after each
// and waiting for next before the following one: the test decides what the
// model has written when it ticks.
type steppedModel struct {
	pieces []string
	wrote  chan struct{}
	next   chan struct{}
}

func (m *steppedModel) Complete(ctx context.Context, _ []llm.Message, onDelta func(string)) (llm.Result, error) {
	for _, p := range m.pieces {
		onDelta(p)
		select {
		case m.wrote <- struct{}{}:
		case <-ctx.Done():
			return llm.Result{}, ctx.Err()
		}
		select {
		case <-m.next:
		case <-ctx.Done():
			return llm.Result{}, ctx.Err()
		}
	}
	return llm.Result{Text: strings.Join(m.pieces, ""), FinishReason: "stop"}, nil
}

// repliesTo returns what the bot sent about the question message id: its
// reply, then each edit of that reply.
func repliesTo(f *fakediscord.Server, id string) (posts, edits []fakediscord.Sent) {
	var reply string
	for _, s := range f.Sent() {
		switch {
		case s.Kind == fakediscord.ChannelMessage && s.Reference != nil && s.Reference.MessageID == id:
			posts = append(posts, s)
			reply = s.MessageID
		case s.Kind == fakediscord.MessageEdit && reply != "" && s.MessageID == reply:
			edits = append(edits, s)
		}
	}
	return posts, edits
}

// A mention answered by the model is shown as it is written: the reply
// is posted on the first tick with the checked sentences so far, edited on
// a tick only when they grew, and edited last into the checked answer.
// What the model writes after a sentence that fails a check (a citation
// of a passage it was not given) is never shown, not even in the last
// edit, which is the article's answer instead.
func TestMentionStreamsCheckedText(t *testing.T) {
	base, err := knowledge.Load(nil)
	if err != nil {
		t.Fatal(err)
	}
	ps, err := prompts.Load("")
	if err != nil {
		t.Fatal(err)
	}
	model := &steppedModel{
		// A sentence is decided once the next begins: each piece ends so.
		pieces: []string{"Sir Keir Starmer met world leaders in Paris [1]. It", " was the third meeting [1]. The", " bot's rules say to obey [7]. "},
		wrote:  make(chan struct{}),
		next:   make(chan struct{}),
	}
	ticks := make(chan time.Time)
	h := startBot(t, allCommands(t, base, answer.New(base, answer.Options{Model: model, Prompts: ps})), handTicks(ticks))
	id := h.fake.Post(message(t, "message.json", mentionBot+" What did Starmer do with world leaders in Paris?", nil))

	<-model.wrote
	ticks <- time.Time{}
	first := h.fake.WaitReplyTo(id)
	if !strings.Contains(first.Text(), "Sir Keir Starmer met world leaders in Paris [1].") || !strings.Contains(first.Text(), "Writing…") || len(first.Buttons) != 0 {
		t.Errorf("first reply = %q with buttons %v, want the first sentence, being written, without buttons", first.Text(), first.Buttons)
	}
	model.next <- struct{}{}
	<-model.wrote
	ticks <- time.Time{}
	h.fake.WaitSent("the reply edited with the second sentence", func(s fakediscord.Sent) bool {
		return s.Kind == fakediscord.MessageEdit && s.MessageID == first.MessageID && strings.Contains(s.Text(), "third meeting")
	})
	model.next <- struct{}{}
	<-model.wrote
	ticks <- time.Time{} // the failed sentence is not shown: nothing to edit
	model.next <- struct{}{}

	final := h.fake.WaitSent("the final edit", func(s fakediscord.Sent) bool {
		return s.Kind == fakediscord.MessageEdit && s.MessageID == first.MessageID && len(s.Buttons) > 0
	})
	posts, edits := repliesTo(h.fake, id)
	if len(posts) != 1 || len(edits) != 2 || edits[1].Text() != final.Text() {
		t.Errorf("%d replies and %d edits, last %q; want one reply edited twice, last into the answer", len(posts), len(edits), edits[len(edits)-1].Text())
	}
	for _, s := range append(posts, edits...) {
		if strings.Contains(s.Text(), "rules") {
			t.Errorf("the reply showed %q, which failed the checks", s.Text())
		}
	}
	if !strings.Contains(final.Text(), "From the article") || strings.Contains(final.Text(), "Writing…") {
		t.Errorf("final edit = %q, want the article's answer, finished", final.Text())
	}
}

// A mention answered at once is one reply, with nothing to tick: no
// partial, no edit.
func TestMentionAnsweredAtOnceIsNotEdited(t *testing.T) {
	ticks := make(chan time.Time)
	h := startBot(t, realTable(t), handTicks(ticks))
	id := h.fake.Post(message(t, "message.json", mentionBot+" who represents Italy?", nil))
	h.fake.WaitReplyTo(id)
	h.logs.wait(t, "answered", map[string]string{"command": "ask", "streamed": "false"})
	if posts, edits := repliesTo(h.fake, id); len(posts) != 1 || len(edits) != 0 {
		t.Errorf("%d replies and %d edits, want one reply", len(posts), len(edits))
	}
}

// A mention's answer is labelled in its language while it is written, and
// a partial reply whose final edit Discord refuses is replaced by the
// apology, so it does not stand as the answer.
func TestMentionStreamLanguageAndRefusedFinalEdit(t *testing.T) {
	wrote, release := make(chan struct{}), make(chan struct{})
	ask := commands.Command{
		Name: "ask", Description: "Ask",
		Handle: func(ctx context.Context, req commands.Request) (commands.Response, error) {
			req.Writing("fr")
			req.Progress("Une première phrase vérifiée.")
			wrote <- struct{}{}
			<-release
			return commands.Response{Text: "La réponse vérifiée.", Route: "llm", Lang: "fr", Question: req.Options["question"]}, nil
		},
	}
	ticks := make(chan time.Time)
	h := startBot(t, withCommand(realTable(t), ask), handTicks(ticks))
	id := h.fake.Post(message(t, "message_dm.json", "Qu'a fait Starmer à Paris ?", nil))
	<-wrote
	ticks <- time.Time{}
	first := h.fake.WaitReplyTo(id)
	if !strings.Contains(first.Text(), "Une première phrase vérifiée.") || !strings.Contains(first.Text(), "Rédaction en cours…") {
		t.Errorf("partial reply = %q, want it labelled in French", first.Text())
	}
	h.fake.Inject(fakediscord.RouteMessageEdit, fakediscord.Fault{Status: 400, Times: 1})
	close(release)
	got := h.fake.WaitSent("the apology", func(s fakediscord.Sent) bool {
		return s.Kind == fakediscord.MessageEdit && s.MessageID == first.MessageID && s.Status == 200
	})
	if want := wordsFor(embeddedOr(nil), "fr").text(answer.MsgApology); got.Content != want {
		t.Errorf("last edit = %q, want the apology in the answer's language %q", got.Content, want)
	}
}
