// Package neo4jtest connects tests to the real Neo4j set aside for them.
//
// Tests run against DIPLOGRAPH_TEST_NEO4J_URI, which `make test` points at
// a local instance of their own (tools/neo4j, port 7688), because tests
// delete everything in the database between cases. It is never read from
// NEO4J_URI, so a test run cannot wipe a database someone works with. When
// the variable is unset or Neo4j does not answer, tests fail: they never
// skip. The packages that use it take turns (package dblock), so `go test
// ./...` runs them one after another whatever its -p.
package neo4jtest

import (
	"context"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/diplograph/diplograph/neo4jtest/dblock"
	"github.com/diplograph/diplograph/store"
)

// URIVar names the environment variable that points tests at their Neo4j.
const URIVar = "DIPLOGRAPH_TEST_NEO4J_URI"

// Config is the store configuration for the test database.
func Config(t testing.TB) store.Config {
	t.Helper()
	uri := os.Getenv(URIVar)
	if uri == "" {
		t.Fatalf("%s is not set: run the tests with 'make test', which starts a local Neo4j for them", URIVar)
	}
	dblock.Acquire(t, uri)
	cfg := store.ConfigFromEnv()
	cfg.URI = uri
	if pw := os.Getenv("DIPLOGRAPH_TEST_NEO4J_PASSWORD"); pw != "" {
		cfg.Password = pw
	}
	return cfg
}

// DB is a direct connection for assertions and clean-up, beside the store
// under test.
type DB struct {
	Store  *store.Store
	Config store.Config
	driver neo4j.DriverWithContext
	t      testing.TB
}

// Open connects to the test database and empties it, so every test starts
// from nothing whatever ran before.
func Open(t testing.TB) *DB {
	t.Helper()
	cfg := Config(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	st, err := store.Open(ctx, cfg)
	if err != nil {
		t.Fatalf("test Neo4j at %s: %v", cfg.URI, err)
	}
	db := openDB(t, st, cfg)
	db.Reset()
	return db
}

func openDB(t testing.TB, st *store.Store, cfg store.Config) *DB {
	t.Helper()
	driver, err := neo4j.NewDriverWithContext(cfg.URI, neo4j.BasicAuth(cfg.User, cfg.Password, ""))
	if err != nil {
		t.Fatalf("test Neo4j driver: %v", err)
	}
	db := &DB{Store: st, Config: cfg, driver: driver, t: t}
	t.Cleanup(func() {
		_ = st.Close(context.Background())
		_ = driver.Close(context.Background())
	})
	return db
}

// Reset deletes every node and relationship.
func (db *DB) Reset() {
	db.t.Helper()
	db.Write("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS", nil)
}

// Write runs a statement in its own auto-commit transaction (which CALL ...
// IN TRANSACTIONS requires).
func (db *DB) Write(cypher string, params map[string]any) {
	db.t.Helper()
	ctx := context.Background()
	sess := db.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: db.Config.Database})
	defer sess.Close(ctx)
	res, err := sess.Run(ctx, cypher, params)
	if err == nil {
		_, err = res.Consume(ctx)
	}
	if err != nil {
		db.t.Fatalf("write %q: %v", cypher, err)
	}
}

// Rows runs a read query and returns its records as maps.
func (db *DB) Rows(cypher string, params map[string]any) []map[string]any {
	db.t.Helper()
	ctx := context.Background()
	res, err := neo4j.ExecuteQuery(ctx, db.driver, cypher, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(db.Config.Database), neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		db.t.Fatalf("query %q: %v", cypher, err)
	}
	out := make([]map[string]any, len(res.Records))
	for i, r := range res.Records {
		out[i] = r.AsMap()
	}
	return out
}

// Snapshot renders the graph readers see as sorted text: every node with
// its labels and properties, every relationship with its ends and
// properties. Two equal snapshots mean two equal graphs. Unpublished
// staged rows are left out: Store.StagedRows counts them.
func (db *DB) Snapshot() string {
	db.t.Helper()
	var lines []string
	for _, r := range db.Rows("MATCH (n) WHERE "+store.NotBookkeeping("n")+" RETURN [l IN labels(n) WHERE l <> $staging] AS labels, properties(n) AS props",
		map[string]any{"staging": store.StagingLabel}) {
		// A published load's marks, until they are removed, are bookkeeping.
		if props, ok := r["props"].(map[string]any); ok {
			delete(props, store.StagedMark)
		}
		lines = append(lines, fmt.Sprintf("node %v %s", r["labels"], canonical(r["props"])))
	}
	for _, r := range db.Rows("MATCH (a)-[r]->(b) WHERE "+store.NotBookkeeping("a")+" RETURN a.id AS a, type(r) AS type, b.id AS b, properties(r) AS props", nil) {
		lines = append(lines, fmt.Sprintf("rel %v-%v->%v %s", r["a"], r["type"], r["b"], canonical(r["props"])))
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

func canonical(v any) string {
	m, ok := v.(map[string]any)
	if !ok {
		return fmt.Sprint(v)
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s=%#v", k, m[k])
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// Count returns the number of nodes and relationships readers see.
func (db *DB) Count() (nodes, rels int64) {
	db.t.Helper()
	n := db.Rows("MATCH (n) WHERE "+store.NotBookkeeping("n")+" RETURN count(n) AS c", nil)[0]["c"].(int64)
	r := db.Rows("MATCH (a)-[r]->() WHERE "+store.NotBookkeeping("a")+" RETURN count(r) AS c", nil)[0]["c"].(int64)
	return n, r
}

// Explain has Neo4j parse and plan a statement without running it.
func (db *DB) Explain(cypher string) error {
	ctx := context.Background()
	sess := db.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: db.Config.Database, AccessMode: neo4j.AccessModeRead})
	defer sess.Close(ctx)
	res, err := sess.Run(ctx, "EXPLAIN "+cypher, nil)
	if err != nil {
		return err
	}
	_, err = res.Consume(ctx)
	return err
}
