package httpapi_test

import (
	"strings"
	"testing"

	"github.com/diplograph/diplograph/neo4jtest"
)

// nestedOperation is what an N+1 resolver would multiply: actors, their
// events, and each event's participants and sources.
const nestedOperation = `{
  actors(first: 100) {
    nodes {
      id
      roles { title for { id } }
      events(first: 50) {
        nodes {
          id
          place { id }
          participants { actor { id } role sources { source { id } } }
          sources { source { id url } quote }
        }
      }
    }
  }
}`

// TestStatementsDoNotGrowWithRows runs the same nested operation over the
// fixtures and over a fixture set ten times larger: the number of
// statements sent to Neo4j must be the same, set by the operation's shape.
// The page of events reads places only when its events' place or places
// are asked for; both are, one in each operation.
func TestStatementsDoNotGrowWithRows(t *testing.T) {
	ops := []string{nestedOperation, strings.Replace(nestedOperation, "place { id }", "places { name }", 1)}
	counts := make([][2]int64, len(ops))
	actors := make([][2]int, len(ops))
	for i, copies := range []int{1, 10} {
		// Each load replaces the test database's graph.
		a := newAPI(t, replicateFixtures(t, copies))
		for j, op := range ops {
			r := a.post(op, nil)
			if len(r.Errors) > 0 {
				t.Fatalf("x%d: errors %+v", copies, r.Errors)
			}
			counts[j][i] = r.statements()
			actors[j][i] = strings.Count(string(r.Data), `"roles"`)
			t.Logf("operation %d, fixtures x%d: %d actors in the answer, %d statements", j, copies, actors[j][i], counts[j][i])
		}
	}
	for j, op := range ops {
		if actors[j][1] <= actors[j][0] {
			t.Fatalf("the larger set should answer with more actors: %d vs %d", actors[j][1], actors[j][0])
		}
		if counts[j][0] == 0 || counts[j][0] != counts[j][1] {
			t.Errorf("statements: %d over the fixtures, %d over ten times the rows; want equal and non-zero", counts[j][0], counts[j][1])
		}
		// actors; roles; events with their places, participants and sources.
		if counts[j][0] != 3 {
			t.Errorf("%d statements, want 3: actors, roles, events (with places, participants and sources)\n%s", counts[j][0], op)
		}
	}
}

func replicateFixtures(t *testing.T, copies int) string {
	return neo4jtest.ReplicateFixtures(t, "../fixtures", copies)
}

// TestEventPageStatements: a page of one event reads the event with its
// place, the place's parent, its sources, participants and disputes in one
// statement.
func TestEventPageStatements(t *testing.T) {
	a := newAPI(t, "../fixtures")
	r := a.post(`{ event(id: "talks-2025-11-23-geneva") {
  id place { id in { id } } sources { source { id } } participants { actor { id } } disputes { field } } }`, nil)
	if len(r.Errors) > 0 {
		t.Fatalf("errors %+v", r.Errors)
	}
	if !strings.Contains(string(r.Data), `"in":{"id":"place-switzerland"}`) {
		t.Errorf("the place's parent is missing: %s", r.Data)
	}
	if n := r.statements(); n != 1 {
		t.Errorf("%d statements, want 1", n)
	}
}
