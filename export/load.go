package export

import (
	"context"
	"fmt"
	"sort"

	"github.com/diplograph/diplograph/store"
	"github.com/diplograph/diplograph/vocab"
)

// MaxEvents bounds one export; a filter that selects more is refused.
const MaxEvents = 20000

// pageSize is how many events one statement reads.
const pageSize = 500

// Event is an event with what an export shows of it.
type Event struct {
	store.Event
	Places       []store.Place
	Participants []store.Participation
	Sources      []store.Citation
}

// LoadEvents reads the events the filter selects, oldest first, with their
// place, participants and sources. Actors are actors who all took part.
func LoadEvents(ctx context.Context, st *store.Store, f Filter) ([]Event, error) {
	ev := f.eventFilter(true)
	// Each page brings its events' places, participants and sources along.
	page := store.Page{First: pageSize, Sources: true, Participants: true,
		ParticipantFields: store.ParticipantFields{Represents: true, Sources: true}}
	var out []Event
	for {
		pg, err := st.Events(ctx, ev, false, page)
		if err != nil {
			return nil, err
		}
		for _, e := range pg.Items {
			x := Event{Event: e, Participants: pg.Participants[e.ID], Sources: pg.Sources[e.ID], Places: pg.Places[e.ID]}
			out = append(out, x)
		}
		if len(out) > MaxEvents {
			return nil, fmt.Errorf("export: the filter selects more than %d events; narrow it", MaxEvents)
		}
		if !pg.HasNext || len(pg.Cursors) == 0 {
			break
		}
		page.After = pg.Cursors[len(pg.Cursors)-1]
	}
	return out, nil
}

// Node is an actor of the network.
type Node struct {
	Actor store.Actor
	// EventCount is the number of events the actor took part in within the
	// filter; EventIDs lists them, oldest first.
	EventCount int
	EventIDs   []string
	// SourceURLs are the URLs of the sources of those events.
	SourceURLs []string
}

// Edge joins two actors who took part in the same events: their
// participations are links (docs/model.md, "Contact").
type Edge struct {
	Source, Target store.Actor
	// EventIDs are the shared events, oldest first.
	EventIDs   []string
	SourceURLs []string
	// Certainty is that of the strongest link between the two.
	Certainty vocab.Certainty
}

// Weight is the number of shared events.
func (e Edge) Weight() int { return len(e.EventIDs) }

// ID names the edge after its ends.
func (e Edge) ID() string { return e.Source.ID + "--" + e.Target.ID }

// Network is the co-participation network an export holds.
type Network struct {
	Nodes []Node
	Edges []Edge
}

// LoadNetwork reads the co-participation network the filter selects, with
// each actor's events and the sources' URLs of every event. Actors name a
// neighbourhood, Hops (default 1) shared events around them.
func LoadNetwork(ctx context.Context, st *store.Store, f Filter) (Network, error) {
	hops := f.Hops
	if hops == 0 {
		hops = 1
	}
	ev := f.eventFilter(false)
	net, err := st.Network(ctx, store.NetworkFilter{Events: ev, Actors: f.Actors, Hops: hops, MaxEdges: vocab.MaxNetworkEdges, WithEvents: true})
	if err != nil {
		return Network{}, err
	}
	ids := make([]string, len(net.Nodes))
	for i, n := range net.Nodes {
		ids[i] = n.Actor.ID
	}
	// Each actor's events are those its links count: the same events as
	// its event count.
	own := ev
	own.Met = true
	pages, err := st.EventsOfActors(ctx, ids, own, false, store.Page{First: MaxEvents})
	if err != nil {
		return Network{}, err
	}
	seen := map[string]bool{}
	var eventIDs []string
	add := func(id string) {
		if !seen[id] {
			seen[id] = true
			eventIDs = append(eventIDs, id)
		}
	}
	var out Network
	for _, n := range net.Nodes {
		node := Node{Actor: n.Actor, EventCount: n.EventCount}
		for _, e := range pages[n.Actor.ID].Items {
			node.EventIDs = append(node.EventIDs, e.ID)
			add(e.ID)
		}
		out.Nodes = append(out.Nodes, node)
	}
	for _, e := range net.Edges {
		// Source and target in id order, so an edge reads the same in
		// every export.
		s, t := e.Source, e.Target
		if t.ID < s.ID {
			s, t = t, s
		}
		out.Edges = append(out.Edges, Edge{Source: s, Target: t, EventIDs: e.EventIDs, Certainty: e.Certainty})
		for _, id := range e.EventIDs {
			add(id)
		}
	}
	cites, err := st.Citations(ctx, store.LabelEvent, eventIDs)
	if err != nil {
		return Network{}, err
	}
	for i := range out.Nodes {
		out.Nodes[i].SourceURLs = sourceURLs(cites, out.Nodes[i].EventIDs)
	}
	for i := range out.Edges {
		out.Edges[i].SourceURLs = sourceURLs(cites, out.Edges[i].EventIDs)
	}
	sort.SliceStable(out.Edges, func(i, j int) bool {
		a, b := out.Edges[i], out.Edges[j]
		if a.Weight() != b.Weight() {
			return a.Weight() > b.Weight()
		}
		return a.ID() < b.ID()
	})
	return out, nil
}

// sourceURLs lists, once each and in order of first citation, the URLs of
// the sources of the given events.
func sourceURLs(cites map[string][]store.Citation, eventIDs []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, id := range eventIDs {
		for _, c := range cites[id] {
			if c.Source.URL != nil && *c.Source.URL != "" && !seen[*c.Source.URL] {
				seen[*c.Source.URL] = true
				out = append(out, *c.Source.URL)
			}
		}
	}
	return out
}
