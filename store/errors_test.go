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
	// The socket's deadline can fail a read before ctx's timer has fired.
	handshake := &neo4j.ConnectivityError{Inner: errors.New("server did not accept any of the requested Bolt versions")}
	if err := classifyIn(timerNotFired{time.Now().Add(-time.Millisecond)}, handshake); !errors.Is(err, ErrTimeout) {
		t.Errorf("at a passed deadline whose timer has not fired: %v, want ErrTimeout", err)
	}
	if err := classifyIn(timerNotFired{time.Now().Add(time.Hour)}, handshake); errors.Is(err, ErrTimeout) {
		t.Errorf("before the deadline: %v, want no ErrTimeout", err)
	}
}

// timerNotFired is a context at the moment its deadline has passed but
// its timer has not yet marked it done.
type timerNotFired struct{ deadline time.Time }

func (c timerNotFired) Deadline() (time.Time, bool) { return c.deadline, true }
func (timerNotFired) Done() <-chan struct{}         { return nil }
func (timerNotFired) Err() error                    { return nil }
func (timerNotFired) Value(any) any                 { return nil }
