// Command inorder renames, in the code gqlgen generates in graph/, each
// call of graphql.MarshalSliceConcurrently to graph's marshalList, which
// marshals a list's elements in order (graph/lists.go says why). It runs
// after gqlgen in go generate; run again, it changes nothing.
package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
)

const (
	concurrent = "graphql.MarshalSliceConcurrently("
	inOrder    = "marshalList("
)

func main() {
	dir := "graph"
	if len(os.Args) > 1 {
		dir = os.Args[1]
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.generated.go"))
	if err != nil || len(files) == 0 {
		fail("no generated files in %s (%v)", dir, err)
	}
	lists := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			fail("%v", err)
		}
		lists += bytes.Count(b, []byte(concurrent)) + bytes.Count(b, []byte(inOrder))
		out := bytes.ReplaceAll(b, []byte(concurrent), []byte(inOrder))
		if !bytes.Equal(out, b) {
			if err := os.WriteFile(f, out, 0o644); err != nil {
				fail("%v", err)
			}
		}
	}
	// A gqlgen that marshals lists by another name would leave the
	// goroutines in place without a word: say so.
	if lists == 0 {
		fail("no list marshalling found in %s: has gqlgen renamed %s?", dir, concurrent)
	}
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "inorder: "+format+"\n", args...)
	os.Exit(1)
}
