package store

import (
	"context"
	"fmt"
	"slices"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Migrate applies the constraints and indexes of schema.cypher. Each
// statement is idempotent, so running it again is harmless. Schema changes
// cannot share a transaction with each other or with data writes, so each
// runs in its own.
func (s *Store) Migrate(ctx context.Context) error {
	for _, stmt := range slices.Concat(schemaStatements, stageIndexes()) {
		if err := s.call(ctx, neo4j.AccessModeWrite, stmt); err != nil {
			return fmt.Errorf("migrate: %s: %w", firstLine(stmt.text), err)
		}
	}
	if err := s.call(ctx, neo4j.AccessModeRead, awaitIndexes); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	return nil
}

// The schema's statements, and the procedure that waits until new indexes
// are online, so a load or query right after migrate can use them (the
// full-text index above all).
var (
	schemaStatements = func() []Statement {
		var out []Statement
		for i, text := range splitStatements(mustRead("schema.cypher")) {
			out = append(out, defineText(fmt.Sprintf("schema/%02d", i+1), text))
		}
		return out
	}()
	awaitIndexes = defineText("await_indexes", "CALL db.awaitIndexes(300)")
)

// call runs one statement that returns nothing the caller needs, in a
// transaction of its own: schema changes cannot share one with each other
// or with data writes.
func (s *Store) call(ctx context.Context, mode neo4j.AccessMode, st Statement) error {
	sess := s.session(ctx, mode)
	defer sess.Close(ctx)
	work := func(tx neo4j.ManagedTransaction) (any, error) {
		res, err := run(ctx, tx, st, nil)
		if err != nil {
			return nil, err
		}
		return res.Consume(ctx)
	}
	var err error
	if mode == neo4j.AccessModeRead {
		_, err = sess.ExecuteRead(ctx, work)
	} else {
		_, err = sess.ExecuteWrite(ctx, work)
	}
	return classifyIn(ctx, err)
}

func firstLine(s string) string {
	for i, r := range s {
		if r == '\n' {
			return s[:i]
		}
	}
	return s
}
