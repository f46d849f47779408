package graph

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"github.com/99designs/gqlgen/graphql"
)

// marshalList keeps gqlgen's contract: elements in order, each with its
// index on the path, and a panic in one element an error on that element's
// path with the others answered.
func TestMarshalList(t *testing.T) {
	ctx := graphql.WithResponseContext(context.Background(), graphql.DefaultErrorPresenter,
		func(ctx context.Context, v any) error { return fmt.Errorf("panic: %v", v) })
	ctx = graphql.WithFieldContext(ctx, &graphql.FieldContext{Field: graphql.CollectedField{}})
	var order []int
	got := marshalList(ctx, 3, 0, false, func(ctx context.Context, i int) graphql.Marshaler {
		order = append(order, i)
		if idx := graphql.GetFieldContext(ctx).Index; idx == nil || *idx != i {
			t.Errorf("element %d has index %v on its field context", i, idx)
		}
		if i == 1 {
			panic("element 1")
		}
		return graphql.MarshalInt(i)
	})
	if len(order) != 3 || order[0] != 0 || order[1] != 1 || order[2] != 2 {
		t.Fatalf("marshalled %v, want 0, 1, 2 in order", order)
	}
	var b bytes.Buffer
	got.MarshalGQL(&b)
	if b.String() != "[0,null,2]" {
		t.Fatalf("got %s, want [0,null,2]", b.String())
	}
	errs := graphql.GetErrors(ctx)
	if len(errs) != 1 || errs[0].Path.String() != "[1]" {
		t.Fatalf("errors %v, want one on the path of element 1", errs)
	}
	if empty := marshalList(ctx, 0, 0, false, nil); len(empty) != 0 {
		t.Fatalf("an empty list marshalled to %v", empty)
	}
}
