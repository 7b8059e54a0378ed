package llm_test

import (
	"context"
	"testing"
	"time"

	"github.com/coalitionbot/coalitionbot/internal/fakeopenai"
	"github.com/coalitionbot/coalitionbot/llm"
)

// BenchmarkComplete measures what the client adds around the model: request
// building, HTTP over loopback, decoding, and for streams the SSE parsing of
// a 60-word answer.
func BenchmarkComplete(b *testing.B) {
	answer := fakeopenai.Reply{Text: "Sir Keir Starmer and Emmanuel Macron convened the coalition of the willing to back Ukraine against Russia [1]. Some 30 leaders met at the Elysee Palace in Paris on 27 March 2025 [2], after the US brokered a ceasefire over the Black Sea earlier that week [3]. The leaders discussed a potential peacekeeping force that could help monitor any formal peace agreement between Moscow and Kyiv [4]."}
	for _, stream := range []bool{false, true} {
		b.Run(map[bool]string{false: "json", true: "stream"}[stream], func(b *testing.B) {
			s := fakeopenai.New(b, fakeopenai.WithRespond(func(fakeopenai.Request) fakeopenai.Reply { return answer }))
			c, err := llm.New(llm.Config{BaseURL: s.URL, Model: "bench", Timeout: 10 * time.Second})
			if err != nil {
				b.Fatal(err)
			}
			var onDelta func(string)
			if stream {
				onDelta = func(string) {}
			}
			for b.Loop() {
				if _, err := c.Complete(context.Background(), question, onDelta); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
