package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// testdata/plain.generated.go.in holds gqlgen's forms of each kind of
// field and the calls renamed; .want is what the rewrite must make of it.
func TestRewrite(t *testing.T) {
	in, err := os.ReadFile("testdata/plain.generated.go.in")
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("testdata/plain.generated.go.want")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	gen := filepath.Join(dir, "schema.generated.go")
	if err := os.WriteFile(gen, in, 0o644); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(dir, "resolver.go")
	if err := os.WriteFile(other, in, 0o644); err != nil {
		t.Fatal(err)
	}
	for run := 1; run <= 2; run++ {
		if err := rewrite(dir); err != nil {
			t.Fatalf("run %d: %v", run, err)
		}
		if b, _ := os.ReadFile(gen); string(b) != string(want) {
			t.Fatalf("run %d: generated file is\n%s\nwant\n%s", run, b, want)
		}
	}
	if b, _ := os.ReadFile(other); string(b) != string(in) {
		t.Fatalf("a file gqlgen does not generate was changed: %q", b)
	}
	// Any call missing is an error naming it, and so is a file with no
	// plain field.
	src := string(in)
	for _, c := range []struct{ generated, changed, missing string }{
		{"graphql.MarshalSliceConcurrently(", "graphql.MarshalSliceInParallel(", "MarshalSliceConcurrently"},
		{"out.ResolveConcurrently(", "out.ResolveFieldsInParallel(", "ResolveConcurrently"},
		{"graphql.NewDeferredGroup(", "graphql.NewDeferred(", "NewDeferredGroup"},
		{"\treturn out\n", "\treturn out.Values\n", "return out"},
		{"return obj.", "return obj.Get(), obj.", "plain field"},
	} {
		if err := os.WriteFile(gen, []byte(strings.ReplaceAll(src, c.generated, c.changed)), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := rewrite(dir); err == nil || !strings.Contains(err.Error(), c.missing) || !strings.Contains(err.Error(), "gqlgen") {
			t.Fatalf("no %s: %v, want an error naming it and saying gqlgen may have changed", c.missing, err)
		}
	}
	if err := os.WriteFile(gen, []byte(src+"\nfunc {"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := rewrite(dir); err == nil || !strings.Contains(err.Error(), "schema.generated.go") {
		t.Fatalf("a file that does not parse: %v, want an error naming it", err)
	}
	if err := rewrite(t.TempDir()); err == nil {
		t.Fatal("an empty folder: no error")
	}
}
