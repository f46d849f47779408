package export

import (
	"context"
	"fmt"
	"sort"
	"time"

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
	// SourceURLs are the URLs of the sources of those events; Unlinked
	// names their sources that have no URL (a paper, a broadcast).
	SourceURLs []string
	Unlinked   []string
	// Start and End are the earliest and latest possible days of its first
	// and last event (zero when none is dated), for dynamic graphs.
	Start, End time.Time
}

// Edge joins two actors who took part in the same events: their
// participations are links (docs/model.md, "Contact").
type Edge struct {
	Source, Target store.Actor
	// EventIDs are the shared events, oldest first.
	EventIDs   []string
	SourceURLs []string
	Unlinked   []string
	// Certainty is that of the strongest link between the two.
	Certainty vocab.Certainty
	// Start and End span the shared events' possible days.
	Start, End time.Time
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
	events := map[string]store.Event{}
	var out Network
	for _, n := range net.Nodes {
		node := Node{Actor: n.Actor, EventCount: n.EventCount}
		for _, e := range pages[n.Actor.ID].Items {
			node.EventIDs = append(node.EventIDs, e.ID)
			events[e.ID] = e
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
	// An edge's events are its ends' events; read any that are not.
	var missing []string
	for _, id := range eventIDs {
		if _, ok := events[id]; !ok {
			missing = append(missing, id)
		}
	}
	more, err := store.ByID[store.Event](ctx, st, missing)
	if err != nil {
		return Network{}, err
	}
	for id, e := range more {
		events[id] = e
	}
	for i := range out.Nodes {
		n := &out.Nodes[i]
		n.SourceURLs, n.Unlinked = sources(cites, n.EventIDs)
		n.Start, n.End = span(events, n.EventIDs)
	}
	for i := range out.Edges {
		e := &out.Edges[i]
		e.SourceURLs, e.Unlinked = sources(cites, e.EventIDs)
		e.Start, e.End = span(events, e.EventIDs)
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

// sources lists, once each and in order of first citation, the URLs of the
// sources of the given events, and the names of those without a URL, so
// that no source is left out.
func sources(cites map[string][]store.Citation, eventIDs []string) (urls, unlinked []string) {
	seen := map[string]bool{}
	for _, id := range eventIDs {
		for _, c := range cites[id] {
			if seen[c.Source.ID] {
				continue
			}
			seen[c.Source.ID] = true
			if c.Source.URL != nil && *c.Source.URL != "" {
				if !seen["url "+*c.Source.URL] {
					seen["url "+*c.Source.URL] = true
					urls = append(urls, *c.Source.URL)
				}
				continue
			}
			unlinked = append(unlinked, SourceName(c.Source))
		}
	}
	return urls, unlinked
}

// span is the first and last day the given events may have happened on:
// the earliest day of the earliest and the latest day of the latest. Both
// are zero when none is dated.
func span(events map[string]store.Event, ids []string) (start, end time.Time) {
	for _, id := range ids {
		e, ok := events[id]
		if !ok || e.Date.IsZero() {
			continue
		}
		first, last := EventDays(e)
		if start.IsZero() || first.Before(start) {
			start = first
		}
		if end.IsZero() || last.After(end) {
			end = last
		}
	}
	return start, end
}

// EventDays are the earliest and latest days an event may have happened
// on, from its date and its end.
func EventDays(e store.Event) (first, last time.Time) {
	first, last = e.Date.Earliest(), e.Date.Latest()
	if e.End != nil && !e.End.IsZero() && e.End.Latest().After(last) {
		last = e.End.Latest()
	}
	return first, last
}

// SourceName names a source for people: "Publisher: Title", or its label
// (its publisher and date, or its URL).
func SourceName(s store.Source) string {
	name := s.Label()
	if s.Publisher != nil && s.Title != nil {
		name = *s.Publisher + ": " + name
	}
	return name
}
