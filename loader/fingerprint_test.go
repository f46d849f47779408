package loader

import (
	"os"
	"path/filepath"
	"testing"
)

// A load's fingerprint is the one FingerprintOf finds for the same files
// without parsing them, and any change to what the load would read, or to
// whether it prunes, changes it.
func TestFingerprint(t *testing.T) {
	dir := t.TempDir()
	actors := []byte("actors:\n  - id: putin\n    name: Vladimir Putin\n    kind: person\n")
	places := []byte("places:\n  - id: geneva\n    name: Geneva\n    kind: city\n")
	write := func(name string, data []byte) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.yaml", actors)
	write("b.yaml", places)
	of := func(prune bool) string {
		t.Helper()
		fp, err := FingerprintOf([]string{dir}, prune)
		if err != nil {
			t.Fatal(err)
		}
		return fp
	}

	in, err := Read([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	base := of(false)
	if base == "" || in.Fingerprint(false) != base {
		t.Fatalf("the load's fingerprint %q, unparsed %q: want them equal and not empty", in.Fingerprint(false), base)
	}
	if in.Fingerprint(true) != of(true) || of(true) == base {
		t.Errorf("pruning: the load's %q, unparsed %q, without %q: want the first two equal, the third different", in.Fingerprint(true), of(true), base)
	}
	if again := of(false); again != base {
		t.Errorf("the same files twice: %q then %q", base, again)
	}
	if (&Input{Files: in.Files, Batch: in.Batch}).Fingerprint(false) != "" {
		t.Errorf("an input read without its digests has a fingerprint")
	}

	seen := map[string]string{base: "the files"}
	differs := func(what string) {
		t.Helper()
		fp := of(false)
		if prev, dup := seen[fp]; dup {
			t.Errorf("%s: the fingerprint of %s", what, prev)
		}
		seen[fp] = what
	}
	write("b.yaml", append(places[:len(places):len(places)], '\n'))
	differs("a byte added")
	write("b.yaml", places)
	if of(false) != base {
		t.Fatalf("the files put back: a new fingerprint")
	}
	if err := os.Rename(filepath.Join(dir, "b.yaml"), filepath.Join(dir, "c.yaml")); err != nil {
		t.Fatal(err)
	}
	differs("a file renamed")
	write("d.yaml", []byte("sources: []\n"))
	differs("a file added")
	if err := os.Remove(filepath.Join(dir, "a.yaml")); err != nil {
		t.Fatal(err)
	}
	differs("a file removed")
	if _, err := FingerprintOf([]string{filepath.Join(dir, "missing.yaml")}, false); err == nil {
		t.Errorf("a missing file: a fingerprint and no error")
	}
}
