// Command inorder rewrites, in the code gqlgen generates in graph/, the
// calls that start a goroutine per list element and per resolver field:
// each call of graphql.MarshalSliceConcurrently becomes graph's
// marshalList, which marshals a list's elements in order, and each object
// field scheduled with FieldSet.ResolveConcurrently goes through graph's
// resolveField, which resolves it in place for later elements of a list
// (graph/lists.go says why); and each object's group of deferred fields is
// built by graph's newDeferredGroup, only when one of its fields is
// deferred. It runs after gqlgen in go generate; run again, it changes
// nothing.
package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
)

// A rename: what gqlgen generates, and what replaces it.
type rename struct{ generated, ours string }

var renames = []rename{
	{"graphql.MarshalSliceConcurrently(", "marshalList("},
	{"out.ResolveConcurrently(ec.OperationContext, &deferred, i,", "resolveField(ctx, out, field, ec.OperationContext, &deferred, i,"},
	{"deferred := graphql.NewDeferredGroup(ctx)", "deferred := newDeferredGroup(ctx, fields)"},
}

func main() {
	dir := "graph"
	if len(os.Args) > 1 {
		dir = os.Args[1]
	}
	if err := rewrite(dir); err != nil {
		fmt.Fprintf(os.Stderr, "inorder: %v\n", err)
		os.Exit(1)
	}
}

// rewrite renames the calls in dir's generated files.
func rewrite(dir string) error {
	files, err := filepath.Glob(filepath.Join(dir, "*.generated.go"))
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return fmt.Errorf("no generated files in %s", dir)
	}
	found := make([]int, len(renames))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		out := b
		for i, r := range renames {
			found[i] += bytes.Count(out, []byte(r.generated)) + bytes.Count(out, []byte(r.ours))
			out = bytes.ReplaceAll(out, []byte(r.generated), []byte(r.ours))
		}
		if !bytes.Equal(out, b) {
			if err := os.WriteFile(f, out, 0o644); err != nil {
				return err
			}
		}
	}
	// A gqlgen that writes these calls otherwise would leave the
	// goroutines in place without a word: say so.
	for i, n := range found {
		if n == 0 {
			return fmt.Errorf("no %s found in %s: has gqlgen renamed it?", renames[i].generated, dir)
		}
	}
	return nil
}
