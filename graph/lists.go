package graph

import (
	"context"
	"io"
	"sync/atomic"

	"github.com/99designs/gqlgen/graphql"
)

// marshalList marshals the elements of a list one after another. gqlgen's
// graphql.MarshalSliceConcurrently, which the generated code calls, starts
// a goroutine per element (exec.worker_limit only bounds how many run at
// once), and it has no setting to do otherwise; graph/internal/inorder
// renames its calls to this one after gqlgen generates (go generate).
//
// Order loses nothing here: fields that read Neo4j load once for the
// whole group of siblings, on the first element's call (model.Load), with
// no batching window that concurrent siblings would have to fill, and the
// fields of one element still resolve concurrently. Measured against the
// goroutines (bench/RESULTS.md): actor page 10-15% more answers a second at
// concurrency 16, the timeline page's p50 at concurrency 1 from 8.8 ms to 7.
//
// The signature is gqlgen's, so the renaming is all the change.
func marshalList(ctx context.Context, length int, _ int64, omitPanicHandler bool, marshalElement func(ctx context.Context, i int) graphql.Marshaler) graphql.Array {
	ret := make(graphql.Array, length)
	list := &listState{}
	ctx = context.WithValue(ctx, listKey{}, list)
	for i := range length {
		idx := i
		ctx := graphql.WithFieldContext(ctx, &graphql.FieldContext{Index: &idx})
		list.element.Store(graphql.GetFieldContext(ctx))
		if omitPanicHandler {
			ret[i] = marshalElement(ctx, i)
		} else {
			func() {
				defer func() {
					if r := recover(); r != nil {
						graphql.AddError(ctx, graphql.Recover(ctx, r))
						ret[i] = graphql.Null
					}
				}()
				ret[i] = marshalElement(ctx, i)
			}()
		}
		list.element.Store(nil)
		if list.current != "" {
			if list.done == nil {
				list.done = map[string]bool{}
			}
			list.done[list.current] = true
			list.current = ""
		}
	}
	return ret
}

type listKey struct{}

// listState is what marshalList knows of the element it is marshalling:
// which object types earlier elements were. Only element is read off the
// list's goroutine (by deferred fields), so only it is atomic.
type listState struct {
	element atomic.Pointer[graphql.FieldContext]
	current string
	done    map[string]bool
}

// resolveField schedules an object's field that goes through a resolver.
// gqlgen resolves each such field in a goroutine of its own
// (FieldSet.ResolveConcurrently), for every element of every list: on the
// actor page that is two goroutines for each of 50 events, and their stack
// growth took 8% of the server's CPU. graph/internal/inorder renames the
// generated calls to this one.
//
// The first element of each object type in a list still resolves its fields
// concurrently: its calls load the data of the whole group of siblings
// (model.Load), and loads that go to Neo4j overlap. A later element of that
// type finds its data loaded, so its fields resolve where they are, one
// after another. A field that is @defer-red always goes through gqlgen.
func resolveField(ctx context.Context, fs *graphql.FieldSet, field graphql.CollectedField, oc *graphql.OperationContext, deferred *graphql.DeferredGroup, i int,
	recoverFromPanic, nonNull bool, resolve func(context.Context) graphql.Marshaler) {
	list, _ := ctx.Value(listKey{}).(*listState)
	if list == nil || field.IsDeferred() || list.element.Load() != graphql.GetFieldContext(ctx) {
		fs.ResolveConcurrently(oc, deferred, i, recoverFromPanic, nonNull, resolve)
		return
	}
	typ := field.ObjectDefinition.Name
	if !list.done[typ] {
		list.current = typ
		fs.ResolveConcurrently(oc, deferred, i, recoverFromPanic, nonNull, resolve)
		return
	}
	v := resolveInPlace(ctx, oc, recoverFromPanic, resolve)
	fs.Values[i] = v
	// What FieldSet.Dispatch counts for a field it resolved: a null where
	// the schema allows none makes the object null.
	invalid := graphql.Marshaler(graphql.RequiredNull)
	if nonNull {
		invalid = graphql.Null
	}
	if v == invalid {
		fs.Invalids++
	}
}

// resolveInPlace runs resolve as gqlgen's goroutines do: a panic is
// reported and resolves to null.
func resolveInPlace(ctx context.Context, oc *graphql.OperationContext, recoverFromPanic bool, resolve func(context.Context) graphql.Marshaler) (res graphql.Marshaler) {
	if recoverFromPanic {
		defer func() {
			if r := recover(); r != nil {
				oc.Error(ctx, oc.Recover(ctx, r))
				res = graphql.Null
			}
		}()
	}
	return resolve(ctx)
}

// newDeferredGroup is graphql.NewDeferredGroup for the object whose fields
// are fields. gqlgen's builds, for every object it marshals, the group's
// path (two context lookups that walk to the root, and a copy of the path),
// a field set and a map, which only a @defer-red field uses: on the actor
// page that was 13% of the objects a request allocated. The group is built
// only when one of the fields is deferred; otherwise it holds the context
// alone, and nothing reads the rest (FieldSet.ResolveConcurrently touches
// it only for a deferred field, ProcessDeferredGroup only when it has
// defers). graph/internal/inorder renames the generated calls to this one.
func newDeferredGroup(ctx context.Context, fields []graphql.CollectedField) graphql.DeferredGroup {
	for _, f := range fields {
		if f.IsDeferred() {
			return graphql.NewDeferredGroup(ctx)
		}
	}
	return graphql.DeferredGroup{Context: ctx}
}

// object writes an object's fields, as graphql.FieldSet.MarshalGQL does:
// in order, the first of any fields sharing an alias. gqlgen's copies each
// field (a CollectedField of about 200 bytes) to the heap through an
// iterator and fills a map of the aliases written, for every object: on the
// actor page that was 18% of a request's allocations. graph/internal/inorder
// makes the generated objects return one of these in place of their
// FieldSet, once its values are all resolved.
type object struct {
	fields []graphql.CollectedField
	values []graphql.Marshaler
}

func (o object) MarshalGQL(w io.Writer) {
	_, _ = io.WriteString(w, "{")
	first := true
fields:
	for i := range o.fields {
		alias := o.fields[i].Alias
		for j := range i {
			if o.fields[j].Alias == alias {
				continue fields
			}
		}
		if !first {
			_, _ = io.WriteString(w, ",")
		}
		first = false
		// An alias is a GraphQL name ([_A-Za-z][_0-9A-Za-z]*): nothing in
		// it needs escaping.
		_, _ = io.WriteString(w, `"`)
		_, _ = io.WriteString(w, alias)
		_, _ = io.WriteString(w, `":`)
		o.values[i].MarshalGQL(w)
	}
	_, _ = io.WriteString(w, "}")
}
