package loader_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/diplograph/diplograph/loader"
	"github.com/diplograph/diplograph/neo4jtest"
	"github.com/diplograph/diplograph/store"
)

// writeExtension writes a file that adds to the curated fixtures: a source,
// n new actors and a meeting of them with an actor the fixtures hold, so a
// load of both creates nodes linked to nodes that were there before.
func writeExtension(t *testing.T, dir string, n int) {
	t.Helper()
	var b strings.Builder
	b.WriteString("sources:\n  - id: ext-src\n    kind: article\n    title: \"A later report\"\n    published: \"2025-12-01\"\n")
	b.WriteString("actors:\n")
	for i := range n {
		fmt.Fprintf(&b, "  - id: ext-a%d\n    kind: person\n    name: \"Envoy %d\"\n    sources:\n      - source: ext-src\n", i, i)
	}
	b.WriteString("events:\n  - id: ext-meeting\n    type: meeting\n    title: \"A later meeting\"\n    date: \"2025-12-01\"\n    participants:\n")
	b.WriteString("      - actor: witkoff\n        role: participant\n        sources: [ext-src]\n")
	for i := range n {
		fmt.Fprintf(&b, "      - actor: ext-a%d\n        role: participant\n        sources: [ext-src]\n", i)
	}
	b.WriteString("    sources:\n      - source: ext-src\n")
	if err := os.WriteFile(filepath.Join(dir, "extension.yaml"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestStagedLoadWritesWhatOneTransactionWrites runs the same loads twice on
// an empty graph, once in one transaction each and once staged (a
// threshold of one row stages any load that creates two): a first load of
// the curated fixtures, a pruning load of them with an extension that links
// new actors to one already there, and a re-load of the same. Both ways
// must leave the same graph, at the same version, with the same summaries,
// and no staged rows.
func TestStagedLoadWritesWhatOneTransactionWrites(t *testing.T) {
	db := neo4jtest.Open(t)
	ctx := context.Background()
	ext := t.TempDir()
	writeExtension(t, ext, 5)
	steps := []struct {
		paths []string
		prune bool
	}{
		{paths: []string{"../fixtures"}},
		{paths: []string{"../fixtures", ext}, prune: true},
		{paths: []string{"../fixtures", ext}, prune: true},
	}
	type outcome struct {
		snapshots []string
		summaries []store.Summary
		version   int64
	}
	run := func(stageRows int) outcome {
		t.Helper()
		db.Reset()
		var o outcome
		for i, step := range steps {
			in, err := loader.Read(step.paths)
			if err != nil {
				t.Fatal(err)
			}
			sum, err := in.Write(ctx, db.Store, loader.Options{Prune: step.prune, StageRows: stageRows})
			if err != nil {
				t.Fatalf("step %d, stage rows %d: %v", i+1, stageRows, err)
			}
			o.snapshots = append(o.snapshots, db.Snapshot())
			o.summaries = append(o.summaries, sum)
			if n, err := db.Store.StagedRows(ctx); err != nil || n != 0 {
				t.Fatalf("step %d, stage rows %d: %d staged rows left (%v)", i+1, stageRows, n, err)
			}
		}
		v, err := db.Store.Version(ctx)
		if err != nil {
			t.Fatal(err)
		}
		o.version = v
		return o
	}
	one, staged := run(0), run(1)
	for i := range steps {
		if one.snapshots[i] != staged.snapshots[i] {
			t.Errorf("step %d: the staged load left another graph than one transaction", i+1)
		}
		if !reflect.DeepEqual(one.summaries[i], staged.summaries[i]) {
			t.Errorf("step %d: summaries differ:\none transaction %+v\nstaged          %+v", i+1, one.summaries[i], staged.summaries[i])
		}
	}
	if one.version != staged.version {
		t.Errorf("version %d after the staged loads, %d after one transaction each", staged.version, one.version)
	}
	// The second step created the extension: 5 actors, a source, a meeting,
	// and 6 participations, one of them with an actor from before.
	if got := staged.summaries[1].Rels[store.ParticipatedIn].Created; got != 6 {
		t.Errorf("second step created %d participations, want 6", got)
	}
	if staged.summaries[2].Changed() {
		t.Errorf("the re-load changed the graph: %+v", staged.summaries[2])
	}
}

// TestLoadClearsWhatAStagedLoadLeft stops a staged load after it staged
// nodes and the first relationships among them, as a kill would, and
// leaves a node as an earlier build staged it. A dry run then refuses, and
// a load in one transaction of fewer files, which merges some nodes by the
// ids those rows hold and not others, clears them first and leaves the
// graph a clean load leaves.
func TestLoadClearsWhatAStagedLoadLeft(t *testing.T) {
	db := neo4jtest.Open(t)
	ctx := context.Background()
	ext, smaller := t.TempDir(), t.TempDir()
	writeExtension(t, ext, 5)
	writeExtension(t, smaller, 2)
	load := func(ctx context.Context, paths []string, opts loader.Options) error {
		t.Helper()
		in, err := loader.Read(paths)
		if err != nil {
			t.Fatal(err)
		}
		_, err = in.Write(ctx, db.Store, opts)
		return err
	}
	both, less := []string{"../fixtures", ext}, []string{"../fixtures", smaller}

	db.Reset()
	for _, paths := range [][]string{{"../fixtures"}, less} {
		if err := load(ctx, paths, loader.Options{}); err != nil {
			t.Fatal(err)
		}
	}
	clean := db.Snapshot()

	db.Reset()
	if err := load(ctx, []string{"../fixtures"}, loader.Options{}); err != nil {
		t.Fatal(err)
	}
	before := db.Snapshot()
	stopped, stop := context.WithCancel(ctx)
	defer stop()
	err := load(stopped, both, loader.Options{StageRows: 1, Progress: func(_, _ int, what string) {
		if strings.HasPrefix(what, "staged ") && strings.Contains(what, "->") {
			stop()
		}
	}})
	if err == nil {
		t.Fatal("the staged load went on after it was cancelled")
	}
	db.Write("CREATE (:StagedEvent {id: 'left-by-an-earlier-build'})", nil)
	if n, err := db.Store.StagedRows(ctx); err != nil || n < 2 {
		t.Fatalf("%d staged rows after the stop (%v), want the staged nodes and the earlier build's node", n, err)
	}
	if db.Snapshot() != before {
		t.Fatal("readers see what the stopped load staged")
	}

	if err := load(ctx, less, loader.Options{DryRun: true}); !errors.Is(err, store.ErrStagedPending) {
		t.Errorf("a dry run beside staged rows: %v, want %v", err, store.ErrStagedPending)
	}
	if err := load(ctx, less, loader.Options{}); err != nil {
		t.Fatal(err)
	}
	if n, err := db.Store.StagedRows(ctx); err != nil || n != 0 {
		t.Errorf("%d staged rows after a load (%v)", n, err)
	}
	if db.Snapshot() != clean {
		t.Error("the load over staged rows left another graph than a clean load")
	}
}

// TestLoadFinishesAPublishedLoad stops a staged load after its last
// transaction, while it removes its staging marks, as a kill there would:
// readers see the whole load, and the next load removes the marks that are
// left before it compares the graph with its files, so it changes nothing.
func TestLoadFinishesAPublishedLoad(t *testing.T) {
	db := neo4jtest.Open(t)
	ctx := context.Background()
	ext := t.TempDir()
	writeExtension(t, ext, 5)
	both := []string{"../fixtures", ext}
	in, err := loader.Read(both)
	if err != nil {
		t.Fatal(err)
	}
	marks := func() int64 {
		t.Helper()
		var n int64
		for _, l := range store.Labels {
			n += db.Rows(fmt.Sprintf("MATCH (n:%s) WHERE n.%s IS NOT NULL RETURN count(n) AS n", l, store.StagedMark), nil)[0]["n"].(int64)
		}
		return n
	}

	db.Reset()
	if _, err := in.Write(ctx, db.Store, loader.Options{}); err != nil {
		t.Fatal(err)
	}
	clean := db.Snapshot()

	db.Reset()
	stopped, stop := context.WithCancel(ctx)
	defer stop()
	_, err = in.Write(stopped, db.Store, loader.Options{StageRows: 1, Progress: func(_, _ int, what string) {
		if strings.HasPrefix(what, "published;") {
			stop()
		}
	}})
	if err == nil || !strings.Contains(err.Error(), "readers see it") {
		t.Fatalf("a load stopped while it unmarks: %v, want it to say that readers see the load", err)
	}
	if errors.Is(err, store.ErrStagedLeft) {
		t.Errorf("a load stopped after its last transaction says rows are left unseen: %v", err)
	}
	if marks() == 0 {
		t.Fatal("no marks left: the stop came too late to test anything")
	}
	if db.Snapshot() != clean {
		t.Error("readers do not see the whole of a published load whose marks are left")
	}
	if n, err := db.Store.StagedRows(ctx); err != nil || n != 0 {
		t.Errorf("%d unpublished staged rows (%v), want none", n, err)
	}
	if _, err := in.Write(ctx, db.Store, loader.Options{DryRun: true}); !errors.Is(err, store.ErrStagedPending) {
		t.Errorf("a dry run beside marks: %v, want %v", err, store.ErrStagedPending)
	}

	sum, err := in.Write(ctx, db.Store, loader.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Changed() {
		t.Errorf("the next load of the same files changed the graph: %+v", sum)
	}
	if n := marks(); n != 0 {
		t.Errorf("%d marks left after the next load", n)
	}
	if n := db.Rows("MATCH (p:"+store.PublishedStageLabel+") RETURN count(p) AS n", nil)[0]["n"].(int64); n != 0 {
		t.Errorf("%d published tokens left after the next load", n)
	}
	if db.Snapshot() != clean {
		t.Error("the next load left another graph")
	}
}
