package graph

// This file will be automatically regenerated based on the schema, any resolver implementations
// will be copied through when generating and any unknown code will be moved to the end.

import (
	"context"

	"github.com/diplograph/diplograph/graph/model"
	"github.com/diplograph/diplograph/store"
)

func (r *actorResolver) Roles(ctx context.Context, obj *model.Actor, at *model.Date) ([]*model.Role, error) {
	return r.roles(ctx, obj, at)
}

func (r *actorResolver) Events(ctx context.Context, obj *model.Actor, filter *model.EventFilter, first *int, after *string) (*model.EventConnection, error) {
	return r.eventsOfActor(ctx, obj, filter, first, after)
}

func (r *actorResolver) Counterparts(ctx context.Context, obj *model.Actor, filter *model.EventFilter, first *int) ([]*model.Counterpart, error) {
	return r.counterparts(ctx, obj, filter, first)
}

func (r *actorResolver) Stances(ctx context.Context, obj *model.Actor) ([]*model.Stance, error) {
	return r.stances(ctx, obj.Batch, store.StancesByActor, obj.ID)
}

func (r *actorResolver) Sources(ctx context.Context, obj *model.Actor) ([]*model.Citation, error) {
	return r.citations(ctx, obj.Batch, store.LabelActor, obj.ID)
}

func (r *eventResolver) Place(ctx context.Context, obj *model.Event) (*model.Place, error) {
	return relatedOne(ctx, r.Resolver, obj.Batch, obj.ID, store.EventAt, store.Outgoing, model.NewPlace)
}

func (r *eventResolver) Participants(ctx context.Context, obj *model.Event) ([]*model.Participation, error) {
	return r.participants(ctx, obj.Batch, obj.ID)
}

func (r *eventResolver) Concerns(ctx context.Context, obj *model.Event) ([]*model.PlanVersion, error) {
	return related(ctx, r.Resolver, obj.Batch, obj.ID, store.EventConcerns, store.Outgoing, model.NewPlanVersion)
}

func (r *eventResolver) Produced(ctx context.Context, obj *model.Event) ([]*model.PlanVersion, error) {
	return related(ctx, r.Resolver, obj.Batch, obj.ID, store.EventProduced, store.Outgoing, model.NewPlanVersion)
}

func (r *eventResolver) LedTo(ctx context.Context, obj *model.Event) ([]*model.Event, error) {
	return related(ctx, r.Resolver, obj.Batch, obj.ID, store.EventLedTo, store.Outgoing, model.NewEvent)
}

func (r *eventResolver) LedFrom(ctx context.Context, obj *model.Event) ([]*model.Event, error) {
	return related(ctx, r.Resolver, obj.Batch, obj.ID, store.EventLedTo, store.Incoming, model.NewEvent)
}

func (r *eventResolver) Previous(ctx context.Context, obj *model.Event) (*model.Event, error) {
	n, err := r.neighbours(ctx, obj)
	return n.previous[obj.ID], err
}

func (r *eventResolver) Next(ctx context.Context, obj *model.Event) (*model.Event, error) {
	n, err := r.neighbours(ctx, obj)
	return n.next[obj.ID], err
}

func (r *eventResolver) Sources(ctx context.Context, obj *model.Event) ([]*model.Citation, error) {
	return r.citations(ctx, obj.Batch, store.LabelEvent, obj.ID)
}

func (r *eventResolver) Disputes(ctx context.Context, obj *model.Event) ([]*model.Dispute, error) {
	return r.disputes(ctx, obj)
}

func (r *networkEdgeResolver) Events(ctx context.Context, obj *model.NetworkEdge) ([]*model.Event, error) {
	byID, err := model.Load(ctx, obj.Batch, "events", "", func(ctx context.Context, ids []string) (map[string]*model.Event, error) {
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

func (r *placeResolver) In(ctx context.Context, obj *model.Place) (*model.Place, error) {
	return relatedOne(ctx, r.Resolver, obj.Batch, obj.ID, store.PlaceLocatedIn, store.Outgoing, model.NewPlace)
}

func (r *placeResolver) Sources(ctx context.Context, obj *model.Place) ([]*model.Citation, error) {
	return r.citations(ctx, obj.Batch, store.LabelPlace, obj.ID)
}

func (r *planResolver) Versions(ctx context.Context, obj *model.Plan) ([]*model.PlanVersion, error) {
	m, err := model.Load(ctx, obj.Batch, "versions", obj.ID, func(ctx context.Context, ids []string) (map[string][]*model.PlanVersion, error) {
		rows, err := r.Store.Versions(ctx, ids)
		if err != nil {
			return nil, err
		}
		return grouped(rows, store.PlanVersion.Key, model.NewPlanVersion), nil
	})
	return m[obj.ID], err
}

func (r *planPointResolver) Territories(ctx context.Context, obj *model.PlanPoint) ([]*model.Place, error) {
	return related(ctx, r.Resolver, obj.Batch, obj.ID, store.PointConcerns, store.Outgoing, model.NewPlace)
}

func (r *planPointResolver) Version(ctx context.Context, obj *model.PlanPoint) (*model.PlanVersion, error) {
	return relatedOne(ctx, r.Resolver, obj.Batch, obj.ID, store.VersionHasPoint, store.Incoming, model.NewPlanVersion)
}

func (r *planPointResolver) Revises(ctx context.Context, obj *model.PlanPoint) (*model.PlanPoint, error) {
	return relatedOne(ctx, r.Resolver, obj.Batch, obj.ID, store.PointRevises, store.Outgoing, model.NewPlanPoint)
}

func (r *planPointResolver) RevisedBy(ctx context.Context, obj *model.PlanPoint) ([]*model.PlanPoint, error) {
	return related(ctx, r.Resolver, obj.Batch, obj.ID, store.PointRevises, store.Incoming, model.NewPlanPoint)
}

func (r *planPointResolver) Stances(ctx context.Context, obj *model.PlanPoint) ([]*model.Stance, error) {
	return r.stances(ctx, obj.Batch, store.StancesOnPoint, obj.ID)
}

func (r *planPointResolver) Sources(ctx context.Context, obj *model.PlanPoint) ([]*model.Citation, error) {
	return r.citations(ctx, obj.Batch, store.LabelPlanPoint, obj.ID)
}

func (r *planVersionResolver) Plan(ctx context.Context, obj *model.PlanVersion) (*model.Plan, error) {
	return relatedOne(ctx, r.Resolver, obj.Batch, obj.ID, store.PlanHasVersion, store.Incoming, model.NewPlan)
}

func (r *planVersionResolver) DerivedFrom(ctx context.Context, obj *model.PlanVersion) (*model.PlanVersion, error) {
	return relatedOne(ctx, r.Resolver, obj.Batch, obj.ID, store.VersionDerivedFrom, store.Outgoing, model.NewPlanVersion)
}

func (r *planVersionResolver) Derivatives(ctx context.Context, obj *model.PlanVersion) ([]*model.PlanVersion, error) {
	return related(ctx, r.Resolver, obj.Batch, obj.ID, store.VersionDerivedFrom, store.Incoming, model.NewPlanVersion)
}

func (r *planVersionResolver) Points(ctx context.Context, obj *model.PlanVersion, topic *model.PointTopic, territory *string) ([]*model.PlanPoint, error) {
	return r.points(ctx, obj, topic, territory)
}

func (r *planVersionResolver) Events(ctx context.Context, obj *model.PlanVersion) ([]*model.Event, error) {
	return related(ctx, r.Resolver, obj.Batch, obj.ID, store.EventConcerns, store.Incoming, model.NewEvent)
}

func (r *planVersionResolver) ProducedBy(ctx context.Context, obj *model.PlanVersion) ([]*model.Event, error) {
	return related(ctx, r.Resolver, obj.Batch, obj.ID, store.EventProduced, store.Incoming, model.NewEvent)
}

func (r *planVersionResolver) Stances(ctx context.Context, obj *model.PlanVersion) ([]*model.Stance, error) {
	return r.stances(ctx, obj.Batch, store.StancesOnVersion, obj.ID)
}

func (r *planVersionResolver) Sources(ctx context.Context, obj *model.PlanVersion) ([]*model.Citation, error) {
	return r.citations(ctx, obj.Batch, store.LabelPlanVersion, obj.ID)
}

func (r *queryResolver) Node(ctx context.Context, id string) (model.Node, error) {
	nodes, err := r.lookup(ctx, []string{id})
	if err != nil {
		return nil, err
	}
	if nodes[0] == nil {
		return nil, notFound("node", id)
	}
	return nodes[0], nil
}

func (r *queryResolver) Nodes(ctx context.Context, ids []string) ([]model.Node, error) {
	return r.lookup(ctx, ids)
}

func (r *queryResolver) Actor(ctx context.Context, id string) (*model.Actor, error) {
	return byID(ctx, r.Resolver, id, "actor", model.NewActor)
}

func (r *queryResolver) Event(ctx context.Context, id string) (*model.Event, error) {
	return byID(ctx, r.Resolver, id, "event", model.NewEvent)
}

func (r *queryResolver) Place(ctx context.Context, id string) (*model.Place, error) {
	return byID(ctx, r.Resolver, id, "place", model.NewPlace)
}

func (r *queryResolver) Plan(ctx context.Context, id string) (*model.Plan, error) {
	return byID(ctx, r.Resolver, id, "plan", model.NewPlan)
}

func (r *queryResolver) PlanVersion(ctx context.Context, id string) (*model.PlanVersion, error) {
	return byID(ctx, r.Resolver, id, "plan version", model.NewPlanVersion)
}

func (r *queryResolver) PlanPoint(ctx context.Context, id string) (*model.PlanPoint, error) {
	return byID(ctx, r.Resolver, id, "plan point", model.NewPlanPoint)
}

func (r *queryResolver) Source(ctx context.Context, id string) (*model.Source, error) {
	return byID(ctx, r.Resolver, id, "source", model.NewSource)
}

func (r *queryResolver) Actors(ctx context.Context, filter *model.ActorFilter, first *int, after *string) (*model.ActorConnection, error) {
	pg, err := page(ctx, first, after, 20)
	if err != nil {
		return nil, err
	}
	var f store.ActorFilter
	if filter != nil {
		f.Kinds = model.StoredList(filter.Kinds)
		if filter.Name != nil {
			f.Name = *filter.Name
		}
	}
	res, err := r.Store.Actors(ctx, f, pg)
	if err != nil {
		return nil, err
	}
	return actorConnection(res), nil
}

func (r *queryResolver) Events(ctx context.Context, filter *model.EventFilter, order *model.EventOrder, first *int, after *string) (*model.EventConnection, error) {
	newestFirst := order == nil || *order == model.EventOrderNewestFirst
	return r.events(ctx, filter, newestFirst, first, after, 20)
}

func (r *queryResolver) Timeline(ctx context.Context, filter *model.EventFilter, first *int, after *string) (*model.EventConnection, error) {
	return r.events(ctx, filter, false, first, after, 50)
}

func (r *queryResolver) Meetings(ctx context.Context, between []string, filter *model.EventFilter, first *int, after *string) (*model.EventConnection, error) {
	if len(between) < 2 {
		return nil, badInput("meetings needs at least two actors, got %d", len(between))
	}
	f := model.EventFilter{}
	if filter != nil {
		f = *filter
	}
	f.Actors = append(append([]string(nil), f.Actors...), between...)
	return r.events(ctx, &f, false, first, after, 20)
}

func (r *queryResolver) Network(ctx context.Context, filter *model.NetworkFilter) (*model.Network, error) {
	f, err := networkFilter(filter)
	if err != nil {
		return nil, err
	}
	net, err := r.Store.Network(ctx, f)
	if err != nil {
		return nil, err
	}
	return network(net), nil
}

func (r *queryResolver) Paths(ctx context.Context, from string, to string, maxHops *int, filter *model.EventFilter, first *int) ([]*model.Path, error) {
	hops, limit, err := pathArgs(from, to, maxHops, first)
	if err != nil {
		return nil, err
	}
	f, err := eventFilter(filter)
	if err != nil {
		return nil, err
	}
	ps, err := r.Store.Paths(ctx, from, to, hops, f, limit)
	if err != nil {
		return nil, err
	}
	return paths(ps), nil
}

func (r *queryResolver) Plans(ctx context.Context) ([]*model.Plan, error) {
	plans, err := r.Store.Plans(ctx)
	if err != nil {
		return nil, err
	}
	g := model.NewGroup(idsOf(plans, store.Plan.Key))
	out := make([]*model.Plan, len(plans))
	for i, p := range plans {
		out[i] = model.NewPlan(p, g)
	}
	return out, nil
}

func (r *queryResolver) PlanPoints(ctx context.Context, filter *model.PlanPointFilter, first *int, after *string) (*model.PlanPointConnection, error) {
	f, err := pointFilter(filter)
	if err != nil {
		return nil, err
	}
	pg, err := page(ctx, first, after, 50)
	if err != nil {
		return nil, err
	}
	res, err := r.Store.PlanPoints(ctx, f, pg)
	if err != nil {
		return nil, err
	}
	return pointConnection(res), nil
}

func (r *queryResolver) PlanDiff(ctx context.Context, from string, to string) (*model.PlanDiff, error) {
	if err := checkIDs([]string{from, to}); err != nil {
		return nil, err
	}
	d, err := r.Store.PlanDiff(ctx, from, to)
	if err != nil {
		return nil, err
	}
	return planDiff(d), nil
}

func (r *queryResolver) Search(ctx context.Context, query string, kinds []model.SearchKind, first *int) ([]*model.SearchHit, error) {
	labels, limit, err := searchArgs(query, kinds, first)
	if err != nil {
		return nil, err
	}
	hits, err := r.Store.Search(ctx, query, labels, limit)
	if err != nil {
		return nil, err
	}
	return searchHits(hits), nil
}

func (r *sourceResolver) PublisherActor(ctx context.Context, obj *model.Source) (*model.Actor, error) {
	return relatedOne(ctx, r.Resolver, obj.Batch, obj.ID, store.SourcePublishedBy, store.Outgoing, model.NewActor)
}

func (r *stanceResolver) Sources(ctx context.Context, obj *model.Stance) ([]*model.Citation, error) {
	return r.citations(ctx, obj.Batch, store.LabelStance, obj.ID)
}

// Actor returns ActorResolver implementation.
func (r *Resolver) Actor() ActorResolver { return &actorResolver{r} }

// Event returns EventResolver implementation.
func (r *Resolver) Event() EventResolver { return &eventResolver{r} }

// NetworkEdge returns NetworkEdgeResolver implementation.
func (r *Resolver) NetworkEdge() NetworkEdgeResolver { return &networkEdgeResolver{r} }

// Place returns PlaceResolver implementation.
func (r *Resolver) Place() PlaceResolver { return &placeResolver{r} }

// Plan returns PlanResolver implementation.
func (r *Resolver) Plan() PlanResolver { return &planResolver{r} }

// PlanPoint returns PlanPointResolver implementation.
func (r *Resolver) PlanPoint() PlanPointResolver { return &planPointResolver{r} }

// PlanVersion returns PlanVersionResolver implementation.
func (r *Resolver) PlanVersion() PlanVersionResolver { return &planVersionResolver{r} }

// Query returns QueryResolver implementation.
func (r *Resolver) Query() QueryResolver { return &queryResolver{r} }

// Source returns SourceResolver implementation.
func (r *Resolver) Source() SourceResolver { return &sourceResolver{r} }

// Stance returns StanceResolver implementation.
func (r *Resolver) Stance() StanceResolver { return &stanceResolver{r} }

type actorResolver struct{ *Resolver }
type eventResolver struct{ *Resolver }
type networkEdgeResolver struct{ *Resolver }
type placeResolver struct{ *Resolver }
type planResolver struct{ *Resolver }
type planPointResolver struct{ *Resolver }
type planVersionResolver struct{ *Resolver }
type queryResolver struct{ *Resolver }
type sourceResolver struct{ *Resolver }
type stanceResolver struct{ *Resolver }
