package store

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

var (
	stmtRecordInput = define("graph_input_record", "graph_input_record.cypher", nil)
	stmtLoadedInput = define("graph_input", "read/graph_input.cypher", nil)
)

// LoadedFrom reports whether the graph is, at its current version, what a
// load of input (a loader.Input fingerprint) left: the last load recorded
// that input, and no load has changed the graph since. It returns the
// graph's version either way.
func (s *Store) LoadedFrom(ctx context.Context, input string) (version int64, same bool, err error) {
	recs, err := s.query(ctx, stmtLoadedInput, map[string]any{"input": inputParam(input)})
	if err != nil {
		return 0, false, fmt.Errorf("graph input: %w", err)
	}
	if len(recs) != 1 {
		return 0, false, fmt.Errorf("graph input: %d records", len(recs))
	}
	if version, err = value[int64](recs[0], "version"); err != nil {
		return 0, false, err
	}
	same, err = value[bool](recs[0], "same")
	return version, same, err
}

// inputParam is a fingerprint as Neo4j keeps it: null for none.
func inputParam(input string) any {
	if input == "" {
		return nil
	}
	return input
}

// recordInput writes, in a load's last transaction and after its version
// bump, the input it loaded ("" for one it cannot name: null).
func recordInput(ctx context.Context, tx neo4j.ManagedTransaction, input string) error {
	res, err := run(ctx, tx, stmtRecordInput, map[string]any{"input": inputParam(input)})
	if err != nil {
		return fmt.Errorf("graph input: %w", err)
	}
	_, err = res.Consume(ctx)
	return err
}
