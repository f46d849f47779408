package store

import (
	"context"
	"errors"
	"os"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/diplograph/diplograph/neo4jtest/dblock"
)

// TestDeadlineStopsTheQueryInNeo4j runs a statement far slower than its
// caller's deadline: the store reports ErrTimeout soon after the deadline
// and Neo4j is no longer running the query. (Neo4j is told the deadline as
// the transaction timeout; whichever side acts first, the query stops.)
func TestDeadlineStopsTheQueryInNeo4j(t *testing.T) {
	uri := os.Getenv("DIPLOGRAPH_TEST_NEO4J_URI")
	if uri == "" {
		t.Fatal("DIPLOGRAPH_TEST_NEO4J_URI is not set: run the tests with 'make test'")
	}
	dblock.Acquire(t, uri)
	cfg := ConfigFromEnv()
	cfg.URI = uri
	s, err := Open(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close(context.Background())

	const slow = "UNWIND range(1, 2000000000) AS x WITH x WHERE x % 1000003 = -1 RETURN count(x) AS n"
	const limit = 1500 * time.Millisecond
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	start := time.Now()
	err = s.read(ctx, func(ctx context.Context, tx neo4j.ManagedTransaction) error {
		_, err := records(ctx, tx, Statement{name: "test/slow", text: slow}, nil)
		return err
	})
	if !errors.Is(err, ErrTimeout) {
		t.Fatalf("error = %v, want ErrTimeout", err)
	}
	if elapsed := time.Since(start); elapsed > 5*time.Second {
		t.Errorf("took %s to give up on a %s deadline", elapsed, limit)
	}
	// Neo4j, not just the client, must have let go of the query.
	deadline := time.Now().Add(5 * time.Second)
	for {
		// The text to look for travels as a parameter, so this query does not find itself.
		recs, err := s.query(context.Background(), Statement{name: "test/running", text: "SHOW TRANSACTIONS YIELD currentQuery WHERE currentQuery CONTAINS $slow RETURN count(*) AS n"}, map[string]any{"slow": slow})
		if err != nil {
			t.Fatal(err)
		}
		n, err := value[int64](recs[0], "n")
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the slow query is still running in Neo4j after its deadline")
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func TestTxTimeoutFollowsTheDeadline(t *testing.T) {
	if got := txTimeout(context.Background()); got != nil {
		t.Errorf("no deadline: %d options, want none", len(got))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	opts := txTimeout(ctx)
	if len(opts) != 1 {
		t.Fatalf("deadline: %d options, want 1", len(opts))
	}
	var cfg neo4j.TransactionConfig
	opts[0](&cfg)
	if cfg.Timeout < 9*time.Second || cfg.Timeout > 10*time.Second {
		t.Errorf("timeout %s for a deadline 10 s away; want a little under it", cfg.Timeout)
	}
}
