package main

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
)

// neverNull are the marshallers that never return graphql.Null: after
// them, a generated marshaller's null check, the only part of it that reads
// the field's context, cannot run. gqlgen's return a writer for every
// value; model.MarshalDate formats any time.Time.
var neverNull = []string{
	"graphql.MarshalString",
	"graphql.MarshalID",
	"graphql.MarshalBoolean",
	"graphql.MarshalInt",
	"model.MarshalDate",
}

// A generated file, parsed.
type genFile struct {
	name string
	src  []byte
	fset *token.FileSet
	file *ast.File
}

// plainFields rewrites, in files, the field functions of plain scalar
// fields so that they marshal the struct field directly:
//
//	return ec.marshalNString2string(ctx, field.Selections, obj.Title)
//
// in place of graphql.ResolveField, which builds a field context, a context
// holding it, four closures and two boxings of the value, and runs the
// resolver middleware. On the actor page those were about ten allocations
// for each scalar of each event and participant, a quarter of the page's.
//
// A field is rewritten only when nothing of that work can show in the
// answer: its value is a struct field of obj (no resolver, no method that
// could fail or panic; a field promoted through an embedded pointer could
// panic, and the models embed none), it has no directives, and its
// marshaller is a leaf's that never reads the context (scalars and enums;
// for a non-null one, only after a marshaller in neverNull). Objects and
// lists keep gqlgen's path: their own fields need the field context for
// their paths. What gqlgen's path does for every field and this one does
// not is run field interceptors; httpapi refuses to install one.
//
// It returns how many fields it rewrote and how many it found rewritten
// already, so a second run changes nothing and a gqlgen that generates
// otherwise is noticed.
func plainFields(files []*genFile) (rewritten, already int) {
	marshallers := map[string]*ast.FuncDecl{}
	for _, f := range files {
		for _, d := range f.file.Decls {
			if fn, ok := d.(*ast.FuncDecl); ok && fn.Recv != nil && fn.Body != nil {
				marshallers[fn.Name.Name] = fn
			}
		}
	}
	for _, f := range files {
		type edit struct {
			from, to int
			body     string
		}
		var edits []edit
		for _, d := range f.file.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Recv == nil || fn.Body == nil {
				continue
			}
			if rewrittenField(fn) {
				already++
				continue
			}
			field, marshal, ok := plainField(fn)
			if !ok || !leafMarshaller(marshallers[marshal]) {
				continue
			}
			edits = append(edits, edit{
				from: f.fset.Position(fn.Body.Lbrace).Offset,
				to:   f.fset.Position(fn.Body.Rbrace).Offset + 1,
				body: fmt.Sprintf("{\n\treturn ec.%s(ctx, field.Selections, obj.%s)\n}", marshal, field),
			})
		}
		if len(edits) == 0 {
			continue
		}
		var out bytes.Buffer
		last := 0
		for _, e := range edits {
			out.Write(f.src[last:e.from])
			out.WriteString(e.body)
			last = e.to
		}
		out.Write(f.src[last:])
		f.src = out.Bytes()
		rewritten += len(edits)
	}
	return rewritten, already
}

// parseGenerated parses a generated file for plainFields.
func parseGenerated(name string, src []byte) (*genFile, error) {
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, name, src, parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	return &genFile{name: name, src: src, fset: fset, file: file}, nil
}

// plainField reports whether fn is the field function gqlgen generates for
// a struct field without directives:
//
//	return graphql.ResolveField(ctx, ec.OperationContext, field, <field context>,
//		func(ctx context.Context) (any, error) { return obj.Title, nil },
//		nil,
//		func(ctx context.Context, selections ast.SelectionSet, v string) graphql.Marshaler {
//			return ec.marshalNString2string(ctx, selections, v)
//		},
//		true, true)
//
// and if so returns the struct field and the marshaller.
func plainField(fn *ast.FuncDecl) (field, marshal string, ok bool) {
	if !hasObj(fn) {
		return "", "", false
	}
	call, ok := soleReturn(fn.Body).(*ast.CallExpr)
	if !ok || !isSelector(call.Fun, "graphql", "ResolveField") || len(call.Args) != 9 {
		return "", "", false
	}
	if !isIdent(call.Args[0], "ctx") || !isSelector(call.Args[1], "ec", "OperationContext") || !isIdent(call.Args[2], "field") {
		return "", "", false
	}
	// The resolver: a struct field of obj, nothing else.
	res, ok := call.Args[4].(*ast.FuncLit)
	if !ok || len(res.Body.List) != 1 {
		return "", "", false
	}
	ret, ok := res.Body.List[0].(*ast.ReturnStmt)
	if !ok || len(ret.Results) != 2 || !isIdent(ret.Results[1], "nil") {
		return "", "", false
	}
	sel, ok := ret.Results[0].(*ast.SelectorExpr)
	if !ok || !isIdent(sel.X, "obj") {
		return "", "", false
	}
	// No directives.
	if !isIdent(call.Args[5], "nil") {
		return "", "", false
	}
	// The marshaller, called on the value as it is.
	m, ok := call.Args[6].(*ast.FuncLit)
	if !ok {
		return "", "", false
	}
	marshal, args, ok := ecCall(soleReturn(m.Body))
	if !ok || len(args) != 3 || !isIdent(args[0], "ctx") || !isIdent(args[1], "selections") || !isIdent(args[2], "v") {
		return "", "", false
	}
	return sel.Sel.Name, marshal, true
}

// rewrittenField reports whether fn is a field function plainFields
// rewrote: one call of a marshaller of ec on a field of obj.
func rewrittenField(fn *ast.FuncDecl) bool {
	if !hasObj(fn) {
		return false
	}
	_, args, ok := ecCall(soleReturn(fn.Body))
	if !ok || len(args) != 3 || !isIdent(args[0], "ctx") || !isSelector(args[1], "field", "Selections") {
		return false
	}
	sel, ok := args[2].(*ast.SelectorExpr)
	return ok && isIdent(sel.X, "obj")
}

// ecCall reads e as a call of a method of ec: its name and arguments.
func ecCall(e ast.Expr) (method string, args []ast.Expr, ok bool) {
	call, ok := e.(*ast.CallExpr)
	if !ok {
		return "", nil, false
	}
	fun, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || !isIdent(fun.X, "ec") {
		return "", nil, false
	}
	return fun.Sel.Name, call.Args, true
}

// leafMarshaller reports whether a generated marshaller is a leaf's that
// reads nothing of the context, statement by statement; anything it does
// not recognise makes it false, so the field keeps gqlgen's path:
//
//	return v                                          (an enum)
//	if v == nil { return graphql.Null }               (a nullable field)
//	_ = sel; _ = ctx
//	res := graphql.MarshalString(v)   (or *v; ctx not passed)
//	if res == graphql.Null { ... }    (only after a neverNull marshaller)
//	return res
func leafMarshaller(fn *ast.FuncDecl) bool {
	if fn == nil {
		return false
	}
	var res string // the marshaller res came from
	for _, s := range fn.Body.List {
		switch s := s.(type) {
		case *ast.ReturnStmt:
			if len(s.Results) != 1 || !(isIdent(s.Results[0], "v") || isIdent(s.Results[0], "res") && res != "") {
				return false
			}
		case *ast.AssignStmt:
			if len(s.Lhs) != 1 || len(s.Rhs) != 1 {
				return false
			}
			if isIdent(s.Lhs[0], "_") && (isIdent(s.Rhs[0], "sel") || isIdent(s.Rhs[0], "ctx")) {
				continue
			}
			call, ok := s.Rhs[0].(*ast.CallExpr)
			if !ok || !isIdent(s.Lhs[0], "res") || s.Tok != token.DEFINE || len(call.Args) != 1 {
				return false
			}
			arg := call.Args[0]
			if star, ok := arg.(*ast.StarExpr); ok {
				arg = star.X
			}
			f, ok := call.Fun.(*ast.SelectorExpr)
			if !ok || !isIdent(arg, "v") {
				return false
			}
			x, ok := f.X.(*ast.Ident)
			if !ok {
				return false
			}
			res = x.Name + "." + f.Sel.Name
		case *ast.IfStmt:
			cond, ok := s.Cond.(*ast.BinaryExpr)
			if !ok || s.Init != nil || s.Else != nil || cond.Op != token.EQL {
				return false
			}
			switch {
			case isIdent(cond.X, "v") && isIdent(cond.Y, "nil"):
				r, ok := soleReturn(s.Body).(*ast.SelectorExpr)
				if !ok || !isSelector(r, "graphql", "Null") {
					return false
				}
			case isIdent(cond.X, "res") && isSelector(cond.Y, "graphql", "Null"):
				if !slices.Contains(neverNull, res) {
					return false
				}
			default:
				return false
			}
		default:
			return false
		}
	}
	return true
}

// hasObj reports whether fn is a method whose third and last parameter is
// obj, as gqlgen's field functions are.
func hasObj(fn *ast.FuncDecl) bool {
	ps := fn.Type.Params.List
	return len(ps) == 3 && len(ps[2].Names) == 1 && ps[2].Names[0].Name == "obj"
}

// soleReturn is the expression of a block that is one return of one value.
func soleReturn(b *ast.BlockStmt) ast.Expr {
	if b == nil || len(b.List) != 1 {
		return nil
	}
	ret, ok := b.List[0].(*ast.ReturnStmt)
	if !ok || len(ret.Results) != 1 {
		return nil
	}
	return ret.Results[0]
}

func isIdent(e ast.Expr, name string) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == name
}

func isSelector(e ast.Expr, x, sel string) bool {
	s, ok := e.(*ast.SelectorExpr)
	return ok && isIdent(s.X, x) && s.Sel.Name == sel
}
