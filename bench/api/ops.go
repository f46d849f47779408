package main

// The operations, each phrased three ways: as GraphQL against diplograph's
// schema (schema.graphqls), as GraphQL against the peer's schema (generated
// by @neo4j/graphql from bench/peer/typeDefs.graphql), and as one
// hand-written Cypher statement for the floor. Each answer is normalised
// into the same comparable value, so that the three are checked to return
// the same data before anything is timed.

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/diplograph/diplograph/bench/loadgen"
	"github.com/diplograph/diplograph/facts"
	"github.com/diplograph/diplograph/partialdate"
)

// How the peer answers an operation.
const (
	peerNative       = "native"
	peerNativeMerged = "native, merged by the client"
	peerCypher       = "@cypher"
)

// Op is one operation of the comparison.
type Op struct {
	Name string
	Ours loadgen.Op
	Peer loadgen.Op
	// PeerHow says whether the peer's schema expresses the operation
	// (native) or needs a hand-written @cypher field.
	PeerHow string
	// Floor is one Cypher statement returning, in a column "data", the
	// operation's answer in the shape of diplograph's response data.
	Floor       string
	FloorParams map[string]any
	normOurs    func(data any) any
	normPeer    func(data any) any
}

// ---------------------------------------------------------------- access

func at(v any, path ...any) any {
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, _ := v.(map[string]any)
			v = m[k]
		case int:
			l, _ := v.([]any)
			if k >= len(l) {
				return nil
			}
			v = l[k]
		}
	}
	return v
}

func str(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case float64:
		if x == math.Trunc(x) {
			return fmt.Sprintf("%d", int64(x))
		}
		return fmt.Sprint(x)
	}
	return fmt.Sprint(v)
}

func num(v any) int64 {
	switch x := v.(type) {
	case float64:
		return int64(x)
	case int64:
		return x
	}
	return 0
}

func truth(v any) bool { b, _ := v.(bool); return b }

func list(v any) []any { l, _ := v.([]any); return l }

func sorted(s []string) []string {
	if s == nil {
		s = []string{}
	}
	sort.Strings(s)
	return s
}

func strs(v any) []string {
	out := []string{}
	for _, x := range list(v) {
		out = append(out, str(x))
	}
	return out
}

func join(parts ...string) string { return strings.Join(parts, "|") }

// ---------------------------------------------------------------- answers

// An actor page: the actor, its roles, its 50 latest events with their
// participants, place and sources.
type actorPage struct {
	ID, Name, Kind string
	Aliases, Roles []string
	Total          int64
	Events         []pageEvent
}

type pageEvent struct {
	ID, Type, Title, Date, Places string
	Participants, Sources         []string
}

// A list of events: timeline and deep pages.
type eventList struct {
	Total   int64
	HasNext bool
	Events  []listEvent
}

type listEvent struct{ ID, Type, Title, Date, Places, Certainty, Status string }

type network struct{ Nodes, Edges []string }

type planDiff struct {
	Added, Removed, Unknown, Disputed, Revised []string
	DeclaredFrom, DeclaredTo                   int64
}

type eventPage struct {
	ID, Type, Title, Summary, Date, End   string
	Status, Modality, Certainty, Duration string
	Outcome                               string
	Contested                             bool
	Places                                string
	Participants, Sources, Claims         []string
}

// places is a list of places, each with the fields asked for (id, name,
// and the id of the place it lies in when asked), in one sorted string.
func places(l any) string {
	var out []string
	for _, p := range list(l) {
		key := join(str(at(p, "id")), str(at(p, "name")))
		if in := at(p, "in"); in != nil {
			if l, ok := in.([]any); ok { // the peer's relationships are lists
				in = at(l, 0)
			}
			key = join(key, str(at(in, "id")))
		}
		out = append(out, key)
	}
	return strings.Join(sorted(out), ";")
}

// enum is an enum value as diplograph stores it (lowercase), whichever
// way it was answered; a stored value left out because it is the default
// reads as that default.
func enum(v any, absent string) string {
	if s := strings.ToLower(str(v)); s != "" {
		return s
	}
	return absent
}

// confirmation is how a citation states its fact: the store leaves out
// CONFIRMED, the most common.
func confirmation(v any) string { return enum(v, "confirmed") }

// certaintyOf is the certainty of a link strength (facts.Rank).
func certaintyOf(v any) string { return string(facts.FromRank(int(num(v)))) }

// ---------------------------------------------------------------- operations

// Params are the ids, dates and cursors the operations use, chosen from
// the loaded data (see choose).
type Params struct {
	Person                     string // most connected person: the actor page
	Hub                        string // most connected actor: counterparts
	PathFrom, PathTo           string
	SearchText, SearchLucene   string
	PlanFrom, PlanTo           string
	Event                      string
	RangeFrom, RangeTo         string // timeline page: two months
	MonthFrom, MonthTo         string
	YearFrom, YearTo           string // network year; the dashboard's monthly histogram and top pairs
	DeepOffset                 int
	DeepOurs                   string // diplograph's cursor after DeepOffset rows
	DeepAfterDate, DeepAfterID string // the last row before the deep page
	MaxSpanDays                int64  // the longest event, dateFrom to dateTo
}

func buildOps(p Params) []Op {
	var ops []Op
	add := func(o Op) { ops = append(ops, o) }

	add(Op{
		Name: "actor page", PeerHow: peerNative,
		Ours: loadgen.Op{Query: `query($id: ID!) { actor(id: $id) { id name kind aliases
  roles { id title for { id } }
  events(first: 50) { totalCount nodes { id type title date { value } places { id name }
    participants { actor { id name } role certainty }
    sources { source { id title url } quote confirmation } } } } }`, Vars: map[string]any{"id": p.Person}},
		Peer: loadgen.Op{Query: `query($id: ID!) { actors(where: { id: { eq: $id } }) { id name kind aliases
  roles { id title for { id } }
  eventsConnection(first: 50, sort: [{ node: { dateFrom: DESC } }, { node: { id: DESC } }]) { totalCount
    edges { node { id type title date places { id name }
      participantsConnection { edges { properties { role certainty } node { id name } } }
      sourcesConnection { edges { properties { quote confirmation } node { id title url } } } } } } } }`, Vars: map[string]any{"id": p.Person}},
		Floor: `MATCH (a:Actor {id: $id})
CALL (a) {
  MATCH (a)-[:PARTICIPATED_IN]->(e)
  WITH e ORDER BY e.dateFrom DESC, e.id DESC LIMIT 50
  RETURN collect(e {.id, .type, .title, date: {value: e.date},
    places: [(e)-[:AT]->(pl:Place) | pl {.id, .name}],
    participants: [(x:Actor)-[q:PARTICIPATED_IN]->(e) | {actor: x {.id, .name}, role: q.role, certainty: q.certainty}],
    sources: [(e)-[c:CITES]->(s:Source) | {source: s {.id, .title, .url}, quote: c.quote, confirmation: c.confirmation}]}) AS nodes
}
RETURN {actor: a {.id, .name, .kind, .aliases,
  roles: [(a)-[:HOLDS]->(r:Role) | r {.id, .title, for: [(r)-[:FOR]->(f:Actor) | f {.id}][0]}],
  events: {totalCount: COUNT { (a)-[:PARTICIPATED_IN]->() }, nodes: nodes}}} AS data`,
		FloorParams: map[string]any{"id": p.Person},
		normOurs: func(d any) any {
			a := at(d, "actor")
			out := actorPage{ID: str(at(a, "id")), Name: str(at(a, "name")), Kind: strings.ToLower(str(at(a, "kind"))),
				Aliases: sorted(strs(at(a, "aliases"))), Total: num(at(a, "events", "totalCount")), Roles: []string{}, Events: []pageEvent{}}
			for _, r := range list(at(a, "roles")) {
				out.Roles = append(out.Roles, join(str(at(r, "id")), str(at(r, "title")), str(at(r, "for", "id"))))
			}
			sort.Strings(out.Roles)
			for _, e := range list(at(a, "events", "nodes")) {
				pe := pageEvent{ID: str(at(e, "id")), Type: strings.ToLower(str(at(e, "type"))), Title: str(at(e, "title")),
					Date: str(at(e, "date", "value")), Places: places(at(e, "places"))}
				for _, x := range list(at(e, "participants")) {
					pe.Participants = append(pe.Participants, join(str(at(x, "actor", "id")), str(at(x, "actor", "name")),
						enum(at(x, "role"), ""), enum(at(x, "certainty"), "")))
				}
				for _, c := range list(at(e, "sources")) {
					pe.Sources = append(pe.Sources, join(str(at(c, "source", "id")), str(at(c, "source", "title")), str(at(c, "source", "url")),
						str(at(c, "quote")), confirmation(at(c, "confirmation"))))
				}
				pe.Participants, pe.Sources = sorted(pe.Participants), sorted(pe.Sources)
				out.Events = append(out.Events, pe)
			}
			return out
		},
		normPeer: func(d any) any {
			a := at(d, "actors", 0)
			out := actorPage{ID: str(at(a, "id")), Name: str(at(a, "name")), Kind: str(at(a, "kind")),
				Aliases: sorted(strs(at(a, "aliases"))), Total: num(at(a, "eventsConnection", "totalCount")), Roles: []string{}, Events: []pageEvent{}}
			for _, r := range list(at(a, "roles")) {
				out.Roles = append(out.Roles, join(str(at(r, "id")), str(at(r, "title")), str(at(r, "for", 0, "id"))))
			}
			sort.Strings(out.Roles)
			for _, edge := range list(at(a, "eventsConnection", "edges")) {
				e := at(edge, "node")
				pe := pageEvent{ID: str(at(e, "id")), Type: str(at(e, "type")), Title: str(at(e, "title")),
					Date: str(at(e, "date")), Places: places(at(e, "places"))}
				for _, x := range list(at(e, "participantsConnection", "edges")) {
					pe.Participants = append(pe.Participants, join(str(at(x, "node", "id")), str(at(x, "node", "name")),
						enum(at(x, "properties", "role"), ""), enum(at(x, "properties", "certainty"), "")))
				}
				for _, c := range list(at(e, "sourcesConnection", "edges")) {
					pe.Sources = append(pe.Sources, join(str(at(c, "node", "id")), str(at(c, "node", "title")), str(at(c, "node", "url")),
						str(at(c, "properties", "quote")), confirmation(at(c, "properties", "confirmation"))))
				}
				pe.Participants, pe.Sources = sorted(pe.Participants), sorted(pe.Sources)
				out.Events = append(out.Events, pe)
			}
			return out
		},
	})

	oursEvents := func(conn any) eventList {
		out := eventList{Total: num(at(conn, "totalCount")), HasNext: truth(at(conn, "pageInfo", "hasNextPage")), Events: []listEvent{}}
		for _, e := range list(at(conn, "nodes")) {
			out.Events = append(out.Events, listEvent{ID: str(at(e, "id")), Type: strings.ToLower(str(at(e, "type"))),
				Title: str(at(e, "title")), Date: str(at(e, "date", "value")), Places: places(at(e, "places")),
				Certainty: enum(at(e, "certainty"), ""), Status: enum(at(e, "status"), "")})
		}
		return out
	}
	peerEvents := func(conn any) eventList {
		out := eventList{Total: num(at(conn, "totalCount")), HasNext: truth(at(conn, "pageInfo", "hasNextPage")), Events: []listEvent{}}
		for _, edge := range list(at(conn, "edges")) {
			e := at(edge, "node")
			out.Events = append(out.Events, listEvent{ID: str(at(e, "id")), Type: str(at(e, "type")),
				Title: str(at(e, "title")), Date: str(at(e, "date")), Places: places(at(e, "places")),
				Certainty: enum(at(e, "certainty"), ""), Status: enum(at(e, "status"), "")})
		}
		return out
	}

	add(Op{
		Name: "timeline page", PeerHow: peerNative,
		Ours: loadgen.Op{Query: `query($from: Date, $to: Date) { timeline(filter: { dates: { from: $from, to: $to } }, first: 50) {
  totalCount pageInfo { hasNextPage } nodes { id type title date { value } certainty status places { id name } } } }`,
			Vars: map[string]any{"from": p.RangeFrom, "to": p.RangeTo}},
		Peer: loadgen.Op{Query: `query($from: Date!, $to: Date!) { eventsConnection(first: 50,
  where: { dateTo: { gte: $from }, dateFrom: { lte: $to } }, sort: [{ dateFrom: ASC }, { id: ASC }]) {
  totalCount pageInfo { hasNextPage } edges { node { id type title date certainty status places { id name } } } } }`,
			Vars: map[string]any{"from": p.RangeFrom, "to": p.RangeTo}},
		// An event overlapping [from, to] starts at most maxSpan days before
		// from: a bounded seek on the dateFrom index instead of half of it.
		Floor: `WITH $from - duration({days: $maxSpan}) AS earliest
CALL (earliest) {
  MATCH (e:Event) WHERE e.dateFrom <= $to AND e.dateFrom >= earliest AND e.dateTo >= $from
  RETURN count(e) AS total
}
CALL (earliest) {
  MATCH (e:Event) WHERE e.dateFrom <= $to AND e.dateFrom >= earliest AND e.dateTo >= $from
  WITH e ORDER BY e.dateFrom, e.id LIMIT 51
  RETURN collect(e {.id, .type, .title, .certainty, .status, date: {value: e.date}, places: [(e)-[:AT]->(pl:Place) | pl {.id, .name}]}) AS rows
}
RETURN {timeline: {totalCount: total, pageInfo: {hasNextPage: size(rows) > 50}, nodes: rows[0..50]}} AS data`,
		FloorParams: map[string]any{"from": date(p.RangeFrom), "to": date(p.RangeTo), "maxSpan": p.MaxSpanDays},
		normOurs:    func(d any) any { return oursEvents(at(d, "timeline")) },
		normPeer:    func(d any) any { return peerEvents(at(d, "eventsConnection")) },
	})

	networkOp := func(name, from, to string) Op {
		return Op{
			Name: name, PeerHow: peerCypher,
			Ours: loadgen.Op{Query: `query($from: Date, $to: Date) { network(filter: { dates: { from: $from, to: $to } }) {
  nodes { actor { id name } eventCount } edges { source { id } target { id } weight certainty } } }`,
				Vars: map[string]any{"from": from, "to": to}},
			Peer: loadgen.Op{Query: `query($from: Date!, $to: Date!) { network(from: $from, to: $to) {
  nodes { id name eventCount } edges { source target weight strongest } } }`,
				Vars: map[string]any{"from": from, "to": to}},
			Floor: networkCypher + `
RETURN {network: {nodes: [n IN nodes | {actor: {id: n.id, name: n.name}, eventCount: n.eventCount}],
  edges: [x IN edges | {source: {id: x.source}, target: {id: x.target}, weight: x.weight,
    certainty: CASE x.strongest WHEN 4 THEN 'confirmed' WHEN 3 THEN 'reported' WHEN 2 THEN 'planned' ELSE 'speculated' END}]}} AS data`,
			FloorParams: map[string]any{"from": date(from), "to": date(to), "limit": 5000},
			normOurs: func(d any) any {
				out := network{Nodes: []string{}, Edges: []string{}}
				for _, n := range list(at(d, "network", "nodes")) {
					out.Nodes = append(out.Nodes, join(str(at(n, "actor", "id")), str(at(n, "actor", "name")), str(at(n, "eventCount"))))
				}
				for _, e := range list(at(d, "network", "edges")) {
					out.Edges = append(out.Edges, join(str(at(e, "source", "id")), str(at(e, "target", "id")), str(at(e, "weight")), enum(at(e, "certainty"), "")))
				}
				out.Nodes, out.Edges = sorted(out.Nodes), sorted(out.Edges)
				return out
			},
			normPeer: func(d any) any {
				out := network{Nodes: []string{}, Edges: []string{}}
				for _, n := range list(at(d, "network", "nodes")) {
					out.Nodes = append(out.Nodes, join(str(at(n, "id")), str(at(n, "name")), str(at(n, "eventCount"))))
				}
				for _, e := range list(at(d, "network", "edges")) {
					out.Edges = append(out.Edges, join(str(at(e, "source")), str(at(e, "target")), str(at(e, "weight")), certaintyOf(at(e, "strongest"))))
				}
				out.Nodes, out.Edges = sorted(out.Nodes), sorted(out.Edges)
				return out
			},
		}
	}
	add(networkOp("network month", p.MonthFrom, p.MonthTo))
	add(networkOp("network year", p.YearFrom, p.YearTo))

	add(Op{
		Name: "shortest path", PeerHow: peerCypher,
		Ours: loadgen.Op{Query: `query($from: ID!, $to: ID!) { paths(from: $from, to: $to, maxHops: 4, first: 5) { actors { id } events { id } certainty } }`,
			Vars: map[string]any{"from": p.PathFrom, "to": p.PathTo}},
		Peer: loadgen.Op{Query: `query($from: ID!, $to: ID!) { paths(from: $from, to: $to, maxHops: 4, first: 5) { actors events weakest } }`,
			Vars: map[string]any{"from": p.PathFrom, "to": p.PathTo}},
		Floor: `MATCH (a:Actor {id: $from}), (b:Actor {id: $to})
MATCH p = allShortestPaths((a)-[:PARTICIPATED_IN*..8]-(b))
WHERE all(r IN relationships(p) WHERE r.contact >= 1)
WITH p, reduce(w = 4, r IN relationships(p) | CASE WHEN r.contact < w THEN r.contact ELSE w END) AS weakest
LIMIT 5
RETURN {paths: collect({actors: [n IN nodes(p) WHERE n:Actor | {id: n.id}], events: [n IN nodes(p) WHERE n:Event | {id: n.id}],
  certainty: CASE weakest WHEN 4 THEN 'confirmed' WHEN 3 THEN 'reported' WHEN 2 THEN 'planned' ELSE 'speculated' END})} AS data`,
		FloorParams: map[string]any{"from": p.PathFrom, "to": p.PathTo},
		normOurs: func(d any) any {
			out := []string{}
			for _, path := range list(at(d, "paths")) {
				var ids []string
				for _, a := range list(at(path, "actors")) {
					ids = append(ids, str(at(a, "id")))
				}
				var evs []string
				for _, e := range list(at(path, "events")) {
					evs = append(evs, str(at(e, "id")))
				}
				out = append(out, pathKey(ids, evs)+" "+enum(at(path, "certainty"), ""))
			}
			return sorted(out)
		},
		normPeer: func(d any) any {
			out := []string{}
			for _, path := range list(at(d, "paths")) {
				out = append(out, pathKey(strs(at(path, "actors")), strs(at(path, "events")))+" "+certaintyOf(at(path, "weakest")))
			}
			return sorted(out)
		},
	})

	add(Op{
		Name: "counterparts", PeerHow: peerCypher,
		Ours: loadgen.Op{Query: `query($id: ID!) { actor(id: $id) { counterparts(first: 20) { actor { id name } count certainty } } }`,
			Vars: map[string]any{"id": p.Hub}},
		Peer: loadgen.Op{Query: `query($id: ID!) { actors(where: { id: { eq: $id } }) { counterparts(first: 20) { id name count strongest } } }`,
			Vars: map[string]any{"id": p.Hub}},
		Floor: `MATCH (a:Actor {id: $id})-[ra:PARTICIPATED_IN]->(e:Event)<-[rb:PARTICIPATED_IN]-(b:Actor)
WHERE b <> a AND ra.contact >= 1 AND rb.contact >= 1
WITH b, count(e) AS count, max(CASE WHEN ra.contact < rb.contact THEN ra.contact ELSE rb.contact END) AS strongest
ORDER BY count DESC, b.name, b.id
LIMIT 20
RETURN {actor: {counterparts: collect({actor: b {.id, .name}, count: count,
  certainty: CASE strongest WHEN 4 THEN 'confirmed' WHEN 3 THEN 'reported' WHEN 2 THEN 'planned' ELSE 'speculated' END})}} AS data`,
		FloorParams: map[string]any{"id": p.Hub},
		normOurs: func(d any) any {
			out := []string{}
			for _, c := range list(at(d, "actor", "counterparts")) {
				out = append(out, join(str(at(c, "actor", "id")), str(at(c, "actor", "name")), str(at(c, "count")), enum(at(c, "certainty"), "")))
			}
			return out
		},
		normPeer: func(d any) any {
			out := []string{}
			for _, c := range list(at(d, "actors", 0, "counterparts")) {
				out = append(out, join(str(at(c, "id")), str(at(c, "name")), str(at(c, "count")), certaintyOf(at(c, "strongest"))))
			}
			return out
		},
	})

	searchLabels := []string{"actorsSearch", "placesSearch", "eventsSearch", "planVersionsSearch", "planPointsSearch", "sourcesSearch"}
	var peerSearch strings.Builder
	peerSearch.WriteString("query($q: String!) {\n")
	for _, f := range searchLabels {
		fmt.Fprintf(&peerSearch, "  %s(phrase: $q, first: 20, sort: [{ score: DESC }]) { edges { score node { id } } }\n", f)
	}
	peerSearch.WriteString("}")
	add(Op{
		Name: "search", PeerHow: peerNativeMerged,
		Ours: loadgen.Op{Query: `query($q: String!) { search(query: $q, first: 20) { kind score node {
  ... on Actor { id } ... on Place { id } ... on Event { id } ... on PlanVersion { id } ... on PlanPoint { id } ... on Source { id } } } }`,
			Vars: map[string]any{"q": p.SearchText}},
		Peer: loadgen.Op{Query: peerSearch.String(), Vars: map[string]any{"q": p.SearchLucene}},
		Floor: `CALL db.index.fulltext.queryNodes('search', $q, {limit: 80}) YIELD node, score
WITH node, score ORDER BY score DESC, node.id LIMIT 20
RETURN {search: collect({score: score, node: {id: node.id}})} AS data`,
		FloorParams: map[string]any{"q": p.SearchLucene},
		normOurs: func(d any) any {
			var hits []hit
			for _, h := range list(at(d, "search")) {
				s, _ := at(h, "score").(float64)
				hits = append(hits, hit{str(at(h, "node", "id")), s})
			}
			return topHits(hits, 20)
		},
		normPeer: func(d any) any {
			var hits []hit
			for _, f := range searchLabels {
				for _, h := range list(at(d, f, "edges")) {
					s, _ := at(h, "score").(float64)
					hits = append(hits, hit{str(at(h, "node", "id")), s})
				}
			}
			return topHits(hits, 20)
		},
	})

	add(Op{
		Name: "plan diff", PeerHow: peerCypher,
		Ours: loadgen.Op{Query: `query($from: ID!, $to: ID!) { planDiff(from: $from, to: $to) {
  added { id } removed { id } unknown { id } disputed { id } revised { before { id } after { id } } declaredFrom declaredTo } }`,
			Vars: map[string]any{"from": p.PlanFrom, "to": p.PlanTo}},
		Peer: loadgen.Op{Query: `query($from: ID!, $to: ID!) { planDiff(from: $from, to: $to) {
  added removed unknown disputed revised { before after } declaredFrom declaredTo } }`,
			Vars: map[string]any{"from": p.PlanFrom, "to": p.PlanTo}},
		Floor: planDiffCypher + `
RETURN {planDiff: {added: [x IN added | {id: x}], removed: [x IN removed | {id: x}], unknown: [x IN unknown | {id: x}], disputed: [x IN disputed | {id: x}],
  revised: [r IN revised | {before: {id: r.before}, after: {id: r.after}}],
  declaredFrom: f.declaredPoints, declaredTo: t.declaredPoints}} AS data`,
		FloorParams: map[string]any{"from": p.PlanFrom, "to": p.PlanTo},
		normOurs: func(d any) any {
			x := at(d, "planDiff")
			out := planDiff{Added: []string{}, Removed: []string{}, Unknown: []string{}, Disputed: []string{}, Revised: []string{},
				DeclaredFrom: num(at(x, "declaredFrom")), DeclaredTo: num(at(x, "declaredTo"))}
			for _, pt := range list(at(x, "added")) {
				out.Added = append(out.Added, str(at(pt, "id")))
			}
			for _, pt := range list(at(x, "removed")) {
				out.Removed = append(out.Removed, str(at(pt, "id")))
			}
			for _, pt := range list(at(x, "unknown")) {
				out.Unknown = append(out.Unknown, str(at(pt, "id")))
			}
			for _, pt := range list(at(x, "disputed")) {
				out.Disputed = append(out.Disputed, str(at(pt, "id")))
			}
			for _, r := range list(at(x, "revised")) {
				out.Revised = append(out.Revised, str(at(r, "before", "id"))+">"+str(at(r, "after", "id")))
			}
			out.Added, out.Removed, out.Unknown, out.Disputed = sorted(out.Added), sorted(out.Removed), sorted(out.Unknown), sorted(out.Disputed)
			out.Revised = sorted(out.Revised)
			return out
		},
		normPeer: func(d any) any {
			x := at(d, "planDiff")
			out := planDiff{Added: sorted(strs(at(x, "added"))), Removed: sorted(strs(at(x, "removed"))), Unknown: sorted(strs(at(x, "unknown"))),
				Disputed: sorted(strs(at(x, "disputed"))), Revised: []string{},
				DeclaredFrom: num(at(x, "declaredFrom")), DeclaredTo: num(at(x, "declaredTo"))}
			for _, r := range list(at(x, "revised")) {
				out.Revised = append(out.Revised, str(at(r, "before"))+">"+str(at(r, "after")))
			}
			out.Revised = sorted(out.Revised)
			return out
		},
	})

	add(Op{
		Name: fmt.Sprintf("deep page (after %d)", p.DeepOffset), PeerHow: peerNative,
		Ours: loadgen.Op{Query: `query($after: String) { timeline(first: 50, after: $after) {
  pageInfo { hasNextPage } nodes { id type title date { value } } } }`, Vars: map[string]any{"after": p.DeepOurs}},
		// The peer pages by offset: its connection cursor (eventsConnection
		// after:) collects every event first and, from a few hundred rows in
		// on 20,000 events, exceeds Neo4j's 1 GiB transaction memory limit.
		Peer: loadgen.Op{Query: `query($offset: Int) { events(offset: $offset, limit: 51, sort: [{ dateFrom: ASC }, { id: ASC }]) {
  id type title date } }`, Vars: map[string]any{"offset": p.DeepOffset}},
		Floor: `MATCH (e:Event)
WHERE e.dateFrom >= $afterDate AND (e.dateFrom > $afterDate OR e.id > $afterID)
WITH e ORDER BY e.dateFrom, e.id LIMIT 51
WITH collect(e {.id, .type, .title, date: {value: e.date}}) AS rows
RETURN {timeline: {pageInfo: {hasNextPage: size(rows) > 50}, nodes: rows[0..50]}} AS data`,
		FloorParams: map[string]any{"afterDate": date(p.DeepAfterDate), "afterID": p.DeepAfterID},
		normOurs:    func(d any) any { return oursEvents(at(d, "timeline")) },
		normPeer: func(d any) any {
			out := eventList{Events: []listEvent{}}
			rows := list(at(d, "events"))
			if len(rows) > 50 {
				out.HasNext, rows = true, rows[:50]
			}
			for _, e := range rows {
				out.Events = append(out.Events, listEvent{ID: str(at(e, "id")), Type: str(at(e, "type")), Title: str(at(e, "title")), Date: str(at(e, "date"))})
			}
			return out
		},
	})

	// The event page: every fact with its certainty, every citation with
	// its confirmation, and every sourced value of the event's fields.
	cites := func(l any, source, props func(c any) any) string {
		var out []string
		for _, c := range list(l) {
			out = append(out, str(at(source(c), "id"))+":"+str(at(props(c), "quote"))+":"+confirmation(at(props(c), "confirmation")))
		}
		return strings.Join(sorted(out), ",")
	}
	self := func(c any) any { return c }
	add(Op{
		Name: "event page", PeerHow: peerNative,
		Ours: loadgen.Op{Query: `query($id: ID!) { event(id: $id) { id type title summary date { value } end { value }
  status modality certainty contested outcome duration { value }
  places { id name in { id } }
  participants { actor { id name } role roleLabel represents { id } certainty sources { source { id } quote confirmation } }
  sources { source { id title url } quote confirmation }
  claims { field value display rank certainty sources { source { id } quote confirmation } } } }`, Vars: map[string]any{"id": p.Event}},
		Peer: loadgen.Op{Query: `query($id: ID!) { events(where: { id: { eq: $id } }) { id type title summary date end
  status modality certainty contested outcome duration
  places { id name in { id } }
  participantsConnection { edges { properties { role roleLabel represents certainty sources quotes confirmations } node { id name } } }
  sourcesConnection { edges { properties { quote confirmation } node { id title url } } }
  claims { field value display rank certainty sourcesConnection { edges { properties { quote confirmation } node { id } } } } } }`, Vars: map[string]any{"id": p.Event}},
		Floor: `MATCH (e:Event {id: $id})
RETURN {event: e {.id, .type, .title, .summary, .status, .modality, .certainty, .outcome,
  date: {value: e.date}, end: CASE WHEN e.end IS NULL THEN null ELSE {value: e.end} END,
  contested: coalesce(e.contested, false),
  duration: CASE WHEN e.duration IS NULL THEN null ELSE {value: e.duration} END,
  places: [(e)-[:AT]->(pl:Place) | pl {.id, .name, in: [(pl)-[:LOCATED_IN]->(up:Place) | up {.id}][0]}],
  participants: [(a:Actor)-[r:PARTICIPATED_IN]->(e) | {actor: a {.id, .name}, role: r.role, roleLabel: r.roleLabel,
    represents: COLLECT { MATCH (rep:Actor {id: r.represents}) RETURN rep {.id} }[0], certainty: r.certainty,
    sources: [i IN range(0, size(coalesce(r.sources, [])) - 1) | {source: {id: r.sources[i]}, quote: r.quotes[i], confirmation: r.confirmations[i]}]}],
  sources: [(e)-[c:CITES]->(s:Source) | {source: s {.id, .title, .url}, quote: c.quote, confirmation: c.confirmation}],
  claims: [(e)-[:HAS_CLAIM]->(cl:Claim) | cl {.field, .value, .rank, .certainty,
    sources: [(cl)-[ci:CITES]->(s:Source) | {source: {id: s.id}, quote: ci.quote, confirmation: ci.confirmation}]}]
}} AS data`,
		FloorParams: map[string]any{"id": p.Event},
		normOurs: func(d any) any {
			e := at(d, "event")
			out := eventPage{ID: str(at(e, "id")), Type: strings.ToLower(str(at(e, "type"))), Title: str(at(e, "title")),
				Summary: str(at(e, "summary")), Date: str(at(e, "date", "value")), End: str(at(e, "end", "value")),
				Status: enum(at(e, "status"), ""), Modality: enum(at(e, "modality"), ""), Certainty: enum(at(e, "certainty"), ""),
				Contested: truth(at(e, "contested")), Outcome: str(at(e, "outcome")), Duration: str(at(e, "duration", "value")),
				Places: places(at(e, "places")), Participants: []string{}, Sources: []string{}, Claims: []string{}}
			for _, x := range list(at(e, "participants")) {
				out.Participants = append(out.Participants, join(str(at(x, "actor", "id")), str(at(x, "actor", "name")),
					enum(at(x, "role"), ""), str(at(x, "roleLabel")), str(at(x, "represents", "id")), enum(at(x, "certainty"), ""),
					cites(at(x, "sources"), func(c any) any { return at(c, "source") }, self)))
			}
			for _, c := range list(at(e, "sources")) {
				out.Sources = append(out.Sources, join(str(at(c, "source", "id")), str(at(c, "source", "title")), str(at(c, "source", "url")),
					str(at(c, "quote")), confirmation(at(c, "confirmation"))))
			}
			// display is left out: the peer has only the stored text, not
			// the one made from a date or quantity.
			for _, cl := range list(at(e, "claims")) {
				out.Claims = append(out.Claims, join(str(at(cl, "field")), str(at(cl, "value")), enum(at(cl, "rank"), "normal"),
					enum(at(cl, "certainty"), ""), cites(at(cl, "sources"), func(c any) any { return at(c, "source") }, self)))
			}
			out.Participants, out.Sources, out.Claims = sorted(out.Participants), sorted(out.Sources), sorted(out.Claims)
			return out
		},
		normPeer: func(d any) any {
			e := at(d, "events", 0)
			out := eventPage{ID: str(at(e, "id")), Type: str(at(e, "type")), Title: str(at(e, "title")),
				Summary: str(at(e, "summary")), Date: str(at(e, "date")), End: str(at(e, "end")),
				Status: enum(at(e, "status"), ""), Modality: enum(at(e, "modality"), ""), Certainty: enum(at(e, "certainty"), ""),
				Contested: truth(at(e, "contested")), Outcome: str(at(e, "outcome")), Duration: str(at(e, "duration")),
				Places: places(at(e, "places")), Participants: []string{}, Sources: []string{}, Claims: []string{}}
			for _, x := range list(at(e, "participantsConnection", "edges")) {
				pr := at(x, "properties")
				quotes, confs := list(at(pr, "quotes")), list(at(pr, "confirmations"))
				var cs []string
				for i, s := range list(at(pr, "sources")) {
					cs = append(cs, str(s)+":"+str(at(quotes, i))+":"+confirmation(at(confs, i)))
				}
				out.Participants = append(out.Participants, join(str(at(x, "node", "id")), str(at(x, "node", "name")),
					enum(at(pr, "role"), ""), str(at(pr, "roleLabel")), str(at(pr, "represents")), enum(at(pr, "certainty"), ""),
					strings.Join(sorted(cs), ",")))
			}
			for _, c := range list(at(e, "sourcesConnection", "edges")) {
				out.Sources = append(out.Sources, join(str(at(c, "node", "id")), str(at(c, "node", "title")), str(at(c, "node", "url")),
					str(at(c, "properties", "quote")), confirmation(at(c, "properties", "confirmation"))))
			}
			for _, cl := range list(at(e, "claims")) {
				out.Claims = append(out.Claims, join(str(at(cl, "field")), str(at(cl, "value")), enum(at(cl, "rank"), "normal"),
					enum(at(cl, "certainty"), ""), cites(at(cl, "sourcesConnection", "edges"),
						func(c any) any { return at(c, "node") }, func(c any) any { return at(c, "properties") })))
			}
			out.Participants, out.Sources, out.Claims = sorted(out.Participants), sorted(out.Sources), sorted(out.Claims)
			return out
		},
	})

	// A dashboard's year in months, by type. The peer's aggregations count
	// stored values ("late 2022" would land in September, or in each month
	// it may touch as if certain), so its field is hand-written; the floor
	// is the same statement.
	add(Op{
		Name: "monthly histogram", PeerHow: peerCypher,
		Ours: loadgen.Op{Query: `query($from: Date, $to: Date) { activity(filter: { dates: { from: $from, to: $to } }, interval: MONTH, groupBy: TYPE) {
  buckets { from to certain possible groups { key certain possible } } } }`,
			Vars: map[string]any{"from": p.YearFrom, "to": p.YearTo}},
		Peer: loadgen.Op{Query: `query($from: Date!, $to: Date!) { monthlyActivity(from: $from, to: $to) {
  buckets { from to certain possible groups { key certain possible } } } }`,
			Vars: map[string]any{"from": p.YearFrom, "to": p.YearTo}},
		Floor: monthlyActivityCypher + `
RETURN {activity: {buckets: [b IN buckets | b {from: toString(b.from), to: toString(b.to), .certain, .possible,
  groups: [g IN b.groups | g {key: toUpper(g.key), .certain, .possible}]}]}} AS data`,
		FloorParams: map[string]any{"from": date(p.YearFrom), "to": date(p.YearTo)},
		normOurs:    func(d any) any { return buckets(at(d, "activity", "buckets")) },
		normPeer:    func(d any) any { return buckets(at(d, "monthlyActivity", "buckets")) },
	})

	add(Op{
		Name: "top pairs", PeerHow: peerCypher,
		Ours: loadgen.Op{Query: `query($from: Date, $to: Date) { topPairs(filter: { dates: { from: $from, to: $to } }, first: 10) {
  actors { id name } count certainty first { value } last { value } } }`,
			Vars: map[string]any{"from": p.YearFrom, "to": p.YearTo}},
		Peer: loadgen.Op{Query: `query($from: Date!, $to: Date!) { topPairs(from: $from, to: $to, first: 10) {
  actors { id name } count strongest firstFrom firstTo lastFrom lastTo } }`,
			Vars: map[string]any{"from": p.YearFrom, "to": p.YearTo}},
		Floor: topPairsCypher + `
RETURN {topPairs: collect({actors: [a {.id, .name}, b {.id, .name}], count: count,
  certainty: CASE strongest WHEN 4 THEN 'confirmed' WHEN 3 THEN 'reported' WHEN 2 THEN 'planned' ELSE 'speculated' END,
  first: {value: ` + withinCypher("firstFrom", "firstTo") + `},
  last: {value: ` + withinCypher("lastFrom", "lastTo") + `}})} AS data`,
		FloorParams: map[string]any{"from": date(p.YearFrom), "to": date(p.YearTo), "first": 10},
		normOurs: func(d any) any {
			out := []string{}
			for _, x := range list(at(d, "topPairs")) {
				out = append(out, join(str(at(x, "actors", 0, "id")), str(at(x, "actors", 0, "name")), str(at(x, "actors", 1, "id")),
					str(at(x, "actors", 1, "name")), str(at(x, "count")), enum(at(x, "certainty"), ""),
					str(at(x, "first", "value")), str(at(x, "last", "value"))))
			}
			return out
		},
		normPeer: func(d any) any {
			out := []string{}
			for _, x := range list(at(d, "topPairs")) {
				out = append(out, join(str(at(x, "actors", 0, "id")), str(at(x, "actors", 0, "name")), str(at(x, "actors", 1, "id")),
					str(at(x, "actors", 1, "name")), str(at(x, "count")), certaintyOf(at(x, "strongest")),
					within(at(x, "firstFrom"), at(x, "firstTo")), within(at(x, "lastFrom"), at(x, "lastTo"))))
			}
			return out
		},
	})

	for i := range ops {
		ops[i].Ours.Name = ops[i].Name
		ops[i].Peer.Name = ops[i].Name
	}
	return ops
}

func pathKey(actors, events []string) string {
	var b strings.Builder
	for i, a := range actors {
		b.WriteString(a)
		if i < len(events) {
			b.WriteString(" " + events[i] + " ")
		}
	}
	return b.String()
}

type hit struct {
	id    string
	score float64
}

// topHits orders hits by score, then id, and keeps the first n; scores are
// rounded so that float noise does not reorder equal scores.
func topHits(hits []hit, n int) []string {
	for i := range hits {
		hits[i].score = math.Round(hits[i].score*1e4) / 1e4
	}
	sort.Slice(hits, func(i, j int) bool {
		if hits[i].score != hits[j].score {
			return hits[i].score > hits[j].score
		}
		return hits[i].id < hits[j].id
	})
	out := []string{}
	for i := 0; i < len(hits) && i < n; i++ {
		out = append(out, fmt.Sprintf("%s@%.4f", hits[i].id, hits[i].score))
	}
	return out
}

// networkCypher is who met whom among events overlapping [$from, $to],
// through participations that are a link (contact >= 1, docs/model.md): the
// $limit heaviest pairs with their strongest link, and each of their actors
// with its event count.
// The peer's @cypher network field is the same statement.
const networkCypher = `MATCH (a:Actor)-[ra:PARTICIPATED_IN]->(e:Event)<-[rb:PARTICIPATED_IN]-(b:Actor)
WHERE e.dateFrom <= $to AND e.dateTo >= $from AND a.id < b.id AND ra.contact >= 1 AND rb.contact >= 1
WITH a, b, count(e) AS weight, max(CASE WHEN ra.contact < rb.contact THEN ra.contact ELSE rb.contact END) AS strongest
ORDER BY weight DESC, a.id, b.id
LIMIT $limit
WITH collect({source: a.id, target: b.id, weight: weight, strongest: strongest}) AS edges, collect(a) + collect(b) AS ends
CALL (ends) {
  UNWIND ends AS x
  WITH DISTINCT x
  CALL (x) {
    MATCH (x)-[r:PARTICIPATED_IN]->(e:Event)
    WHERE e.dateFrom <= $to AND e.dateTo >= $from AND r.contact >= 1
    RETURN count(e) AS n
  }
  RETURN collect({id: x.id, name: x.name, eventCount: n}) AS nodes
}`

// planDiffCypher pairs each point of $to with the point of $from in its
// line of revisions; the rest are added, or removed when a source says so
// or $to's full text is known, disputed when sources give competing fates,
// and unknown otherwise.
const planDiffCypher = `MATCH (f:PlanVersion {id: $from}), (t:PlanVersion {id: $to})
CALL (f, t) {
  OPTIONAL MATCH (t)-[:HAS_POINT]->(q:PlanPoint)
  OPTIONAL CALL (q, f) {
    MATCH (q)-[:REVISES*1..20]-(old:PlanPoint)<-[:HAS_POINT]-(f)
    RETURN old LIMIT 1
  }
  RETURN collect(CASE WHEN q IS NOT NULL AND old IS NULL THEN q.id END) AS added,
         collect(CASE WHEN old IS NOT NULL THEN {before: old.id, after: q.id} END) AS revised,
         collect(old.id) AS revisedOld
}
CALL (f, t, revisedOld) {
  OPTIONAL MATCH (f)-[:HAS_POINT]->(p:PlanPoint)
  WHERE NOT p.id IN revisedOld
  OPTIONAL MATCH (t)-[x:FATE]->(p)
  WITH p, coalesce(x.fate, CASE WHEN x.disputed THEN 'disputed' WHEN t.complete THEN 'dropped' ELSE 'unknown' END) AS fate
  RETURN collect(CASE WHEN fate = 'dropped' THEN p.id END) AS removed,
         collect(CASE WHEN fate = 'unknown' THEN p.id END) AS unknown,
         collect(CASE WHEN fate = 'disputed' THEN p.id END) AS disputed
}`

// buckets is a histogram's periods in order, each with its groups in the
// order given: the API defines both.
func buckets(l any) []string {
	out := []string{}
	for _, b := range list(l) {
		var groups []string
		for _, g := range list(at(b, "groups")) {
			groups = append(groups, join(enum(at(g, "key"), ""), str(at(g, "certain")), str(at(g, "possible"))))
		}
		out = append(out, join(str(at(b, "from")), str(at(b, "to")), str(at(b, "certain")), str(at(b, "possible")), strings.Join(groups, ",")))
	}
	return out
}

// within is the partial date the API makes of the days from a to b: the
// peer returns the two days, as a library client would get them.
func within(a, b any) string {
	from, errFrom := time.Parse(time.DateOnly, str(a))
	to, errTo := time.Parse(time.DateOnly, str(b))
	if errFrom != nil || errTo != nil {
		return fmt.Sprintf("not two days: %v..%v", a, b)
	}
	d, err := partialdate.Within(from, to)
	if err != nil {
		return err.Error()
	}
	return d.String()
}

// withinCypher is partialdate.Within in Cypher, for the days lo to hi: the
// one day, month, year or part of one that they are exactly, else the
// range of the two days.
func withinCypher(lo, hi string) string {
	return strings.NewReplacer("LO", lo, "HI", hi).Replace(`CASE
    WHEN LO = HI THEN toString(LO)
    WHEN date.truncate('month', LO) = date.truncate('month', HI) AND [LO.day, HI.day] = [1, 10] THEN 'early ' + left(toString(LO), 7)
    WHEN date.truncate('month', LO) = date.truncate('month', HI) AND [LO.day, HI.day] = [11, 20] THEN 'mid ' + left(toString(LO), 7)
    WHEN date.truncate('month', LO) = date.truncate('month', HI) AND HI + duration({days: 1}) = date.truncate('month', LO) + duration({months: 1})
      THEN CASE LO.day WHEN 21 THEN 'late ' + left(toString(LO), 7) WHEN 1 THEN left(toString(LO), 7) ELSE toString(LO) + '..' + toString(HI) END
    WHEN LO.year = HI.year AND [LO.month, LO.day, HI.month, HI.day] = [1, 1, 4, 30] THEN 'early ' + toString(LO.year)
    WHEN LO.year = HI.year AND [LO.month, LO.day, HI.month, HI.day] = [5, 1, 8, 31] THEN 'mid ' + toString(LO.year)
    WHEN LO.year = HI.year AND [LO.month, LO.day, HI.month, HI.day] = [9, 1, 12, 31] THEN 'late ' + toString(LO.year)
    WHEN LO.year = HI.year AND [LO.month, LO.day, HI.month, HI.day] = [1, 1, 12, 31] THEN toString(LO.year)
    ELSE toString(LO) + '..' + toString(HI) END`)
}

// The stored dates are the widest an event may reach (dateFrom, dateTo);
// how late its start may be and how early its end is written only in the
// texts date and end (docs/model.md: "late 2022-10", "2022-10..2022-11"),
// so the two statements below read them, split into [qualifier,] day,
// month or year: sw is the last end of date, ew the first end of end.
const (
	startLatestCypher = `CASE size(split(last(sw), '-'))
    WHEN 3 THEN date(last(sw))
    WHEN 2 THEN CASE head(sw) WHEN 'early' THEN date(last(sw) + '-10') WHEN 'mid' THEN date(last(sw) + '-20')
      ELSE date(last(sw) + '-01') + duration({months: 1}) - duration({days: 1}) END
    ELSE date(last(sw) + CASE head(sw) WHEN 'early' THEN '-04-30' WHEN 'mid' THEN '-08-31' ELSE '-12-31' END) END`
	endEarliestCypher = `CASE size(split(last(ew), '-'))
    WHEN 3 THEN date(last(ew))
    WHEN 2 THEN date(last(ew) + CASE head(ew) WHEN 'mid' THEN '-11' WHEN 'late' THEN '-21' ELSE '-01' END)
    ELSE date(last(ew) + CASE head(ew) WHEN 'mid' THEN '-05-01' WHEN 'late' THEN '-09-01' ELSE '-01-01' END) END`
)

// monthlyActivityCypher counts the events overlapping [$from, $to] in each
// month of it, by type, as the API's activity does: an event is certain in
// a month when every day it may denote lies in it, or when the days it
// certainly spans (from the latest its start may be to the earliest its
// end may be) touch it, and possible in the other months its days touch.
// Empty months are listed too; groups most first. The longest event span
// bounds the dateFrom index seek from below, as in the store; each
// property is read once, and date only where there is an end.
// The peer's @cypher monthlyActivity field is the same statement.
const monthlyActivityCypher = `WITH coalesce(head(COLLECT { MATCH (x:Event) WHERE x.dateSpan IS NOT NULL RETURN x.dateSpan ORDER BY x.dateSpan DESC LIMIT 1 }), 1000000) AS longest
MATCH (e:Event)
WHERE e.dateFrom <= $to AND e.dateTo >= $from AND e.dateFrom >= $from - duration({days: longest})
WITH e, e.dateFrom AS df, e.dateTo AS dt, e.type AS type, e.end AS end
WITH df, dt, type, CASE WHEN end IS NOT NULL THEN split(last(split(e.date, '..')), ' ') END AS sw, split(head(split(end, '..')), ' ') AS ew
WITH df, dt, type,
  CASE WHEN sw IS NULL THEN dt ELSE ` + startLatestCypher + ` END AS sureFrom,
  CASE WHEN ew IS NULL THEN df ELSE ` + endEarliestCypher + ` END AS sureTo,
  CASE WHEN df < $from THEN $from ELSE df END AS lo, CASE WHEN dt > $to THEN $to ELSE dt END AS hi
UNWIND range((lo.year - $from.year) * 12 + lo.month - $from.month, (hi.year - $from.year) * 12 + hi.month - $from.month) AS i
WITH i, type, df, dt, sureFrom, sureTo, date.truncate('month', $from) + duration({months: i}) AS month
WITH i, type, (df >= month AND dt < month + duration({months: 1}))
  OR (sureFrom <= sureTo AND sureFrom < month + duration({months: 1}) AND sureTo >= month) AS inside
WITH i, type, count(CASE WHEN inside THEN 1 END) AS certain, count(CASE WHEN inside THEN null ELSE 1 END) AS possible
ORDER BY i, certain + possible DESC, certain DESC, type
WITH i, sum(certain) AS certain, sum(possible) AS possible, collect({key: type, certain: certain, possible: possible}) AS groups
WITH collect({i: i, certain: certain, possible: possible, groups: groups}) AS counted
UNWIND range(0, ($to.year - $from.year) * 12 + $to.month - $from.month) AS i
WITH date.truncate('month', $from) + duration({months: i}) AS month, head([c IN counted WHERE c.i = i]) AS c
WITH collect({from: month, to: month + duration({months: 1}) - duration({days: 1}),
  certain: coalesce(c.certain, 0), possible: coalesce(c.possible, 0), groups: coalesce(c.groups, [])}) AS buckets`

// topPairsCypher is the $first pairs of actors linked by the most events
// overlapping [$from, $to] (links as in network), with their strongest
// link and the bounds of their first and last shared events as the API
// gives them: the first began between the earliest day any of them may
// have begun and the earliest latest start, the last likewise from the
// other end (the store's firstAndLast narrows to the events that may be
// first or last before taking those bounds; they come out the same).
// Each event's links are read once and paired in memory, by id.
// The peer's @cypher topPairs field is the same statement.
const topPairsCypher = `WITH coalesce(head(COLLECT { MATCH (x:Event) WHERE x.dateSpan IS NOT NULL RETURN x.dateSpan ORDER BY x.dateSpan DESC LIMIT 1 }), 1000000) AS longest
MATCH (e:Event)
WHERE e.dateFrom <= $to AND e.dateTo >= $from AND e.dateFrom >= $from - duration({days: longest})
WITH e, e.dateFrom AS df, e.dateTo AS dt, e.end AS end
WITH e, df, dt, CASE WHEN end IS NOT NULL THEN split(last(split(e.date, '..')), ' ') END AS sw
WITH e, df, CASE WHEN sw IS NULL THEN dt ELSE ` + startLatestCypher + ` END AS latest,
  COLLECT { MATCH (e)<-[x:PARTICIPATED_IN]-(xa:Actor) WHERE x.contact >= 1 RETURN {actor: xa, id: xa.id, contact: x.contact} } AS links
UNWIND links AS la
UNWIND links AS lb
WITH e, df, latest, la, lb
WHERE la.id < lb.id
WITH la.actor AS a, la.id AS aid, lb.actor AS b, lb.id AS bid, count(DISTINCT e) AS count,
  max(CASE WHEN la.contact < lb.contact THEN la.contact ELSE lb.contact END) AS strongest,
  min(df) AS firstFrom, min(latest) AS firstTo, max(df) AS lastFrom, max(latest) AS lastTo
ORDER BY count DESC, aid, bid
LIMIT $first`
