package store

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// TestClassifyNeo4jUnavailable checks that Neo4j saying it cannot serve
// now is an outage (ErrUnavailable, UNAVAILABLE to clients), not an
// internal error. The errors are built as the driver builds what the server
// sends (a Neo4jError holding the code and message); on its own, or as the
// last attempt of a transaction function that gave up retrying.
func TestClassifyNeo4jUnavailable(t *testing.T) {
	unavailable := &neo4j.Neo4jError{Code: "Neo.TransientError.General.DatabaseUnavailable",
		Msg: "Database 'neo4j' is unavailable."}
	notLeader := &neo4j.Neo4jError{Code: "Neo.ClientError.Cluster.NotALeader", Msg: "No write operations are allowed on this database."}
	for _, err := range []error{
		unavailable,
		fmt.Errorf("read actor: %w", unavailable),
		&neo4j.TransactionExecutionLimit{Cause: "timeout (exceeded max retry time: 1s)", Errors: []error{unavailable}},
		notLeader,
	} {
		if got := classify(err); !errors.Is(got, ErrUnavailable) {
			t.Errorf("classify(%v) = %v, want ErrUnavailable", err, got)
		}
	}
	// What the request got wrong stays the request's.
	for _, err := range []error{
		&neo4j.Neo4jError{Code: "Neo.ClientError.Statement.SyntaxError", Msg: "Invalid input"},
		&neo4j.Neo4jError{Code: "Neo.ClientError.Schema.ConstraintValidationFailed", Msg: "exists"},
		&neo4j.Neo4jError{Code: "Neo.DatabaseError.General.UnknownError", Msg: "bug"},
	} {
		if got := classify(err); errors.Is(got, ErrUnavailable) || errors.Is(got, ErrTimeout) {
			t.Errorf("classify(%v) = %v, want it unchanged", err, got)
		}
	}
}

// A dial cut short by the request's deadline reads as a connection
// failure; under a passed deadline it is a timeout, not an outage.
func TestClassifyInTheCallersDeadline(t *testing.T) {
	dial := &neo4j.ConnectivityError{Inner: errors.New("dial tcp 127.0.0.1:7688: i/o timeout")}
	gaveUp := &neo4j.TransactionExecutionLimit{Cause: "context deadline exceeded after 1 attempts", Errors: []error{dial}}
	expired, cancel := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel()
	if err := classifyIn(expired, gaveUp); !errors.Is(err, ErrTimeout) || errors.Is(err, ErrUnavailable) {
		t.Errorf("under a passed deadline: %v, want ErrTimeout only", err)
	}
	if err := classifyIn(context.Background(), gaveUp); !errors.Is(err, ErrUnavailable) {
		t.Errorf("with time left: %v, want ErrUnavailable", err)
	}
}
