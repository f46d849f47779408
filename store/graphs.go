package store

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// NotFoundError says that something the request names does not exist.
type NotFoundError struct{ What, ID string }

func (e *NotFoundError) Error() string { return fmt.Sprintf("%s %q not found", e.What, e.ID) }

func lower(s string) string { return strings.ToLower(s) }

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
}

type Network struct {
	Nodes []NetworkNode
	Edges []NetworkEdge
}

// maxNeighbours bounds how many actors one hop of a neighbourhood may add.
const maxNeighbours = 2000

// Network builds who took part in events with whom, in one statement. With
// actors, it first walks their neighbourhood hop by hop (one statement per
// hop), then reads the edges among the actors found; all in one read
// transaction.
func (s *Store) Network(ctx context.Context, f NetworkFilter) (Network, error) {
	ev := f.Events
	ev.Actors = nil // here actors name a neighbourhood, not a filter on events
	var net Network
	err := s.read(ctx, func(tx neo4j.ManagedTransaction) error {
		var within []string
		if len(f.Actors) > 0 {
			known := append([]string(nil), f.Actors...)
			frontier := f.Actors
			for hop := 0; hop < f.Hops && len(frontier) > 0; hop++ {
				recs, err := records(ctx, tx, stmtNetworkNeighbours.get(ev.query()), ev.params(map[string]any{"frontier": frontier, "known": known, "limit": maxNeighbours}))
				if err != nil {
					return err
				}
				frontier = nil
				for _, r := range recs {
					frontier = append(frontier, getString(r, "id"))
				}
				known = append(known, frontier...)
			}
			within = known
		}
		q := ev.query()
		q.Variant, q.Within = f.WithEvents, within != nil
		recs, err := records(ctx, tx, stmtNetwork.get(q), ev.params(map[string]any{"within": within, "centre": f.Actors, "limit": f.MaxEdges}))
		if err != nil {
			return err
		}
		counts := map[string]int{}
		for _, c := range getList(recs[0], "counts") {
			pair, _ := c.([]any)
			id, _ := pair[0].(string)
			n, _ := pair[1].(int64)
			counts[id] = int(n)
		}
		actors := map[string]Actor{}
		for _, n := range getList(recs[0], "actors") {
			a := decodeActor(n)
			actors[a.ID] = a
			// A neighbourhood's own actors are shown only with events in the filter.
			if counts[a.ID] > 0 {
				net.Nodes = append(net.Nodes, NetworkNode{Actor: a, EventCount: counts[a.ID]})
			}
		}
		for _, x := range getList(recs[0], "edges") {
			edge, _ := x.([]any)
			a, _ := edge[0].(string)
			b, _ := edge[1].(string)
			w, _ := edge[2].(int64)
			e := NetworkEdge{Source: actors[a], Target: actors[b], Weight: int(w)}
			if f.WithEvents {
				events, _ := edge[3].([]any)
				e.EventIDs = idsByDate(events)
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
		return nil
	})
	if err != nil {
		return Network{}, fmt.Errorf("network: %w", err)
	}
	return net, nil
}

// idsByDate takes [date, id] pairs and returns the ids, earliest first.
func idsByDate(pairs []any) []string {
	type dated struct {
		date time.Time
		id   string
	}
	list := make([]dated, 0, len(pairs))
	for _, p := range pairs {
		pair, _ := p.([]any)
		if len(pair) != 2 {
			continue
		}
		d, _ := pair[0].(neo4j.Date)
		id, _ := pair[1].(string)
		list = append(list, dated{d.Time(), id})
	}
	sort.Slice(list, func(i, j int) bool {
		if !list[i].date.Equal(list[j].date) {
			return list[i].date.Before(list[j].date)
		}
		return list[i].id < list[j].id
	})
	ids := make([]string, len(list))
	for i, d := range list {
		ids[i] = d.id
	}
	return ids
}

// Path is a chain actor - event - actor - ... .
type Path struct {
	Actors []Actor
	Events []Event
}

// MaxPathHops is the longest chain, in events, that Paths searches.
const MaxPathHops = 6

// Paths finds the shortest chains between two actors, at most maxHops
// events long, through events matching the filter.
func (s *Store) Paths(ctx context.Context, from, to string, maxHops int, f EventFilter, limit int) ([]Path, error) {
	var paths []Path
	err := s.read(ctx, func(tx neo4j.ManagedTransaction) error {
		recs, err := records(ctx, tx, stmtActorsExist, map[string]any{"ids": []string{from, to}})
		if err != nil {
			return err
		}
		found := map[string]bool{}
		for _, r := range recs {
			found[getString(r, "id")] = true
		}
		for _, id := range []string{from, to} {
			if !found[id] {
				return &NotFoundError{What: "actor", ID: id}
			}
		}
		q := f.query()
		q.MaxLength = 2 * min(maxHops, MaxPathHops)
		recs, err = records(ctx, tx, stmtPaths.get(q), f.params(map[string]any{"fromID": from, "toID": to, "limit": limit}))
		if err != nil {
			return err
		}
		for _, r := range recs {
			var p Path
			for _, a := range getList(r, "actors") {
				p.Actors = append(p.Actors, decodeActor(a))
			}
			for _, e := range getList(r, "events") {
				p.Events = append(p.Events, decodeEvent(e))
			}
			paths = append(paths, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("paths: %w", err)
	}
	// Equally short paths come back in no set order.
	sort.Slice(paths, func(i, j int) bool { return pathKey(paths[i]) < pathKey(paths[j]) })
	return paths, nil
}

// Revision pairs a point with its revision in a later (or earlier) version.
type Revision struct {
	Before, After PlanPoint
}

type PlanDiff struct {
	From, To PlanVersion
	Added    []PlanPoint
	Removed  []PlanPoint
	Revised  []Revision
}

// PlanDiff compares the points of two plan versions.
func (s *Store) PlanDiff(ctx context.Context, from, to string) (PlanDiff, error) {
	recs, err := s.query(ctx, stmtPlanDiff, map[string]any{"fromID": from, "toID": to})
	if err != nil {
		return PlanDiff{}, fmt.Errorf("plan diff: %w", err)
	}
	if len(recs) == 0 {
		found, err := ByID[PlanVersion](ctx, s, []string{from, to})
		if err != nil {
			return PlanDiff{}, err
		}
		for _, id := range []string{from, to} {
			if _, ok := found[id]; !ok {
				return PlanDiff{}, &NotFoundError{What: "plan version", ID: id}
			}
		}
		return PlanDiff{}, fmt.Errorf("plan diff: no answer for %s and %s", from, to)
	}
	r := recs[0]
	d := PlanDiff{From: decodePlanVersion(get(r, "f")), To: decodePlanVersion(get(r, "t"))}
	revisedOld := map[string]bool{}
	for _, it := range getList(r, "toPoints") {
		m, _ := it.(map[string]any)
		after := decodePlanPoint(m["point"])
		if m["revises"] == nil {
			d.Added = append(d.Added, after)
			continue
		}
		before := decodePlanPoint(m["revises"])
		revisedOld[before.ID] = true
		d.Revised = append(d.Revised, Revision{Before: before, After: after})
	}
	for _, n := range getList(r, "fromPoints") {
		p := decodePlanPoint(n)
		if !revisedOld[p.ID] {
			d.Removed = append(d.Removed, p)
		}
	}
	sortPoints(d.Added)
	sortPoints(d.Removed)
	sort.Slice(d.Revised, func(i, j int) bool { return pointLess(d.Revised[i].Before, d.Revised[j].Before) })
	return d, nil
}

func pointLess(a, b PlanPoint) bool {
	an, bn := 1<<30, 1<<30
	if a.Number != nil {
		an = *a.Number
	}
	if b.Number != nil {
		bn = *b.Number
	}
	if an != bn {
		return an < bn
	}
	return a.ID < b.ID
}

func sortPoints(ps []PlanPoint) {
	sort.Slice(ps, func(i, j int) bool { return pointLess(ps[i], ps[j]) })
}

// Hit is one full-text search result.
type Hit struct {
	Label Label
	Value any
	Score float64
}

// Search runs a full-text query over names, aliases, titles, summaries and
// point texts. The text is the user's words, never query syntax: each word
// is escaped and matched exactly, as a prefix, or with one typo.
func (s *Store) Search(ctx context.Context, text string, labels []Label, limit int) ([]Hit, error) {
	q := luceneQuery(text)
	if q == "" {
		return nil, inputErrorf("search needs at least one word")
	}
	names := make([]string, len(labels))
	for i, l := range labels {
		names[i] = string(l)
	}
	recs, err := s.query(ctx, stmtSearch, map[string]any{"query": q, "labels": names, "limit": limit})
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	hits := make([]Hit, 0, len(recs))
	for _, r := range recs {
		l := Label(getString(r, "label"))
		score, _ := get(r, "score").(float64)
		hits = append(hits, Hit{Label: l, Value: decodeAny(l, get(r, "node")), Score: score})
	}
	return hits, nil
}

// maxSearchWords bounds the query a client can make Lucene expand.
const maxSearchWords = 8

// luceneQuery turns free text into a query in which every word must match
// (exactly, as a prefix, or within one edit).
func luceneQuery(text string) string {
	words := strings.FieldsFunc(text, func(r rune) bool {
		return !(r == '\'' || r == '’' || r == '-' || r == '.' || isWordRune(r))
	})
	var clauses []string
	for _, w := range words {
		w = strings.Trim(w, "'’-.")
		if w == "" {
			continue
		}
		e := escapeLucene(strings.ToLower(w))
		clause := "(" + e + "^3 OR " + e + "*"
		if len([]rune(w)) >= 4 {
			clause += " OR " + e + "~1"
		}
		clauses = append(clauses, "+"+clause+")")
		if len(clauses) == maxSearchWords {
			break
		}
	}
	return strings.Join(clauses, " ")
}

func isWordRune(r rune) bool {
	return r == '_' || ('0' <= r && r <= '9') || ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z') || r > 127
}

func escapeLucene(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(`+-&|!(){}[]^"~*?:\/'.`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
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
