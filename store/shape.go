package store

import (
	"fmt"
	"sync"
)

// eventQuery is what a statement that filters events is rendered for:
// which parts of the filter are set, the order, whether a cursor is given.
// Each combination gets a statement of its own that names only those
// predicates, because a generic `$x IS NULL OR ...` keeps Neo4j's planner
// from seeking the date indexes, and a date range would then scan every
// event.
type eventQuery struct {
	From, To, Types, Places, Actors, AsOf bool
	Desc, After                           bool
	// Bounded statements open with the "longest" fragment, which reads the
	// longest event span, so that an overlap search can seek the date index
	// from below too.
	Bounded bool
	// Variant names an optional part of a statement (counterparts with or
	// without their shared events).
	Variant bool
	// Within limits a network to the actors of a neighbourhood.
	Within bool
	// Citations reads each event's sources with a page of events, and
	// Participants its participants with the optional parts of
	// ParticipantFields (see the eventRow fragment).
	Citations, Participants bool
	ParticipantFields
	// Dates asks for first and last dates (counterparts).
	Dates bool
	// MaxLength bounds a variable-length pattern (paths).
	MaxLength int
}

// Unfiltered reports whether no predicate on events is set.
func (q eventQuery) Unfiltered() bool {
	return !q.From && !q.To && !q.Types && !q.Places && !q.Actors && !q.AsOf
}

func (f EventFilter) query() eventQuery {
	return eventQuery{From: f.From != nil, To: f.To != nil, Types: len(f.Types) > 0, Places: len(f.Places) > 0,
		Actors: len(f.Actors) > 0, AsOf: f.AsOf != nil}
}

// shaped renders a statement template once per eventQuery, on first use;
// bounded statements open with the "longest" fragment.
type shaped struct {
	rendered[eventQuery]
	bounded bool
}

func newShaped(name string, bounded bool) *shaped {
	return &shaped{rendered: rendered[eventQuery]{name: name}, bounded: bounded}
}

func (s *shaped) get(q eventQuery) string {
	q.Bounded = s.bounded
	return s.rendered.get(q)
}

// samples are the queries a test has Neo4j compile for every shaped
// statement: each part of the filter alone, none and all of them, and with
// all of them every order, cursor and variant. The predicates are
// independent, so these cover every fragment.
func (s *shaped) samples() map[string]string {
	all := eventQuery{From: true, To: true, Types: true, Places: true, Actors: true, AsOf: true, Within: true}
	queries := []eventQuery{{}, {From: true}, {To: true}, {Types: true}, {Places: true}, {Actors: true}, {AsOf: true}}
	for _, desc := range []bool{false, true} {
		for _, after := range []bool{false, true} {
			for _, variant := range []bool{false, true} {
				q := all
				q.Desc, q.After, q.Variant, q.Dates, q.Citations, q.Participants = desc, after, variant, variant, variant, variant
				q.ParticipantFields = ParticipantFields{Represents: variant, Sources: variant}
				queries = append(queries, q)
				q.Dates = !variant
				queries = append(queries, q)
			}
		}
	}
	out := map[string]string{}
	for _, q := range queries {
		q.MaxLength = 2 * MaxPathHops
		out[fmt.Sprintf("%s/%+v", s.name, q)] = s.get(q)
	}
	return out
}

// rendered renders a statement template once per value of K, on first use.
type rendered[K comparable] struct {
	name string
	mu   sync.Mutex
	byK  map[K]string
}

func (r *rendered[K]) get(k K) string {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.byK == nil {
		r.byK = map[K]string{}
	}
	stmt, ok := r.byK[k]
	if !ok {
		stmt = render(r.name, k)
		r.byK[k] = stmt
	}
	return stmt
}
