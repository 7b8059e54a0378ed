package bot

import (
	"container/list"
	"sync"
)

// maxVotes bounds the votes remembered: about 210 bytes of heap each
// (BenchmarkVotes), so at most about 2 MB whatever the traffic.
const maxVotes = 10_000

// votes remembers who voted on which message, so that pressing 👍 twice,
// or 👍 then 👎, counts once. It is bounded: past maxVotes the oldest vote
// is forgotten, and a user pressing again on a message that old would be
// counted again. It is per process, as the metrics are: over several
// replicas a user's presses on one message may reach two of them.
type votes struct {
	mu    sync.Mutex
	max   int
	order *list.List // of voteKey, the most recent first
	byKey map[voteKey]*list.Element
}

type voteKey struct{ message, user string }

func newVotes(max int) *votes {
	return &votes{max: max, order: list.New(), byKey: map[voteKey]*list.Element{}}
}

// first records user's vote on message and reports whether it is their
// first on it that is still remembered.
func (v *votes) first(message, user string) bool {
	k := voteKey{message, user}
	v.mu.Lock()
	defer v.mu.Unlock()
	if el, ok := v.byKey[k]; ok {
		v.order.MoveToFront(el)
		return false
	}
	v.byKey[k] = v.order.PushFront(k)
	if v.order.Len() > v.max {
		oldest := v.order.Back()
		v.order.Remove(oldest)
		delete(v.byKey, oldest.Value.(voteKey))
	}
	return true
}
