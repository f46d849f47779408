package graph

import (
	"context"
	"sort"

	"github.com/diplograph/diplograph/graph/model"
	"github.com/diplograph/diplograph/store"
)

// The helpers below load a nested field once for an object's whole group
// (see model.Group) and hand each object its share.

type keyed interface{ Key() string }

func dirName(d store.Direction) string {
	if d == store.Incoming {
		return "in"
	}
	return "out"
}

// relKey is the group key under which related loads a relationship spec.
func relKey(spec store.RelSpec, dir store.Direction) string {
	return "rel:" + spec.String() + ":" + dirName(dir)
}

// related loads the nodes at the other end of a relationship spec.
func related[S keyed, M any](ctx context.Context, r *Resolver, g *model.Group, id string, spec store.RelSpec, dir store.Direction, conv func(S, *model.Group) M) ([]M, error) {
	m, err := model.Load(ctx, g, relKey(spec, dir), id, func(ctx context.Context, ids []string) (map[string][]M, error) {
		rows, err := store.Related[S](ctx, r.Store, spec, dir, ids)
		if err != nil {
			return nil, err
		}
		return grouped(rows, S.Key, conv), nil
	})
	return m[id], err
}

// relatedOne is related for a relationship with at most one node at the other end.
func relatedOne[S keyed, M any](ctx context.Context, r *Resolver, g *model.Group, id string, spec store.RelSpec, dir store.Direction, conv func(S, *model.Group) M) (M, error) {
	list, err := related(ctx, r, g, id, spec, dir, conv)
	if err != nil || len(list) == 0 {
		var zero M
		return zero, err
	}
	return list[0], nil
}

func (r *Resolver) citations(ctx context.Context, g *model.Group, label store.Label, id string) ([]*model.Citation, error) {
	m, err := model.Load(ctx, g, "citations", id, func(ctx context.Context, ids []string) (map[string][]*model.Citation, error) {
		rows, err := r.Store.Citations(ctx, label, ids)
		if err != nil {
			return nil, err
		}
		return citationsByParent(rows), nil
	})
	return m[id], err
}

func (r *Resolver) stances(ctx context.Context, g *model.Group, parent store.StanceParent, id string) ([]*model.Stance, error) {
	m, err := model.Load(ctx, g, "stances", id, func(ctx context.Context, ids []string) (map[string][]*model.Stance, error) {
		rows, err := r.Store.Stances(ctx, parent, ids)
		if err != nil {
			return nil, err
		}
		return stancesByParent(rows), nil
	})
	return m[id], err
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

func (r *Resolver) participants(ctx context.Context, g *model.Group, id string) ([]*model.Participation, error) {
	m, err := model.Load(ctx, g, participantsKey(ctx), id, func(ctx context.Context, ids []string) (map[string][]*model.Participation, error) {
		rows, err := r.Store.Participants(ctx, ids, participantFields(ctx))
		if err != nil {
			return nil, err
		}
		return participationsByEvent(rows), nil
	})
	return m[id], err
}

// participantFields: whom a participant represented and on whose word are
// joins that cost most of the statement, read only when asked for. ctx is
// the participants field's.
func participantFields(ctx context.Context) store.ParticipantFields {
	return store.ParticipantFields{Represents: selects(ctx, "represents"), Sources: selects(ctx, "sources")}
}

func participantsKey(ctx context.Context) string {
	return argsKey("participants", participantFields(ctx))
}

func participationsByEvent(rows map[string][]store.Participation) map[string][]*model.Participation {
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
			mp := &model.Participation{Actor: model.NewActor(p.Actor, ag), Role: model.ParticipantRole(upper(p.Role)),
				Unconfirmed: p.Unconfirmed, Sources: model.NewCitations(p.Sources, sg)}
			if p.Represents != nil {
				mp.Represents = model.NewActor(*p.Represents, rg)
			}
			out[event] = append(out[event], mp)
		}
	}
	return out
}

func (r *Resolver) roles(ctx context.Context, obj *model.Actor, at *model.Date) ([]*model.Role, error) {
	m, err := model.Load(ctx, obj.Batch, argsKey("roles", at), obj.ID, func(ctx context.Context, ids []string) (map[string][]*model.Role, error) {
		rows, err := r.Store.Roles(ctx, ids, at.Ptr())
		if err != nil {
			return nil, err
		}
		var forIDs, sourceIDs []string
		for _, list := range rows {
			for _, role := range list {
				if role.For != nil {
					forIDs = append(forIDs, role.For.ID)
				}
				for _, c := range role.Sources {
					sourceIDs = append(sourceIDs, c.Source.ID)
				}
			}
		}
		fg, sg := model.NewGroup(forIDs), model.NewGroup(sourceIDs)
		out := make(map[string][]*model.Role, len(rows))
		for actor, list := range rows {
			for _, role := range list {
				mr := &model.Role{ID: role.ID, Title: role.Title, From: model.NewPartialDateOpt(role.From),
					Until: model.NewPartialDateOpt(role.Until), Sources: model.NewCitations(role.Sources, sg)}
				if role.For != nil {
					mr.For = model.NewActor(*role.For, fg)
				}
				out[actor] = append(out[actor], mr)
			}
		}
		return out, nil
	})
	return m[obj.ID], err
}

type neighbours struct{ previous, next map[string]*model.Event }

func (r *Resolver) neighbours(ctx context.Context, obj *model.Event) (neighbours, error) {
	return model.Load(ctx, obj.Batch, "neighbours", obj.ID, func(ctx context.Context, ids []string) (neighbours, error) {
		prev, next, err := r.Store.Neighbours(ctx, ids)
		if err != nil {
			return neighbours{}, err
		}
		var all []string
		for _, e := range prev {
			all = append(all, e.ID)
		}
		for _, e := range next {
			all = append(all, e.ID)
		}
		g := model.NewGroup(all)
		n := neighbours{previous: map[string]*model.Event{}, next: map[string]*model.Event{}}
		for k, e := range prev {
			n.previous[k] = model.NewEvent(e, g)
		}
		for k, e := range next {
			n.next[k] = model.NewEvent(e, g)
		}
		return n, nil
	})
}

func (r *Resolver) disputes(ctx context.Context, obj *model.Event) ([]*model.Dispute, error) {
	m, err := model.Load(ctx, obj.Batch, "disputes", obj.ID, func(ctx context.Context, ids []string) (map[string][]*model.Dispute, error) {
		rows, err := r.Store.Claims(ctx, ids)
		if err != nil {
			return nil, err
		}
		return disputesByEvent(rows), nil
	})
	return m[obj.ID], err
}

// disputesByEvent groups each event's claims by the field they dispute.
func disputesByEvent(rows map[string][]store.Claim) map[string][]*model.Dispute {
	var sourceIDs []string
	for _, list := range rows {
		for _, c := range list {
			for _, s := range c.Sources {
				sourceIDs = append(sourceIDs, s.Source.ID)
			}
		}
	}
	sg := model.NewGroup(sourceIDs)
	out := make(map[string][]*model.Dispute, len(rows))
	for event, claims := range rows {
		byField := map[string]*model.Dispute{}
		for _, c := range claims {
			d := byField[c.Field]
			if d == nil {
				d = &model.Dispute{Field: c.Field}
				byField[c.Field] = d
				out[event] = append(out[event], d)
			}
			v := &model.DisputedValue{Value: c.Value, Display: c.Display, Preferred: c.Preferred, Sources: model.NewCitations(c.Sources, sg)}
			d.Values = append(d.Values, v)
			if c.Preferred {
				d.Preferred = v
			}
		}
		sort.Slice(out[event], func(i, j int) bool { return out[event][i].Field < out[event][j].Field })
	}
	return out
}
