package store

import (
	"context"
	"fmt"
	"reflect"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/diplograph/diplograph/facts"
	"github.com/diplograph/diplograph/partialdate"
	"github.com/diplograph/diplograph/quantity"
	"github.com/diplograph/diplograph/vocab"
)

// Event is something that happened, or was planned to, on a date: a call,
// a meeting, talks, a statement, a plan release. Its claimable fields hold
// their working values (docs/model.md, "Competing values"): absent when
// sources disagree and no editor prefers one, except the date, which is
// then the span its values cover.
type Event struct {
	ID string `prop:"id"`
	EventFields
	// Date is the (first) day; End the last day of an event that spans a
	// period. A load also stores the bounds readers filter and sort on.
	Date     partialdate.Date   `prop:"date"`
	End      *partialdate.Date  `prop:"end"`
	Status   *vocab.EventStatus `prop:"status"`
	Modality *vocab.Modality    `prop:"modality"`
	Duration *quantity.Q        `prop:"duration"`
	// DurationMinutes is the duration when a source gives it exactly.
	DurationMinutes *int            `prop:"durationMinutes"`
	Outcome         *string         `prop:"outcome"`
	Certainty       vocab.Certainty `prop:"certainty"`
	// Contested: some of its sources deny it.
	Contested bool `prop:"contested"`
	// DisputedFields are the fields on which sources disagree.
	DisputedFields []string `prop:"disputedFields"`
}

// EventFields are the properties of an event that fixtures give as the
// graph stores them.
type EventFields struct {
	Type    vocab.EventType `yaml:"type" prop:"type"`
	Title   string          `yaml:"title" prop:"title"`
	Summary *string         `yaml:"summary" prop:"summary"`
}

func (e Event) Key() string { return e.ID }

// Participation is an actor's part in an event.
type Participation struct {
	Actor      Actor
	Represents *Actor
	ParticipationProps
	Sources []Citation
}

// ParticipationProps are the properties of a PARTICIPATED_IN relationship
// that readers show.
type ParticipationProps struct {
	// Role is the working role; participant when sources disagree on a
	// more specific one.
	Role      vocab.ParticipantRole `prop:"role"`
	RoleLabel *string               `prop:"roleLabel"`
	Certainty vocab.Certainty       `prop:"certainty"`
	Contested bool                  `prop:"contested"`
	// Contact is how strong the participation is as a link to the event's
	// other participants (facts.Contact): 4 confirmed ... 1 speculated, 0
	// no link.
	Contact int `prop:"contact,omitempty"`
}

// EventFilter selects events. Dates match by overlap: an event matches when
// the days it may have happened on meet [From, To].
type EventFilter struct {
	From, To *time.Time
	Types    []vocab.EventType
	// Places: events in one of these places or a place inside one.
	Places []string
	// Actors: all of them are named as participants (with Certainty, at
	// least that certain; with Met, as links).
	Actors []string
	// AsOf keeps the events the graph could show on that day: those that
	// may have begun by then, supported (not denied) by a source that may
	// have been published by then (its earliest possible publication day is
	// not later) or an undated one.
	AsOf *time.Time
	// Statuses and Modalities: the event has one of them.
	Statuses   []vocab.EventStatus
	Modalities []vocab.Modality
	// Disputed: sources disagree on one of the event's fields (or, false,
	// on none).
	Disputed *bool
	// Certainty: the event, and the participation of every actor the
	// filter names, are at least this certain; links (network, paths,
	// counterparts) at least this strong.
	Certainty *vocab.Certainty
	// Met: the participations of the actors the filter names (and, for
	// the events of an actor, its own) must be links (a contact at least as
	// strong as Certainty, docs/model.md): they met, as network and paths
	// count it.
	Met bool
}

func (f EventFilter) params(p map[string]any) map[string]any {
	p["from"] = optDate(f.From)
	p["to"] = optDate(f.To)
	p["types"] = optList(vocab.Stored(f.Types))
	p["places"] = optList(f.Places)
	p["actors"] = optList(f.Actors)
	p["asOf"] = optDate(f.AsOf)
	p["statuses"] = optList(vocab.Stored(f.Statuses))
	p["modalities"] = optList(vocab.Stored(f.Modalities))
	p["disputed"] = nil
	if f.Disputed != nil {
		p["disputed"] = *f.Disputed
	}
	p["met"] = f.Met
	p["certainties"], p["minContact"] = nil, 1
	if f.Certainty != nil {
		p["certainties"] = vocab.Stored(facts.AtLeast(*f.Certainty))
		p["minContact"] = max(facts.Rank(*f.Certainty), 1)
	}
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
	// Places, Sources and Participants hold each event's, by event id,
	// when the page asked for them (nil otherwise), so that showing them
	// costs no statement of its own.
	Places       map[string][]Place
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
	stmtNeighbours   = define("neighbours", "read/neighbours.cypher", nil)
	stmtOverlapping  = define("overlapping", "read/overlapping.cypher", nil)
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
	var pg EventPage
	if page.Places {
		pg.Places = map[string][]Place{}
	}
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
	fields, sources, partRow := eventFields(page.EventProps), sourceFields(page.SourceProps), page.ParticipantFields.row()
	for _, row := range rows {
		// The eventRow fragment: the event, its places, its
		// participants and its sources.
		t, err := tuple(row, 4)
		if err != nil {
			return EventPage{}, fmt.Errorf("event row: %w", err)
		}
		e, err := decodeFields[Event](t[0], fields)
		if err != nil {
			return EventPage{}, err
		}
		pg.Items = append(pg.Items, e)
		pg.Cursors = append(pg.Cursors, eventCursor(e))
		if page.Places {
			places, err := typed[[]any](t[1], "event places")
			if err != nil {
				return EventPage{}, err
			}
			if pg.Places[e.ID], err = decodeAll[Place](places); err != nil {
				return EventPage{}, fmt.Errorf("places of %s: %w", e.ID, err)
			}
		}
		if page.Participants {
			if pg.Participants[e.ID], err = participationsIn(t[2], partRow); err != nil {
				return EventPage{}, fmt.Errorf("event %s: %w", e.ID, err)
			}
		}
		if page.Sources {
			if pg.Sources[e.ID], err = decodeCitationsOf(t[3], sources); err != nil {
				return EventPage{}, fmt.Errorf("sources of %s: %w", e.ID, err)
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
	st := stmtActorEvents.get(actorEventsKey{filterShape: f.shape(), Desc: newestFirst, After: page.After != ""})
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
	// Claims: every sourced value of the event's fields.
	Claims bool
	// EventProps and SourceProps are the properties of the event and of
	// the sources it cites that the readers need (the zero set: all of
	// them); the ids, and the event's date, are always read.
	EventProps, SourceProps PropSet
}

// EventWithParts is an event with the parts asked for.
type EventWithParts struct {
	Event
	Places       []PlaceIn
	Citations    []Citation
	Participants []Participation
	Claims       []Claim
}

// PlaceIn is a place with the place that contains it, when asked for.
type PlaceIn struct {
	Place
	In *Place
}

// EventsWithParts loads events by id together with the parts asked for, in
// one statement, so that a page of one event needs fewer round trips.
func (s *Store) EventsWithParts(ctx context.Context, ids []string, want EventParts) (map[string]EventWithParts, error) {
	events, sources := eventFields(want.EventProps), sourceFields(want.SourceProps)
	recs, err := s.query(ctx, stmtEventsByID, want.ParticipantFields.params(map[string]any{"ids": ids,
		"eventProps": propNames(events), "sourceProps": propNames(sources),
		"withPlace": want.Place, "withPlaceIn": want.Place && want.PlaceIn, "withCitations": want.Citations,
		"withParticipants": want.Participants, "withRepresents": want.Participants && want.Represents,
		"withSources": want.Participants && want.Sources, "withClaims": want.Claims, "field": nil}))
	if err != nil {
		return nil, fmt.Errorf("events by id: %w", err)
	}
	out := make(map[string]EventWithParts, len(ids))
	for _, r := range recs {
		e, err := eventWithParts(r, want, events, sources)
		if err != nil {
			return nil, fmt.Errorf("events by id: %w", err)
		}
		out[e.ID] = e
	}
	return out, nil
}

func eventWithParts(r *neo4j.Record, want EventParts, events, sources []propField) (EventWithParts, error) {
	v, err := optional(r, "node")
	if err != nil {
		return EventWithParts{}, err
	}
	ev, err := decodeFields[Event](v, events)
	if err != nil {
		return EventWithParts{}, err
	}
	e := EventWithParts{Event: ev}
	if want.Citations {
		v, err := optional(r, "citations")
		if err != nil {
			return e, err
		}
		if e.Citations, err = decodeCitationsOf(v, sources); err != nil {
			return e, err
		}
	}
	if want.Participants {
		v, err := optional(r, "participants")
		if err != nil {
			return e, err
		}
		if e.Participants, err = participationsIn(v, want.ParticipantFields.row()); err != nil {
			return e, err
		}
	}
	if want.Claims {
		v, err := optional(r, "claims")
		if err != nil {
			return e, err
		}
		rows, err := expandRows(v)
		if err != nil {
			return e, fmt.Errorf("claims: %w", err)
		}
		claims, err := byParent(rows, claimRow)
		if err != nil {
			return e, err
		}
		e.Claims = claims[e.ID]
	}
	if want.Place {
		places, err := list(r, "places")
		if err != nil {
			return e, err
		}
		for _, it := range places {
			m, err := asMap(it)
			if err != nil {
				return e, err
			}
			p, err := decode[Place](m["place"])
			if err != nil {
				return e, err
			}
			in, err := decodeOpt[Place](m["in"])
			if err != nil {
				return e, err
			}
			e.Places = append(e.Places, PlaceIn{Place: p, In: in})
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
	// Actor, Props, RepresentsProps and SourceProps are the properties of
	// the participant, of the participation, of the actor represented and
	// of the sources it cites that the readers need (the zero set: all of
	// them); the ids, which key the actors and the sources, are always
	// read.
	Actor, Props, RepresentsProps, SourceProps PropSet
}

// partFields are the fields of each part of a participation read
// (ParticipantFields.fields).
type partFields struct {
	actor, props, represents, sources []propField
}

// fields are the fields of each part of a participation read.
func (f ParticipantFields) fields() partFields {
	return partFields{actor: actorFields(f.Actor), props: f.Props.of(fieldsOf(reflect.TypeFor[ParticipationProps]())),
		represents: actorFields(f.RepresentsProps), sources: sourceFields(f.SourceProps)}
}

// params passes the properties to read to the participantRows fragment.
func (f ParticipantFields) params(p map[string]any) map[string]any {
	fs := f.fields()
	p["actorProps"], p["partProps"] = propNames(fs.actor), propNames(fs.props)
	p["representsProps"], p["partSourceProps"] = propNames(fs.represents), propNames(fs.sources)
	return p
}

// participantRow is the decoder of the participantRows fragment's rows.
type participantRow func(v any) (Participation, error)

// row reads a row of the participantRows fragment: a list of the
// participant and the participation (the values of f's properties), the
// actor represented and the sources. Rows as lists, not maps, spare the
// driver a map and a string for each key of each row (bench/RESULTS.md,
// "Where the actor page's allocations are").
func (f ParticipantFields) row() participantRow {
	fs := f.fields()
	return func(v any) (Participation, error) {
		t, err := tuple(v, 4)
		if err != nil {
			return Participation{}, fmt.Errorf("participant row: %w", err)
		}
		a, err := decodeFields[Actor](t[0], fs.actor)
		if err != nil {
			return Participation{}, err
		}
		p := Participation{Actor: a}
		if p.ParticipationProps, err = decodeFields[ParticipationProps](t[1], fs.props); err != nil {
			return p, fmt.Errorf("participation of %s: %w", a.ID, err)
		}
		if t[2] != nil {
			r, err := decodeFields[Actor](t[2], fs.represents)
			if err != nil {
				return p, fmt.Errorf("the actor %s represents: %w", a.ID, err)
			}
			p.Represents = &r
		}
		p.Sources, err = decodeCitationsOf(t[3], fs.sources)
		return p, err
	}
}

// Participants loads who took part in each event, with roles and sources.
func (s *Store) Participants(ctx context.Context, eventIDs []string, want ParticipantFields) (map[string][]Participation, error) {
	out := map[string][]Participation{}
	if len(eventIDs) == 0 {
		return out, nil
	}
	recs, err := s.query(ctx, stmtParticipants, want.params(map[string]any{"ids": eventIDs, "withRepresents": want.Represents, "withSources": want.Sources}))
	if err != nil {
		return nil, fmt.Errorf("participants: %w", err)
	}
	row := want.row()
	for _, r := range recs {
		events, err := list(r, "participants")
		if err != nil {
			return nil, fmt.Errorf("participants: %w", err)
		}
		// Each event's id and its rows.
		for _, v := range events {
			t, err := tuple(v, 2)
			if err != nil {
				return nil, fmt.Errorf("participants: %w", err)
			}
			id, err := typed[string](t[0], "participants' event")
			if err != nil {
				return nil, fmt.Errorf("participants: %w", err)
			}
			ps, err := participationsIn(t[1], row)
			if err != nil {
				return nil, fmt.Errorf("event %s: %w", id, err)
			}
			if len(ps) > 0 {
				out[id] = ps
			}
		}
	}
	return out, nil
}

// participationsIn reads the rows of the participantRows fragment that one
// event holds; row is the ParticipantFields' row, made once a page.
func participationsIn(v any, row participantRow) ([]Participation, error) {
	if v == nil {
		return nil, nil
	}
	rows, err := typed[[]any](v, "participants")
	if err != nil {
		return nil, err
	}
	out := make([]Participation, 0, len(rows))
	for _, r := range rows {
		p, err := row(r)
		if err != nil {
			return nil, fmt.Errorf("participants: %w", err)
		}
		out = append(out, p)
	}
	return out, nil
}

// Overlapping loads, for each event, up to limit events whose possible
// dates overlap its own: the sources do not say which of them came first.
func (s *Store) Overlapping(ctx context.Context, eventIDs []string, limit int) (map[string][]Event, error) {
	out := map[string][]Event{}
	if len(eventIDs) == 0 || limit <= 0 {
		return out, nil
	}
	recs, err := s.query(ctx, stmtOverlapping, map[string]any{"ids": eventIDs, "limit": limit})
	if err != nil {
		return nil, fmt.Errorf("overlapping events: %w", err)
	}
	for _, r := range recs {
		id, err := value[string](r, "id")
		if err != nil {
			return nil, fmt.Errorf("overlapping events: %w", err)
		}
		events, err := list(r, "overlapping")
		if err != nil {
			return nil, fmt.Errorf("overlapping events of %s: %w", id, err)
		}
		if out[id], err = decodeAll[Event](events); err != nil {
			return nil, fmt.Errorf("overlapping events of %s: %w", id, err)
		}
	}
	return out, nil
}

// Neighbours loads the events certainly just before and after each event:
// see neighbours.cypher.
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
