package httpapi

import (
	"fmt"
	"testing"
	"time"
)

// TestLimitersStayBounded checks that limiters of idle clients are
// forgotten, that a forgotten client starts as it would have anyway, and
// that a flood of new addresses never grows the map past maxClients.
func TestLimitersStayBounded(t *testing.T) {
	now := time.Unix(1_000_000, 0)
	ls := newLimiters(RateLimit{Rate: 1, Burst: 2})
	ls.now = func() time.Time { return now }
	ls.swept = now
	ls.get("a").AllowN(now, 2)
	if ls.get("a").AllowN(now, 1) {
		t.Fatal("a had more than its burst")
	}
	now = now.Add(sweepEvery + time.Second)
	ls.get("b")
	if _, kept := ls.clients["a"]; kept {
		t.Error("a, idle and refilled, was kept after a sweep")
	}
	if !ls.get("a").AllowN(now, 2) {
		t.Error("a forgotten did not start with a full burst")
	}

	for i := 0; len(ls.clients) < maxClients; i++ {
		ls.get(fmt.Sprint("flood-", i)).AllowN(now, 2)
	}
	over := ls.get("one more")
	if len(ls.clients) > maxClients || over != ls.overflow {
		t.Errorf("past maxClients: %d tracked, new client not on the shared limiter", len(ls.clients))
	}
	// Once the flood is idle, a sweep makes room again.
	now = now.Add(sweepEvery + time.Minute)
	if ls.get("late") == ls.overflow || len(ls.clients) > 10 {
		t.Errorf("after the flood went idle: %d tracked", len(ls.clients))
	}
}
