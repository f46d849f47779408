// Package store is diplograph's only door to Neo4j: it owns the driver, the
// Cypher statements (embedded from cypher/) and the transactions.
package store

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	neo4jconfig "github.com/neo4j/neo4j-go-driver/v5/neo4j/config"
)

// DefaultPassword is the password the project's local Neo4j is provisioned
// with (tools/neo4j); a production deployment sets NEO4J_PASSWORD.
const DefaultPassword = "diplograph-dev"

// Config says where Neo4j is and how to log in.
type Config struct {
	URI      string
	User     string
	Password string
	// Database is the database to use; empty means the server's default.
	Database string
	// ConnectTimeout bounds opening a connection; RetryTime bounds how long
	// a transaction is retried after transient failures. A server answering
	// people keeps both short, so an outage is reported, not waited out.
	ConnectTimeout time.Duration
	RetryTime      time.Duration
}

// ConfigFromEnv reads NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD and
// NEO4J_DATABASE, with the local development defaults.
func ConfigFromEnv() Config {
	return Config{
		URI:      envOr("NEO4J_URI", "bolt://127.0.0.1:7687"),
		User:     envOr("NEO4J_USER", "neo4j"),
		Password: envOr("NEO4J_PASSWORD", DefaultPassword),
		Database: os.Getenv("NEO4J_DATABASE"),
	}
}

func envOr(key, def string) string {
	if v, ok := os.LookupEnv(key); ok && v != "" {
		return v
	}
	return def
}

// Store holds the one driver of the process.
type Store struct {
	driver   neo4j.DriverWithContext
	database string
}

// ErrUnavailable wraps every failure to reach Neo4j, so callers can tell an
// outage from a bad request.
var ErrUnavailable = errors.New("neo4j unavailable")

// ErrTimeout wraps a statement stopped by its deadline, on either side.
var ErrTimeout = errors.New("neo4j query timed out")

// New makes the driver without contacting Neo4j, so a server can start
// while the database is down and recover when it comes back.
func New(cfg Config) (*Store, error) {
	connect, retry := cfg.ConnectTimeout, cfg.RetryTime
	if connect == 0 {
		connect = 5 * time.Second
	}
	if retry == 0 {
		retry = 15 * time.Second
	}
	driver, err := neo4j.NewDriverWithContext(cfg.URI, neo4j.BasicAuth(cfg.User, cfg.Password, ""),
		func(c *neo4jconfig.Config) {
			c.SocketConnectTimeout = connect
			c.ConnectionAcquisitionTimeout = 2 * connect
			c.MaxTransactionRetryTime = retry
		})
	if err != nil {
		return nil, fmt.Errorf("neo4j driver for %s: %w", cfg.URI, err)
	}
	return &Store{driver: driver, database: cfg.Database}, nil
}

// Open connects and checks that Neo4j answers.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	s, err := New(cfg)
	if err != nil {
		return nil, err
	}
	if err := s.Ping(ctx); err != nil {
		_ = s.driver.Close(ctx)
		return nil, err
	}
	return s, nil
}

// Ping checks that Neo4j is reachable with these credentials.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.driver.VerifyConnectivity(ctx); err != nil {
		return classify(err)
	}
	return nil
}

func (s *Store) Close(ctx context.Context) error { return s.driver.Close(ctx) }

func (s *Store) session(ctx context.Context, mode neo4j.AccessMode) neo4j.SessionWithContext {
	return s.driver.NewSession(ctx, neo4j.SessionConfig{AccessMode: mode, DatabaseName: s.database})
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
	if inner := driverCause(err); inner != nil {
		return unreachable(inner)
	}
	return false
}
