package httpapi_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/diplograph/diplograph/loader"
	"github.com/diplograph/diplograph/neo4jtest"
	"github.com/diplograph/diplograph/store"
)

// TestStagedRowsAreInvisible stages a load of the fixtures and three copies
// of them, and stops it after the last staged row, before its last
// transaction, as a kill there would: every golden query still answers
// exactly as on the curated fixtures alone, and asked for by the copies'
// ids as for ids that do not exist. A load run to the end then clears what
// was staged and writes the copies once.
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
	fixtures, err := loader.Read([]string{"../fixtures"})
	if err != nil {
		t.Fatal(err)
	}
	ids, err := fixtures.IDs()
	if err != nil {
		t.Fatal(err)
	}
	// Asked for by their ids, the staged copies are not there.
	if differ := copiesAnswerAsAbsent(t, a, ids); len(differ) > 0 {
		t.Errorf("asked for by id, staged nodes answer unlike absent ones: %s", strings.Join(differ, ", "))
	}

	before, _ := a.db.Count()
	// A load run to the end, but stopped while it removes its staging marks
	// (after its last transaction), as a kill there would: every query
	// answers as once the next load has removed the rest, each through a
	// server of its own so that no answer is kept from the other.
	unmarking, stopUnmarking := context.WithCancel(context.Background())
	defer stopUnmarking()
	opts.Progress = func(_, _ int, what string) {
		if strings.HasPrefix(what, "published;") {
			stopUnmarking()
		}
	}
	if _, err := in.Write(unmarking, a.db.Store, opts); err == nil || !strings.Contains(err.Error(), "readers see it") {
		t.Fatalf("a load stopped while it unmarks: %v, want it to say that readers see the load", err)
	}
	marked := goldenAnswers(t, serve(t, a.db, a.db.Store))
	opts.Progress = nil
	if _, err := in.Write(context.Background(), a.db.Store, opts); err != nil {
		t.Fatal(err)
	}
	for name, want := range goldenAnswers(t, serve(t, a.db, a.db.Store)) {
		if marked[name] != want {
			t.Errorf("%s answers otherwise while a published load's marks are left:\n%.600s\nonce they are removed:\n%.600s", name, marked[name], want)
		}
	}
	if n, err := a.db.Store.StagedRows(context.Background()); err != nil || n != 0 {
		t.Errorf("%d staged nodes left after a full load (%v)", n, err)
	}
	if after, _ := a.db.Count(); after != 4*before {
		t.Errorf("%d nodes after the full load, want %d (the fixtures and three copies, once each)", after, 4*before)
	}
	// The same comparison once the copies are loaded: most queries must
	// now answer otherwise, or the check above proves nothing.
	if differ := copiesAnswerAsAbsent(t, a, ids); len(differ) < 10 {
		t.Errorf("with the copies loaded, only %d golden queries answer otherwise for their ids than for absent ones: %v", len(differ), differ)
	}
}

// copiesAnswerAsAbsent sends every golden query twice, once with each
// fixture id in it suffixed as the first copy's (-c1) and once suffixed
// as no node's (-absent), and returns the queries whose answers differ
// (the suffixes aside, and the order of errors).
func copiesAnswerAsAbsent(t *testing.T, a *api, ids map[string]bool) []string {
	t.Helper()
	files, err := filepath.Glob("testdata/queries/*.graphql")
	if err != nil || len(files) == 0 {
		t.Fatalf("no query documents: %v", err)
	}
	quoted := regexp.MustCompile(`"([^"\\]*)"`)
	answer := func(doc, suffix string) string {
		doc = quoted.ReplaceAllStringFunc(doc, func(q string) string {
			if id := q[1 : len(q)-1]; ids[id] {
				return `"` + id + suffix + `"`
			}
			return q
		})
		return strings.ReplaceAll(answerOf(a, doc), suffix+`"`, `"`)
	}
	var differ []string
	for _, f := range files {
		doc, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if answer(string(doc), "-c1") != answer(string(doc), "-absent") {
			differ = append(differ, strings.TrimSuffix(filepath.Base(f), ".graphql"))
		}
	}
	return differ
}

// answerOf is a query's answer as text: status, data and errors (sorted:
// fields resolve concurrently, and fail in any order).
func answerOf(a *api, doc string) string {
	r := a.post(doc, nil)
	errs := make([]string, len(r.Errors))
	for i, e := range r.Errors {
		errs[i] = fmt.Sprintf("%s %v %s", e.code(), e.Path, e.Message)
	}
	slices.Sort(errs)
	return fmt.Sprintf("%d %s %v", r.Status, r.Data, errs)
}

// goldenAnswers answers every golden query, by name.
func goldenAnswers(t *testing.T, a *api) map[string]string {
	t.Helper()
	files, err := filepath.Glob("testdata/queries/*.graphql")
	if err != nil || len(files) == 0 {
		t.Fatalf("no query documents: %v", err)
	}
	out := map[string]string{}
	for _, f := range files {
		doc, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out[strings.TrimSuffix(filepath.Base(f), ".graphql")] = answerOf(a, string(doc))
	}
	return out
}
