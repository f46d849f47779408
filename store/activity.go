package store

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/diplograph/diplograph/facts"
	"github.com/diplograph/diplograph/partialdate"
	"github.com/diplograph/diplograph/vocab"
)

var stmtActivity = defineTemplate("activity", "read/activity.cypher", shapeKeys, boundedShape)

// DatedEvent is an event as a histogram counts it: when it may have taken
// place, and the groups it counts for.
type DatedEvent struct {
	Date partialdate.Date
	// End is zero for an event of one day (or of unknown length).
	End partialdate.Date
	// Keys are the stored values or ids of the group asked for; a nil key
	// is a value the sources do not give (an unknown modality).
	Keys []*string
}

// DatedEvents reads the events of a filter with their dates and, when
// group is not empty, their keys in that group: one statement, whatever the
// number of events.
func (s *Store) DatedEvents(ctx context.Context, f EventFilter, group vocab.ActivityGroupBy) ([]DatedEvent, error) {
	st := stmtActivity.get(f.shape())
	recs, err := s.query(ctx, st, f.params(map[string]any{"group": string(group)}))
	if err != nil {
		return nil, fmt.Errorf("activity: %w", err)
	}
	if len(recs) != 1 {
		return nil, fmt.Errorf("activity: %d rows, want 1", len(recs))
	}
	rows, err := list(recs[0], "events")
	if err != nil {
		return nil, fmt.Errorf("activity: %w", err)
	}
	out := make([]DatedEvent, 0, len(rows))
	for i, row := range rows {
		cols, ok := row.([]any)
		if !ok || len(cols) != 3 {
			return nil, fmt.Errorf("activity: row %d is %T, want [date, end, keys]", i, row)
		}
		var e DatedEvent
		text, ok := cols[0].(string)
		if !ok {
			return nil, fmt.Errorf("activity: row %d: date is %T, want a string", i, cols[0])
		}
		if e.Date, err = partialdate.Parse(text); err != nil {
			return nil, fmt.Errorf("activity: row %d: %w", i, err)
		}
		if cols[1] != nil {
			text, ok := cols[1].(string)
			if !ok {
				return nil, fmt.Errorf("activity: row %d: end is %T, want a string", i, cols[1])
			}
			if e.End, err = partialdate.Parse(text); err != nil {
				return nil, fmt.Errorf("activity: row %d: %w", i, err)
			}
		}
		keys, ok := cols[2].([]any)
		if !ok {
			return nil, fmt.Errorf("activity: row %d: keys are %T, want a list", i, cols[2])
		}
		for _, k := range keys {
			switch k := k.(type) {
			case nil:
				e.Keys = append(e.Keys, nil)
			case string:
				e.Keys = append(e.Keys, &k)
			default:
				return nil, fmt.Errorf("activity: row %d: a key is %T, want a string", i, k)
			}
		}
		out = append(out, e)
	}
	return out, nil
}

var (
	stmtEventCounts   = defineTemplate("event_counts", "read/event_counts.cypher", shapeKeys, boundedShape)
	stmtMostActive    = defineTemplate("most_active", "read/most_active.cypher", shapeKeys, boundedShape)
	stmtTopPairs      = defineTemplate("top_pairs", "read/top_pairs.cypher", shapeKeys, boundedShape)
	stmtPlaceActivity = defineTemplate("place_activity", "read/place_activity.cypher", shapeKeys, boundedShape)
)

// EventCount is how many events of a filter have one combination of
// stored values; a nil value is one the sources do not give.
type EventCount struct {
	Type, Certainty  string
	Status, Modality *string
	Count            int
}

// EventCounts counts the events of a filter by their type, status,
// modality and certainty together.
func (s *Store) EventCounts(ctx context.Context, f EventFilter) ([]EventCount, error) {
	recs, err := s.query(ctx, stmtEventCounts.get(f.shape()), f.params(map[string]any{}))
	if err != nil {
		return nil, fmt.Errorf("event counts: %w", err)
	}
	return rows(recs, func(r *neo4j.Record) (EventCount, error) {
		var c EventCount
		var err error
		if c.Type, err = value[string](r, "type"); err != nil {
			return c, err
		}
		if c.Certainty, err = value[string](r, "certainty"); err != nil {
			return c, err
		}
		if c.Status, err = optString(r, "status"); err != nil {
			return c, err
		}
		if c.Modality, err = optString(r, "modality"); err != nil {
			return c, err
		}
		n, err := value[int64](r, "n")
		c.Count = int(n)
		return c, err
	})
}

func optString(r *neo4j.Record, key string) (*string, error) {
	v, err := optional(r, key)
	if err != nil || v == nil {
		return nil, err
	}
	s, err := typed[string](v, "record key "+key)
	return &s, err
}

// ActorActivity is how many events of a filter name an actor, with the
// first and last of them as far as known.
type ActorActivity struct {
	Actor       Actor
	Count       int
	First, Last partialdate.Date
}

// MostActive lists the actors named in the most events of a filter.
func (s *Store) MostActive(ctx context.Context, f EventFilter, limit int) ([]ActorActivity, error) {
	recs, err := s.query(ctx, stmtMostActive.get(f.shape()), f.params(map[string]any{"limit": limit}))
	if err != nil {
		return nil, fmt.Errorf("most active actors: %w", err)
	}
	return rows(recs, func(r *neo4j.Record) (ActorActivity, error) {
		var a ActorActivity
		var err error
		if a.Actor, err = nodeOf[Actor](r, "actor"); err != nil {
			return a, err
		}
		n, err := value[int64](r, "count")
		if err != nil {
			return a, err
		}
		a.Count = int(n)
		a.First, a.Last, err = firstAndLast(r)
		return a, err
	})
}

// PairActivity is how many events of a filter link two actors.
type PairActivity struct {
	A, B        Actor
	Count       int
	Certainty   vocab.Certainty
	First, Last partialdate.Date
}

// TopPairs lists the pairs of actors linked by the most events of a filter.
func (s *Store) TopPairs(ctx context.Context, f EventFilter, limit int) ([]PairActivity, error) {
	recs, err := s.query(ctx, stmtTopPairs.get(f.shape()), f.params(map[string]any{"limit": limit}))
	if err != nil {
		return nil, fmt.Errorf("top pairs: %w", err)
	}
	return rows(recs, func(r *neo4j.Record) (PairActivity, error) {
		var p PairActivity
		var err error
		if p.A, err = nodeOf[Actor](r, "a"); err != nil {
			return p, err
		}
		if p.B, err = nodeOf[Actor](r, "b"); err != nil {
			return p, err
		}
		n, err := value[int64](r, "count")
		if err != nil {
			return p, err
		}
		strongest, err := value[int64](r, "strongest")
		if err != nil {
			return p, err
		}
		p.Count, p.Certainty = int(n), facts.FromRank(int(strongest))
		p.First, p.Last, err = firstAndLast(r)
		return p, err
	})
}

// PlaceActivity is how many events of a filter took place at a place or
// inside it.
type PlaceActivity struct {
	Place Place
	Count int
}

// PlaceActivities lists the places with the most events of a filter.
func (s *Store) PlaceActivities(ctx context.Context, f EventFilter, limit int) ([]PlaceActivity, error) {
	recs, err := s.query(ctx, stmtPlaceActivity.get(f.shape()), f.params(map[string]any{"limit": limit}))
	if err != nil {
		return nil, fmt.Errorf("place activity: %w", err)
	}
	return rows(recs, func(r *neo4j.Record) (PlaceActivity, error) {
		var p PlaceActivity
		var err error
		if p.Place, err = nodeOf[Place](r, "place"); err != nil {
			return p, err
		}
		n, err := value[int64](r, "count")
		p.Count = int(n)
		return p, err
	})
}
