package graph

import (
	"strconv"
	"strings"

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
	// Fields counts every field selected, aliases included.
	Fields int
}

// ListEstimate is the cost multiplier of a list the request does not bound
// and the schema gives no size for; schema.graphqls gives most lists one
// with @listSize(assumedSize:), a typical size (an event's participants,
// a point's stances).
const ListEstimate = 10

const costCap = 1 << 40

// MeasureCost walks an operation, fragments included, with its variables.
func MeasureCost(op *ast.OperationDefinition, vars map[string]any) Cost {
	var c Cost
	c.Complexity = selectionCost(op.SelectionSet, vars, 1, &c)
	return c
}

func selectionCost(set ast.SelectionSet, vars map[string]any, depth int, c *Cost) int {
	total := 0
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			if strings.HasPrefix(s.Name, "__") {
				continue // introspection is bounded by the schema
			}
			c.Fields++
			c.Depth = max(c.Depth, depth)
			child := selectionCost(s.SelectionSet, vars, depth+1, c)
			total = capAdd(total, capAdd(1, capMul(child, multiplier(s, vars))))
		case *ast.FragmentSpread:
			if s.Definition != nil {
				total = capAdd(total, selectionCost(s.Definition.SelectionSet, vars, depth, c))
			}
		case *ast.InlineFragment:
			total = capAdd(total, selectionCost(s.SelectionSet, vars, depth, c))
		}
	}
	return total
}

// multiplier is how many times a field's selection may be answered.
func multiplier(f *ast.Field, vars map[string]any) int {
	if f.Definition == nil || f.Definition.Type.Elem == nil {
		if first, ok := intArg(f, "first", vars); ok && isConnection(f) {
			return max(first, 1)
		}
		return 1
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
