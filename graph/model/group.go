package model

import (
	"context"
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
	loads map[string]*groupLoad
}

type groupLoad struct {
	done chan struct{}
	val  any
	err  error
}

// NewGroup makes a group of the given ids, in order, without repeats.
func NewGroup(ids []string) *Group {
	seen := make(map[string]bool, len(ids))
	g := &Group{loads: map[string]*groupLoad{}}
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			g.ids = append(g.ids, id)
		}
	}
	return g
}

// Prime records the result of a load under key that a parent statement
// already read, so the field costs no statement of its own. A load already
// made under key wins.
func (g *Group) Prime(key string, val any) {
	l := &groupLoad{done: make(chan struct{}), val: val}
	close(l.done)
	g.mu.Lock()
	defer g.mu.Unlock()
	if _, ok := g.loads[key]; !ok {
		g.loads[key] = l
	}
}

// Load runs fetch once for every id of the group under key (a field name
// with its arguments) and returns the shared result. A nil group stands for
// an object fetched on its own.
func Load[T any](ctx context.Context, g *Group, key, id string, fetch func(ctx context.Context, ids []string) (T, error)) (T, error) {
	if g == nil {
		return fetch(ctx, []string{id})
	}
	g.mu.Lock()
	l, ok := g.loads[key]
	if !ok {
		l = &groupLoad{done: make(chan struct{})}
		g.loads[key] = l
	}
	g.mu.Unlock()
	if !ok {
		l.val, l.err = fetch(ctx, g.ids)
		close(l.done)
	}
	select {
	case <-l.done:
	case <-ctx.Done():
		var zero T
		return zero, ctx.Err()
	}
	if l.err != nil {
		var zero T
		return zero, l.err
	}
	return l.val.(T), nil
}
