package graph

import (
	"maps"
	"strings"

	"github.com/diplograph/diplograph/graph/model"
	"github.com/diplograph/diplograph/store"
)

// The functions below turn store results into GraphQL objects. Objects that
// one statement returned share a group, so their own nested fields load
// together.

func idsOf[T any](items []T, id func(T) string) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = id(it)
	}
	return out
}

func eventID(e store.Event) string     { return e.ID }
func actorID(a store.Actor) string     { return a.ID }
func pointID(p store.PlanPoint) string { return p.ID }

func events(list []store.Event, g *model.Group) []*model.Event {
	out := make([]*model.Event, len(list))
	for i, e := range list {
		out[i] = model.NewEvent(e, g)
	}
	return out
}

func actors(list []store.Actor, g *model.Group) []*model.Actor {
	out := make([]*model.Actor, len(list))
	for i, a := range list {
		out[i] = model.NewActor(a, g)
	}
	return out
}

// grouped converts, for many parents at once, the children a batched
// statement returned; all the children form one group.
func grouped[S, M any](byParent map[string][]S, id func(S) string, conv func(S, *model.Group) M) map[string][]M {
	var all []string
	for _, list := range byParent {
		for _, s := range list {
			all = append(all, id(s))
		}
	}
	g := model.NewGroup(all)
	out := make(map[string][]M, len(byParent))
	for parent, list := range byParent {
		ms := make([]M, len(list))
		for i, s := range list {
			ms[i] = conv(s, g)
		}
		out[parent] = ms
	}
	return out
}

func eventConnection(pg store.EventPage) *model.EventConnection {
	g := model.NewGroup(idsOf(pg.Events, eventID))
	primePlaces(g, pg)
	return newEventConnection(pg, g)
}

// primePlaces hands the places (and sources) the page's statement read to
// Event.place (and Event.sources).
func primePlaces(g *model.Group, pages ...store.EventPage) {
	if sources := pagesSources(pages); sources != nil {
		g.Prime("citations", citationsByParent(sources))
	}
	if parts := pagesParticipants(pages); parts != nil && len(pages) > 0 {
		// The key participants() computes in the participants field.
		g.Prime(argsKey("participants", pages[0].ParticipantFields), participationsByEvent(parts))
	}
	var ids []string
	for _, pg := range pages {
		if pg.Places == nil {
			return
		}
		for _, p := range pg.Places {
			ids = append(ids, p.ID)
		}
	}
	pg := model.NewGroup(ids)
	byEvent := map[string][]*model.Place{}
	for _, page := range pages {
		for event, p := range page.Places {
			byEvent[event] = []*model.Place{model.NewPlace(p, pg)}
		}
	}
	g.Prime(relKey(store.EventAt, store.Outgoing), byEvent)
}

// eventConnections converts one page per parent; the events of all pages
// form one group.
func eventConnections(pages map[string]store.EventPage) map[string]*model.EventConnection {
	var all []string
	for _, pg := range pages {
		all = append(all, idsOf(pg.Events, eventID)...)
	}
	g := model.NewGroup(all)
	list := make([]store.EventPage, 0, len(pages))
	for _, pg := range pages {
		list = append(list, pg)
	}
	primePlaces(g, list...)
	out := make(map[string]*model.EventConnection, len(pages))
	for parent, pg := range pages {
		out[parent] = newEventConnection(pg, g)
	}
	return out
}

func newEventConnection(pg store.EventPage, g *model.Group) *model.EventConnection {
	c := &model.EventConnection{Nodes: events(pg.Events, g), PageInfo: &model.PageInfo{HasNextPage: pg.HasNext}, TotalCount: pg.Total}
	c.Edges = make([]*model.EventEdge, len(c.Nodes))
	for i, n := range c.Nodes {
		c.Edges[i] = &model.EventEdge{Cursor: pg.Cursors[i], Node: n}
	}
	if len(pg.Cursors) > 0 {
		c.PageInfo.EndCursor = &pg.Cursors[len(pg.Cursors)-1]
	}
	return c
}

// pagesSources merges the pages' sources, or is nil when any page was read
// without them.
func pagesSources(pages []store.EventPage) map[string][]store.Citation {
	out := map[string][]store.Citation{}
	for _, pg := range pages {
		if pg.Sources == nil {
			return nil
		}
		maps.Copy(out, pg.Sources)
	}
	return out
}

// pagesParticipants merges the pages' participants, or is nil when any
// page was read without them.
func pagesParticipants(pages []store.EventPage) map[string][]store.Participation {
	out := map[string][]store.Participation{}
	for _, pg := range pages {
		if pg.Participants == nil {
			return nil
		}
		maps.Copy(out, pg.Participants)
	}
	return out
}

func emptyEventConnection() *model.EventConnection {
	return &model.EventConnection{Edges: []*model.EventEdge{}, Nodes: []*model.Event{}, PageInfo: &model.PageInfo{}}
}

func citationsByParent(m map[string][]store.Citation) map[string][]*model.Citation {
	var all []string
	for _, cs := range m {
		for _, c := range cs {
			all = append(all, c.Source.ID)
		}
	}
	g := model.NewGroup(all)
	out := make(map[string][]*model.Citation, len(m))
	for parent, cs := range m {
		out[parent] = model.NewCitations(cs, g)
	}
	return out
}

// node converts a looked-up node of any label.
func node(a store.Any, g *model.Group) model.Node {
	switch v := a.Value.(type) {
	case store.Actor:
		return model.NewActor(v, g)
	case store.Event:
		return model.NewEvent(v, g)
	case store.Place:
		return model.NewPlace(v, g)
	case store.Source:
		return model.NewSource(v, g)
	case store.Plan:
		return model.NewPlan(v, g)
	case store.PlanVersion:
		return model.NewPlanVersion(v, g)
	case store.PlanPoint:
		return model.NewPlanPoint(v, g)
	case store.Stance:
		// A stance found by id alone carries no actor or target yet; Node
		// lookups of stances go through the stance statement instead.
		return nil
	}
	return nil
}

func upper(s string) string { return strings.ToUpper(s) }

func actorConnection(pg store.ActorPage) *model.ActorConnection {
	g := model.NewGroup(idsOf(pg.Actors, actorID))
	c := &model.ActorConnection{Nodes: actors(pg.Actors, g), PageInfo: &model.PageInfo{HasNextPage: pg.HasNext}, TotalCount: pg.Total}
	c.Edges = make([]*model.ActorEdge, len(c.Nodes))
	for i, n := range c.Nodes {
		c.Edges[i] = &model.ActorEdge{Cursor: pg.Cursors[i], Node: n}
	}
	if len(pg.Cursors) > 0 {
		c.PageInfo.EndCursor = &pg.Cursors[len(pg.Cursors)-1]
	}
	return c
}

func pointConnection(pg store.PointPage) *model.PlanPointConnection {
	g := model.NewGroup(idsOf(pg.Points, pointID))
	c := &model.PlanPointConnection{Nodes: make([]*model.PlanPoint, len(pg.Points)), PageInfo: &model.PageInfo{HasNextPage: pg.HasNext}, TotalCount: pg.Total}
	c.Edges = make([]*model.PlanPointEdge, len(pg.Points))
	for i, p := range pg.Points {
		c.Nodes[i] = model.NewPlanPoint(p, g)
		c.Edges[i] = &model.PlanPointEdge{Cursor: pg.Cursors[i], Node: c.Nodes[i]}
	}
	if len(pg.Cursors) > 0 {
		c.PageInfo.EndCursor = &pg.Cursors[len(pg.Cursors)-1]
	}
	return c
}

func network(n store.Network) *model.Network {
	var actorIDs, eventIDs []string
	for _, node := range n.Nodes {
		actorIDs = append(actorIDs, node.Actor.ID)
	}
	for _, e := range n.Edges {
		eventIDs = append(eventIDs, e.EventIDs...)
	}
	ag, eg := model.NewGroup(actorIDs), model.NewGroup(eventIDs)
	out := &model.Network{Nodes: make([]*model.NetworkNode, len(n.Nodes)), Edges: make([]*model.NetworkEdge, len(n.Edges))}
	for i, node := range n.Nodes {
		out.Nodes[i] = &model.NetworkNode{Actor: model.NewActor(node.Actor, ag), EventCount: node.EventCount}
	}
	for i, e := range n.Edges {
		out.Edges[i] = &model.NetworkEdge{Source: model.NewActor(e.Source, ag), Target: model.NewActor(e.Target, ag),
			Weight: e.Weight, EventIDs: e.EventIDs, Batch: eg}
	}
	return out
}

func paths(ps []store.Path) []*model.Path {
	var actorIDs, eventIDs []string
	for _, p := range ps {
		actorIDs = append(actorIDs, idsOf(p.Actors, actorID)...)
		eventIDs = append(eventIDs, idsOf(p.Events, eventID)...)
	}
	ag, eg := model.NewGroup(actorIDs), model.NewGroup(eventIDs)
	out := make([]*model.Path, len(ps))
	for i, p := range ps {
		out[i] = &model.Path{Actors: actors(p.Actors, ag), Events: events(p.Events, eg)}
	}
	return out
}

func planDiff(d store.PlanDiff) *model.PlanDiff {
	var pointIDs []string
	pointIDs = append(pointIDs, idsOf(d.Added, pointID)...)
	pointIDs = append(pointIDs, idsOf(d.Removed, pointID)...)
	for _, r := range d.Revised {
		pointIDs = append(pointIDs, r.Before.ID, r.After.ID)
	}
	pg, vg := model.NewGroup(pointIDs), model.NewGroup([]string{d.From.ID, d.To.ID})
	points := func(list []store.PlanPoint) []*model.PlanPoint {
		out := make([]*model.PlanPoint, len(list))
		for i, p := range list {
			out[i] = model.NewPlanPoint(p, pg)
		}
		return out
	}
	out := &model.PlanDiff{From: model.NewPlanVersion(d.From, vg), To: model.NewPlanVersion(d.To, vg),
		Added: points(d.Added), Removed: points(d.Removed), Revised: []*model.PointRevision{},
		DeclaredFrom: d.From.DeclaredPoints, DeclaredTo: d.To.DeclaredPoints}
	for _, r := range d.Revised {
		out.Revised = append(out.Revised, &model.PointRevision{Before: model.NewPlanPoint(r.Before, pg),
			After: model.NewPlanPoint(r.After, pg), Unchanged: r.Before.Text == r.After.Text})
	}
	return out
}

var searchKinds = map[store.Label]model.SearchKind{}

func init() {
	for k, l := range searchLabels {
		searchKinds[l] = k
	}
}

func searchHits(hits []store.Hit) []*model.SearchHit {
	byLabel := map[store.Label][]string{}
	for _, h := range hits {
		if k, ok := h.Value.(keyed); ok {
			byLabel[h.Label] = append(byLabel[h.Label], k.Key())
		}
	}
	groups := map[store.Label]*model.Group{}
	for l, list := range byLabel {
		groups[l] = model.NewGroup(list)
	}
	out := []*model.SearchHit{}
	for _, h := range hits {
		n, ok := node(store.Any{Label: h.Label, Value: h.Value}, groups[h.Label]).(model.SearchResult)
		if !ok {
			continue
		}
		out = append(out, &model.SearchHit{Kind: searchKinds[h.Label], Score: h.Score, Node: n})
	}
	return out
}
