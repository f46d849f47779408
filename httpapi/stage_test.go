package httpapi_test

import (
	"context"
	"strings"
	"testing"

	"github.com/diplograph/diplograph/loader"
	"github.com/diplograph/diplograph/neo4jtest"
	"github.com/diplograph/diplograph/store"
)

// TestStagedRowsAreInvisible stages a load of the fixtures and three copies
// of them, and stops it after the last staged row, before the swap, as a
// kill there would: every golden query still answers exactly as on the
// curated fixtures alone. A load run to the end then clears what was
// staged and writes the copies once.
func TestStagedRowsAreInvisible(t *testing.T) {
	a := newAPI(t)
	dir := neo4jtest.ReplicateFixtures(t, "../fixtures", 3)
	copies, err := loader.Read([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	staging := copies.Batch.Rows() // every row of the copies is new
	in, err := loader.Read([]string{"../fixtures", dir})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stagedUpTo := 0
	opts := loader.Options{StageRows: 1, Progress: func(done, total int, what string) {
		if strings.HasPrefix(what, "staged ") {
			stagedUpTo = done
			if done == staging {
				cancel()
			}
		}
	}}
	if _, err := in.Write(ctx, a.db.Store, opts); err == nil {
		t.Fatal("the load went on after it was cancelled")
	}
	if stagedUpTo != staging {
		t.Fatalf("staging wrote %d rows, want %d", stagedUpTo, staging)
	}
	wantNodes := 0
	for _, l := range store.Labels {
		wantNodes += copies.Batch.NodeCount(l)
	}
	if n, err := a.db.Store.StagedRows(context.Background()); err != nil || n != wantNodes {
		t.Fatalf("%d staged nodes left (%v), want %d", n, err, wantNodes)
	}

	queriesAgainstGolden(t, a)

	before, _ := a.db.Count()
	opts.Progress = nil
	if _, err := in.Write(context.Background(), a.db.Store, opts); err != nil {
		t.Fatal(err)
	}
	if n, err := a.db.Store.StagedRows(context.Background()); err != nil || n != 0 {
		t.Errorf("%d staged nodes left after a full load (%v)", n, err)
	}
	if after, _ := a.db.Count(); after != 4*before {
		t.Errorf("%d nodes after the full load, want %d (the fixtures and three copies, once each)", after, 4*before)
	}
}
