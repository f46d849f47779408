package store_test

import (
	"testing"

	"github.com/diplograph/diplograph/neo4jtest"
	"github.com/diplograph/diplograph/store"
)

// TestEveryStatementCompiles has Neo4j plan each statement the store can
// send, so a typo in any .cypher file fails here rather than in a request.
// Registered lists them all: statements register where they are defined,
// templates in every variant the code can ask for (a variant not listed is
// refused when asked for), and run sends nothing else.
func TestEveryStatementCompiles(t *testing.T) {
	db := neo4jtest.Open(t)
	stmts := store.Registered()
	t.Logf("%d statements", len(stmts))
	for _, st := range stmts {
		if err := db.Explain(st.Text()); err != nil {
			t.Errorf("%s: %v\n%s", st.Name(), err, st.Text())
		}
	}
}
