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
	src := "ret := graphql.MarshalSliceConcurrently(ctx, len(v), 0, false, f)\n" +
		"deferred := graphql.NewDeferredGroup(ctx)\n" +
		"out.ResolveConcurrently(ec.OperationContext, &deferred, i,\n\ttrue, true, f)\n"
	if err := os.WriteFile(gen, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(dir, "resolver.go")
	if err := os.WriteFile(other, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	want := "ret := marshalList(ctx, len(v), 0, false, f)\n" +
		"deferred := newDeferredGroup(ctx, fields)\n" +
		"resolveField(ctx, out, field, ec.OperationContext, &deferred, i,\n\ttrue, true, f)\n"
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
	// Any call missing is an error naming it.
	for _, c := range []struct{ src, missing string }{
		{"ret := graphql.MarshalSliceInParallel(ctx)\ndeferred := graphql.NewDeferredGroup(ctx)\nout.ResolveConcurrently(ec.OperationContext, &deferred, i,\n", "MarshalSliceConcurrently"},
		{"ret := graphql.MarshalSliceConcurrently(ctx)\ndeferred := graphql.NewDeferredGroup(ctx)\nout.ResolveFieldsInParallel(ec.OperationContext)\n", "ResolveConcurrently"},
		{"ret := graphql.MarshalSliceConcurrently(ctx)\ndeferred := graphql.NewDeferred(ctx)\nout.ResolveConcurrently(ec.OperationContext, &deferred, i,\n", "NewDeferredGroup"},
	} {
		if err := os.WriteFile(gen, []byte(c.src), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := rewrite(dir); err == nil || !strings.Contains(err.Error(), "renamed") || !strings.Contains(err.Error(), c.missing) {
			t.Fatalf("no %s: %v, want an error saying gqlgen may have renamed it", c.missing, err)
		}
	}
	if err := rewrite(t.TempDir()); err == nil {
		t.Fatal("an empty folder: no error")
	}
}
