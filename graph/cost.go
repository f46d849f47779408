package graph

import (
	"context"
	"strconv"
	"strings"
	"sync"

	"github.com/vektah/gqlparser/v2/ast"
)

// Cost is what an operation may make the server do, measured before it runs.
type Cost struct {
	// Complexity counts the objects and fields the answer may hold: each
	// field costs one plus its selection, and a list multiplies its selection
	// by its page size (`first`), the number of ids asked for, or
	// ListEstimate for lists without a bound in the request.
	Complexity int
	// Depth is the deepest nesting of fields.
	Depth int
	// Fields counts every field selected, aliases included, and a fragment's
	// fields once for each place it is spread.
	Fields int
}

// ListEstimate is the cost multiplier of a list the request does not bound
// and the schema gives no size for; schema.graphqls gives most lists one
// with @listSize(assumedSize:), a typical size (an event's participants,
// a point's stances).
const ListEstimate = 10

const costCap = 1 << 40

// MeasureCost walks an operation, fragments included, with its variables.
// Introspection is measured like any other field: its lists count as long
// as they are on average in this schema (see introspectionSizes), so a full
// introspection costs about what its answer holds.
func MeasureCost(op *ast.OperationDefinition, vars map[string]any) Cost {
	c, _ := MeasureCostContext(context.Background(), op, vars)
	return c
}

// MeasureCostContext is MeasureCost under a deadline. The walk visits each
// fragment once, whatever the number of its spreads, so it is linear in the
// document's size; ctx still bounds it, as it bounds the rest of a request.
func MeasureCostContext(ctx context.Context, op *ast.OperationDefinition, vars map[string]any) (Cost, error) {
	m := measurer{ctx: ctx, vars: vars, fragments: map[*ast.FragmentDefinition]*partCost{}}
	p := m.selection(op.SelectionSet)
	if m.err != nil {
		return Cost{}, m.err
	}
	return Cost{Complexity: p.complexity, Depth: p.depth, Fields: p.fields}, nil
}

// partCost is the cost of one selection set, its depth counted from it.
type partCost struct{ complexity, depth, fields int }

func (p *partCost) add(q partCost) {
	p.complexity = capAdd(p.complexity, q.complexity)
	p.fields = capAdd(p.fields, q.fields)
	p.depth = max(p.depth, q.depth)
}

type measurer struct {
	ctx  context.Context
	vars map[string]any
	// fragments memoises each fragment's cost: a document of n fragments,
	// each spreading the next twice, would otherwise take 2^n visits.
	fragments map[*ast.FragmentDefinition]*partCost
	visits    int
	err       error
}

func (m *measurer) selection(set ast.SelectionSet) partCost {
	var total partCost
	for _, sel := range set {
		if m.visits++; m.visits%1024 == 0 && m.err == nil {
			m.err = m.ctx.Err()
		}
		if m.err != nil {
			return total
		}
		switch s := sel.(type) {
		case *ast.Field:
			child := m.selection(s.SelectionSet)
			depth := 1 + child.depth
			if s.Name == "ofType" && s.ObjectDefinition != nil && s.ObjectDefinition.Name == "__Type" {
				// A chain of ofType ends where the schema's type wrapping
				// does (at most [T!]! here), so it is not nesting that
				// multiplies work; GraphiQL's introspection asks nine deep.
				depth = max(1, child.depth)
			}
			total.add(partCost{
				complexity: capAdd(1, capMul(child.complexity, m.multiplier(s))),
				depth:      depth,
				fields:     capAdd(1, child.fields),
			})
		case *ast.FragmentSpread:
			if s.Definition != nil {
				total.add(m.fragment(s.Definition))
			}
		case *ast.InlineFragment:
			total.add(m.selection(s.SelectionSet))
		}
	}
	return total
}

func (m *measurer) fragment(def *ast.FragmentDefinition) partCost {
	if p, ok := m.fragments[def]; ok {
		return *p // a cycle (refused by validation) meets its zero value
	}
	m.fragments[def] = &partCost{}
	p := m.selection(def.SelectionSet)
	m.fragments[def] = &p
	return p
}

// multiplier is how many times a field's selection may be answered.
func (m *measurer) multiplier(f *ast.Field) int {
	vars := m.vars
	if f.Definition == nil || f.Definition.Type.Elem == nil {
		if first, ok := intArg(f, "first", vars); ok && isConnection(f) {
			return max(first, 1)
		}
		return 1
	}
	if f.ObjectDefinition != nil && strings.HasPrefix(f.ObjectDefinition.Name, "__") {
		if size, ok := introspectionSizes()[f.ObjectDefinition.Name+"."+f.Name]; ok {
			return size
		}
	}
	if first, ok := intArg(f, "first", vars); ok {
		return max(first, 1)
	}
	if ids, ok := f.ArgumentMap(vars)["ids"].([]any); ok {
		return max(len(ids), 1)
	}
	if f.ObjectDefinition != nil && strings.HasSuffix(f.ObjectDefinition.Name, "Connection") {
		return 1 // the connection field already counted its page
	}
	if size, ok := assumedSize(f.Definition); ok {
		return max(size, 1)
	}
	return ListEstimate
}

// introspectionSizes are the lengths of introspection's lists in this
// schema: the number of types and directives, and the average length of
// each list per element of the list above it, so that types × fields per
// type is the schema's number of fields, and so on down.
var introspectionSizes = sync.OnceValue(func() map[string]int {
	s := parsedSchema
	var fields, inputFields, enumValues, interfaces, possible, args int
	for _, t := range s.Types {
		switch t.Kind {
		case ast.InputObject:
			inputFields += len(t.Fields)
		default:
			fields += len(t.Fields)
		}
		for _, f := range t.Fields {
			args += len(f.Arguments)
		}
		enumValues += len(t.EnumValues)
		interfaces += len(t.Interfaces)
		possible += len(s.PossibleTypes[t.Name])
	}
	var directiveArgs int
	for _, d := range s.Directives {
		directiveArgs += len(d.Arguments)
	}
	types := len(s.Types)
	perType := func(n int) int { return ceilDiv(n, types) }
	return map[string]int{
		"__Schema.types":       max(types, 1),
		"__Schema.directives":  max(len(s.Directives), 1),
		"__Type.fields":        perType(fields),
		"__Type.inputFields":   perType(inputFields),
		"__Type.enumValues":    perType(enumValues),
		"__Type.interfaces":    perType(interfaces),
		"__Type.possibleTypes": perType(possible),
		"__Field.args":         ceilDiv(args, fields),
		"__Directive.args":     ceilDiv(directiveArgs, len(s.Directives)),
	}
})

func ceilDiv(n, d int) int {
	if d == 0 {
		return 1
	}
	return max((n+d-1)/d, 1)
}

// assumedSize is the size schema.graphqls assumes for a list field
// (@listSize(assumedSize: N)).
func assumedSize(def *ast.FieldDefinition) (int, bool) {
	d := def.Directives.ForName("listSize")
	if d == nil {
		return 0, false
	}
	arg := d.Arguments.ForName("assumedSize")
	if arg == nil || arg.Value == nil {
		return 0, false
	}
	n, err := strconv.Atoi(arg.Value.Raw)
	return n, err == nil
}

func isConnection(f *ast.Field) bool {
	return strings.HasSuffix(f.Definition.Type.Name(), "Connection")
}

func intArg(f *ast.Field, name string, vars map[string]any) (int, bool) {
	switch v := f.ArgumentMap(vars)[name].(type) {
	case int64:
		return int(v), true
	case int:
		return v, true
	case float64:
		return int(v), true
	}
	return 0, false
}

func capAdd(a, b int) int { return min(a+b, costCap) }

func capMul(a, b int) int {
	if a != 0 && b > costCap/a {
		return costCap
	}
	return a * b
}
