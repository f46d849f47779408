package neo4jtest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/diplograph/diplograph/loader"
)

// ReplicateFixtures writes copies of the fixture files in dir in which every
// id is suffixed with the copy's number, so each copy is a separate, equally
// connected graph: n copies hold n times the rows.
func ReplicateFixtures(t testing.TB, dir string, copies int) string {
	t.Helper()
	in, err := loader.Read([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	defined := in.IDs()
	out := t.TempDir()
	files, _ := filepath.Glob(filepath.Join(dir, "*.yaml"))
	for c := 1; c <= copies; c++ {
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			text := suffixIDs(string(data), defined, fmt.Sprintf("-c%d", c))
			name := filepath.Join(out, fmt.Sprintf("c%03d-%s", c, filepath.Base(f)))
			if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	return out
}

// suffixIDs appends suffix to every whole slug token that is a defined id.
// Tokens are maximal runs of [a-z0-9-], so an id inside a longer id is left
// alone, and so is a URL path segment.
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
