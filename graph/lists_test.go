package graph

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
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

// resolveField resolves a field in place for a later element of an object
// type in a list, and leaves it to gqlgen's goroutines (FieldSet.Dispatch)
// for the first element of each type, outside lists, for objects nested in
// an element, and for deferred fields; in place, it counts a null where
// none is allowed, and turns a panic into null and an error, as gqlgen does.
func TestResolveField(t *testing.T) {
	ctx := graphql.WithResponseContext(context.Background(), graphql.DefaultErrorPresenter,
		func(ctx context.Context, v any) error { return fmt.Errorf("panic: %v", v) })
	oc := &graphql.OperationContext{RecoverFunc: func(ctx context.Context, v any) error { return fmt.Errorf("panic: %v", v) }}
	ctx = graphql.WithOperationContext(ctx, oc)
	ctx = graphql.WithFieldContext(ctx, &graphql.FieldContext{Field: graphql.CollectedField{}})

	field := func(object string) graphql.CollectedField {
		return graphql.CollectedField{Field: &ast.Field{Name: "f", Alias: "f", ObjectDefinition: &ast.Definition{Name: object}}}
	}
	// object marshals one object of the given type with one field through
	// resolveField, and reports whether the field ran before Dispatch, and
	// the object's value.
	object := func(ctx context.Context, f graphql.CollectedField, resolve func(context.Context) graphql.Marshaler) (inPlace bool, invalid bool) {
		fs := graphql.NewFieldSet([]graphql.CollectedField{f})
		deferred := newDeferredGroup(ctx, []graphql.CollectedField{f})
		dispatched := false
		ran := false
		resolveField(ctx, fs, f, oc, &deferred, 0, true, true, func(ctx context.Context) graphql.Marshaler {
			ran, inPlace = true, !dispatched
			return resolve(ctx)
		})
		dispatched = true
		fs.Dispatch(ctx)
		if f.IsDeferred() {
			return false, false
		}
		if !ran {
			t.Fatal("the field never ran")
		}
		return inPlace, fs.Invalids > 0
	}
	value := func(context.Context) graphql.Marshaler { return graphql.MarshalString("v") }

	types := []string{"Event", "Event", "Actor", "Event", "Actor", "Event"}
	var inPlace, invalid []bool
	var nested []bool
	marshalList(ctx, len(types), 0, false, func(ctx context.Context, i int) graphql.Marshaler {
		resolve := value
		switch i {
		case 3:
			resolve = func(context.Context) graphql.Marshaler { return graphql.Null }
		case 4:
			resolve = func(context.Context) graphql.Marshaler { panic("field of element 4") }
		}
		p, inv := object(ctx, field(types[i]), resolve)
		inPlace, invalid = append(inPlace, p), append(invalid, inv)
		// An object under a field of this element is not the list's.
		child := graphql.WithFieldContext(ctx, &graphql.FieldContext{Field: field(types[i])})
		p, _ = object(child, field(types[i]), value)
		nested = append(nested, p)
		return graphql.Null
	})
	if want := []bool{false, true, false, true, true, true}; fmt.Sprint(inPlace) != fmt.Sprint(want) {
		t.Errorf("resolved in place: %v, want %v (the first of each type through gqlgen)", inPlace, want)
	}
	if want := []bool{false, false, false, true, true, false}; fmt.Sprint(invalid) != fmt.Sprint(want) {
		t.Errorf("objects made null: %v, want %v (a null, and a panic, in a non-null field)", invalid, want)
	}
	for i, p := range nested {
		if p {
			t.Errorf("an object nested in element %d resolved in place", i)
		}
	}
	if errs := graphql.GetErrors(ctx); len(errs) != 1 || !strings.Contains(errs[0].Message, "element 4") {
		t.Errorf("errors %v, want one, for the panic in element 4", errs)
	}

	// Outside a list, and for a deferred field, gqlgen resolves it.
	if p, _ := object(ctx, field("Event"), value); p {
		t.Error("an object outside a list resolved in place")
	}
	marshalList(ctx, 2, 0, false, func(ctx context.Context, i int) graphql.Marshaler {
		f := field("Event")
		if i == 1 {
			f.Deferrables = []*graphql.Deferrable{{Label: "later"}}
		}
		fs := graphql.NewFieldSet([]graphql.CollectedField{f})
		deferred := newDeferredGroup(ctx, []graphql.CollectedField{f})
		resolveField(ctx, fs, f, oc, &deferred, 0, true, true, value)
		if i == 1 && len(deferred.Defers) != 1 {
			t.Errorf("a deferred field of a later element was not deferred: %d deferred", len(deferred.Defers))
		}
		fs.Dispatch(ctx)
		return graphql.Null
	})
}

// newDeferredGroup is gqlgen's group, path and all, for an object with a
// deferred field, and for one with none a group that holds only the
// context, through which its fields still resolve.
func TestNewDeferredGroup(t *testing.T) {
	ctx := graphql.WithResponseContext(context.Background(), graphql.DefaultErrorPresenter, nil)
	oc := &graphql.OperationContext{}
	ctx = graphql.WithOperationContext(ctx, oc)
	ctx = graphql.WithFieldContext(ctx, &graphql.FieldContext{Field: graphql.CollectedField{Field: &ast.Field{Alias: "actor"}}})
	field := func(name string, labels ...string) graphql.CollectedField {
		f := graphql.CollectedField{Field: &ast.Field{Name: name, Alias: name, ObjectDefinition: &ast.Definition{Name: "Actor"}}}
		for _, l := range labels {
			f.Deferrables = append(f.Deferrables, &graphql.Deferrable{Label: l})
		}
		return f
	}

	plain := []graphql.CollectedField{field("id"), field("name")}
	g := newDeferredGroup(ctx, plain)
	if g.Context != ctx || g.Path != nil || g.FieldSet != nil || g.Defers != nil {
		t.Fatalf("no deferred field: got %+v, want the context alone", g)
	}
	fs := graphql.NewFieldSet(plain)
	for i := range plain {
		fs.ResolveConcurrently(oc, &g, i, true, true, func(context.Context) graphql.Marshaler { return graphql.MarshalString("v") })
	}
	fs.Dispatch(ctx)
	var b bytes.Buffer
	fs.MarshalGQL(&b)
	if b.String() != `{"id":"v","name":"v"}` || len(g.Defers) != 0 {
		t.Fatalf("no deferred field: marshalled %s with %d defers", b.String(), len(g.Defers))
	}

	mixed := []graphql.CollectedField{field("id"), field("events", "later")}
	g = newDeferredGroup(ctx, mixed)
	if g.Path.String() != "actor" || g.FieldSet == nil || g.Defers == nil {
		t.Fatalf("a deferred field: got path %q, field set %v, defers %v: want gqlgen's group", g.Path.String(), g.FieldSet, g.Defers)
	}
	fs = graphql.NewFieldSet(mixed)
	for i := range mixed {
		fs.ResolveConcurrently(oc, &g, i, true, true, func(context.Context) graphql.Marshaler { return graphql.MarshalString("v") })
	}
	if _, ok := g.Defers["later"]; !ok || len(g.Defers) != 1 {
		t.Fatalf("a deferred field: defers %v, want the one labelled later", g.Defers)
	}
}

// object writes what gqlgen's FieldSet writes: the fields in order, the
// first of those sharing an alias, any value (a null, a nested object, a
// string needing escapes) as it marshals itself.
func TestObjectWritesAsFieldSet(t *testing.T) {
	field := func(alias string) graphql.CollectedField {
		return graphql.CollectedField{Field: &ast.Field{Alias: alias, Name: alias}}
	}
	inner := []graphql.CollectedField{field("id")}
	for _, c := range []struct {
		fields []graphql.CollectedField
		values []graphql.Marshaler
	}{
		{nil, nil},
		{[]graphql.CollectedField{field("a")}, []graphql.Marshaler{graphql.MarshalString("x \"y\"\n")}},
		{
			[]graphql.CollectedField{field("a"), field("b"), field("a"), field("__typename"), field("c")},
			[]graphql.Marshaler{graphql.MarshalInt(1), graphql.Null, graphql.MarshalInt(3), graphql.MarshalString("Event"),
				object{inner, []graphql.Marshaler{graphql.MarshalID("e1")}}},
		},
	} {
		fs := graphql.NewFieldSet(c.fields)
		copy(fs.Values, c.values)
		var want, got bytes.Buffer
		fs.MarshalGQL(&want)
		object{c.fields, c.values}.MarshalGQL(&got)
		if got.String() != want.String() {
			t.Errorf("object wrote %s, FieldSet %s", got.String(), want.String())
		}
	}
}
