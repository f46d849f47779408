package store

import (
	"context"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Observer is told of every statement the store sends, where it is sent
// (run), so that metrics and traces see exactly what Neo4j sees. Statement
// is called as the statement goes out, with its registered name (a
// template's, without the variant: a bounded set); the function it returns
// is called once, when the statement's records have been read or it failed,
// with the number of records read.
type Observer interface {
	Statement(ctx context.Context, name string) (context.Context, func(rows int, err error))
}

type observerKey struct{}

// WithObserver has the statements sent under ctx observed by o; a server
// sets it per request, a load for its run.
func WithObserver(ctx context.Context, o Observer) context.Context {
	return context.WithValue(ctx, observerKey{}, o)
}

func observerOf(ctx context.Context) Observer {
	o, _ := ctx.Value(observerKey{}).(Observer)
	return o
}

// family is the name of the statement's definition: a template's variants
// share it.
func (s Statement) family() string {
	name, _, _ := strings.Cut(s.name, "/")
	return name
}

// observed tells its observer when its records have all been read, however
// the caller reads them.
type observed struct {
	neo4j.ResultWithContext
	rows   int
	finish func(rows int, err error)
}

func (r *observed) done(err error) {
	if r.finish != nil {
		r.finish(r.rows, err)
		r.finish = nil
	}
}

func (r *observed) Next(ctx context.Context) bool {
	if r.ResultWithContext.Next(ctx) {
		r.rows++
		return true
	}
	r.done(r.ResultWithContext.Err())
	return false
}

func (r *observed) NextRecord(ctx context.Context, rec **neo4j.Record) bool {
	if r.ResultWithContext.NextRecord(ctx, rec) {
		r.rows++
		return true
	}
	r.done(r.ResultWithContext.Err())
	return false
}

func (r *observed) Collect(ctx context.Context) ([]*neo4j.Record, error) {
	recs, err := r.ResultWithContext.Collect(ctx)
	r.rows += len(recs)
	r.done(err)
	return recs, err
}

func (r *observed) Single(ctx context.Context) (*neo4j.Record, error) {
	rec, err := r.ResultWithContext.Single(ctx)
	if rec != nil {
		r.rows++
	}
	r.done(err)
	return rec, err
}

func (r *observed) Consume(ctx context.Context) (neo4j.ResultSummary, error) {
	sum, err := r.ResultWithContext.Consume(ctx)
	r.done(err)
	return sum, err
}
