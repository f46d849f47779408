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
	recs, err := s.query(ctx, stmtLoadedInput, nil)
	if err != nil {
		return 0, false, fmt.Errorf("graph input: %w", err)
	}
	if len(recs) != 1 {
		return 0, false, fmt.Errorf("graph input: %d records", len(recs))
	}
	rec := recs[0]
	if version, err = value[int64](rec, "version"); err != nil {
		return 0, false, err
	}
	recorded, err := optional(rec, "input")
	if err != nil || recorded == nil {
		return version, false, err
	}
	at, err := optional(rec, "inputVersion")
	if err != nil || at == nil {
		return version, false, err
	}
	got, err := typed[string](recorded, "graph input")
	if err != nil {
		return version, false, err
	}
	atVersion, err := typed[int64](at, "graph input version")
	if err != nil {
		return version, false, err
	}
	return version, input != "" && got == input && atVersion == version, nil
}

// recordInput writes, in a load's last transaction and after its version
// bump, the input it loaded ("" for one it cannot name: null).
func recordInput(ctx context.Context, tx neo4j.ManagedTransaction, input string) error {
	var param any
	if input != "" {
		param = input
	}
	res, err := run(ctx, tx, stmtRecordInput, map[string]any{"input": param})
	if err != nil {
		return fmt.Errorf("graph input: %w", err)
	}
	_, err = res.Consume(ctx)
	return err
}
