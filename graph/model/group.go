package model

import (
	"context"
	"encoding/json"
	"fmt"
	"runtime/debug"
	"sync"
)

// Group is the set of objects that one query returned together: the page of
// a list, or all the children one batched query returned for many parents.
//
// A nested field (an actor's events, an event's participants) is loaded once
// for the whole group by the first object that asks, and every other object
// of the group takes its share of that one result. So a request sends one
// statement per field per level of its query, however many rows each level
// holds; and unlike a timer-based dataloader the count does not depend on
// how goroutines happen to be scheduled.
type Group struct {
	ids   []string
	mu    sync.Mutex
	loads map[loadKey]*groupLoad
}

// Nested is a nested field that loads for a whole group at once. A is what
// tells two loads of it apart (its arguments, the parts a query selects),
// V what it yields for one object of the group. Loading and priming both
// take the Nested, so they agree on its key and on its type by construction.
type Nested[A, V any] struct{ id *fieldID }

type fieldID struct{ name string }

// NewNested declares a field; each call makes a distinct field.
func NewNested[A, V any](name string) Nested[A, V] { return Nested[A, V]{id: &fieldID{name: name}} }

type loadKey struct {
	field *fieldID
	args  string
}

// key is the one place a load's key is made: the field, and its arguments
// in a canonical form (so two aliases with equal arguments share a load).
func (f Nested[A, V]) key(args A) loadKey {
	b, err := json.Marshal(args)
	if err != nil {
		panic(fmt.Sprintf("model: arguments of %s: %v", f.id.name, err))
	}
	return loadKey{field: f.id, args: string(b)}
}

type groupLoad struct {
	done chan struct{}
	// val is the map[string]V of the field the key names.
	val any
	err error
}

// NewGroup makes a group of the given ids, in order, without repeats.
func NewGroup(ids []string) *Group {
	seen := make(map[string]bool, len(ids))
	g := &Group{loads: map[loadKey]*groupLoad{}}
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			g.ids = append(g.ids, id)
		}
	}
	return g
}

// Prime records a result of f that a parent statement already read, so the
// field costs no statement of its own. A load already made wins.
func Prime[A, V any](g *Group, f Nested[A, V], args A, byID map[string]V) {
	l := &groupLoad{done: make(chan struct{}), val: byID}
	close(l.done)
	g.mu.Lock()
	defer g.mu.Unlock()
	if _, ok := g.loads[f.key(args)]; !ok {
		g.loads[f.key(args)] = l
	}
}

// Load returns id's share of f: the first call for the group runs fetch for
// every id of the group, the others wait for it. A nil group stands for an
// object fetched on its own.
func Load[A, V any](ctx context.Context, g *Group, f Nested[A, V], args A, id string, fetch func(ctx context.Context, ids []string) (map[string]V, error)) (V, error) {
	if g == nil {
		m, err := fetch(ctx, []string{id})
		return m[id], err
	}
	m, err := LoadAll(ctx, g, f, args, fetch)
	return m[id], err
}

// LoadAll is Load for a caller that needs the whole result.
func LoadAll[A, V any](ctx context.Context, g *Group, f Nested[A, V], args A, fetch func(ctx context.Context, ids []string) (map[string]V, error)) (map[string]V, error) {
	key := f.key(args)
	g.mu.Lock()
	l, ok := g.loads[key]
	if !ok {
		l = &groupLoad{done: make(chan struct{})}
		g.loads[key] = l
	}
	g.mu.Unlock()
	if !ok {
		runLoad(ctx, l, g.ids, fetch)
	}
	select {
	case <-l.done:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	if l.err != nil {
		return nil, l.err
	}
	return l.val.(map[string]V), nil
}

// runLoad runs fetch and releases the load's waiters whatever happens: a
// fetch that panics becomes an error for every object of the group, so none
// of them waits for the request's deadline.
func runLoad[V any](ctx context.Context, l *groupLoad, ids []string, fetch func(ctx context.Context, ids []string) (map[string]V, error)) {
	defer close(l.done)
	defer func() {
		if r := recover(); r != nil {
			l.err = &PanicError{Value: r, Stack: debug.Stack()}
		}
	}()
	m, err := fetch(ctx, ids)
	if m == nil {
		m = map[string]V{}
	}
	l.val, l.err = m, err
}

// PanicError is a panic recovered while loading a field, with the stack of
// the goroutine that panicked.
type PanicError struct {
	Value any
	Stack []byte
}

func (e *PanicError) Error() string { return fmt.Sprintf("panic: %v", e.Value) }
