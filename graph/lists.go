package graph

import (
	"context"

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
	for i := range length {
		idx := i
		ctx := graphql.WithFieldContext(ctx, &graphql.FieldContext{Index: &idx})
		if omitPanicHandler {
			ret[i] = marshalElement(ctx, i)
			continue
		}
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
	return ret
}
