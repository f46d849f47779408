package store

import (
	"context"
	"fmt"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// EventFilter selects events. Dates match by overlap: an event matches when
// the days it may have happened on meet [From, To].
type EventFilter struct {
	From, To *time.Time
	Types    []string
	// Places: events in one of these places or a place inside one.
	Places []string
	// Actors: all of them took part.
	Actors []string
	// AsOf keeps the events the graph could show on that day: those with a
	// source that may have been published by then (its earliest possible
	// publication day is not later), or with an undated source.
	AsOf *time.Time
}

func (f EventFilter) params(p map[string]any) map[string]any {
	p["from"] = optDate(f.From)
	p["to"] = optDate(f.To)
	p["types"] = optList(f.Types)
	p["places"] = optList(f.Places)
	p["actors"] = optList(f.Actors)
	p["asOf"] = optDate(f.AsOf)
	return p
}

// Page asks for up to First rows after a cursor, and the total if wanted.
type Page struct {
	First     int
	After     string
	WithTotal bool
	// Sources reads each event's sources with an event page, and
	// Participants its participants with the parts of ParticipantFields.
	Sources, Participants bool
	ParticipantFields     ParticipantFields
}

// query sets the parts of each event the page reads with it.
func (p Page) query(q *eventQuery) {
	q.Citations, q.Participants = p.Sources, p.Participants
	if p.Participants {
		q.ParticipantFields = p.ParticipantFields
	}
}

// EventPage is one page of events.
type EventPage struct {
	Events  []Event
	Cursors []string
	HasNext bool
	Total   int
	// Places holds each event's place, by event id (none for an event
	// without one), so that showing them costs no statement of its own.
	Places map[string]Place
	// Sources and Participants hold each event's, by event id, when the
	// page asked for them (nil otherwise).
	Sources      map[string][]Citation
	Participants map[string][]Participation
	// ParticipantFields says which parts of the participants were read.
	ParticipantFields ParticipantFields
}

const (
	cursorEvents = "events"
	cursorActors = "actors"
	cursorPoints = "points"
)

func eventCursor(e Event) string {
	return encodeCursor(cursorEvents, e.Date.Earliest().Format(time.DateOnly), e.ID)
}

func eventAfterParams(p map[string]any, after string) error {
	p["afterDate"], p["afterID"] = nil, nil
	if after == "" {
		return nil
	}
	key, id, err := decodeCursor(cursorEvents, after)
	if err != nil {
		return err
	}
	d, err := time.Parse(time.DateOnly, key)
	if err != nil {
		return inputErrorf("invalid cursor %q", after)
	}
	p["afterDate"], p["afterID"] = toDate(d), id
	return nil
}

// eventPage reads the page of rows {node, place} a statement collected.
func eventPage(rows []any, first int, page Page) (EventPage, error) {
	pg := EventPage{Places: map[string]Place{}}
	if page.Sources {
		pg.Sources = map[string][]Citation{}
	}
	if page.Participants {
		pg.Participants, pg.ParticipantFields = map[string][]Participation{}, page.ParticipantFields
	}
	if len(rows) > first {
		pg.HasNext = true
		rows = rows[:first]
	}
	for _, row := range rows {
		m, _ := row.(map[string]any)
		e := decodeEvent(m["node"])
		pg.Events = append(pg.Events, e)
		pg.Cursors = append(pg.Cursors, eventCursor(e))
		if m["place"] != nil {
			pg.Places[e.ID] = decodePlace(m["place"])
		}
		if page.Sources {
			pg.Sources[e.ID] = decodeCitations(m["citations"])
		}
		if page.Participants {
			recs, err := expandRows(m["participants"])
			if err != nil {
				return EventPage{}, fmt.Errorf("participants: %w", err)
			}
			pg.Participants[e.ID] = participationsFrom(recs)[e.ID]
		}
	}
	return pg, nil
}

// Events lists events matching a filter, newest or oldest first, in one
// statement.
func (s *Store) Events(ctx context.Context, f EventFilter, newestFirst bool, page Page) (EventPage, error) {
	params := f.params(map[string]any{"limit": page.First + 1})
	if err := eventAfterParams(params, page.After); err != nil {
		return EventPage{}, err
	}
	q := f.query()
	q.Desc, q.After, q.Variant = newestFirst, page.After != "", page.WithTotal
	page.query(&q)
	recs, err := s.query(ctx, stmtEvents.get(q), params)
	if err != nil {
		return EventPage{}, fmt.Errorf("events: %w", err)
	}
	pg, err := eventPage(getList(recs[0], "page"), page.First, page)
	if err != nil {
		return EventPage{}, fmt.Errorf("events: %w", err)
	}
	pg.Total = getInt(recs[0], "total")
	return pg, nil
}

// EventsOfActors loads one page of each actor's events.
func (s *Store) EventsOfActors(ctx context.Context, actorIDs []string, f EventFilter, newestFirst bool, page Page) (map[string]EventPage, error) {
	out := make(map[string]EventPage, len(actorIDs))
	if len(actorIDs) == 0 {
		return out, nil
	}
	params := f.params(map[string]any{"ids": actorIDs, "limit": page.First + 1, "withTotal": page.WithTotal})
	if err := eventAfterParams(params, page.After); err != nil {
		return nil, err
	}
	q := f.query()
	q.Desc, q.After = newestFirst, page.After != ""
	page.query(&q)
	recs, err := s.query(ctx, stmtEventsOfActors.get(q), params)
	if err != nil {
		return nil, fmt.Errorf("events of actors: %w", err)
	}
	for _, r := range recs {
		pg, err := eventPage(getList(r, "page"), page.First, page)
		if err != nil {
			return nil, fmt.Errorf("events of actors: %w", err)
		}
		pg.Total = getInt(r, "total")
		out[getString(r, "id")] = pg
	}
	return out, nil
}

// CounterpartFields says which optional parts of a counterpart to read.
type CounterpartFields struct {
	// Dates: the first and last shared event's dates.
	Dates bool
	// Events: every shared event.
	Events bool
}

// Counterparts loads, for each actor, who they took part in events with,
// and how often; the optional parts only when asked.
func (s *Store) Counterparts(ctx context.Context, actorIDs []string, f EventFilter, limit int, want CounterpartFields) (map[string][]Counterpart, error) {
	out := make(map[string][]Counterpart, len(actorIDs))
	if len(actorIDs) == 0 {
		return out, nil
	}
	q := f.query()
	q.Variant, q.Dates = want.Events, want.Dates
	recs, err := s.query(ctx, stmtCounterparts.get(q), f.params(map[string]any{"ids": actorIDs, "limit": limit}))
	if err != nil {
		return nil, fmt.Errorf("counterparts: %w", err)
	}
	for _, r := range recs {
		c := Counterpart{Actor: decodeActor(get(r, "actor")), Count: getInt(r, "count")}
		if want.Dates {
			c.First, c.Last = decodeEvent(get(r, "first")).Date, decodeEvent(get(r, "last")).Date
		}
		for _, n := range getList(r, "events") {
			c.Events = append(c.Events, decodeEvent(n))
		}
		id := getString(r, "id")
		out[id] = append(out[id], c)
	}
	return out, nil
}

// ActorFilter selects actors.
type ActorFilter struct {
	Kinds []string
	// Name: a case-insensitive substring of the name or an alias.
	Name string
}

// ActorPage is one page of actors.
type ActorPage struct {
	Actors  []Actor
	Cursors []string
	HasNext bool
	Total   int
}

// Actors lists actors by name.
func (s *Store) Actors(ctx context.Context, f ActorFilter, page Page) (ActorPage, error) {
	params := map[string]any{"kinds": optList(f.Kinds), "name": nil, "limit": page.First + 1, "afterName": nil, "afterID": nil}
	if f.Name != "" {
		params["name"] = lower(f.Name)
	}
	if page.After != "" {
		key, id, err := decodeCursor(cursorActors, page.After)
		if err != nil {
			return ActorPage{}, err
		}
		params["afterName"], params["afterID"] = key, id
	}
	var pg ActorPage
	err := s.read(ctx, func(tx neo4j.ManagedTransaction) error {
		recs, err := records(ctx, tx, stmtActors, params)
		if err != nil {
			return err
		}
		if len(recs) > page.First {
			pg.HasNext, recs = true, recs[:page.First]
		}
		for _, r := range recs {
			a := decodeActor(get(r, "node"))
			pg.Actors = append(pg.Actors, a)
			pg.Cursors = append(pg.Cursors, encodeCursor(cursorActors, a.Name, a.ID))
		}
		if page.WithTotal {
			recs, err := records(ctx, tx, stmtCountActors, params)
			if err != nil {
				return err
			}
			pg.Total = getInt(recs[0], "total")
		}
		return nil
	})
	if err != nil {
		return ActorPage{}, fmt.Errorf("actors: %w", err)
	}
	return pg, nil
}

// PointFilter selects plan points.
type PointFilter struct {
	Versions    []string
	Topics      []string
	Territories []string
	StanceBy    string
	Positions   []string
}

// PointPage is one page of plan points.
type PointPage struct {
	Points  []PlanPoint
	Cursors []string
	HasNext bool
	Total   int
}

// PlanPoints lists plan points matching a filter, by id.
func (s *Store) PlanPoints(ctx context.Context, f PointFilter, page Page) (PointPage, error) {
	params := map[string]any{
		"versions": optList(f.Versions), "topics": optList(f.Topics), "territories": optList(f.Territories),
		"stanceBy": optString(f.StanceBy), "positions": optList(f.Positions), "limit": page.First + 1, "afterID": nil,
	}
	if page.After != "" {
		_, id, err := decodeCursor(cursorPoints, page.After)
		if err != nil {
			return PointPage{}, err
		}
		params["afterID"] = id
	}
	var pg PointPage
	err := s.read(ctx, func(tx neo4j.ManagedTransaction) error {
		recs, err := records(ctx, tx, stmtPlanPoints, params)
		if err != nil {
			return err
		}
		if len(recs) > page.First {
			pg.HasNext, recs = true, recs[:page.First]
		}
		for _, r := range recs {
			p := decodePlanPoint(get(r, "node"))
			pg.Points = append(pg.Points, p)
			pg.Cursors = append(pg.Cursors, encodeCursor(cursorPoints, "", p.ID))
		}
		if page.WithTotal {
			recs, err := records(ctx, tx, stmtCountPlanPoints, params)
			if err != nil {
				return err
			}
			pg.Total = getInt(recs[0], "total")
		}
		return nil
	})
	if err != nil {
		return PointPage{}, fmt.Errorf("plan points: %w", err)
	}
	return pg, nil
}
