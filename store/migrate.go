package store

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Migrate applies the constraints and indexes of schema.cypher. Each
// statement is idempotent, so running it again is harmless. Schema changes
// cannot share a transaction with each other or with data writes, so each
// runs in its own.
func (s *Store) Migrate(ctx context.Context) error {
	sess := s.session(ctx, neo4j.AccessModeWrite)
	defer sess.Close(ctx)
	for _, stmt := range schemaStatements {
		_, err := sess.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
			res, err := tx.Run(ctx, stmt, nil)
			if err != nil {
				return nil, err
			}
			_, err = res.Consume(ctx)
			return nil, err
		})
		if err != nil {
			return fmt.Errorf("migrate: %s: %w", firstLine(stmt), classify(err))
		}
	}
	if err := s.awaitIndexes(ctx); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	return nil
}

// awaitIndexes waits until new indexes are online, so a load or query right
// after migrate can use them (the full-text index above all).
func (s *Store) awaitIndexes(ctx context.Context) error {
	sess := s.session(ctx, neo4j.AccessModeRead)
	defer sess.Close(ctx)
	_, err := sess.ExecuteRead(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		res, err := tx.Run(ctx, "CALL db.awaitIndexes(300)", nil)
		if err != nil {
			return nil, err
		}
		return res.Consume(ctx)
	})
	return classify(err)
}

func firstLine(s string) string {
	for i, r := range s {
		if r == '\n' {
			return s[:i]
		}
	}
	return s
}
