package store

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// The graph's version: a number every load that changes the graph raises,
// in its own transaction (one :Graph node, which is not an entry of the
// graph and no export or answer shows). Whoever keeps something made from
// the graph keys it on the version, so a load by any process makes it
// stale at once.

var (
	stmtBumpVersion = define("graph_version_bump", "graph_version_bump.cypher", nil)
	stmtVersion     = define("graph_version", "read/graph_version.cypher", nil)
)

// GraphLabel is the label of the node that holds the version.
const GraphLabel = "Graph"

// Version is the graph's version: 0 before any load changed it.
func (s *Store) Version(ctx context.Context) (int64, error) {
	recs, err := s.query(ctx, stmtVersion, nil)
	if err != nil {
		return 0, fmt.Errorf("graph version: %w", err)
	}
	if len(recs) != 1 {
		return 0, fmt.Errorf("graph version: %d records", len(recs))
	}
	return value[int64](recs[0], "version")
}

// bumpVersion raises the version within a load's transaction.
func bumpVersion(ctx context.Context, tx neo4j.ManagedTransaction) error {
	res, err := run(ctx, tx, stmtBumpVersion, nil)
	if err != nil {
		return fmt.Errorf("graph version: %w", err)
	}
	_, err = res.Consume(ctx)
	return err
}
