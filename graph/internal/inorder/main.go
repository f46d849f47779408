// Command inorder rewrites, in the code gqlgen generates in graph/, the
// calls that start a goroutine per list element and per resolver field:
// each call of graphql.MarshalSliceConcurrently becomes graph's
// marshalList, which marshals a list's elements in order, and each object
// field scheduled with FieldSet.ResolveConcurrently goes through graph's
// resolveField, which resolves it in place for later elements of a list
// (graph/lists.go says why); and each object's group of deferred fields is
// built by graph's newDeferredGroup, only when one of its fields is
// deferred; each object, once resolved, is written by graph's object, not
// by its FieldSet; and the field functions of plain scalar fields marshal the
// struct field directly, without gqlgen's per-field work (plainFields says
// why and when). It runs after gqlgen in go generate; run again, it
// changes nothing.
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
	{"\n\treturn out\n}\n", "\n\treturn object{fields, out.Values}\n}\n"},
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

// rewrite renames the calls in dir's generated files and rewrites their
// plain fields (plainFields).
func rewrite(dir string) error {
	names, err := filepath.Glob(filepath.Join(dir, "*.generated.go"))
	if err != nil {
		return err
	}
	if len(names) == 0 {
		return fmt.Errorf("no generated files in %s", dir)
	}
	found := make([]int, len(renames))
	var files []*genFile
	var before [][]byte
	for _, name := range names {
		b, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		out := b
		for i, r := range renames {
			found[i] += bytes.Count(out, []byte(r.generated)) + bytes.Count(out, []byte(r.ours))
			out = bytes.ReplaceAll(out, []byte(r.generated), []byte(r.ours))
		}
		f, err := parseGenerated(name, out)
		if err != nil {
			return err
		}
		files = append(files, f)
		before = append(before, b)
	}
	// A gqlgen that writes these calls otherwise would leave the
	// goroutines in place without a word: say so.
	for i, n := range found {
		if n == 0 {
			return fmt.Errorf("no %q found in %s: has gqlgen renamed it?", renames[i].generated, dir)
		}
	}
	if rewritten, already := plainFields(files); rewritten+already == 0 {
		return fmt.Errorf("no plain field found in %s: has gqlgen changed how it calls graphql.ResolveField?", dir)
	}
	for i, f := range files {
		if !bytes.Equal(f.src, before[i]) {
			if err := os.WriteFile(f.name, f.src, 0o644); err != nil {
				return err
			}
		}
	}
	return nil
}
