// Package store is diplograph's only door to Neo4j: it owns the driver, the
// Cypher statements (embedded from cypher/) and the transactions.
package store

import (
	"context"
	"fmt"
	"os"
	"sync/atomic"
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
	// MaxInFlight bounds the read transactions running at once (default
	// DefaultMaxInFlight, below the driver's pool of 100); a read that
	// finds none free within OverloadWait (default DefaultOverloadWait)
	// fails with ErrOverloaded.
	MaxInFlight  int
	OverloadWait time.Duration
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
	drivers      atomic.Pointer[driverRef]
	database     string
	cfg          Config
	inFlight     chan struct{}
	overloadWait time.Duration
	health       health
}

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
	cfg.ConnectTimeout, cfg.RetryTime = connect, retry
	driver, err := newDriver(cfg)
	if err != nil {
		return nil, err
	}
	inFlight, wait := cfg.MaxInFlight, cfg.OverloadWait
	if inFlight <= 0 {
		inFlight = DefaultMaxInFlight
	}
	inFlight = min(inFlight, driverPoolSize-4) // the loader and probes need connections too
	if wait <= 0 {
		wait = DefaultOverloadWait
	}
	st := &Store{database: cfg.Database, cfg: cfg, inFlight: make(chan struct{}, inFlight), overloadWait: wait}
	st.drivers.Store(&driverRef{driver})
	return st, nil
}

func newDriver(cfg Config) (neo4j.DriverWithContext, error) {
	driver, err := neo4j.NewDriverWithContext(cfg.URI, neo4j.BasicAuth(cfg.User, cfg.Password, ""),
		func(c *neo4jconfig.Config) {
			c.SocketConnectTimeout = cfg.ConnectTimeout
			c.ConnectionAcquisitionTimeout = 2 * cfg.ConnectTimeout
			c.MaxTransactionRetryTime = cfg.RetryTime
			c.MaxConnectionPoolSize = driverPoolSize
		})
	if err != nil {
		return nil, fmt.Errorf("neo4j driver for %s: %w", cfg.URI, err)
	}
	return driver, nil
}

// driverRef holds the driver in use; a monitored store replaces it when
// Neo4j comes back (health.go).
type driverRef struct{ neo4j.DriverWithContext }

func (s *Store) driver() neo4j.DriverWithContext { return s.drivers.Load().DriverWithContext }

// Open connects and checks that Neo4j answers.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	s, err := New(cfg)
	if err != nil {
		return nil, err
	}
	if err := s.Ping(ctx); err != nil {
		_ = s.driver().Close(ctx)
		return nil, err
	}
	return s, nil
}

// Ping checks that Neo4j is reachable with these credentials.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.driver().VerifyConnectivity(ctx); err != nil {
		return classify(err)
	}
	return nil
}

func (s *Store) Close(ctx context.Context) error { return s.driver().Close(ctx) }

func (s *Store) session(ctx context.Context, mode neo4j.AccessMode) neo4j.SessionWithContext {
	return s.driver().NewSession(ctx, neo4j.SessionConfig{AccessMode: mode, DatabaseName: s.database})
}

// txTimeout tells Neo4j the caller's deadline, a little early, so Neo4j
// stops a query that runs too long and answers with a timeout before the
// caller gives up on the connection (which would then have to be dropped).
func txTimeout(ctx context.Context) []func(*neo4j.TransactionConfig) {
	if dl, ok := ctx.Deadline(); ok {
		if d := time.Until(dl); d > 0 {
			d -= min(d/10, 250*time.Millisecond)
			return []func(*neo4j.TransactionConfig){neo4j.WithTxTimeout(max(d, time.Millisecond))}
		}
	}
	return nil
}
