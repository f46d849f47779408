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
	lists := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		lists += bytes.Count(b, []byte(concurrent)) + bytes.Count(b, []byte(inOrder))
		out := bytes.ReplaceAll(b, []byte(concurrent), []byte(inOrder))
		if !bytes.Equal(out, b) {
			if err := os.WriteFile(f, out, 0o644); err != nil {
				return err
			}
		}
	}
	// A gqlgen that marshals lists by another name would leave the
	// goroutines in place without a word: say so.
	if lists == 0 {
		return fmt.Errorf("no list marshalling found in %s: has gqlgen renamed %s?", dir, concurrent)
	}
	return nil
}
