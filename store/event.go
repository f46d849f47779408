package store

import (
	"context"
	"fmt"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/diplograph/diplograph/partialdate"
	"github.com/diplograph/diplograph/vocab"
)

// Event is something that happened on a date: a call, a meeting, talks, a
// statement, a plan release.
type Event struct {
	ID string `prop:"id"`
	EventFields
	// Date is the (first) day; End the last day of an event that spans a
	// period. A load also stores the bounds readers filter and sort on.
	Date partialdate.Date  `prop:"date"`
	End  *partialdate.Date `prop:"end"`
}

// EventFields are the properties of an event that fixtures give as the
// graph stores them.
type EventFields struct {
	Type            vocab.EventType `yaml:"type" prop:"type"`
	Title           string          `yaml:"title" prop:"title"`
	Summary         *string         `yaml:"summary" prop:"summary"`
	DurationMinutes *int            `yaml:"durationMinutes" prop:"durationMinutes"`
	Unconfirmed     bool            `yaml:"unconfirmed" prop:"unconfirmed"`
}

func (e Event) Key() string { return e.ID }

// Participation is an actor's part in an event.
type Participation struct {
	Actor       Actor
	Role        vocab.ParticipantRole
	Represents  *Actor
	Unconfirmed bool
	Sources     []Citation
}

// Claim is one competing value of a disputed field.
type Claim struct {
	ID        string  `prop:"id"`
	Field     string  `prop:"field"`
	Value     string  `prop:"value"`
	Display   *string `prop:"display"`
	Preferred bool    `prop:"preferred"`
	Sources   []Citation
}

// EventFilter selects events. Dates match by overlap: an event matches when
// the days it may have happened on meet [From, To].
type EventFilter struct {
	From, To *time.Time
	Types    []vocab.EventType
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
	p["types"] = optList(vocab.Stored(f.Types))
	p["places"] = optList(f.Places)
	p["actors"] = optList(f.Actors)
	p["asOf"] = optDate(f.AsOf)
	return p
}

// optDate turns an optional time into a query parameter: a Neo4j date, or
// null.
func optDate(t *time.Time) any {
	if t == nil {
		return nil
	}
	return neo4j.DateOf(*t)
}

// optList turns an empty filter list into null, which the statements read
// as "no filter".
func optList(l []string) any {
	if len(l) == 0 {
		return nil
	}
	return l
}

// EventPage is one page of events.
type EventPage struct {
	ListPage[Event]
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

var (
	stmtEvents       = defineTemplate("events", "read/events.cypher", eventsKeys, boundedEvents)
	stmtActorEvents  = defineTemplate("events_of_actors", "read/events_of_actors.cypher", actorEventsKeys, nil)
	stmtEventsByID   = define("events_with_parts", "read/events_with_parts.cypher", nil)
	stmtParticipants = define("participants", "read/participants.cypher", nil)
	stmtClaims       = define("claims", "read/claims.cypher", nil)
	stmtNeighbours   = define("neighbours", "read/neighbours.cypher", nil)
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
	p["afterDate"], p["afterID"] = neo4j.DateOf(d), id
	return nil
}

// eventPage reads the page of rows (the eventRow fragment) a statement
// collected.
func eventPage(rows []any, page Page) (EventPage, error) {
	pg := EventPage{Places: map[string]Place{}}
	if page.Sources {
		pg.Sources = map[string][]Citation{}
	}
	if page.Participants {
		pg.Participants, pg.ParticipantFields = map[string][]Participation{}, page.ParticipantFields
	}
	if len(rows) > page.First {
		pg.HasNext = true
		rows = rows[:page.First]
	}
	for _, row := range rows {
		m, err := asMap(row)
		if err != nil {
			return EventPage{}, fmt.Errorf("event row: %w", err)
		}
		e, err := decode[Event](m["node"])
		if err != nil {
			return EventPage{}, err
		}
		pg.Items = append(pg.Items, e)
		pg.Cursors = append(pg.Cursors, eventCursor(e))
		if m["place"] != nil {
			p, err := decode[Place](m["place"])
			if err != nil {
				return EventPage{}, err
			}
			pg.Places[e.ID] = p
		}
		if page.Sources {
			if pg.Sources[e.ID], err = decodeCitations(m["citations"]); err != nil {
				return EventPage{}, err
			}
		}
		if page.Participants {
			if pg.Participants[e.ID], err = participationsIn(e.ID, m["participants"]); err != nil {
				return EventPage{}, err
			}
		}
	}
	return pg, nil
}

// Events lists events matching a filter, newest or oldest first, in one
// statement.
func (s *Store) Events(ctx context.Context, f EventFilter, newestFirst bool, page Page) (EventPage, error) {
	params := page.partParams(f.params(map[string]any{"limit": page.First + 1}))
	if err := eventAfterParams(params, page.After); err != nil {
		return EventPage{}, err
	}
	st := stmtEvents.get(eventsKey{filterShape: f.shape(), Desc: newestFirst, After: page.After != ""})
	recs, err := s.query(ctx, st, params)
	if err != nil {
		return EventPage{}, fmt.Errorf("events: %w", err)
	}
	if len(recs) != 1 {
		return EventPage{}, fmt.Errorf("events: one record expected, got %d", len(recs))
	}
	rows, err := list(recs[0], "page")
	if err != nil {
		return EventPage{}, fmt.Errorf("events: %w", err)
	}
	pg, err := eventPage(rows, page)
	if err != nil {
		return EventPage{}, fmt.Errorf("events: %w", err)
	}
	total, err := value[int64](recs[0], "total")
	if err != nil {
		return EventPage{}, fmt.Errorf("events: %w", err)
	}
	pg.Total = int(total)
	return pg, nil
}

// EventsOfActors loads one page of each actor's events.
func (s *Store) EventsOfActors(ctx context.Context, actorIDs []string, f EventFilter, newestFirst bool, page Page) (map[string]EventPage, error) {
	out := make(map[string]EventPage, len(actorIDs))
	if len(actorIDs) == 0 {
		return out, nil
	}
	params := page.partParams(f.params(map[string]any{"ids": actorIDs, "limit": page.First + 1}))
	if err := eventAfterParams(params, page.After); err != nil {
		return nil, err
	}
	st := stmtActorEvents.get(actorEventsKey{filterShape: f.shape(), Unfiltered: f.unfiltered(), Desc: newestFirst, After: page.After != ""})
	recs, err := s.query(ctx, st, params)
	if err != nil {
		return nil, fmt.Errorf("events of actors: %w", err)
	}
	for _, r := range recs {
		id, err := value[string](r, "id")
		if err != nil {
			return nil, fmt.Errorf("events of actors: %w", err)
		}
		rows, err := list(r, "page")
		if err != nil {
			return nil, fmt.Errorf("events of actors: %w", err)
		}
		pg, err := eventPage(rows, page)
		if err != nil {
			return nil, fmt.Errorf("events of actors: %w", err)
		}
		total, err := value[int64](r, "total")
		if err != nil {
			return nil, fmt.Errorf("events of actors: %w", err)
		}
		pg.Total = int(total)
		out[id] = pg
	}
	return out, nil
}

// EventParts says which parts of an event EventsWithParts reads with it.
type EventParts struct {
	Place, PlaceIn, Citations bool
	// Participants, with the optional parts of ParticipantFields.
	Participants bool
	ParticipantFields
	Disputes bool
}

// EventWithParts is an event with the parts asked for; Place and PlaceIn
// are nil where there is none (or none was asked for).
type EventWithParts struct {
	Event
	Place, PlaceIn *Place
	Citations      []Citation
	Participants   []Participation
	Claims         []Claim
}

// EventsWithParts loads events by id together with the parts asked for, in
// one statement, so that a page of one event needs fewer round trips.
func (s *Store) EventsWithParts(ctx context.Context, ids []string, want EventParts) (map[string]EventWithParts, error) {
	recs, err := s.query(ctx, stmtEventsByID, map[string]any{"ids": ids,
		"withPlace": want.Place, "withPlaceIn": want.Place && want.PlaceIn, "withCitations": want.Citations,
		"withParticipants": want.Participants, "withRepresents": want.Participants && want.Represents,
		"withSources": want.Participants && want.Sources, "withDisputes": want.Disputes})
	if err != nil {
		return nil, fmt.Errorf("events by id: %w", err)
	}
	out := make(map[string]EventWithParts, len(ids))
	for _, r := range recs {
		e, err := eventWithParts(r, want)
		if err != nil {
			return nil, fmt.Errorf("events by id: %w", err)
		}
		out[e.ID] = e
	}
	return out, nil
}

func eventWithParts(r *neo4j.Record, want EventParts) (EventWithParts, error) {
	ev, err := nodeOf[Event](r, "node")
	if err != nil {
		return EventWithParts{}, err
	}
	e := EventWithParts{Event: ev}
	if want.Citations {
		if e.Citations, err = citationsAt(r, "citations"); err != nil {
			return e, err
		}
	}
	if want.Participants {
		v, err := optional(r, "participants")
		if err != nil {
			return e, err
		}
		if e.Participants, err = participationsIn(e.ID, v); err != nil {
			return e, err
		}
	}
	if want.Disputes {
		v, err := optional(r, "claims")
		if err != nil {
			return e, err
		}
		rows, err := expandRows(v)
		if err != nil {
			return e, fmt.Errorf("claims: %w", err)
		}
		claims, err := claimsByEvent(rows)
		if err != nil {
			return e, err
		}
		e.Claims = claims[e.ID]
	}
	if want.Place {
		if e.Place, err = optNodeOf[Place](r, "place"); err != nil {
			return e, err
		}
	}
	if want.PlaceIn {
		if e.PlaceIn, err = optNodeOf[Place](r, "placeIn"); err != nil {
			return e, err
		}
	}
	return e, nil
}

// ParticipantFields says which optional parts of a participation to read.
type ParticipantFields struct {
	// Represents: the actor the participant acted for.
	Represents bool
	// Sources: the participation's citations.
	Sources bool
}

// Participants loads who took part in each event, with roles and sources.
func (s *Store) Participants(ctx context.Context, eventIDs []string, want ParticipantFields) (map[string][]Participation, error) {
	if len(eventIDs) == 0 {
		return map[string][]Participation{}, nil
	}
	recs, err := s.query(ctx, stmtParticipants, map[string]any{"ids": eventIDs, "withRepresents": want.Represents, "withSources": want.Sources})
	if err != nil {
		return nil, fmt.Errorf("participants: %w", err)
	}
	out, err := byParent(recs, participationRow)
	if err != nil {
		return nil, fmt.Errorf("participants: %w", err)
	}
	return out, nil
}

// participationsIn reads the rows of the participantRows fragment that one
// event's row holds.
func participationsIn(eventID string, v any) ([]Participation, error) {
	recs, err := expandRows(v)
	if err != nil {
		return nil, fmt.Errorf("participants: %w", err)
	}
	byEvent, err := byParent(recs, participationRow)
	if err != nil {
		return nil, fmt.Errorf("participants: %w", err)
	}
	return byEvent[eventID], nil
}

// participationRow reads a row of the participantRows fragment.
func participationRow(r *neo4j.Record) (Participation, error) {
	a, err := nodeOf[Actor](r, "actor")
	if err != nil {
		return Participation{}, err
	}
	role, err := value[string](r, "role")
	if err != nil {
		return Participation{}, err
	}
	p := Participation{Actor: a, Role: vocab.ParticipantRole(role)}
	if !p.Role.IsValid() {
		return p, fmt.Errorf("participation of %s: %q is not a ParticipantRole", a.ID, role)
	}
	if p.Unconfirmed, err = value[bool](r, "unconfirmed"); err != nil {
		return p, err
	}
	if p.Sources, err = citationsAt(r, "citations"); err != nil {
		return p, err
	}
	p.Represents, err = optNodeOf[Actor](r, "represents")
	return p, err
}

// Claims loads the competing values of each event's disputed fields.
func (s *Store) Claims(ctx context.Context, eventIDs []string) (map[string][]Claim, error) {
	if len(eventIDs) == 0 {
		return map[string][]Claim{}, nil
	}
	recs, err := s.query(ctx, stmtClaims, map[string]any{"ids": eventIDs})
	if err != nil {
		return nil, fmt.Errorf("claims: %w", err)
	}
	return claimsByEvent(recs)
}

// claimsByEvent reads rows of the claimRows fragment, by event.
func claimsByEvent(recs []*neo4j.Record) (map[string][]Claim, error) {
	out, err := byParent(recs, func(r *neo4j.Record) (Claim, error) {
		c, err := nodeOf[Claim](r, "claim")
		if err != nil {
			return c, err
		}
		c.Sources, err = citationsAt(r, "citations")
		return c, err
	})
	if err != nil {
		return nil, fmt.Errorf("claims: %w", err)
	}
	return out, nil
}

// Neighbours loads the events just before and after each event.
func (s *Store) Neighbours(ctx context.Context, eventIDs []string) (previous, next map[string]Event, err error) {
	previous, next = map[string]Event{}, map[string]Event{}
	if len(eventIDs) == 0 {
		return previous, next, nil
	}
	recs, err := s.query(ctx, stmtNeighbours, map[string]any{"ids": eventIDs})
	if err != nil {
		return nil, nil, fmt.Errorf("neighbours: %w", err)
	}
	for _, r := range recs {
		id, err := value[string](r, "id")
		if err != nil {
			return nil, nil, fmt.Errorf("neighbours: %w", err)
		}
		for key, into := range map[string]map[string]Event{"previous": previous, "next": next} {
			e, err := optNodeOf[Event](r, key)
			if err != nil {
				return nil, nil, fmt.Errorf("neighbours: %w", err)
			}
			if e != nil {
				into[id] = *e
			}
		}
	}
	return previous, next, nil
}
