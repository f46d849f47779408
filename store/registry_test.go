package store

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// TestOnlyRegisteredStatementsAreSent checks the code for what makes the
// compile test complete: statements are sent in one place (run), and only
// the registry makes them. So every statement the binary can send is one
// that Registered lists and TestEveryStatementCompiles compiles.
func TestOnlyRegisteredStatementsAreSent(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		var fn string
		ast.Inspect(f, func(n ast.Node) bool {
			switch x := n.(type) {
			case *ast.FuncDecl:
				fn = x.Name.Name
			case *ast.CallExpr:
				if sel, ok := x.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Run" && !(name == "statement.go" && fn == "run") {
					t.Errorf("%s: %s calls Run: send statements through run", fset.Position(x.Pos()), fn)
				}
			case *ast.CompositeLit:
				if id, ok := x.Type.(*ast.Ident); ok && id.Name == "Statement" && name != "statement.go" {
					t.Errorf("%s: a Statement made outside the registry (statement.go)", fset.Position(x.Pos()))
				}
			}
			return true
		})
	}
}

// TestTemplateRefusesUnlistedKeys: a template renders only the keys it
// lists, which are the ones the compile test compiles.
func TestTemplateRefusesUnlistedKeys(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("a path statement longer than MaxPathHops was rendered")
		}
	}()
	stmtPaths.get(pathsKey{MaxLength: 2*MaxPathHops + 2})
}

// TestRegistryCounts: the registry holds each kind of statement as many
// times as the model has labels, specs and filter shapes for it.
func TestRegistryCounts(t *testing.T) {
	count := map[string]int{}
	for _, st := range Registered() {
		name, _, _ := strings.Cut(st.name, "/")
		count[name]++
	}
	want := map[string]int{
		"nodes_by_id":         len(Labels),
		"upsert_nodes":        len(Labels),
		"upsert_rels":         len(RelSpecs),
		"upsert_rels_created": len(RelSpecs),
		"related_out":         len(RelSpecs),
		"related_in":          len(RelSpecs),
		"prune_rels_scan":     len(RelSpecs),
		"prune_rels_count":    len(RelSpecs),
		"events":              len(shapes()) * 4,
		"schema":              len(splitStatements(mustRead("schema.cypher"))),
	}
	for name, n := range want {
		if count[name] != n {
			t.Errorf("%s: %d statements registered, want %d", name, count[name], n)
		}
	}
	if n := count["prune_rels_from_start"] + count["prune_rels_to_end"]; n != len(RelSpecs) {
		t.Errorf("prune_rels: %d statements, want one per spec (%d)", n, len(RelSpecs))
	}
}
