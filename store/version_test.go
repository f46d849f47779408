package store_test

import (
	"context"
	"testing"

	"github.com/diplograph/diplograph/loader"
	"github.com/diplograph/diplograph/neo4jtest"
)

// A load that changes the graph raises its version in the same
// transaction; one that changes nothing, and a dry run, leave it.
func TestVersionFollowsLoads(t *testing.T) {
	db := neo4jtest.Open(t)
	ctx := context.Background()
	version := func() int64 {
		t.Helper()
		v, err := db.Store.Version(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	if v := version(); v != 0 {
		t.Fatalf("empty graph: version %d, want 0", v)
	}
	in, err := loader.Read([]string{"../fixtures"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := in.Write(ctx, db.Store, loader.Options{DryRun: true}); err != nil {
		t.Fatal(err)
	}
	if v := version(); v != 0 {
		t.Errorf("after a dry run: version %d, want 0", v)
	}
	for i, want := range []int64{1, 1} {
		if _, err := in.Write(ctx, db.Store, loader.Options{}); err != nil {
			t.Fatal(err)
		}
		if v := version(); v != want {
			t.Errorf("after load %d: version %d, want %d", i+1, v, want)
		}
	}
	dir := neo4jtest.ReplicateFixtures(t, "../fixtures", 2)
	more, err := loader.Read([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := more.Write(ctx, db.Store, loader.Options{}); err != nil {
		t.Fatal(err)
	}
	if v := version(); v != 2 {
		t.Errorf("after a load that changed the graph: version %d, want 2", v)
	}
}
