package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRewrite(t *testing.T) {
	dir := t.TempDir()
	gen := filepath.Join(dir, "schema.generated.go")
	src := "ret := graphql.MarshalSliceConcurrently(ctx, len(v), 0, false, f)\n"
	if err := os.WriteFile(gen, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(dir, "resolver.go")
	if err := os.WriteFile(other, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	want := "ret := marshalList(ctx, len(v), 0, false, f)\n"
	for run := 1; run <= 2; run++ {
		if err := rewrite(dir); err != nil {
			t.Fatalf("run %d: %v", run, err)
		}
		if b, _ := os.ReadFile(gen); string(b) != want {
			t.Fatalf("run %d: generated file is %q, want %q", run, b, want)
		}
	}
	if b, _ := os.ReadFile(other); string(b) != src {
		t.Fatalf("a file gqlgen does not generate was changed: %q", b)
	}

	if err := os.WriteFile(gen, []byte("ret := graphql.MarshalSliceInParallel(ctx)\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := rewrite(dir); err == nil || !strings.Contains(err.Error(), "renamed") {
		t.Fatalf("no list marshalling: %v, want an error saying gqlgen may have renamed it", err)
	}
	if err := rewrite(t.TempDir()); err == nil {
		t.Fatal("an empty folder: no error")
	}
}
