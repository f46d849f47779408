package graph

import (
	"maps"

	"github.com/diplograph/diplograph/graph/model"
	"github.com/diplograph/diplograph/store"
	"github.com/diplograph/diplograph/vocab"
)

// The functions below turn store results into GraphQL objects. Objects that
// one statement returned share a group, so their own nested fields load
// together.

func idsOf[T keyed](items []T) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.Key()
	}
	return out
}

// convertAll converts a list; the objects form one group.
func convertAll[S keyed, M any](list []S, conv func(S, *model.Group) M) []M {
	g := model.NewGroup(idsOf(list))
	return convertIn(list, g, conv)
}

// convertIn converts a list into a group made for a larger set.
func convertIn[S, M any](list []S, g *model.Group, conv func(S, *model.Group) M) []M {
	out := make([]M, len(list))
	for i, s := range list {
		out[i] = conv(s, g)
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
		out[parent] = convertIn(list, g, conv)
	}
	return out
}

// connection builds what every connection holds from one page of a list:
// its nodes, an edge per node with the node's cursor, and the page info.
func connection[S, N, E any](pg store.ListPage[S], nodes []N, edge func(cursor string, n N) E) ([]N, []E, *model.PageInfo) {
	edges := make([]E, len(nodes))
	for i, n := range nodes {
		edges[i] = edge(pg.Cursors[i], n)
	}
	// An empty page (first: 0) has no cursor to continue from, so it has
	// no next page either: hasNextPage true with a null endCursor would
	// send a client paging by cursor back to the start, forever.
	info := &model.PageInfo{HasNextPage: pg.HasNext && len(pg.Cursors) > 0}
	if len(pg.Cursors) > 0 {
		info.EndCursor = &pg.Cursors[len(pg.Cursors)-1]
	}
	return nodes, edges, info
}

func actorConnection(pg store.ListPage[store.Actor]) *model.ActorConnection {
	nodes, edges, info := connection(pg, convertAll(pg.Items, model.NewActor),
		func(c string, n *model.Actor) *model.ActorEdge { return &model.ActorEdge{Cursor: c, Node: n} })
	return &model.ActorConnection{Nodes: nodes, Edges: edges, PageInfo: info, TotalCount: pg.Total}
}

func pointConnection(pg store.ListPage[store.PlanPoint]) *model.PlanPointConnection {
	nodes, edges, info := connection(pg, convertAll(pg.Items, model.NewPlanPoint),
		func(c string, n *model.PlanPoint) *model.PlanPointEdge {
			return &model.PlanPointEdge{Cursor: c, Node: n}
		})
	return &model.PlanPointConnection{Nodes: nodes, Edges: edges, PageInfo: info, TotalCount: pg.Total}
}

func newEventConnection(pg store.EventPage, g *model.Group) *model.EventConnection {
	nodes, edges, info := connection(pg.ListPage, convertIn(pg.Items, g, model.NewEvent),
		func(c string, n *model.Event) *model.EventEdge { return &model.EventEdge{Cursor: c, Node: n} })
	return &model.EventConnection{Nodes: nodes, Edges: edges, PageInfo: info, TotalCount: pg.Total}
}

func eventConnection(pg store.EventPage) *model.EventConnection {
	g := model.NewGroup(idsOf(pg.Items))
	primePages(g, pg)
	return newEventConnection(pg, g)
}

// eventConnections converts one page per parent; the events of all pages
// form one group.
func eventConnections(pages map[string]store.EventPage) map[string]*model.EventConnection {
	var all []string
	list := make([]store.EventPage, 0, len(pages))
	for _, pg := range pages {
		all = append(all, idsOf(pg.Items)...)
		list = append(list, pg)
	}
	g := model.NewGroup(all)
	primePages(g, list...)
	out := make(map[string]*model.EventConnection, len(pages))
	for parent, pg := range pages {
		out[parent] = newEventConnection(pg, g)
	}
	return out
}

// primePages hands the places, sources and participants that the pages'
// statement read to Event.place, Event.sources and Event.participants.
func primePages(g *model.Group, pages ...store.EventPage) {
	if len(pages) == 0 {
		return
	}
	if sources := merged(pages, func(pg store.EventPage) map[string][]store.Citation { return pg.Sources }); sources != nil {
		model.Prime(g, fieldCitations, store.LabelEvent, citationsByParent(sources))
	}
	if parts := merged(pages, func(pg store.EventPage) map[string][]store.Participation { return pg.Participants }); parts != nil {
		model.Prime(g, fieldParticipants, pages[0].ParticipantFields, participationsByEvent(parts, g))
	}
	if places := merged(pages, func(pg store.EventPage) map[string][]store.Place { return pg.Places }); places != nil {
		primeRelated(g, relEventPlaces, grouped(places, store.Place.Key, model.NewPlace))
	}
}

// merged merges one part of every page, or is nil when a page was read
// without it.
func merged[V any](pages []store.EventPage, part func(store.EventPage) map[string]V) map[string]V {
	out := map[string]V{}
	for _, pg := range pages {
		m := part(pg)
		if m == nil {
			return nil
		}
		maps.Copy(out, m)
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

// nodeKinds converts a node that node(id) or search found, by label: a row
// per label the store's entity table lets node(id) find. A stance found by
// id alone carries no actor or target, so lookups take the stance
// statement for stances instead.
var nodeKinds = map[store.Label]func(v any, g *model.Group) model.Node{
	store.LabelActor:       nodeKind(model.NewActor),
	store.LabelEvent:       nodeKind(model.NewEvent),
	store.LabelPlace:       nodeKind(model.NewPlace),
	store.LabelSource:      nodeKind(model.NewSource),
	store.LabelPlan:        nodeKind(model.NewPlan),
	store.LabelPlanVersion: nodeKind(model.NewPlanVersion),
	store.LabelPlanPoint:   nodeKind(model.NewPlanPoint),
}

func nodeKind[S any, M model.Node](conv func(S, *model.Group) M) func(any, *model.Group) model.Node {
	return func(v any, g *model.Group) model.Node {
		s, ok := v.(S)
		if !ok {
			return nil
		}
		return conv(s, g)
	}
}

func node(a store.Any, g *model.Group) model.Node {
	if conv, ok := nodeKinds[a.Label]; ok {
		return conv(a.Value, g)
	}
	return nil
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
			Weight: e.Weight, Certainty: e.Certainty, EventIDs: e.EventIDs, Batch: eg}
	}
	return out
}

func paths(ps []store.Path) []*model.Path {
	var actorIDs, eventIDs []string
	for _, p := range ps {
		actorIDs = append(actorIDs, idsOf(p.Actors)...)
		eventIDs = append(eventIDs, idsOf(p.Events)...)
	}
	ag, eg := model.NewGroup(actorIDs), model.NewGroup(eventIDs)
	out := make([]*model.Path, len(ps))
	for i, p := range ps {
		mp := &model.Path{Actors: convertIn(p.Actors, ag, model.NewActor), Events: convertIn(p.Events, eg, model.NewEvent),
			Steps: []*model.PathStep{}, Certainty: p.Certainty()}
		for j, c := range p.Steps {
			mp.Steps = append(mp.Steps, &model.PathStep{From: mp.Actors[j], Event: mp.Events[j], To: mp.Actors[j+1], Certainty: c})
		}
		out[i] = mp
	}
	return out
}

func planDiff(d store.PlanDiff) *model.PlanDiff {
	var pointIDs []string
	pointIDs = append(pointIDs, idsOf(d.Added)...)
	pointIDs = append(pointIDs, idsOf(d.Removed)...)
	pointIDs = append(pointIDs, idsOf(d.Unknown)...)
	pointIDs = append(pointIDs, idsOf(d.Disputed)...)
	for _, r := range d.Revised {
		pointIDs = append(pointIDs, r.Before.ID, r.After.ID)
	}
	pg, vg := model.NewGroup(pointIDs), model.NewGroup([]string{d.From.ID, d.To.ID})
	out := &model.PlanDiff{From: model.NewPlanVersion(d.From, vg), To: model.NewPlanVersion(d.To, vg),
		Added: convertIn(d.Added, pg, model.NewPlanPoint), Removed: convertIn(d.Removed, pg, model.NewPlanPoint),
		Unknown: convertIn(d.Unknown, pg, model.NewPlanPoint), Disputed: convertIn(d.Disputed, pg, model.NewPlanPoint),
		Revised: []*model.PointRevision{}, Fates: pointFates(d.To.ID, vg, d.Fates), DeclaredFrom: d.From.DeclaredPoints, DeclaredTo: d.To.DeclaredPoints}
	for _, r := range d.Revised {
		out.Revised = append(out.Revised, &model.PointRevision{Before: model.NewPlanPoint(r.Before, pg),
			After: model.NewPlanPoint(r.After, pg), Unchanged: sameText(r.Before, r.After)})
	}
	return out
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
		e, ok := store.EntityOf(h.Label)
		n, isResult := node(h.Any, groups[h.Label]).(model.SearchResult)
		if !ok || !isResult || e.Search == "" {
			continue
		}
		out = append(out, &model.SearchHit{Kind: e.Search, Score: h.Score, Node: n})
	}
	return out
}

// searchLabels maps the kinds a search may ask for to labels, from the
// store's table of entities.
var searchLabels = func() map[vocab.SearchKind]store.Label {
	out := map[vocab.SearchKind]store.Label{}
	for _, e := range store.Entities {
		if e.Search != "" {
			out[e.Search] = e.Label
		}
	}
	return out
}()

func sameText(a, b store.PlanPoint) bool {
	return a.Text != nil && b.Text != nil && *a.Text == *b.Text
}
