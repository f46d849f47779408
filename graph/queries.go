package graph

import (
	"context"
	"slices"
	"unicode/utf8"

	"github.com/diplograph/diplograph/graph/model"
	"github.com/diplograph/diplograph/store"
	"github.com/diplograph/diplograph/vocab"
)

// byID loads one object of a type by id.
func byID[S any, M any](ctx context.Context, r *Resolver, id, what string, conv func(S, *model.Group) M) (M, error) {
	var zero M
	if err := checkID(id); err != nil {
		return zero, err
	}
	found, err := store.ByID[S](ctx, r.Store, []string{id})
	if err != nil {
		return zero, err
	}
	s, ok := found[id]
	if !ok {
		return zero, notFound(what, id)
	}
	return conv(s, model.NewGroup([]string{id})), nil
}

// event loads one event with the parts of an event page the query selects
// (its place and the place's parent, sources, participants, disputes) in
// one statement, and hands them to their fields, which then send nothing.
func (r *Resolver) event(ctx context.Context, id string) (*model.Event, error) {
	if err := checkID(id); err != nil {
		return nil, err
	}
	want := store.EventParts{Place: selects(ctx, "place") || selects(ctx, "places"),
		PlaceIn:   selectsPath(ctx, "place", "in") || selectsPath(ctx, "places", "in"),
		Citations: selects(ctx, "sources"), Participants: selects(ctx, "participants"),
		Claims:            selects(ctx, "disputes") || selects(ctx, "claims") || selectsPath(ctx, "participants", "claims"),
		ParticipantFields: r.participantsSelected(ctx, fieldsAt(ctx, "participants"))}
	if !r.ReadAllProperties {
		fields := fieldsAt(ctx)
		want.EventProps = propsRead(eventFieldProps, store.PropsOf[store.Event]("id"), fields)
		if want.Citations {
			want.SourceProps = citedSourcesRead(ctx, fields)
		}
	}
	found, err := r.Store.EventsWithParts(ctx, []string{id}, want)
	if err != nil {
		return nil, err
	}
	e, ok := found[id]
	if !ok {
		return nil, notFound("event", id)
	}
	g := model.NewGroup([]string{id})
	if want.Place {
		var placeIDs, inIDs []string
		for _, p := range e.Places {
			placeIDs = append(placeIDs, p.ID)
			if p.In != nil {
				inIDs = append(inIDs, p.In.ID)
			}
		}
		pg, ig := model.NewGroup(placeIDs), model.NewGroup(inIDs)
		places, in := []*model.Place{}, map[string][]*model.Place{}
		for _, p := range e.Places {
			places = append(places, model.NewPlace(p.Place, pg))
			if p.In != nil {
				in[p.ID] = []*model.Place{model.NewPlace(*p.In, ig)}
			}
		}
		if want.PlaceIn {
			primeRelated(pg, relPlaceIn, in)
		}
		primeRelated(g, relEventPlaces, map[string][]*model.Place{id: places})
	}
	if want.Citations {
		model.Prime(g, fieldCitations, store.LabelEvent, citationsByParent(map[string][]store.Citation{id: e.Citations}))
	}
	if want.Participants {
		model.Prime(g, fieldParticipants, want.ParticipantFields, participationsByEvent(map[string][]store.Participation{id: e.Participants}, g))
	}
	if want.Claims {
		model.Prime(g, fieldAllClaims, store.LabelEvent, claimsByParent(map[string][]store.Claim{id: e.Claims}))
	}
	return model.NewEvent(e.Event, g), nil
}

// maxLookup bounds nodes(ids:).
const maxLookup = 100

// lookup finds objects of any type by id, in the order asked, nil where
// unknown. Stances come with their actor and target, so they take the
// stance statement.
func (r *Resolver) lookup(ctx context.Context, idList []string) ([]model.Node, error) {
	if len(idList) > maxLookup {
		return nil, badInput("at most %d ids at once, got %d", maxLookup, len(idList))
	}
	if err := checkIDs(idList); err != nil {
		return nil, err
	}
	found, err := r.Store.Lookup(ctx, idList)
	if err != nil {
		return nil, err
	}
	var stanceIDs []string
	byLabel := map[store.Label][]string{}
	for _, id := range idList {
		if a, ok := found[id]; ok {
			byLabel[a.Label] = append(byLabel[a.Label], id)
			if a.Label == store.LabelStance {
				stanceIDs = append(stanceIDs, id)
			}
		}
	}
	groups := map[store.Label]*model.Group{}
	for l, list := range byLabel {
		groups[l] = model.NewGroup(list)
	}
	var stances map[string][]*model.Stance
	if len(stanceIDs) > 0 {
		rows, err := r.Store.Stances(ctx, store.StancesByID, stanceIDs)
		if err != nil {
			return nil, err
		}
		stances = stancesByParent(rows)
	}
	out := make([]model.Node, len(idList))
	for i, id := range idList {
		a, ok := found[id]
		switch {
		case !ok:
		case a.Label == store.LabelStance:
			if s := stances[id]; len(s) > 0 {
				out[i] = s[0]
			}
		default:
			out[i] = node(a, groups[a.Label])
		}
	}
	return out, nil
}

func (r *Resolver) events(ctx context.Context, filter *model.EventFilter, newestFirst bool, first *int, after *string, def int) (*model.EventConnection, error) {
	f, err := eventFilter(filter)
	if err != nil {
		return nil, err
	}
	return r.eventPage(ctx, f, newestFirst, first, after, def)
}

// meetings are the events of filter in which its actors met: their
// participations are links, as network and paths count them.
func (r *Resolver) meetings(ctx context.Context, filter *model.EventFilter, first *int, after *string) (*model.EventConnection, error) {
	f, err := eventFilter(filter)
	if err != nil {
		return nil, err
	}
	f.Met = true
	return r.eventPage(ctx, f, false, first, after, 20)
}

func (r *Resolver) eventPage(ctx context.Context, f store.EventFilter, newestFirst bool, first *int, after *string, def int) (*model.EventConnection, error) {
	pg, err := r.eventsPage(ctx, first, after, def)
	if err != nil {
		return nil, err
	}
	res, err := r.Store.Events(ctx, f, newestFirst, pg)
	if err != nil {
		return nil, err
	}
	return eventConnection(res), nil
}

// actorEventsArgs tell apart the loads of Actor.events: the filter and the
// page, with the parts of each event the query selects.
type actorEventsArgs struct {
	Filter store.EventFilter
	Page   store.Page
}

var fieldActorEvents = model.NewNested[actorEventsArgs, *model.EventConnection]("events")

// eventsOfActor loads one page of the events of every actor in obj's group.
func (r *Resolver) eventsOfActor(ctx context.Context, obj *model.Actor, filter *model.EventFilter, first *int, after *string) (*model.EventConnection, error) {
	f, err := eventFilter(filter)
	if err != nil {
		return nil, err
	}
	pg, err := r.eventsPage(ctx, first, after, 20)
	if err != nil {
		return nil, err
	}
	c, err := model.Load(ctx, obj.Batch, fieldActorEvents, actorEventsArgs{f, pg}, obj.ID, func(ctx context.Context, ids []string) (map[string]*model.EventConnection, error) {
		pages, err := r.Store.EventsOfActors(ctx, ids, f, true, pg)
		if err != nil {
			return nil, err
		}
		return eventConnections(pages), nil
	})
	if err != nil {
		return nil, err
	}
	if c != nil {
		return c, nil
	}
	return emptyEventConnection(), nil
}

func (r *Resolver) counterparts(ctx context.Context, obj *model.Actor, filter *model.EventFilter, first *int) ([]*model.Counterpart, error) {
	f, err := eventFilter(filter)
	if err != nil {
		return nil, err
	}
	n, err := pageSize(first, 20)
	if err != nil {
		return nil, err
	}
	// The shared events can run to thousands for a well-connected pair, so
	// they (and the first and last of them) are read only when asked for.
	want := store.CounterpartFields{Dates: selects(ctx, "first") || selects(ctx, "last"), Events: selects(ctx, "events")}
	return model.Load(ctx, obj.Batch, fieldCounterparts, counterpartsArgs{f, n, want}, obj.ID, func(ctx context.Context, ids []string) (map[string][]*model.Counterpart, error) {
		rows, err := r.Store.Counterparts(ctx, ids, f, n, want)
		if err != nil {
			return nil, err
		}
		var actorIDs, eventIDs []string
		for _, list := range rows {
			for _, c := range list {
				actorIDs = append(actorIDs, c.Actor.ID)
				eventIDs = append(eventIDs, idsOf(c.Events)...)
			}
		}
		ag, eg := model.NewGroup(actorIDs), model.NewGroup(eventIDs)
		out := make(map[string][]*model.Counterpart, len(rows))
		for actor, list := range rows {
			for _, c := range list {
				out[actor] = append(out[actor], &model.Counterpart{Actor: model.NewActor(c.Actor, ag), Count: c.Count,
					First: c.First, Last: c.Last, Certainty: c.Certainty, Events: convertIn(c.Events, eg, model.NewEvent)})
			}
		}
		return out, nil
	})
}

type counterpartsArgs struct {
	Filter store.EventFilter
	First  int
	Want   store.CounterpartFields
}

var fieldCounterparts = model.NewNested[counterpartsArgs, []*model.Counterpart]("counterparts")

// points loads a version's points in order (related returns points by
// number, then id), optionally only those on a topic or concerning a
// territory.
func (r *Resolver) points(ctx context.Context, obj *model.PlanVersion, topic *vocab.PointTopic, territory *string) ([]*model.PlanPoint, error) {
	if territory != nil {
		if err := checkID(*territory); err != nil {
			return nil, err
		}
	}
	points, err := related(ctx, r, obj.Batch, obj.ID, relVersionPoints)
	if err != nil {
		return nil, err
	}
	out := []*model.PlanPoint{}
	for _, p := range points {
		if topic != nil && !slices.Contains(p.Topics, *topic) {
			continue
		}
		if territory != nil {
			// The territories of all the group's points load in one statement,
			// the same one PlanPoint.territories uses.
			places, err := related(ctx, r, p.Batch, p.ID, relPointTerritories)
			if err != nil {
				return nil, err
			}
			if !hasPlace(places, *territory) {
				continue
			}
		}
		out = append(out, p)
	}
	return out, nil
}

func hasPlace(places []*model.Place, id string) bool {
	for _, p := range places {
		if p.ID == id {
			return true
		}
	}
	return false
}

func networkFilter(f *model.NetworkFilter) (store.NetworkFilter, error) {
	out := store.NetworkFilter{Hops: 1, MaxEdges: vocab.MaxNetworkEdges}
	if f == nil {
		return out, nil
	}
	ev, err := eventFilter(&model.EventFilter{Dates: f.Dates, Types: f.Types, AsOf: f.AsOf, Certainty: f.Certainty,
		Statuses: f.Statuses, Modalities: f.Modalities})
	if err != nil {
		return out, err
	}
	out.Events = ev
	if err := checkIDs(f.Actors); err != nil {
		return out, err
	}
	out.Actors = f.Actors
	if f.Hops != nil {
		if *f.Hops < 1 || *f.Hops > 3 {
			return out, badInput("hops must be between 1 and 3, got %d", *f.Hops)
		}
		out.Hops = *f.Hops
	}
	return out, nil
}

func pathArgs(from, to string, maxHops, first *int) (hops, limit int, err error) {
	if err := checkIDs([]string{from, to}); err != nil {
		return 0, 0, err
	}
	if from == to {
		return 0, 0, badInput("from and to are the same actor %q", from)
	}
	hops, limit = 4, 5
	if maxHops != nil {
		if *maxHops < 1 || *maxHops > store.MaxPathHops {
			return 0, 0, badInput("maxHops must be between 1 and %d, got %d", store.MaxPathHops, *maxHops)
		}
		hops = *maxHops
	}
	if first != nil {
		if *first < 1 || *first > 20 {
			return 0, 0, badInput("first must be between 1 and 20, got %d", *first)
		}
		limit = *first
	}
	return hops, limit, nil
}

func pointFilter(f *model.PlanPointFilter) (store.PointFilter, error) {
	if f == nil {
		return store.PointFilter{}, nil
	}
	out := store.PointFilter{Versions: f.Versions, Topics: f.Topics, Territories: f.Territories, Positions: f.Positions}
	if f.StanceBy != nil {
		out.StanceBy = *f.StanceBy
		if err := checkID(out.StanceBy); err != nil {
			return out, err
		}
	}
	if err := checkIDs(append(append([]string(nil), f.Versions...), f.Territories...)); err != nil {
		return out, err
	}
	return out, nil
}

// maxQueryLength bounds search text.
const maxQueryLength = 200

func searchArgs(query string, kinds []vocab.SearchKind, first *int) ([]store.Label, int, error) {
	if n := utf8.RuneCountInString(query); n > maxQueryLength {
		return nil, 0, badInput("search text is %d characters, over the limit of %d", n, maxQueryLength)
	}
	limit, err := pageSize(first, 20)
	if err != nil {
		return nil, 0, err
	}
	if len(kinds) == 0 {
		kinds = vocab.AllSearchKind
	}
	labels := make([]store.Label, len(kinds))
	for i, k := range kinds {
		labels[i] = searchLabels[k]
	}
	return labels, limit, nil
}
