package store

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/diplograph/diplograph/facts"
	"github.com/diplograph/diplograph/partialdate"
	"github.com/diplograph/diplograph/vocab"
)

// Who took part in events with whom: the network, an actor's counterparts,
// the chains between two actors.

// NetworkFilter selects the co-participation network.
type NetworkFilter struct {
	Events EventFilter
	// Actors, when given, limits the network to their neighbourhood within
	// Hops shared events.
	Actors []string
	Hops   int
	// MaxEdges bounds the answer; the heaviest edges are kept.
	MaxEdges int
	// WithEvents lists each edge's events; without it edges carry their
	// weight only, which spares Neo4j collecting every shared event.
	WithEvents bool
}

type NetworkNode struct {
	Actor      Actor
	EventCount int
}

type NetworkEdge struct {
	Source, Target Actor
	// Weight is the number of shared events; EventIDs lists them, earliest
	// first, when the filter asked for them.
	Weight   int
	EventIDs []string
	// Certainty is that of the strongest link between the two.
	Certainty vocab.Certainty
}

type Network struct {
	Nodes []NetworkNode
	Edges []NetworkEdge
}

// maxNeighbours bounds how many actors one hop of a neighbourhood may add.
const maxNeighbours = 2000

var (
	stmtNetwork           = defineTemplate("network", "read/network.cypher", networkKeys, boundedNetwork)
	stmtNetworkNeighbours = defineTemplate("network_neighbours", "read/network_neighbours.cypher", shapeKeys, nil)
	stmtCounterparts      = defineTemplate("counterparts", "read/counterparts.cypher", counterpartsKeys, nil)
	stmtPaths             = defineTemplate("paths", "read/paths.cypher", pathsKeys, nil)
)

// Network builds who took part in events with whom, in one statement. With
// actors, it first walks their neighbourhood hop by hop (one statement per
// hop), then reads the edges among the actors found; all in one read
// transaction.
func (s *Store) Network(ctx context.Context, f NetworkFilter) (Network, error) {
	ev := f.Events
	ev.Actors = nil // here actors name a neighbourhood, not a filter on events
	var net Network
	err := s.read(ctx, func(ctx context.Context, tx neo4j.ManagedTransaction) error {
		var within []string
		if len(f.Actors) > 0 {
			known := append([]string(nil), f.Actors...)
			frontier := f.Actors
			for hop := 0; hop < f.Hops && len(frontier) > 0; hop++ {
				recs, err := records(ctx, tx, stmtNetworkNeighbours.get(ev.shape()),
					ev.params(map[string]any{"frontier": frontier, "known": known, "limit": maxNeighbours}))
				if err != nil {
					return err
				}
				if frontier, err = rows(recs, func(r *neo4j.Record) (string, error) { return value[string](r, "id") }); err != nil {
					return err
				}
				known = append(known, frontier...)
			}
			within = known
		}
		st := stmtNetwork.get(networkKey{filterShape: ev.shape(), Events: f.WithEvents, Within: within != nil})
		recs, err := records(ctx, tx, st, ev.params(map[string]any{"within": within, "centre": f.Actors, "limit": f.MaxEdges}))
		if err != nil {
			return err
		}
		if len(recs) != 1 {
			return fmt.Errorf("one record expected, got %d", len(recs))
		}
		net, err = networkOf(recs[0], f.WithEvents)
		return err
	})
	if err != nil {
		return Network{}, fmt.Errorf("network: %w", err)
	}
	return net, nil
}

// networkOf reads the network statement's one row: counts as [id, n]
// pairs, edges as [a, b, weight, events?] tuples, and the actors.
func networkOf(r *neo4j.Record, withEvents bool) (Network, error) {
	var net Network
	counts := map[string]int{}
	countList, err := list(r, "counts")
	if err != nil {
		return net, err
	}
	for _, c := range countList {
		pair, err := tuple(c, 2)
		if err != nil {
			return net, fmt.Errorf("count: %w", err)
		}
		id, err := typed[string](pair[0], "count id")
		if err != nil {
			return net, err
		}
		n, err := typed[int64](pair[1], "count")
		if err != nil {
			return net, err
		}
		counts[id] = int(n)
	}
	actorList, err := list(r, "actors")
	if err != nil {
		return net, err
	}
	actors := map[string]Actor{}
	for _, n := range actorList {
		a, err := decode[Actor](n)
		if err != nil {
			return net, err
		}
		actors[a.ID] = a
		// A neighbourhood's own actors are shown only with events in the filter.
		if counts[a.ID] > 0 {
			net.Nodes = append(net.Nodes, NetworkNode{Actor: a, EventCount: counts[a.ID]})
		}
	}
	edgeList, err := list(r, "edges")
	if err != nil {
		return net, err
	}
	width := 4
	if withEvents {
		width = 5
	}
	for _, x := range edgeList {
		edge, err := tuple(x, width)
		if err != nil {
			return net, fmt.Errorf("edge: %w", err)
		}
		a, err := typed[string](edge[0], "edge source")
		if err != nil {
			return net, err
		}
		b, err := typed[string](edge[1], "edge target")
		if err != nil {
			return net, err
		}
		w, err := typed[int64](edge[2], "edge weight")
		if err != nil {
			return net, err
		}
		strongest, err := typed[int64](edge[3], "edge certainty")
		if err != nil {
			return net, err
		}
		e := NetworkEdge{Source: actors[a], Target: actors[b], Weight: int(w), Certainty: facts.FromRank(int(strongest))}
		if withEvents {
			events, err := typed[[]any](edge[4], "edge events")
			if err != nil {
				return net, err
			}
			if e.EventIDs, err = idsByDate(events); err != nil {
				return net, err
			}
		}
		net.Edges = append(net.Edges, e)
	}
	sort.Slice(net.Nodes, func(i, j int) bool {
		a, b := net.Nodes[i], net.Nodes[j]
		if a.EventCount != b.EventCount {
			return a.EventCount > b.EventCount
		}
		return a.Actor.ID < b.Actor.ID
	})
	return net, nil
}

// idsByDate takes [date, id] pairs and returns the ids, earliest first.
func idsByDate(pairs []any) ([]string, error) {
	type dated struct {
		date time.Time
		id   string
	}
	out := make([]dated, 0, len(pairs))
	for _, p := range pairs {
		pair, err := tuple(p, 2)
		if err != nil {
			return nil, fmt.Errorf("edge event: %w", err)
		}
		d, err := typed[neo4j.Date](pair[0], "edge event date")
		if err != nil {
			return nil, err
		}
		id, err := typed[string](pair[1], "edge event id")
		if err != nil {
			return nil, err
		}
		out = append(out, dated{d.Time(), id})
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].date.Equal(out[j].date) {
			return out[i].date.Before(out[j].date)
		}
		return out[i].id < out[j].id
	})
	ids := make([]string, len(out))
	for i, d := range out {
		ids[i] = d.id
	}
	return ids, nil
}

// Counterpart is someone an actor took part in events with.
type Counterpart struct {
	Actor  Actor
	Count  int
	First  partialdate.Date
	Last   partialdate.Date
	Events []Event
	// Certainty is that of the strongest link between the two.
	Certainty vocab.Certainty
}

// firstAndLast reads the dates of the first and last of some events as far
// as they are known, from the events that may be first and those that may
// be last (the statement picks them): the first began somewhere between the
// earliest day any of them may have begun and the earliest day by which one
// certainly had; the last, likewise from the other end. Ordering by earliest
// day alone would call a vague "late 2025" first before a known 24 October.
func firstAndLast(r *neo4j.Record) (first, last partialdate.Date, err error) {
	bounds := func(key string, pick func(a, b time.Time) bool) (partialdate.Date, error) {
		nodes, err := list(r, key)
		if err != nil {
			return partialdate.Date{}, err
		}
		events, err := decodeAll[Event](nodes)
		if err != nil {
			return partialdate.Date{}, err
		}
		if len(events) == 0 {
			return partialdate.Date{}, fmt.Errorf("%s: no candidate event", key)
		}
		lo, hi := events[0].Date.Earliest(), events[0].Date.Latest()
		for _, e := range events[1:] {
			if pick(e.Date.Earliest(), lo) {
				lo = e.Date.Earliest()
			}
			if pick(e.Date.Latest(), hi) {
				hi = e.Date.Latest()
			}
		}
		d, err := partialdate.Within(lo, hi)
		if err != nil {
			return d, fmt.Errorf("%s: %w", key, err)
		}
		return d, nil
	}
	if first, err = bounds("first", time.Time.Before); err != nil {
		return first, last, err
	}
	last, err = bounds("last", time.Time.After)
	return first, last, err
}

// CounterpartFields says which optional parts of a counterpart to read.
type CounterpartFields struct {
	// Dates: the first and last shared event's dates, as far as known.
	Dates bool
	// Events: every shared event.
	Events bool
}

// Counterparts loads, for each actor, who they took part in events with,
// and how often; the optional parts only when asked.
func (s *Store) Counterparts(ctx context.Context, actorIDs []string, f EventFilter, limit int, want CounterpartFields) (map[string][]Counterpart, error) {
	if len(actorIDs) == 0 {
		return map[string][]Counterpart{}, nil
	}
	st := stmtCounterparts.get(counterpartsKey{filterShape: f.shape(), Events: want.Events, Dates: want.Dates})
	recs, err := s.query(ctx, st, f.params(map[string]any{"ids": actorIDs, "limit": limit}))
	if err != nil {
		return nil, fmt.Errorf("counterparts: %w", err)
	}
	out, err := byParent(recs, func(r *neo4j.Record) (Counterpart, error) {
		a, err := nodeOf[Actor](r, "actor")
		if err != nil {
			return Counterpart{}, err
		}
		n, err := value[int64](r, "count")
		if err != nil {
			return Counterpart{}, err
		}
		strongest, err := value[int64](r, "strongest")
		if err != nil {
			return Counterpart{}, err
		}
		c := Counterpart{Actor: a, Count: int(n), Certainty: facts.FromRank(int(strongest))}
		if want.Dates {
			if c.First, c.Last, err = firstAndLast(r); err != nil {
				return c, err
			}
		}
		if want.Events {
			events, err := list(r, "events")
			if err != nil {
				return c, err
			}
			if c.Events, err = decodeAll[Event](events); err != nil {
				return c, err
			}
		}
		return c, nil
	})
	if err != nil {
		return nil, fmt.Errorf("counterparts: %w", err)
	}
	return out, nil
}

// Path is a chain actor - event - actor - ... .
type Path struct {
	Actors []Actor
	Events []Event
	// Steps hold each actor - event - actor link's certainty: the weaker of
	// the two participations' contacts.
	Steps []vocab.Certainty
}

// Certainty is that of the path's weakest link.
func (p Path) Certainty() vocab.Certainty {
	c := vocab.CertaintyConfirmed
	for _, s := range p.Steps {
		c = facts.Weaker(c, s)
	}
	return c
}

// MaxPathHops is the longest chain, in events, that Paths searches.
const MaxPathHops = 6

// Paths finds the shortest chains between two actors, at most maxHops
// events long, through events matching the filter.
func (s *Store) Paths(ctx context.Context, from, to string, maxHops int, f EventFilter, limit int) ([]Path, error) {
	var paths []Path
	err := s.read(ctx, func(ctx context.Context, tx neo4j.ManagedTransaction) error {
		st := stmtPaths.get(pathsKey{filterShape: f.shape(), MaxLength: 2 * min(maxHops, MaxPathHops)})
		recs, err := records(ctx, tx, st, f.params(map[string]any{"fromID": from, "toID": to, "limit": limit}))
		if err != nil {
			return err
		}
		if len(recs) == 0 {
			return fmt.Errorf("no row: the statement answers at least one")
		}
		for _, end := range []struct{ key, id string }{{"fromFound", from}, {"toFound", to}} {
			found, err := value[bool](recs[0], end.key)
			if err != nil {
				return err
			}
			if !found {
				return &NotFoundError{What: "actor", ID: end.id}
			}
		}
		// The one row of a search that found no chain has null chains.
		chain, err := optional(recs[0], "actors")
		if err != nil {
			return err
		}
		if chain == nil {
			recs = nil
		}
		paths, err = rows(recs, func(r *neo4j.Record) (Path, error) {
			var p Path
			actors, err := list(r, "actors")
			if err != nil {
				return p, err
			}
			if p.Actors, err = decodeAll[Actor](actors); err != nil {
				return p, err
			}
			events, err := list(r, "events")
			if err != nil {
				return p, err
			}
			if p.Events, err = decodeAll[Event](events); err != nil {
				return p, err
			}
			contacts, err := list(r, "contacts")
			if err != nil {
				return p, err
			}
			// The path alternates actor - event - actor: relationships 2i and
			// 2i+1 join step i's two actors to its event.
			for i := 0; i+1 < len(contacts); i += 2 {
				a, err := typed[int64](contacts[i], "path contact")
				if err != nil {
					return p, err
				}
				b, err := typed[int64](contacts[i+1], "path contact")
				if err != nil {
					return p, err
				}
				p.Steps = append(p.Steps, facts.FromRank(int(min(a, b))))
			}
			return p, nil
		})
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("paths: %w", err)
	}
	// Equally short paths come back in no set order.
	sort.Slice(paths, func(i, j int) bool { return pathKey(paths[i]) < pathKey(paths[j]) })
	return paths, nil
}

func pathKey(p Path) string {
	var b strings.Builder
	for i, a := range p.Actors {
		b.WriteString(a.ID)
		if i < len(p.Events) {
			b.WriteString(" " + p.Events[i].ID + " ")
		}
	}
	return b.String()
}
