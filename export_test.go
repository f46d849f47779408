package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/diplograph/diplograph/neo4jtest"
)

// --as-of pins the export as the API's asOf does: the Geneva talks of
// 23 November 2025 are not yet in the graph of 1 November.
func TestExportAsOf(t *testing.T) {
	db := neo4jtest.Open(t)
	loadFixtures(t, db)
	const geneva = "talks-2025-11-23-geneva"
	ids := func(args ...string) map[string]bool {
		t.Helper()
		out := filepath.Join(t.TempDir(), "events.csv")
		code, stdout, stderr := cli(t, db, append([]string{"export", "--format", "events-csv", "--out", out}, args...)...)
		if code != exitOK {
			t.Fatalf("export %v: exit %d\n%s%s", args, code, stdout, stderr)
		}
		f, err := os.Open(out)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		rows, err := csv.NewReader(f).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]bool{}
		for _, r := range rows[1:] {
			got[r[0]] = true
		}
		return got
	}
	if now := ids(); !now[geneva] {
		t.Errorf("the unpinned export lacks %s", geneva)
	}
	pinned := ids("--as-of", "2025-11-01")
	if pinned[geneva] || len(pinned) == 0 {
		t.Errorf("as of 1 November 2025: %d events, Geneva talks %v", len(pinned), pinned[geneva])
	}
	code, _, stderr := cli(t, db, "export", "--format", "events-csv", "--as-of", "1 November")
	if code != exitInvalid || !strings.Contains(stderr, "asOf") {
		t.Errorf("a bad --as-of: exit %d %q", code, stderr)
	}
}
