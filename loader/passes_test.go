package loader

import (
	"context"
	"crypto/sha256"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/diplograph/diplograph/gen"
	"github.com/diplograph/diplograph/store"
)

// The read of a valid load (two passes, a few files held at a time) builds
// the same batch as the located read, which holds every file at once.
func TestReadTwiceBuildsTheLocatedBatch(t *testing.T) {
	dir := t.TempDir()
	// Small files, so that many of them pass through the passes at once.
	if _, err := gen.Generate(gen.Config{Scale: 0.02, Seed: 3, FileLimit: 20000}, dir); err != nil {
		t.Fatal(err)
	}
	// The generated data's batch moves to temporary files part way through
	// its rows; the fixtures' stays in memory.
	defer func(was int64) { spillAfter = was }(spillAfter)
	for name, tc := range map[string]struct {
		paths      []string
		spillAfter int64
	}{
		"the curated fixtures":        {[]string{"../fixtures"}, store.DefaultSpillBytes},
		"generated data":              {[]string{dir}, 64 << 10},
		"zero bounds and empty lists": {[]string{"testdata/base.yaml", "testdata/zero-quantities.yaml"}, store.DefaultSpillBytes},
	} {
		t.Run(name, func(t *testing.T) {
			spillAfter = tc.spillAfter
			paths := tc.paths
			names, err := collect(paths)
			if err != nil {
				t.Fatal(err)
			}
			twice, err := readTwice(context.Background(), names, nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			defer twice.Close()
			located, err := readLocated(context.Background(), names)
			if err != nil {
				t.Fatal(err)
			}
			if twice.Batch.Rows() == 0 || twice.Batch.Rows() != located.Batch.Rows() {
				t.Fatalf("rows: %d read twice, %d located", twice.Batch.Rows(), located.Batch.Rows())
			}
			if spills := tc.spillAfter < store.DefaultSpillBytes; twice.Batch.Spilled() != spills {
				t.Fatalf("the batch read twice spilled: %v, want %v", twice.Batch.Spilled(), spills)
			}
			for _, l := range store.Labels {
				if !reflect.DeepEqual(slices.Collect(located.Batch.Nodes(l)), slices.Collect(twice.Batch.Nodes(l))) {
					t.Errorf("%s nodes differ", l)
				}
			}
			for _, s := range store.RelSpecs {
				if !reflect.DeepEqual(slices.Collect(located.Batch.Rels(s)), slices.Collect(twice.Batch.Rels(s))) {
					t.Errorf("%v relationships differ", s)
				}
			}
			if err := errors.Join(twice.Batch.Err(), located.Batch.Err()); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// A problem found without positions is read again, located.
func TestReadTwiceLeavesProblemsToTheLocatedRead(t *testing.T) {
	// References to ids no file defines: only the second pass sees them.
	names := []string{"testdata/base.yaml", "testdata/invalid/dangling-reference.yaml"}
	if _, err := readTwice(context.Background(), names, nil, nil); !errors.Is(err, errLocate) {
		t.Fatalf("readTwice: %v, want errLocate", err)
	}
	_, err := ReadContext(context.Background(), names)
	var invalid *InvalidInputError
	if !errors.As(err, &invalid) || len(invalid.Diagnostics) == 0 {
		t.Fatalf("Read: %v, want located problems", err)
	}
	d := invalid.Diagnostics[0]
	if d.File != names[1] || d.Line == 1 || !strings.Contains(d.Message, "nobody") {
		t.Errorf("diagnostic %+v, want a line of %s naming nobody", d, names[1])
	}
}

// The second pass builds what the first pass checked, even when a file
// changes in between: it reads the first pass's documents back.
func TestReadTwiceReadsEachFileOnce(t *testing.T) {
	name := filepath.Join(t.TempDir(), "a.yaml")
	checked := []byte("actors:\n  - id: putin\n    name: Vladimir Putin\n    kind: person\n")
	if err := os.WriteFile(name, checked, 0o644); err != nil {
		t.Fatal(err)
	}
	sums := make([][sha256.Size]byte, 1)
	docs, err := collectAll(context.Background(), []string{name}, newValidator(map[string]Diagnostic{}), func(int, int, string) {}, sums, make([]*fileRecord, 1))
	if err != nil {
		t.Fatal(err)
	}
	defer docs.Close()
	// The fingerprint a load records is of the bytes it checked.
	if sums[0] != sha256.Sum256(checked) {
		t.Errorf("the first pass's digest is not that of the bytes it read")
	}
	if err := os.WriteFile(name, append(checked, "  - id: trump\n    name: Donald Trump\n    kind: person\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	doc, err := docs.get(0)
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Actors) != 1 || doc.Actors[0].ID != "putin" {
		t.Fatalf("the second pass reads %+v, want the one actor the first pass checked", doc.Actors)
	}
}

// Results come in the order of the files, whatever order the work ends
// in, and an error stops the rest.
func TestInOrder(t *testing.T) {
	names := make([]string, 40)
	var got []int
	err := inOrder(context.Background(), names, func(i int) (int, error) {
		if i%3 == 0 {
			// Later files finish first.
			for j := 0; j < 1000*(40-i); j++ {
				_ = sha256.Sum256([]byte{byte(j)})
			}
		}
		return i, nil
	}, func(i, out int) error {
		if i != out {
			t.Errorf("result %d handed over as %d", out, i)
		}
		got = append(got, out)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for i, v := range got {
		if v != i {
			t.Fatalf("got %v", got)
		}
	}
	if len(got) != len(names) {
		t.Fatalf("got %d results", len(got))
	}
	boom := errors.New("boom")
	seen := 0
	err = inOrder(context.Background(), names, func(i int) (int, error) {
		if i == 5 {
			return 0, boom
		}
		return i, nil
	}, func(int, int) error { seen++; return nil })
	if !errors.Is(err, boom) || seen != 5 {
		t.Fatalf("err %v after %d results, want boom after 5", err, seen)
	}
}

// A read tells each file of each pass once, the build in file order.
func TestReadProgress(t *testing.T) {
	dir := t.TempDir()
	if _, err := gen.Generate(gen.Config{Scale: 0.01, Seed: 5, FileLimit: 20000}, dir); err != nil {
		t.Fatal(err)
	}
	names, err := collect([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string][]int{}
	if _, err := ReadProgress(context.Background(), []string{dir}, func(done, total int, pass string) {
		if total != len(names) {
			t.Errorf("total %d, want %d files", total, len(names))
		}
		seen[pass] = append(seen[pass], done)
	}); err != nil {
		t.Fatal(err)
	}
	for _, pass := range []string{PassCheck, PassBuild} {
		got := seen[pass]
		if len(got) != len(names) {
			t.Fatalf("%s: told %d times, want %d", pass, len(got), len(names))
		}
		for i, done := range got {
			if done != i+1 {
				t.Fatalf("%s: told %v, want 1 to %d in turn", pass, got, len(names))
			}
		}
	}
}
