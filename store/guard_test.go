package store

import (
	"context"
	"errors"
	"os"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/diplograph/diplograph/neo4jtest/dblock"
)

func openGuarded(t *testing.T, maxInFlight int, wait time.Duration) *Store {
	t.Helper()
	uri := os.Getenv("DIPLOGRAPH_TEST_NEO4J_URI")
	if uri == "" {
		t.Fatal("DIPLOGRAPH_TEST_NEO4J_URI is not set: run the tests with 'make test'")
	}
	dblock.Acquire(t, uri)
	cfg := ConfigFromEnv()
	cfg.URI, cfg.MaxInFlight, cfg.OverloadWait = uri, maxInFlight, wait
	s, err := Open(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close(context.Background()) })
	return s
}

// A statement that keeps Neo4j busy for a while, to hold a slot.
var busy = Statement{name: "test/busy", text: "UNWIND range(1, toInteger($n)) AS x WITH x WHERE x % 1000003 = -1 RETURN count(x) AS n"}

// concurrency observes how many statements run at once.
type concurrency struct {
	now, most atomic.Int64
}

func (c *concurrency) Statement(ctx context.Context, _ string) (context.Context, func(int, error)) {
	n := c.now.Add(1)
	for m := c.most.Load(); n > m && !c.most.CompareAndSwap(m, n); m = c.most.Load() {
	}
	return ctx, func(int, error) { c.now.Add(-1) }
}

func readBusy(ctx context.Context, s *Store, n int) error {
	return s.read(ctx, func(ctx context.Context, tx neo4j.ManagedTransaction) error {
		_, err := records(ctx, tx, busy, map[string]any{"n": n})
		return err
	})
}

// One request's fields run at most its limit of transactions at once; the
// others wait their turn and all succeed.
func TestRequestLimit(t *testing.T) {
	s := openGuarded(t, 0, 0)
	obs := &concurrency{}
	ctx := WithObserver(WithRequestLimit(context.Background(), 2), obs)
	var wg sync.WaitGroup
	errs := make(chan error, 12)
	for i := 0; i < 12; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- readBusy(ctx, s, 2_000_000)
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if most := obs.most.Load(); most != 2 {
		t.Errorf("at most %d statements of the request ran at once, want 2", most)
	}
}

// When the server's transactions are all taken, a read waits a moment and
// is then refused as overloaded, not as Neo4j unavailable; the reads
// holding the slots are not disturbed.
func TestOverloaded(t *testing.T) {
	s := openGuarded(t, 2, 200*time.Millisecond)
	held := make(chan error, 2)
	for i := 0; i < 2; i++ {
		go func() { held <- readBusy(context.Background(), s, 60_000_000) }()
	}
	time.Sleep(300 * time.Millisecond) // both have their slot
	start := time.Now()
	err := readBusy(context.Background(), s, 1)
	if !errors.Is(err, ErrOverloaded) || errors.Is(err, ErrUnavailable) {
		t.Fatalf("error = %v, want ErrOverloaded", err)
	}
	if waited := time.Since(start); waited < 200*time.Millisecond || waited > 2*time.Second {
		t.Errorf("refused after %s, want after the 200ms wait", waited)
	}
	for i := 0; i < 2; i++ {
		if err := <-held; err != nil {
			t.Errorf("a read holding a slot failed: %v", err)
		}
	}
	if err := readBusy(context.Background(), s, 1); err != nil {
		t.Errorf("after the others ended: %v", err)
	}
}

// A monitored store answers Ready from its probe, and reads go through.
func TestMonitorReady(t *testing.T) {
	s := openGuarded(t, 0, 0)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if err := s.Monitor(ctx); err != nil {
		t.Fatal(err)
	}
	if err := s.Ready(context.Background()); err != nil {
		t.Fatalf("Ready: %v", err)
	}
	if err := readBusy(context.Background(), s, 1); err != nil {
		t.Fatal(err)
	}
}
