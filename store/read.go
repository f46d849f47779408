package store

import (
	"context"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

type queryCountKey struct{}

// WithQueryCount returns a context under which every statement the store
// sends is counted, and a function that reads the count. The API uses it to
// prove that a request sends a number of statements bounded by its shape.
func WithQueryCount(ctx context.Context) (context.Context, func() int64) {
	var n atomic.Int64
	return context.WithValue(ctx, queryCountKey{}, &n), n.Load
}

func countQuery(ctx context.Context) {
	if n, ok := ctx.Value(queryCountKey{}).(*atomic.Int64); ok {
		n.Add(1)
	}
}

// read runs fn in one read transaction, so a cluster can route it to a
// follower; retries of transient failures are the driver's.
func (s *Store) read(ctx context.Context, fn func(tx neo4j.ManagedTransaction) error) error {
	if err := ctx.Err(); err != nil {
		return classify(err) // the caller has given up: start nothing
	}
	sess := s.session(ctx, neo4j.AccessModeRead)
	defer sess.Close(ctx)
	_, err := sess.ExecuteRead(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		return nil, fn(tx)
	}, txTimeout(ctx)...)
	return classify(err)
}

// txTimeout tells Neo4j the caller's deadline, a little early, so Neo4j
// stops a query that runs too long and answers with a timeout before the
// caller gives up on the connection (which would then have to be dropped).
func txTimeout(ctx context.Context) []func(*neo4j.TransactionConfig) {
	if dl, ok := ctx.Deadline(); ok {
		if d := time.Until(dl); d > 0 {
			d -= min(d/10, 250*time.Millisecond)
			return []func(*neo4j.TransactionConfig){neo4j.WithTxTimeout(max(d, time.Millisecond))}
		}
	}
	return nil
}

// records runs one statement and collects its records.
//
// A statement that returns a single column named rows, a list of maps, is
// read as one record per map: streaming a record costs Neo4j and the driver
// far more than a list element (228 participations: 7.4 ms as records,
// 4.0 ms as one list), so statements that return many rows collect them.
func records(ctx context.Context, tx neo4j.ManagedTransaction, stmt string, params map[string]any) ([]*neo4j.Record, error) {
	countQuery(ctx)
	res, err := tx.Run(ctx, stmt, params)
	if err != nil {
		return nil, err
	}
	recs, err := res.Collect(ctx)
	if err != nil || len(recs) != 1 || len(recs[0].Keys) != 1 || recs[0].Keys[0] != "rows" {
		return recs, err
	}
	return expandRows(recs[0].Values[0])
}

// expandRows turns a list of maps into records with the maps' keys.
func expandRows(v any) ([]*neo4j.Record, error) {
	list, ok := v.([]any)
	if !ok {
		return nil, fmt.Errorf("rows: a list expected, got %T", v)
	}
	out := make([]*neo4j.Record, len(list))
	for i, item := range list {
		m, ok := item.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("rows: a map expected, got %T", item)
		}
		r := &neo4j.Record{Keys: make([]string, 0, len(m)), Values: make([]any, 0, len(m))}
		for k, v := range m {
			r.Keys = append(r.Keys, k)
			r.Values = append(r.Values, v)
		}
		out[i] = r
	}
	return out, nil
}

// query runs one statement in its own read transaction.
func (s *Store) query(ctx context.Context, stmt string, params map[string]any) ([]*neo4j.Record, error) {
	var recs []*neo4j.Record
	err := s.read(ctx, func(tx neo4j.ManagedTransaction) error {
		var err error
		recs, err = records(ctx, tx, stmt, params)
		return err
	})
	return recs, err
}

func get(r *neo4j.Record, key string) any {
	v, _ := r.Get(key)
	return v
}

func getString(r *neo4j.Record, key string) string {
	s, _ := get(r, key).(string)
	return s
}

func getInt(r *neo4j.Record, key string) int {
	n, _ := get(r, key).(int64)
	return int(n)
}

func getBool(r *neo4j.Record, key string) bool {
	b, _ := get(r, key).(bool)
	return b
}

func getList(r *neo4j.Record, key string) []any {
	l, _ := get(r, key).([]any)
	return l
}

// optDate turns an optional time into a query parameter: a Neo4j date, or
// null.
func optDate(t *time.Time) any {
	if t == nil {
		return nil
	}
	return toDate(*t)
}

// optList turns an empty filter list into null, which the statements read
// as "no filter".
func optList(l []string) any {
	if len(l) == 0 {
		return nil
	}
	return l
}

func optString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// decoder returns the function that reads a node of the store type T.
func decoder[T any]() func(any) T {
	var zero T
	var f any
	switch any(zero).(type) {
	case Actor:
		f = decodeActor
	case Role:
		f = decodeRole
	case Place:
		f = decodePlace
	case Source:
		f = decodeSource
	case Event:
		f = decodeEvent
	case Plan:
		f = decodePlan
	case PlanVersion:
		f = decodePlanVersion
	case PlanPoint:
		f = decodePlanPoint
	case Stance:
		f = decodeStance
	default:
		panic(fmt.Sprintf("store: no decoder for %T", zero))
	}
	return f.(func(any) T)
}

func labelOf[T any]() Label {
	var zero T
	switch any(zero).(type) {
	case Actor:
		return LabelActor
	case Role:
		return LabelRole
	case Place:
		return LabelPlace
	case Source:
		return LabelSource
	case Event:
		return LabelEvent
	case Plan:
		return LabelPlan
	case PlanVersion:
		return LabelPlanVersion
	case PlanPoint:
		return LabelPlanPoint
	case Stance:
		return LabelStance
	}
	panic(fmt.Sprintf("store: no label for %T", zero))
}

// ByID loads nodes of one type by id; unknown ids are absent from the map.
func ByID[T any](ctx context.Context, s *Store, ids []string) (map[string]T, error) {
	out := make(map[string]T, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	label := labelOf[T]()
	recs, err := s.query(ctx, nodesByID[label], map[string]any{"ids": ids})
	if err != nil {
		return nil, fmt.Errorf("%s by id: %w", label, err)
	}
	decode := decoder[T]()
	for _, r := range recs {
		out[getString(r, "id")] = decode(get(r, "node"))
	}
	return out, nil
}

// Any is a node of any label, decoded to its store type.
type Any struct {
	Label Label
	Value any
}

// Lookup finds nodes by id whatever their label.
func (s *Store) Lookup(ctx context.Context, ids []string) (map[string]Any, error) {
	out := make(map[string]Any, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	recs, err := s.query(ctx, anyByID, map[string]any{"ids": ids})
	if err != nil {
		return nil, fmt.Errorf("lookup: %w", err)
	}
	for _, r := range recs {
		label := Label(getString(r, "label"))
		out[getString(r, "id")] = Any{Label: label, Value: decodeAny(label, get(r, "node"))}
	}
	return out, nil
}

func decodeAny(l Label, node any) any {
	switch l {
	case LabelActor:
		return decodeActor(node)
	case LabelPlace:
		return decodePlace(node)
	case LabelSource:
		return decodeSource(node)
	case LabelEvent:
		return decodeEvent(node)
	case LabelPlan:
		return decodePlan(node)
	case LabelPlanVersion:
		return decodePlanVersion(node)
	case LabelPlanPoint:
		return decodePlanPoint(node)
	case LabelStance:
		return decodeStance(node)
	}
	return nil
}

// Direction says which way to follow a relationship from the given ids.
type Direction int

const (
	Outgoing Direction = iota
	Incoming
)

// Related loads, for each id, the nodes of type T at the other end of a
// relationship spec.
func Related[T any](ctx context.Context, s *Store, spec RelSpec, dir Direction, ids []string) (map[string][]T, error) {
	out := make(map[string][]T, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	stmt := relatedOut[spec]
	if dir == Incoming {
		stmt = relatedIn[spec]
	}
	recs, err := s.query(ctx, stmt, map[string]any{"ids": ids})
	if err != nil {
		return nil, fmt.Errorf("related %s: %w", spec, err)
	}
	decode := decoder[T]()
	for _, r := range recs {
		id := getString(r, "id")
		out[id] = append(out[id], decode(get(r, "node")))
	}
	return out, nil
}

// Citations loads the sources cited by nodes of one label.
func (s *Store) Citations(ctx context.Context, label Label, ids []string) (map[string][]Citation, error) {
	out := make(map[string][]Citation, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	recs, err := s.query(ctx, citations[label], map[string]any{"ids": ids})
	if err != nil {
		return nil, fmt.Errorf("citations of %s: %w", label, err)
	}
	for _, r := range recs {
		out[getString(r, "id")] = decodeCitations(get(r, "citations"))
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
	out := make(map[string]EventWithParts, len(ids))
	recs, err := s.query(ctx, stmtEventsWithParts.get(want), map[string]any{"ids": ids})
	if err != nil {
		return nil, fmt.Errorf("events by id: %w", err)
	}
	for _, r := range recs {
		e := EventWithParts{Event: decodeEvent(get(r, "node")), Citations: decodeCitations(get(r, "citations"))}
		if want.Participants {
			rows, err := expandRows(get(r, "participants"))
			if err != nil {
				return nil, fmt.Errorf("events by id: participants: %w", err)
			}
			e.Participants = participationsFrom(rows)[e.ID]
		}
		if want.Disputes {
			rows, err := expandRows(get(r, "claims"))
			if err != nil {
				return nil, fmt.Errorf("events by id: claims: %w", err)
			}
			e.Claims = claimsFrom(rows)[e.ID]
		}
		if v := get(r, "place"); v != nil {
			p := decodePlace(v)
			e.Place = &p
		}
		if v := get(r, "placeIn"); v != nil {
			p := decodePlace(v)
			e.PlaceIn = &p
		}
		out[e.ID] = e
	}
	return out, nil
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
	recs, err := s.query(ctx, stmtParticipants.get(want), map[string]any{"ids": eventIDs})
	if err != nil {
		return nil, fmt.Errorf("participants: %w", err)
	}
	return participationsFrom(recs), nil
}

// participationsFrom reads rows of the participantRows fragment, by event.
func participationsFrom(recs []*neo4j.Record) map[string][]Participation {
	out := map[string][]Participation{}
	for _, r := range recs {
		p := Participation{
			Actor:       decodeActor(get(r, "actor")),
			Role:        getString(r, "role"),
			Unconfirmed: getBool(r, "unconfirmed"),
			Sources:     decodeCitations(get(r, "citations")),
		}
		if rep := get(r, "represents"); rep != nil {
			a := decodeActor(rep)
			p.Represents = &a
		}
		id := getString(r, "id")
		out[id] = append(out[id], p)
	}
	return out
}

// RoleWithSources is a role as the API shows it.
type RoleWithSources struct {
	Role
	Sources []Citation
}

// Roles loads each actor's roles; with at, only those that may have been
// held on that day.
func (s *Store) Roles(ctx context.Context, actorIDs []string, at *time.Time) (map[string][]RoleWithSources, error) {
	out := make(map[string][]RoleWithSources, len(actorIDs))
	if len(actorIDs) == 0 {
		return out, nil
	}
	recs, err := s.query(ctx, stmtRoles, map[string]any{"ids": actorIDs, "at": optDate(at)})
	if err != nil {
		return nil, fmt.Errorf("roles: %w", err)
	}
	for _, r := range recs {
		role := RoleWithSources{Role: decodeRole(get(r, "role")), Sources: decodeCitations(get(r, "citations"))}
		if f := get(r, "for"); f != nil {
			a := decodeActor(f)
			role.For = &a
		}
		id := getString(r, "id")
		out[id] = append(out[id], role)
	}
	return out, nil
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
	return claimsFrom(recs), nil
}

// claimsFrom reads rows of the claimRows fragment, by event.
func claimsFrom(recs []*neo4j.Record) map[string][]Claim {
	out := map[string][]Claim{}
	for _, r := range recs {
		p := asProps(get(r, "claim"))
		c := Claim{ID: p.str("id"), Field: p.str("field"), Value: p.str("value"), Display: p.optStr("display"),
			Preferred: p.flag("preferred"), Sources: decodeCitations(get(r, "citations"))}
		id := getString(r, "id")
		out[id] = append(out[id], c)
	}
	return out
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
		id := getString(r, "id")
		if p := get(r, "previous"); p != nil {
			previous[id] = decodeEvent(p)
		}
		if n := get(r, "next"); n != nil {
			next[id] = decodeEvent(n)
		}
	}
	return previous, next, nil
}

// StanceParent says whose stances to load.
type StanceParent int

const (
	StancesByActor StanceParent = iota
	StancesOnPoint
	StancesOnVersion
	StancesByID
)

// StanceRow is a stance with its actor and target.
type StanceRow struct {
	Stance
	Actor  Actor
	Target StanceTarget
}

// Stances loads stances for each parent id.
func (s *Store) Stances(ctx context.Context, parent StanceParent, ids []string) (map[string][]StanceRow, error) {
	out := make(map[string][]StanceRow, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	recs, err := s.query(ctx, stmtStances[parent], map[string]any{"ids": ids})
	if err != nil {
		return nil, fmt.Errorf("stances: %w", err)
	}
	for _, r := range recs {
		row := StanceRow{Stance: decodeStance(get(r, "stance")), Actor: decodeActor(get(r, "actor"))}
		if getBool(r, "onPoint") {
			p := decodePlanPoint(get(r, "target"))
			row.Target.Point = &p
		} else {
			v := decodePlanVersion(get(r, "target"))
			row.Target.Version = &v
		}
		id := getString(r, "id")
		out[id] = append(out[id], row)
	}
	return out, nil
}

// Plans lists every plan by name.
func (s *Store) Plans(ctx context.Context) ([]Plan, error) {
	recs, err := s.query(ctx, stmtPlans, nil)
	if err != nil {
		return nil, fmt.Errorf("plans: %w", err)
	}
	out := make([]Plan, len(recs))
	for i, r := range recs {
		out[i] = decodePlan(get(r, "node"))
	}
	return out, nil
}

// Versions loads each plan's versions in derivation order: a version comes
// after the one it derives from; siblings keep date, then id, order.
func (s *Store) Versions(ctx context.Context, planIDs []string) (map[string][]PlanVersion, error) {
	out := make(map[string][]PlanVersion, len(planIDs))
	if len(planIDs) == 0 {
		return out, nil
	}
	recs, err := s.query(ctx, stmtPlanVersions, map[string]any{"ids": planIDs})
	if err != nil {
		return nil, fmt.Errorf("plan versions: %w", err)
	}
	type row struct {
		v      PlanVersion
		parent string
	}
	byPlan := map[string][]row{}
	for _, r := range recs {
		id := getString(r, "id")
		byPlan[id] = append(byPlan[id], row{decodePlanVersion(get(r, "node")), getString(r, "parent")})
	}
	for plan, rows := range byPlan {
		inPlan := map[string]bool{}
		for _, r := range rows {
			inPlan[r.v.ID] = true
		}
		placed := map[string]bool{}
		var ordered []PlanVersion
		// Repeatedly place the versions whose parent is placed or outside
		// the plan; rows are already in date order, so siblings stay so.
		for len(ordered) < len(rows) {
			progress := false
			for _, r := range rows {
				if !placed[r.v.ID] && (!inPlan[r.parent] || placed[r.parent]) {
					placed[r.v.ID] = true
					ordered = append(ordered, r.v)
					progress = true
				}
			}
			if !progress { // a cycle the loader should have refused
				for _, r := range rows {
					if !placed[r.v.ID] {
						placed[r.v.ID] = true
						ordered = append(ordered, r.v)
					}
				}
			}
		}
		out[plan] = ordered
	}
	return out, nil
}
