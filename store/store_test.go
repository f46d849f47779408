package store_test

import (
	"sort"
	"testing"

	"github.com/diplograph/diplograph/neo4jtest"
	"github.com/diplograph/diplograph/store"
)

// TestEveryStatementCompiles has Neo4j plan each statement the store can
// send, so a typo in any .cypher file fails here rather than in a request.
func TestEveryStatementCompiles(t *testing.T) {
	db := neo4jtest.Open(t)
	stmts := store.Statements()
	names := make([]string, 0, len(stmts))
	for n := range stmts {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			if err := db.Explain(stmts[name]); err != nil {
				t.Errorf("%v\n%s", err, stmts[name])
			}
		})
	}
}
