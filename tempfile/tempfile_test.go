package tempfile

import (
	"io"
	"os"
	"testing"
)

// A File holds what is written to it, and no name for it is left in
// TMPDIR, open or closed.
func TestFile(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	f, err := New("tempfile-test-*")
	if err != nil {
		t.Fatal(err)
	}
	if left, _ := os.ReadDir(os.Getenv("TMPDIR")); len(left) != 0 {
		t.Errorf("%d name(s) in TMPDIR while open, want none", len(left))
	}
	if _, err := f.WriteString("rows"); err != nil {
		t.Fatal(err)
	}
	if got, err := io.ReadAll(io.NewSectionReader(f, 0, 4)); err != nil || string(got) != "rows" {
		t.Fatalf("read back %q, %v", got, err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	if left, _ := os.ReadDir(os.Getenv("TMPDIR")); len(left) != 0 {
		t.Errorf("%d name(s) in TMPDIR after Close, want none", len(left))
	}
}
