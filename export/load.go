package export

import (
	"context"
	"sort"
	"time"

	"github.com/diplograph/diplograph/store"
	"github.com/diplograph/diplograph/vocab"
)

// Exports stream: rows are written as they are read, and only one batch of
// them is held at a time, so memory stays bounded whatever the graph's
// size (the network's structure, at most vocab.MaxNetworkEdges edges, is
// read first). The number of statements grows with the rows, a batch each.

// pageSize is how many events one statement reads for the event formats
// (a variable for tests).
var pageSize = 500

// batchEvents bounds the events one statement reads for the network's
// nodes or edges: a batch takes actors (or edges) until their events add
// up to this. One actor with more events is a batch of its own. (A
// variable for tests.)
var batchEvents = 8000

// Event is an event with what an export shows of it.
type Event struct {
	store.Event
	Places       []store.Place
	Participants []store.Participation
	Sources      []store.Citation
}

// eachEvent reads the events the filter selects, oldest first, with their
// places, participants and sources, a page at a time, and hands each to
// fn. Actors are actors who all took part. It returns how many there were.
func eachEvent(ctx context.Context, st *store.Store, f Filter, fn func(Event) error) (int, error) {
	ev := f.eventFilter(true)
	// Each page brings its events' places, participants and sources along;
	// no format shows the participations' own citations, which would double
	// what a page reads.
	page := store.Page{First: pageSize, Places: true, Sources: true, Participants: true,
		ParticipantFields: store.ParticipantFields{Represents: true}}
	n := 0
	for {
		pg, err := st.Events(ctx, ev, false, page)
		if err != nil {
			return n, err
		}
		for _, e := range pg.Items {
			if err := fn(Event{Event: e, Participants: pg.Participants[e.ID], Sources: pg.Sources[e.ID], Places: pg.Places[e.ID]}); err != nil {
				return n, err
			}
			n++
		}
		if !pg.HasNext || len(pg.Cursors) == 0 {
			return n, nil
		}
		page.After = pg.Cursors[len(pg.Cursors)-1]
	}
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

// networkSink writes a network as it is read: begin with the counts, the
// nodes, edges between the last node and the first edge, then end.
type networkSink interface {
	begin(nodes, edges int) error
	node(Node) error
	edges() error
	edge(Edge) error
	end() error
}

// writeNetwork reads the co-participation network the filter selects, with
// each actor's events and the sources' URLs of every event, and writes it
// to sink batch by batch. Actors name a neighbourhood, Hops (default 1)
// shared events around them.
func writeNetwork(ctx context.Context, st *store.Store, f Filter, sink networkSink) error {
	hops := f.Hops
	if hops == 0 {
		hops = 1
	}
	ev := f.eventFilter(false)
	net, err := st.Network(ctx, store.NetworkFilter{Events: ev, Actors: f.Actors, Hops: hops, MaxEdges: vocab.MaxNetworkEdges, WithEvents: true})
	if err != nil {
		return err
	}
	// Source and target in id order, heaviest edges first, so an edge
	// reads the same in every export.
	for i := range net.Edges {
		if e := &net.Edges[i]; e.Target.ID < e.Source.ID {
			e.Source, e.Target = e.Target, e.Source
		}
	}
	sort.SliceStable(net.Edges, func(i, j int) bool {
		a, b := net.Edges[i], net.Edges[j]
		if len(a.EventIDs) != len(b.EventIDs) {
			return len(a.EventIDs) > len(b.EventIDs)
		}
		return a.Source.ID+"--"+a.Target.ID < b.Source.ID+"--"+b.Target.ID
	})
	if err := sink.begin(len(net.Nodes), len(net.Edges)); err != nil {
		return err
	}
	// Each actor's events are those its links count: the same events as
	// its event count.
	own := ev
	own.Met = true
	for _, batch := range batches(net.Nodes, func(n store.NetworkNode) int { return n.EventCount }) {
		ids := make([]string, len(batch))
		most := 0
		for i, n := range batch {
			ids[i] = n.Actor.ID
			most = max(most, n.EventCount)
		}
		pages, err := st.EventsOfActors(ctx, ids, own, false, store.Page{First: max(most, 1)})
		if err != nil {
			return err
		}
		events := map[string]store.Event{}
		var eventIDs []string
		for _, id := range ids {
			for _, e := range pages[id].Items {
				if _, ok := events[e.ID]; !ok {
					events[e.ID] = e
					eventIDs = append(eventIDs, e.ID)
				}
			}
		}
		cites, err := readSources(ctx, st, eventIDs)
		if err != nil {
			return err
		}
		for _, n := range batch {
			node := Node{Actor: n.Actor, EventCount: n.EventCount}
			for _, e := range pages[n.Actor.ID].Items {
				node.EventIDs = append(node.EventIDs, e.ID)
			}
			node.SourceURLs, node.Unlinked = sources(cites, node.EventIDs)
			node.Start, node.End = span(events, node.EventIDs)
			if err := sink.node(node); err != nil {
				return err
			}
		}
	}
	if err := sink.edges(); err != nil {
		return err
	}
	for _, batch := range batches(net.Edges, func(e store.NetworkEdge) int { return len(e.EventIDs) }) {
		seen := map[string]bool{}
		var eventIDs []string
		for _, e := range batch {
			for _, id := range e.EventIDs {
				if !seen[id] {
					seen[id] = true
					eventIDs = append(eventIDs, id)
				}
			}
		}
		events, err := store.ByID[store.Event](ctx, st, eventIDs)
		if err != nil {
			return err
		}
		cites, err := readSources(ctx, st, eventIDs)
		if err != nil {
			return err
		}
		for _, e := range batch {
			edge := Edge{Source: e.Source, Target: e.Target, EventIDs: e.EventIDs, Certainty: e.Certainty}
			edge.SourceURLs, edge.Unlinked = sources(cites, e.EventIDs)
			edge.Start, edge.End = span(events, e.EventIDs)
			if err := sink.edge(edge); err != nil {
				return err
			}
		}
	}
	return sink.end()
}

// batches cuts items into runs whose sizes add up to at most batchEvents;
// an item larger than that is a run of its own.
func batches[T any](items []T, size func(T) int) [][]T {
	var out [][]T
	start, sum := 0, 0
	for i, it := range items {
		n := size(it)
		if i > start && sum+n > batchEvents {
			out = append(out, items[start:i])
			start, sum = i, 0
		}
		sum += n
	}
	if start < len(items) {
		out = append(out, items[start:])
	}
	return out
}

// eventSources are the sources the events of a batch cite: their ids by
// event, in citation order, and the sources by id.
type eventSources struct {
	cites   map[string][]string
	sources map[string]store.Source
}

// readSources reads the sources alone: the network formats list sources,
// never the citations' quotes, which were two thirds of a GraphML
// export's statement time.
func readSources(ctx context.Context, st *store.Store, eventIDs []string) (eventSources, error) {
	cites, sources, err := st.EventSources(ctx, eventIDs)
	return eventSources{cites: cites, sources: sources}, err
}

// sources lists, once each and in order of first citation, the URLs of the
// sources of the given events, and the names of those without a URL, so
// that no source is left out.
func sources(es eventSources, eventIDs []string) (urls, unlinked []string) {
	seen := map[string]bool{}
	for _, id := range eventIDs {
		for _, sid := range es.cites[id] {
			if seen[sid] {
				continue
			}
			seen[sid] = true
			src := es.sources[sid]
			if src.URL != nil && *src.URL != "" {
				if !seen["url "+*src.URL] {
					seen["url "+*src.URL] = true
					urls = append(urls, *src.URL)
				}
				continue
			}
			unlinked = append(unlinked, SourceName(src))
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
