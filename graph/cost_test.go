package graph

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
)

func TestMeasureCost(t *testing.T) {
	schema := NewExecutableSchema(Config{Resolvers: &Resolver{}}).Schema()
	tests := []struct {
		name  string
		query string
		vars  map[string]any
		want  Cost
	}{
		{"one field", `{ actor(id: "a") { name } }`, nil, Cost{Complexity: 2, Depth: 2, Fields: 2}},
		{"page of events", `{ events(first: 50) { nodes { id } } }`, nil, Cost{Complexity: 1 + 50*(1+1), Depth: 3, Fields: 3}},
		{"default page size", `{ events { nodes { id } } }`, nil, Cost{Complexity: 1 + 20*2, Depth: 3, Fields: 3}},
		{"page size from a variable", `query($n: Int) { timeline(first: $n) { nodes { id } } }`, map[string]any{"n": int64(5)}, Cost{Complexity: 1 + 5*2, Depth: 3, Fields: 3}},
		{"list of an assumed size", `{ event(id: "e") { participants { role } } }`, nil, Cost{Complexity: 1 + (1 + 5*1), Depth: 3, Fields: 3}},
		{"nested pages multiply", `{ actors(first: 10) { nodes { events(first: 10) { nodes { id } } } } }`, nil,
			Cost{Complexity: 1 + 10*(1+(1+10*(1+1))), Depth: 5, Fields: 5}},
		{"ids", `{ nodes(ids: ["a", "b", "c"]) { __typename } }`, nil, Cost{Complexity: 1 + 3*1, Depth: 2, Fields: 2}},
		{"fragments count", `{ actor(id: "a") { ...F } } fragment F on Actor { name aliases }`, nil, Cost{Complexity: 3, Depth: 2, Fields: 3}},
		{"aliases count", `{ a: actor(id: "a") { name } b: actor(id: "b") { name } }`, nil, Cost{Complexity: 4, Depth: 2, Fields: 4}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, errs := gqlparser.LoadQuery(schema, tt.query)
			if errs != nil {
				t.Fatal(errs)
			}
			got := MeasureCost(doc.Operations[0], tt.vars)
			if got != tt.want {
				t.Errorf("MeasureCost = %+v, want %+v", got, tt.want)
			}
		})
	}
}

// fragmentBomb is 27 fragments, each spreading the next twice: about a
// kilobyte whose naive walk visits 2^27 fields.
func fragmentBomb(n int) string {
	var b strings.Builder
	b.WriteString("{ ...F0 }\n")
	for i := range n {
		fmt.Fprintf(&b, "fragment F%d on Query { ...F%d ...F%d }\n", i, i+1, i+1)
	}
	fmt.Fprintf(&b, "fragment F%d on Query { plans { id } }\n", n)
	return b.String()
}

func TestMeasureCostIsLinearInFragments(t *testing.T) {
	schema := NewExecutableSchema(Config{Resolvers: &Resolver{}}).Schema()
	doc, errs := gqlparser.LoadQuery(schema, fragmentBomb(27))
	if errs != nil {
		t.Fatal(errs)
	}
	start := time.Now()
	got := MeasureCost(doc.Operations[0], nil)
	if elapsed := time.Since(start); elapsed > 50*time.Millisecond {
		t.Errorf("measuring took %s", elapsed)
	}
	// Each spread counts: 2^27 copies of plans { id }.
	if got.Fields != 2<<27 || got.Depth != 2 {
		t.Errorf("MeasureCost = %+v, want 2^28 fields at depth 2", got)
	}
}

func TestMeasureCostStopsAtTheDeadline(t *testing.T) {
	schema := NewExecutableSchema(Config{Resolvers: &Resolver{}}).Schema()
	var b strings.Builder
	b.WriteString("{ ")
	for i := range 5000 {
		fmt.Fprintf(&b, "a%d: plans { id } ", i)
	}
	b.WriteString("}")
	doc, errs := gqlparser.LoadQuery(schema, b.String())
	if errs != nil {
		t.Fatal(errs)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := MeasureCostContext(ctx, doc.Operations[0], nil); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

func TestMeasureCostCountsIntrospection(t *testing.T) {
	schema := NewExecutableSchema(Config{Resolvers: &Resolver{}}).Schema()
	measure := func(q string) Cost {
		doc, errs := gqlparser.LoadQuery(schema, q)
		if errs != nil {
			t.Fatal(errs)
		}
		return MeasureCost(doc.Operations[0], nil)
	}
	one := measure(`{ __schema { types { name fields { name } } } }`)
	types, fields := 0, 0
	for _, def := range schema.Types {
		types++
		if def.Kind != ast.InputObject {
			fields += len(def.Fields)
		}
	}
	if one.Fields != 5 || one.Depth != 4 || one.Complexity < 1+types+fields {
		t.Errorf("MeasureCost = %+v, want 5 fields, depth 4 and a complexity of at least %d (%d types, %d fields)", one, 1+types+fields, types, fields)
	}
	two := measure(`{ a: __schema { types { name fields { name } } } b: __schema { types { name fields { name } } } }`)
	if two.Complexity != 2*one.Complexity || two.Fields != 10 {
		t.Errorf("two aliases = %+v, want twice %+v", two, one)
	}
}
