package graph

import (
	"context"
	"time"

	"github.com/99designs/gqlgen/graphql"

	"github.com/diplograph/diplograph/graph/model"
	"github.com/diplograph/diplograph/store"
	"github.com/diplograph/diplograph/vocab"
)

// The nested fields below load once for an object's whole group (see
// model.Group) and hand each object its share. Each is declared once, with
// the type of what it yields and of what tells its loads apart, so a
// resolver and a parent statement that primes it cannot disagree.

// rel is a field that follows one relationship spec from its objects.
type rel[S any, M any] struct {
	spec  store.RelSpec
	dir   store.Direction
	conv  func(S, *model.Group) M
	field model.Nested[struct{}, []M]
}

func newRel[S any, M any](spec store.RelSpec, dir store.Direction, conv func(S, *model.Group) M) rel[S, M] {
	return rel[S, M]{spec: spec, dir: dir, conv: conv, field: model.NewNested[struct{}, []M]("rel:" + spec.String())}
}

// The relationships the schema's fields follow.
var (
	relEventPlaces      = newRel(store.EventAt, store.Outgoing, model.NewPlace)
	relEventConcerns    = newRel(store.EventConcerns, store.Outgoing, model.NewPlanVersion)
	relEventProduced    = newRel(store.EventProduced, store.Outgoing, model.NewPlanVersion)
	relEventLedTo       = newRel(store.EventLedTo, store.Outgoing, model.NewEvent)
	relEventLedFrom     = newRel(store.EventLedTo, store.Incoming, model.NewEvent)
	relPlaceIn          = newRel(store.PlaceLocatedIn, store.Outgoing, model.NewPlace)
	relPointTerritories = newRel(store.PointConcerns, store.Outgoing, model.NewPlace)
	relPointParent      = newRel(store.PointHasSubpoint, store.Incoming, model.NewPlanPoint)
	relPointSubpoints   = newRel(store.PointHasSubpoint, store.Outgoing, model.NewPlanPoint)
	relActorMembers     = newRel(store.ActorMemberOf, store.Incoming, model.NewActor)
	relActorMemberOf    = newRel(store.ActorMemberOf, store.Outgoing, model.NewActor)
	relPointRevises     = newRel(store.PointRevises, store.Outgoing, model.NewPlanPoint)
	relPointRevisedBy   = newRel(store.PointRevises, store.Incoming, model.NewPlanPoint)
	relVersionPlan      = newRel(store.PlanHasVersion, store.Incoming, model.NewPlan)
	relVersionChildren  = newRel(store.VersionDerivedFrom, store.Incoming, model.NewPlanVersion)
	relVersionPoints    = newRel(store.VersionHasPoint, store.Outgoing, model.NewPlanPoint)
	relVersionEvents    = newRel(store.EventConcerns, store.Incoming, model.NewEvent)
	relVersionProducers = newRel(store.EventProduced, store.Incoming, model.NewEvent)
	relSourcePublisher  = newRel(store.SourcePublishedBy, store.Outgoing, model.NewActor)
)

type keyed interface{ Key() string }

// related loads the nodes at the other end of the relationship.
func related[S keyed, M any](ctx context.Context, r *Resolver, g *model.Group, id string, rl rel[S, M]) ([]M, error) {
	return model.Load(ctx, g, rl.field, struct{}{}, id, func(ctx context.Context, ids []string) (map[string][]M, error) {
		rows, err := store.Related[S](ctx, r.Store, rl.spec, rl.dir, ids)
		if err != nil {
			return nil, err
		}
		return grouped(rows, S.Key, rl.conv), nil
	})
}

// relatedOne is related for a relationship with at most one node at the
// other end.
func relatedOne[S keyed, M any](ctx context.Context, r *Resolver, g *model.Group, id string, rl rel[S, M]) (M, error) {
	list, err := related(ctx, r, g, id, rl)
	if err != nil || len(list) == 0 {
		var zero M
		return zero, err
	}
	return list[0], nil
}

// primeRelated hands the group what a parent statement read of rl.
func primeRelated[S, M any](g *model.Group, rl rel[S, M], byID map[string][]M) {
	model.Prime(g, rl.field, struct{}{}, byID)
}

var fieldCitations = model.NewNested[store.Label, []*model.Citation]("citations")

func (r *Resolver) citations(ctx context.Context, g *model.Group, label store.Label, id string) ([]*model.Citation, error) {
	return model.Load(ctx, g, fieldCitations, label, id, func(ctx context.Context, ids []string) (map[string][]*model.Citation, error) {
		rows, err := r.Store.Citations(ctx, label, ids)
		if err != nil {
			return nil, err
		}
		return citationsByParent(rows), nil
	})
}

var fieldStances = model.NewNested[store.StanceParent, []*model.Stance]("stances")

func (r *Resolver) stances(ctx context.Context, g *model.Group, parent store.StanceParent, id string) ([]*model.Stance, error) {
	return model.Load(ctx, g, fieldStances, parent, id, func(ctx context.Context, ids []string) (map[string][]*model.Stance, error) {
		rows, err := r.Store.Stances(ctx, parent, ids)
		if err != nil {
			return nil, err
		}
		return stancesByParent(rows), nil
	})
}

func stancesByParent(rows map[string][]store.StanceRow) map[string][]*model.Stance {
	var stanceIDs, actorIDs, targetIDs []string
	for _, list := range rows {
		for _, s := range list {
			stanceIDs = append(stanceIDs, s.ID)
			actorIDs = append(actorIDs, s.Actor.ID)
			if s.Target.Point != nil {
				targetIDs = append(targetIDs, s.Target.Point.ID)
			} else if s.Target.Version != nil {
				targetIDs = append(targetIDs, s.Target.Version.ID)
			}
		}
	}
	sg, ag, tg := model.NewGroup(stanceIDs), model.NewGroup(actorIDs), model.NewGroup(targetIDs)
	out := make(map[string][]*model.Stance, len(rows))
	for parent, list := range rows {
		out[parent] = model.NewStances(list, sg, ag, tg)
	}
	return out
}

// fieldParticipants is told apart by the optional parts of a participation
// the query selects: whom a participant represented and on whose word are
// joins that cost most of the statement, read only when asked for.
var fieldParticipants = model.NewNested[store.ParticipantFields, []*model.Participation]("participants")

func (r *Resolver) participants(ctx context.Context, g *model.Group, id string) ([]*model.Participation, error) {
	want := r.participantsSelected(ctx, graphql.CollectFieldsCtx(ctx, nil))
	return model.Load(ctx, g, fieldParticipants, want, id, func(ctx context.Context, ids []string) (map[string][]*model.Participation, error) {
		rows, err := r.Store.Participants(ctx, ids, want)
		if err != nil {
			return nil, err
		}
		return participationsByEvent(rows, g), nil
	})
}

// participationsByEvent converts participations; events is the group of
// their events, through which the claims on a participant load.
func participationsByEvent(rows map[string][]store.Participation, events *model.Group) map[string][]*model.Participation {
	var actorIDs, repIDs, sourceIDs []string
	for _, list := range rows {
		for _, p := range list {
			actorIDs = append(actorIDs, p.Actor.ID)
			if p.Represents != nil {
				repIDs = append(repIDs, p.Represents.ID)
			}
			for _, c := range p.Sources {
				sourceIDs = append(sourceIDs, c.Source.ID)
			}
		}
	}
	ag, rg, sg := model.NewGroup(actorIDs), model.NewGroup(repIDs), model.NewGroup(sourceIDs)
	out := make(map[string][]*model.Participation, len(rows))
	for event, list := range rows {
		for _, p := range list {
			mp := &model.Participation{ParticipationProps: p.ParticipationProps, Actor: model.NewActor(p.Actor, ag),
				Sources: model.NewCitations(p.Sources, sg), EventID: event, Events: events}
			if p.Represents != nil {
				mp.Represents = model.NewActor(*p.Represents, rg)
			}
			out[event] = append(out[event], mp)
		}
	}
	return out
}

var fieldRoles = model.NewNested[*time.Time, []*model.Role]("roles")

func (r *Resolver) roles(ctx context.Context, obj *model.Actor, at *time.Time) ([]*model.Role, error) {
	return model.Load(ctx, obj.Batch, fieldRoles, at, obj.ID, func(ctx context.Context, ids []string) (map[string][]*model.Role, error) {
		rows, err := r.Store.Roles(ctx, ids, at)
		if err != nil {
			return nil, err
		}
		var roleIDs, forIDs, sourceIDs []string
		for _, list := range rows {
			for _, role := range list {
				roleIDs = append(roleIDs, role.ID)
				if role.For != nil {
					forIDs = append(forIDs, role.For.ID)
				}
				for _, c := range role.Sources {
					sourceIDs = append(sourceIDs, c.Source.ID)
				}
			}
		}
		rg, fg, sg := model.NewGroup(roleIDs), model.NewGroup(forIDs), model.NewGroup(sourceIDs)
		out := make(map[string][]*model.Role, len(rows))
		for actor, list := range rows {
			for _, role := range list {
				mr := &model.Role{Role: role.Role, Sources: model.NewCitations(role.Sources, sg), Batch: rg}
				if role.For != nil {
					mr.For = model.NewActor(*role.For, fg)
				}
				out[actor] = append(out[actor], mr)
			}
		}
		return out, nil
	})
}

// neighbours are the events just before and after one event.
type neighbours struct{ previous, next *model.Event }

var fieldNeighbours = model.NewNested[struct{}, neighbours]("neighbours")

func (r *Resolver) neighbours(ctx context.Context, obj *model.Event) (neighbours, error) {
	return model.Load(ctx, obj.Batch, fieldNeighbours, struct{}{}, obj.ID, func(ctx context.Context, ids []string) (map[string]neighbours, error) {
		prev, next, err := r.Store.Neighbours(ctx, ids)
		if err != nil {
			return nil, err
		}
		var all []string
		for _, e := range prev {
			all = append(all, e.ID)
		}
		for _, e := range next {
			all = append(all, e.ID)
		}
		g := model.NewGroup(all)
		out := map[string]neighbours{}
		for _, id := range ids {
			var n neighbours
			if e, ok := prev[id]; ok {
				n.previous = model.NewEvent(e, g)
			}
			if e, ok := next[id]; ok {
				n.next = model.NewEvent(e, g)
			}
			out[id] = n
		}
		return out, nil
	})
}

var fieldOverlapping = model.NewNested[int, []*model.Event]("overlapping")

func (r *Resolver) overlapping(ctx context.Context, obj *model.Event, first *int) ([]*model.Event, error) {
	n, err := pageSize(first, 10)
	if err != nil {
		return nil, err
	}
	return model.Load(ctx, obj.Batch, fieldOverlapping, n, obj.ID, func(ctx context.Context, ids []string) (map[string][]*model.Event, error) {
		found, err := r.Store.Overlapping(ctx, ids, n)
		if err != nil {
			return nil, err
		}
		var all []string
		for _, events := range found {
			for _, e := range events {
				all = append(all, e.ID)
			}
		}
		g := model.NewGroup(all)
		out := map[string][]*model.Event{}
		for _, id := range ids {
			out[id] = convertIn(found[id], g, model.NewEvent)
		}
		return out, nil
	})
}

var fieldRelations = model.NewNested[struct{}, []*model.EventRelation]("relations")

func (r *Resolver) relations(ctx context.Context, obj *model.Event) ([]*model.EventRelation, error) {
	return model.Load(ctx, obj.Batch, fieldRelations, struct{}{}, obj.ID, func(ctx context.Context, ids []string) (map[string][]*model.EventRelation, error) {
		rows, err := r.Store.EventRelations(ctx, ids)
		if err != nil {
			return nil, err
		}
		var eventIDs, sourceIDs []string
		for _, list := range rows {
			for _, rel := range list {
				eventIDs = append(eventIDs, rel.Node.ID)
				for _, c := range rel.Sources {
					sourceIDs = append(sourceIDs, c.Source.ID)
				}
			}
		}
		eg, sg := model.NewGroup(eventIDs), model.NewGroup(sourceIDs)
		owners := map[string]vocab.Certainty{obj.ID: obj.Certainty}
		out := make(map[string][]*model.EventRelation, len(rows))
		for event, list := range rows {
			for _, rel := range list {
				// A relation with no sources of its own is as certain as the
				// event that lists it: this one, or the other for an incoming
				// one.
				owner := rel.Node.Certainty
				if !rel.Incoming {
					if c, ok := owners[event]; ok {
						owner = c
					}
				}
				out[event] = append(out[event], &model.EventRelation{Type: rel.Type, Event: model.NewEvent(rel.Node, eg),
					Incoming: rel.Incoming, Certainty: linkCertainty(rel.Certainty, owner), Sources: model.NewCitations(rel.Sources, sg)})
			}
		}
		return out, nil
	})
}

var fieldParents = model.NewNested[struct{}, []*model.VersionParent]("parents")

func (r *Resolver) parents(ctx context.Context, obj *model.PlanVersion) ([]*model.VersionParent, error) {
	return model.Load(ctx, obj.Batch, fieldParents, struct{}{}, obj.ID, func(ctx context.Context, ids []string) (map[string][]*model.VersionParent, error) {
		rows, err := store.Links[store.PlanVersion](ctx, r.Store, store.VersionDerivedFrom, store.Outgoing, ids)
		if err != nil {
			return nil, err
		}
		var versionIDs, sourceIDs []string
		for _, list := range rows {
			for _, l := range list {
				versionIDs = append(versionIDs, l.Node.ID)
				for _, c := range l.Sources {
					sourceIDs = append(sourceIDs, c.Source.ID)
				}
			}
		}
		vg, sg := model.NewGroup(versionIDs), model.NewGroup(sourceIDs)
		out := make(map[string][]*model.VersionParent, len(rows))
		for v, list := range rows {
			for _, l := range list {
				out[v] = append(out[v], &model.VersionParent{Version: model.NewPlanVersion(l.Node, vg),
					Certainty: linkCertainty(l.Certainty, obj.Certainty), Sources: model.NewCitations(l.Sources, sg)})
			}
		}
		return out, nil
	})
}

var fieldFates = model.NewNested[struct{}, []*model.PointFateEntry]("fates")

func (r *Resolver) fates(ctx context.Context, obj *model.PlanVersion) ([]*model.PointFateEntry, error) {
	return model.Load(ctx, obj.Batch, fieldFates, struct{}{}, obj.ID, func(ctx context.Context, ids []string) (map[string][]*model.PointFateEntry, error) {
		rows, err := r.Store.VersionFates(ctx, ids)
		if err != nil {
			return nil, err
		}
		out := make(map[string][]*model.PointFateEntry, len(rows))
		for v, list := range rows {
			out[v] = pointFates(v, obj.Batch, list)
		}
		return out, nil
	})
}

// pointFates converts the fates of earlier points in version versionID;
// the points, and the sources, each share a group, and the fates' claims
// load with those of the versions group.
func pointFates(versionID string, versions *model.Group, list []store.PointFate) []*model.PointFateEntry {
	var pointIDs, sourceIDs []string
	for _, f := range list {
		pointIDs = append(pointIDs, f.Point.ID)
		for _, next := range f.Successors {
			pointIDs = append(pointIDs, next.ID)
		}
		for _, c := range f.Sources {
			sourceIDs = append(sourceIDs, c.Source.ID)
		}
	}
	pg, sg := model.NewGroup(pointIDs), model.NewGroup(sourceIDs)
	out := make([]*model.PointFateEntry, len(list))
	for i, f := range list {
		out[i] = &model.PointFateEntry{Point: model.NewPlanPoint(f.Point, pg), Disputed: f.Disputed,
			Sources: model.NewCitations(f.Sources, sg), Successors: make([]*model.PlanPoint, len(f.Successors)),
			VersionID: versionID, Versions: versions}
		if f.Fate != "" {
			fate := f.Fate
			out[i].Fate = &fate
		}
		for j, next := range f.Successors {
			out[i].Successors[j] = model.NewPlanPoint(next, pg)
		}
	}
	return out
}

var fieldPointVersion = model.NewNested[struct{}, *model.PlanVersion]("point version")

// pointVersion is the version of a point; a sub-point's is its point's.
func (r *Resolver) pointVersion(ctx context.Context, obj *model.PlanPoint) (*model.PlanVersion, error) {
	return model.Load(ctx, obj.Batch, fieldPointVersion, struct{}{}, obj.ID, func(ctx context.Context, ids []string) (map[string]*model.PlanVersion, error) {
		rows, err := r.Store.PointVersions(ctx, ids)
		if err != nil {
			return nil, err
		}
		var versionIDs []string
		for _, v := range rows {
			versionIDs = append(versionIDs, v.ID)
		}
		vg := model.NewGroup(versionIDs)
		out := make(map[string]*model.PlanVersion, len(rows))
		for p, v := range rows {
			out[p] = model.NewPlanVersion(v, vg)
		}
		return out, nil
	})
}

var fieldVersions = model.NewNested[struct{}, []*model.PlanVersion]("versions")

func (r *Resolver) versions(ctx context.Context, obj *model.Plan) ([]*model.PlanVersion, error) {
	return model.Load(ctx, obj.Batch, fieldVersions, struct{}{}, obj.ID, func(ctx context.Context, ids []string) (map[string][]*model.PlanVersion, error) {
		rows, err := r.Store.Versions(ctx, ids)
		if err != nil {
			return nil, err
		}
		return grouped(rows, store.PlanVersion.Key, model.NewPlanVersion), nil
	})
}

// fieldEdgeEvents loads the events of every edge of a network together.
var fieldEdgeEvents = model.NewNested[struct{}, *model.Event]("edge events")

func (r *Resolver) edgeEvents(ctx context.Context, obj *model.NetworkEdge) ([]*model.Event, error) {
	byID, err := model.LoadAll(ctx, obj.Batch, fieldEdgeEvents, struct{}{}, func(ctx context.Context, ids []string) (map[string]*model.Event, error) {
		found, err := store.ByID[store.Event](ctx, r.Store, ids)
		if err != nil {
			return nil, err
		}
		g := model.NewGroup(ids)
		out := make(map[string]*model.Event, len(found))
		for id, e := range found {
			out[id] = model.NewEvent(e, g)
		}
		return out, nil
	})
	if err != nil {
		return nil, err
	}
	out := make([]*model.Event, 0, len(obj.EventIDs))
	for _, id := range obj.EventIDs {
		if e := byID[id]; e != nil {
			out = append(out, e)
		}
	}
	return out, nil
}
