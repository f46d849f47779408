package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/diplograph/diplograph/loader"
	"github.com/diplograph/diplograph/neo4jtest"
	"github.com/diplograph/diplograph/store"
)

// A batch kept in temporary files writes what the same batch in memory
// writes, staged or not; one that cannot read its rows back commits
// nothing, and says why.
func TestApplySpilledBatch(t *testing.T) {
	db := neo4jtest.Open(t)
	ctx := context.Background()
	base, err := loader.Read([]string{"../fixtures"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := base.Write(ctx, db.Store, loader.Options{}); err != nil {
		t.Fatal(err)
	}
	dir := neo4jtest.ReplicateFixtures(t, "../fixtures", 2)
	in, err := loader.Read([]string{"../fixtures", dir})
	if err != nil {
		t.Fatal(err)
	}
	spilledCopy := func() *store.Batch {
		b := store.NewBatchSpilling(1)
		b.Merge(in.Batch)
		if !b.Spilled() {
			t.Fatal("the copy did not spill")
		}
		t.Cleanup(func() { b.Close() })
		return b
	}
	want, err := db.Store.Apply(ctx, in.Batch, store.ApplyOptions{DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	if !want.Changed() {
		t.Fatal("the copies change nothing: the test would prove nothing")
	}

	before := db.Snapshot()
	version, err := db.Store.Version(ctx)
	if err != nil {
		t.Fatal(err)
	}
	broken := spilledCopy()
	// The last relationships the load writes: every node is written by then.
	if err := store.TruncateSpilled(broken, store.Cites(store.LabelClaim)); err != nil {
		t.Fatal(err)
	}
	_, err = db.Store.Apply(ctx, broken, store.ApplyOptions{})
	if err == nil || !strings.Contains(err.Error(), "read the batch's rows back") {
		t.Fatalf("Apply of a batch that cannot read its rows: %v", err)
	}
	if db.Snapshot() != before {
		t.Error("a load whose rows could not be read back changed the graph")
	}
	if v, err := db.Store.Version(ctx); err != nil || v != version {
		t.Errorf("version %d (%v), want %d", v, err, version)
	}

	got, err := db.Store.Apply(ctx, spilledCopy(), store.ApplyOptions{StageRows: 1})
	if err != nil {
		t.Fatal(err)
	}
	if !equalSummaries(got, want) {
		t.Errorf("the spilled batch, staged, wrote %+v; in memory it would write %+v", got, want)
	}
	if n, err := db.Store.StagedRows(ctx); err != nil || n != 0 {
		t.Errorf("%d staged rows left (%v)", n, err)
	}
	again, err := db.Store.Apply(ctx, spilledCopy(), store.ApplyOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if again.Changed() {
		t.Errorf("loading the spilled batch again changed the graph: %+v", again)
	}
}

func equalSummaries(a, b store.Summary) bool {
	for _, l := range store.Labels {
		if a.Nodes[l] != b.Nodes[l] {
			return false
		}
	}
	for _, s := range store.RelSpecs {
		if a.Rels[s] != b.Rels[s] {
			return false
		}
	}
	return true
}
