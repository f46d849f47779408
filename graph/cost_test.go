package graph

import (
	"testing"

	"github.com/vektah/gqlparser/v2"
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
		{"ids", `{ nodes(ids: ["a", "b", "c"]) { __typename } }`, nil, Cost{Complexity: 1 + 3*0, Depth: 1, Fields: 1}},
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
