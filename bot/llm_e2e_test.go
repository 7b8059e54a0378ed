package bot

import (
	"encoding/json"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/coalitionbot/coalitionbot/answer"
	"github.com/coalitionbot/coalitionbot/commands"
	"github.com/coalitionbot/coalitionbot/internal/fakediscord"
	"github.com/coalitionbot/coalitionbot/internal/fakeopenai"
	"github.com/coalitionbot/coalitionbot/knowledge"
	"github.com/coalitionbot/coalitionbot/llm"
	"github.com/coalitionbot/coalitionbot/prompts"
)

// neverLate keeps the bot from deferring an answer for its time alone, so
// a test of what defers (the model being asked) holds on a busy machine.
func neverLate(o *Options) { o.deferAfter = time.Hour }

// llmTable is the command table with the LLM stage on, writing through the
// real client to a fake OpenAI-compatible server.
func llmTable(t *testing.T, srv *fakeopenai.Server) commands.Table {
	t.Helper()
	return llmTableWith(t, srv, answer.Options{})
}

// llmTableWith is llmTable with the pipeline's other options set as in opts.
func llmTableWith(t *testing.T, srv *fakeopenai.Server, opts answer.Options) commands.Table {
	t.Helper()
	base, err := knowledge.Load(nil)
	if err != nil {
		t.Fatal(err)
	}
	client, err := llm.New(llm.Config{BaseURL: srv.URL, Model: "m", Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	ps, err := prompts.Load("")
	if err != nil {
		t.Fatal(err)
	}
	opts.Model, opts.Prompts = client, ps
	return allCommands(t, base, answer.New(base, opts))
}

// A deferred /ask is edited as the model writes, a checked sentence at a
// time, and the last edit is the checked answer with its sources.
func TestAskStreamsIntoTheDeferredReply(t *testing.T) {
	const text = "The Paris summit was the third meeting of the coalition of the willing [1]. It was held at the Elysee Palace [1]."
	srv := fakeopenai.New(t, fakeopenai.WithReplies(fakeopenai.Reply{Text: text, Chunks: 8, Delay: 300 * time.Millisecond}))
	h := startBot(t, llmTable(t, srv))
	id := h.fake.Interact(slash(t, "ask", "question", "What did Starmer do with world leaders in Paris?"))
	if got := h.fake.WaitReply(id, fakediscord.Callback); got.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource {
		t.Fatalf("first response type = %d, want a deferral", got.Type)
	}
	h.fake.WaitSent("a partial edit", func(s fakediscord.Sent) bool {
		return s.InteractionID == id && s.Kind == fakediscord.Edit && strings.Contains(s.Text(), "The Paris") && !strings.Contains(s.Text(), "Palace")
	})
	final := h.fake.WaitSent("the final edit", func(s fakediscord.Sent) bool {
		return s.InteractionID == id && strings.Contains(s.Text(), "Elysee Palace") && strings.Contains(s.Text(), "Sources")
	})
	replies := h.fake.Replies(id)
	if last := replies[len(replies)-1]; last.Text() != final.Text() {
		t.Errorf("last edit = %q, want the final answer %q", last.Text(), final.Text())
	}
	if n := countKind(replies, fakediscord.Callback); n != 1 {
		t.Errorf("%d first responses, want 1", n)
	}
}

// A model that fails leaves no reply on "thinking…": the deferred reply is
// edited with the article's answer and a note.
func TestAskFallsBackWhenTheModelFails(t *testing.T) {
	srv := fakeopenai.New(t, fakeopenai.WithReplies(fakeopenai.Reply{Status: 400}))
	h := startBot(t, llmTable(t, srv))
	id := h.fake.Interact(slash(t, "ask", "question", "What did Starmer do with world leaders in Paris?"))
	got := h.fake.WaitReply(id, fakediscord.Edit)
	if !strings.Contains(got.Text(), "third meeting") || !strings.Contains(got.Text(), "unavailable right now") {
		t.Errorf("reply = %q, want the extractive answer with a note", got.Text())
	}
}

// localized is an interaction payload sent from a client set to locale.
func localized(t *testing.T, body []byte, locale string) []byte {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(body, &m); err != nil {
		t.Fatal(err)
	}
	m["locale"] = locale
	out, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// With a model configured, an /ask the curated data answers needs no
// "thinking…": the answer is the first response, in the client's language,
// and nothing is edited after it; the model is never asked.
func TestCuratedAskAnsweredAtOnceWithAnLLM(t *testing.T) {
	srv := fakeopenai.New(t)
	h := startBot(t, llmTable(t, srv), neverLate)
	id := h.fake.Interact(localized(t, slash(t, "ask", "question", "Qui représente la Grèce ?"), "fr"))
	got := h.fake.WaitReply(id, fakediscord.Callback)
	if got.Type != discordgo.InteractionResponseChannelMessageWithSource {
		t.Fatalf("first response type = %d, want the answer itself (4), not a deferral", got.Type)
	}
	for _, want := range []string{"Grèce", "Mitsotakis", "Premier ministre", "27 mars 2025", "Article du 27 mars 2025"} {
		if !strings.Contains(got.Text(), want) {
			t.Errorf("answer = %q, want it in French with %q", got.Text(), want)
		}
	}
	h.logs.wait(t, "answered", map[string]string{"command": "ask", "deferred": "false"})
	if n := countKind(h.fake.Replies(id), fakediscord.Edit); n != 0 {
		t.Errorf("%d edits after the answer, want none", n)
	}
	if len(srv.Requests()) != 0 {
		t.Errorf("the model was asked %d times for a curated answer", len(srv.Requests()))
	}
}

// An /ask the model answers is deferred before the model starts writing
// (the model here waits for the deferral to be seen), and the deferred
// reply is then edited into the checked answer.
func TestLLMAskDeferredThenEdited(t *testing.T) {
	deferred := make(chan struct{})
	var once sync.Once
	release := func() { once.Do(func() { close(deferred) }) }
	t.Cleanup(release)
	srv := fakeopenai.New(t, fakeopenai.WithRespond(func(fakeopenai.Request) fakeopenai.Reply {
		<-deferred
		return fakeopenai.Reply{Text: "It was the third meeting of the coalition of the willing [1]."}
	}))
	h := startBot(t, llmTable(t, srv))
	id := h.fake.Interact(slash(t, "ask", "question", "What did Starmer do with world leaders in Paris?"))
	if got := h.fake.WaitReply(id, fakediscord.Callback); got.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource {
		t.Fatalf("first response type = %d, want a deferral (5) for an answer the model writes", got.Type)
	}
	release()
	final := h.fake.WaitSent("the answer", func(s fakediscord.Sent) bool {
		return s.InteractionID == id && s.Kind == fakediscord.Edit && strings.Contains(s.Text(), "third meeting")
	})
	if !strings.Contains(final.Text(), "Sources") || len(final.Buttons) == 0 {
		t.Errorf("final edit = %q with buttons %v, want the answer with its sources and feedback buttons", final.Text(), final.Buttons)
	}
	if n := countKind(h.fake.Replies(id), fakediscord.Callback); n != 1 {
		t.Errorf("%d first responses, want 1", n)
	}
}

// A user over their rate of written answers is told in Discord when the
// next one can come, as a relative timestamp their client counts down.
func TestRateLimitedAskSaysWhen(t *testing.T) {
	srv := fakeopenai.New(t, fakeopenai.WithRespond(func(fakeopenai.Request) fakeopenai.Reply {
		return fakeopenai.Reply{Text: "It was the third meeting of the coalition of the willing [1]."}
	}))
	h := startBot(t, llmTableWith(t, srv, answer.Options{UserRate: 1}), neverLate)
	first := h.fake.Interact(slash(t, "ask", "question", "What did Starmer do with world leaders in Paris?"))
	h.fake.WaitReply(first, fakediscord.Edit)
	second := h.fake.Interact(slash(t, "ask", "question", "What would the force monitor?"))
	got := h.fake.WaitReply(second, fakediscord.Callback)
	if !regexp.MustCompile(`Next written answer: <t:\d+:R>\.`).MatchString(got.Text()) {
		t.Errorf("answer over the rate = %q, want it to say when, as <t:UNIX:R>", got.Text())
	}
}
