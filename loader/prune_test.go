package loader_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/diplograph/diplograph/loader"
	"github.com/diplograph/diplograph/neo4jtest"
	"github.com/diplograph/diplograph/store"
)

// writeMeeting writes one source, ten actors and one meeting of the first n
// of them.
func writeMeeting(t *testing.T, dir string, n int) {
	t.Helper()
	var b strings.Builder
	b.WriteString("sources:\n  - id: src\n    kind: article\n    title: \"A report\"\n    published: \"2025-11-01\"\n")
	b.WriteString("actors:\n")
	for i := range 10 {
		fmt.Fprintf(&b, "  - id: a%d\n    kind: person\n    name: \"Person %d\"\n    sources:\n      - source: src\n", i, i)
	}
	b.WriteString("events:\n  - id: meeting\n    type: meeting\n    title: \"A meeting\"\n    date: \"2025-11-01\"\n    participants:\n")
	for i := range n {
		fmt.Fprintf(&b, "      - actor: a%d\n        role: participant\n        sources: [src]\n", i)
	}
	b.WriteString("    sources:\n      - source: src\n")
	if err := os.WriteFile(filepath.Join(dir, "all.yaml"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestPruneOneOwnerOfMany drops one participant of an event that has many:
// with more relationships per owner than the scan threshold, the load
// prunes by seeking the owner (the per-owner statement), and just that
// participation goes.
func TestPruneOneOwnerOfMany(t *testing.T) {
	db := neo4jtest.Open(t)
	dir := t.TempDir()
	ctx := context.Background()
	load := func() store.Summary {
		t.Helper()
		in, err := loader.Read([]string{dir})
		if err != nil {
			t.Fatal(err)
		}
		sum, err := in.Write(ctx, db.Store, loader.Options{})
		if err != nil {
			t.Fatal(err)
		}
		return sum
	}
	writeMeeting(t, dir, 10)
	load()
	writeMeeting(t, dir, 9)
	sum := load()
	if got := sum.Rels[store.ParticipatedIn]; got.Deleted != 1 || got.Created != 0 {
		t.Errorf("participations: %+v, want 1 deleted", got)
	}
	rows := db.Rows("MATCH (a:Actor)-[:PARTICIPATED_IN]->(:Event {id: 'meeting'}) RETURN collect(a.id) AS ids", nil)
	ids, _ := rows[0]["ids"].([]any)
	if len(ids) != 9 {
		t.Fatalf("%d participants left, want 9", len(ids))
	}
	for _, id := range ids {
		if id == "a9" {
			t.Errorf("a9 still takes part")
		}
	}
}
