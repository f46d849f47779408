package httpapi_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/diplograph/diplograph/loader"
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
func TestStatementsDoNotGrowWithRows(t *testing.T) {
	var counts [2]int64
	var actors [2]int
	for i, copies := range []int{1, 10} {
		dir := replicateFixtures(t, copies)
		a := newAPI(t, dir)
		r := a.post(nestedOperation, nil)
		if len(r.Errors) > 0 {
			t.Fatalf("x%d: errors %+v", copies, r.Errors)
		}
		counts[i] = r.statements()
		actors[i] = strings.Count(string(r.Data), `"roles"`)
		t.Logf("fixtures x%d: %d actors in the answer, %d statements", copies, actors[i], counts[i])
	}
	if actors[1] <= actors[0] {
		t.Fatalf("the larger set should answer with more actors: %d vs %d", actors[1], actors[0])
	}
	if counts[0] == 0 || counts[0] != counts[1] {
		t.Errorf("statements: %d over the fixtures, %d over ten times the rows; want equal and non-zero", counts[0], counts[1])
	}
	// actors, roles, events, places, participants, event sources.
	if counts[0] > 6 {
		t.Errorf("%d statements for a six-field operation", counts[0])
	}
}

// replicateFixtures writes copies of the curated fixtures in which every
// id is suffixed with the copy's number, so each copy is a separate,
// equally connected graph.
func replicateFixtures(t *testing.T, copies int) string {
	t.Helper()
	in, err := loader.Read([]string{"../fixtures"})
	if err != nil {
		t.Fatal(err)
	}
	defined := in.IDs()
	dir := t.TempDir()
	files, _ := filepath.Glob("../fixtures/*.yaml")
	for c := 1; c <= copies; c++ {
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			out := suffixIDs(string(data), defined, fmt.Sprintf("-c%d", c))
			name := filepath.Join(dir, fmt.Sprintf("c%02d-%s", c, filepath.Base(f)))
			if err := os.WriteFile(name, []byte(out), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	return dir
}

// suffixIDs appends suffix to every whole slug token that is a defined id.
// Tokens are maximal runs of [a-z0-9-], so an id inside a longer id or a
// URL path segment is left alone.
func suffixIDs(text string, ids map[string]bool, suffix string) string {
	var b strings.Builder
	isSlug := func(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' }
	for i := 0; i < len(text); {
		if !isSlug(text[i]) {
			b.WriteByte(text[i])
			i++
			continue
		}
		j := i
		for j < len(text) && isSlug(text[j]) {
			j++
		}
		tok := text[i:j]
		b.WriteString(tok)
		if ids[tok] && (i == 0 || text[i-1] != '/' && text[i-1] != '.') {
			b.WriteString(suffix)
		}
		i = j
	}
	return b.String()
}
