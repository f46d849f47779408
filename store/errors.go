package store

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// The errors the store returns, and how a driver error is classified.

// ErrUnavailable wraps every failure to reach Neo4j, so callers can tell an
// outage from a bad request.
var ErrUnavailable = errors.New("neo4j unavailable")

// ErrTimeout wraps a statement stopped by its deadline, on either side.
var ErrTimeout = errors.New("neo4j query timed out")

// NotFoundError says that something the request names does not exist.
type NotFoundError struct{ What, ID string }

func (e *NotFoundError) Error() string { return fmt.Sprintf("%s %q not found", e.What, e.ID) }

// InputError is a request the store cannot answer because of what was asked
// (a malformed cursor, an impossible range), as opposed to a failure.
type InputError struct{ Msg string }

func (e *InputError) Error() string { return e.Msg }

func inputErrorf(format string, args ...any) error {
	return &InputError{Msg: fmt.Sprintf(format, args...)}
}

// DecodeError says which property of which node could not be read.
type DecodeError struct {
	Type, Prop, ID string
	Msg            string
}

func (e *DecodeError) Error() string {
	id := ""
	if e.ID != "" {
		id = fmt.Sprintf(" %q", e.ID)
	}
	return fmt.Sprintf("decode %s%s: property %s: %s", e.Type, id, e.Prop, e.Msg)
}

// classify marks connection failures as ErrUnavailable; authentication and
// other errors keep their own identity.
func classify(err error) error {
	if err == nil {
		return nil
	}
	if timedOut(err) {
		return fmt.Errorf("%w: %w", ErrTimeout, err)
	}
	if unreachable(err) {
		return fmt.Errorf("%w: %w", ErrUnavailable, err)
	}
	return err
}

// classifyIn is classify for work done under ctx: once ctx's deadline has
// passed, whatever the driver was doing failed because of it (a dial cut
// short reads as a connection failure), so the failure is a timeout.
func classifyIn(ctx context.Context, err error) error {
	if err != nil && deadlinePassed(ctx) && !errors.Is(err, ErrTimeout) {
		return fmt.Errorf("%w: %w", ErrTimeout, err)
	}
	return classify(err)
}

// deadlinePassed says whether ctx's deadline is behind us. The driver puts
// the deadline on its socket, which can fail a read at the deadline before
// ctx's own timer has set ctx.Err() (a Bolt handshake cut short so read as
// "server did not accept any of the requested Bolt versions").
func deadlinePassed(ctx context.Context) bool {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return true
	}
	dl, ok := ctx.Deadline()
	return ok && !time.Now().Before(dl)
}

func timedOut(err error) bool {
	if errors.Is(err, context.DeadlineExceeded) {
		return true
	}
	var n4j *neo4j.Neo4jError
	if errors.As(err, &n4j) && strings.HasPrefix(n4j.Code, "Neo.ClientError.Transaction.TransactionTimedOut") {
		return true
	}
	if inner := driverCause(err); inner != nil {
		return timedOut(inner)
	}
	return false
}

// driverCause is what the driver's own error types hold without wrapping:
// the inner error of a lost connection, the last attempt of a retried
// transaction.
func driverCause(err error) error {
	var connErr *neo4j.ConnectivityError
	if errors.As(err, &connErr) && connErr.Inner != nil {
		return connErr.Inner
	}
	var limit *neo4j.TransactionExecutionLimit
	if errors.As(err, &limit) && len(limit.Errors) > 0 {
		return limit.Errors[len(limit.Errors)-1]
	}
	return nil
}

func unreachable(err error) bool {
	var netErr net.Error
	var connErr *neo4j.ConnectivityError
	if errors.As(err, &connErr) || errors.As(err, &netErr) || neo4j.IsConnectivityError(err) {
		return true
	}
	// Neo4j answers, but cannot serve now: a database stopping, starting or
	// shutting down (Neo.TransientError.General.DatabaseUnavailable), a
	// cluster member that is not the leader, and every other transient
	// error, which Neo4j documents as worth retrying later. The request is
	// not at fault, and neither is the server.
	var n4j *neo4j.Neo4jError
	if errors.As(err, &n4j) && (n4j.IsRetriableTransient() || n4j.IsRetriableCluster()) {
		return true
	}
	if inner := driverCause(err); inner != nil {
		return unreachable(inner)
	}
	return false
}

// TxBytesPerRow is roughly how much of Neo4j's transaction memory a load
// takes per row it creates (measured on Neo4j 5.26 with generated data:
// bench/RESULTS.md, Loader). Rows that a load leaves as they were, or
// changes a little, take next to none.
const TxBytesPerRow = 2600

// TxMemoryError is Neo4j refusing a load because its one transaction would
// take more memory than Neo4j allows transactions. It keeps Neo4j's message
// but not its error, whose "transient" class would have the driver retry a
// transaction that can only fail the same way again.
type TxMemoryError struct {
	Rows    int    // rows in the load
	Setting string // the Neo4j setting that set the limit
	Cause   string // what Neo4j said, and where
	// StageRows is the load's staging threshold (ApplyOptions), Staged
	// whether it was staged, and DryRun whether it was a dry run, which is
	// never staged: the advice differs.
	StageRows int
	Staged    bool
	DryRun    bool
}

func (e *TxMemoryError) Error() string {
	need := float64(e.Rows) * TxBytesPerRow / (1 << 30)
	msg := fmt.Sprintf("Neo4j has not enough transaction memory for this load, which it takes in one transaction "+
		"(%s). Creating all %d rows takes about %.1f GiB (%d bytes a row); re-loads that change little take far less. "+
		"Raise %s. For a Neo4j started by tools/neo4j/start.sh: NEO4J_HEAP (transactions may use 70%% of it, "+
		"or NEO4J_TX_TOTAL_MAX) and NEO4J_TX_MAX=0 (no cap on one transaction). For another Neo4j: "+
		"%s and %s (0 = no cap) in neo4j.conf, with server.memory.heap.max_size above them.",
		e.Cause, e.Rows, need, TxBytesPerRow, e.Setting, totalMax, txMax)
	switch {
	case e.DryRun:
		msg += " A dry run is one transaction, whatever --stage-rows says, since it must roll everything back: " +
			"check the files without Neo4j (diplograph check), or load them without --dry-run, which stages a load that creates more than --stage-rows rows."
	case e.Staged:
		msg += " The load was staged: what Neo4j refused is its last transaction, which writes every change to nodes " +
			"that were there before (the nodes the load creates, and the relationships among them, were staged)."
	case e.StageRows > 0:
		msg += fmt.Sprintf(" Or stage it: a load that creates more than --stage-rows rows (now %d) takes them in "+
			"transactions of %d rows; a lower --stage-rows stages this one.", e.StageRows, ChunkSize)
	default:
		msg += fmt.Sprintf(" Or stage it: --stage-rows N takes a load that creates more than N rows in transactions of %d rows.", ChunkSize)
	}
	return msg
}

// The settings that limit transaction memory: all transactions together,
// and each one.
const (
	totalMax = "dbms.memory.transaction.total.max"
	txMax    = "db.memory.transaction.max"
)

// outOfMemory turns Neo4j's refusals for want of transaction memory into a
// *TxMemoryError; other errors pass unchanged.
func outOfMemory(err error, rows int) error {
	if m := asTxMemoryError(err, rows); m != nil {
		return m
	}
	return err
}

func asTxMemoryError(err error, rows int) *TxMemoryError {
	if err == nil {
		return nil
	}
	var n4j *neo4j.Neo4jError
	if !errors.As(err, &n4j) {
		if inner := driverCause(err); inner != nil {
			return asTxMemoryError(inner, rows)
		}
		return nil
	}
	var setting string
	switch {
	// Neo4j 5.26 reports both limits with the same code; only the message
	// tells which one, and not always.
	case strings.Contains(n4j.Msg, "memory.transaction.total.max"):
		setting = totalMax
	case strings.Contains(n4j.Msg, "memory.transaction.max"):
		setting = txMax
	case n4j.Code == "Neo.TransientError.General.MemoryPoolOutOfMemoryError":
		setting = totalMax
	case n4j.Code == "Neo.ClientError.General.TransactionOutOfMemoryError":
		setting = txMax
	default:
		return nil
	}
	return &TxMemoryError{Rows: rows, Setting: setting, Cause: err.Error()}
}
