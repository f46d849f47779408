package store

// The keys the event statements are rendered for. Each names only flags
// that change the statement's text; a template lists every key it can be
// asked for (Template.keys), so all of them are compiled in tests.

// filterShape says which predicates of an event filter a statement writes
// into its text. The date range and the types decide which index Neo4j
// seeks: a generic `$from IS NULL OR ...` keeps the planner from seeking
// the date indexes, and a date range would then scan every event. So each
// combination of them is a statement of its own. Others writes the rest
// (places, actors, asOf, statuses, modalities, disputed, certainties, and
// the actor's own participation), each as `$x IS NULL OR ...`, so one
// statement serves any of them: left out when none is set, since Neo4j
// evaluates each null test on every row it reads (12% of the actor page's
// statement, 7% of counterparts').
type filterShape struct {
	From, To, Types, Others bool
	// Bounded statements open with the "longest" fragment, which reads the
	// longest event span, so that an overlap search can seek the date index
	// from below too. The template decides it, not the caller.
	Bounded bool
}

// shapes lists every filter shape.
func shapes() []filterShape {
	var out []filterShape
	for _, from := range bools() {
		for _, to := range bools() {
			for _, types := range bools() {
				for _, others := range bools() {
					out = append(out, filterShape{From: from, To: to, Types: types, Others: others})
				}
			}
		}
	}
	return out
}

func (f EventFilter) shape() filterShape {
	return filterShape{From: f.From != nil, To: f.To != nil, Types: len(f.Types) > 0,
		Others: len(f.Places) > 0 || len(f.Actors) > 0 || f.AsOf != nil || len(f.Statuses) > 0 ||
			len(f.Modalities) > 0 || f.Disputed != nil || f.Certainty != nil || f.Met}
}

// Unfiltered reports whether the statement selects every event; templates
// ask it to count from the degrees Neo4j keeps, or to let a path search
// prune freely.
func (s filterShape) Unfiltered() bool {
	return !s.From && !s.To && !s.Types && !s.Others
}

// partParams asks a statement for the optional parts of each event (the
// eventRow and participantRows fragments): a part not asked for is null,
// and costs nothing.
func (p Page) partParams(params map[string]any) map[string]any {
	params["withPlaces"] = p.Places
	params["withCitations"] = p.Sources
	params["withParticipants"] = p.Participants
	params["withRepresents"] = p.Participants && p.ParticipantFields.Represents
	params["withSources"] = p.Participants && p.ParticipantFields.Sources
	params["withTotal"] = p.WithTotal
	params["eventProps"] = propNames(eventFields(p.EventProps))
	params["sourceProps"] = propNames(sourceFields(p.SourceProps))
	return p.ParticipantFields.params(params)
}

func bools() []bool { return []bool{false, true} }

// eventsKey renders events.cypher: one page of events, newest first with
// Desc, after a cursor with After.
type eventsKey struct {
	filterShape
	Desc, After bool
}

func eventsKeys() []eventsKey {
	var out []eventsKey
	for _, sh := range shapes() {
		for _, desc := range bools() {
			for _, after := range bools() {
				out = append(out, eventsKey{filterShape: sh, Desc: desc, After: after})
			}
		}
	}
	return out
}

// actorEventsKey renders events_of_actors.cypher.
type actorEventsKey struct {
	filterShape
	Desc, After bool
}

func actorEventsKeys() []actorEventsKey {
	var out []actorEventsKey
	for _, sh := range shapes() {
		for _, desc := range bools() {
			for _, after := range bools() {
				out = append(out, actorEventsKey{filterShape: sh, Desc: desc, After: after})
			}
		}
	}
	return out
}

// counterpartsKey renders counterparts.cypher: with Events every shared
// event, with Dates the first and last of them.
type counterpartsKey struct {
	filterShape
	Events, Dates bool
}

func counterpartsKeys() []counterpartsKey {
	var out []counterpartsKey
	for _, sh := range shapes() {
		for _, events := range bools() {
			for _, dates := range bools() {
				out = append(out, counterpartsKey{filterShape: sh, Events: events, Dates: dates})
			}
		}
	}
	return out
}

// networkKey renders network.cypher: with Events each edge's events, with
// Within only the actors of a neighbourhood.
type networkKey struct {
	filterShape
	Events, Within bool
}

func networkKeys() []networkKey {
	var out []networkKey
	for _, sh := range shapes() {
		for _, events := range bools() {
			for _, within := range bools() {
				out = append(out, networkKey{filterShape: sh, Events: events, Within: within})
			}
		}
	}
	return out
}

// pathsKey renders paths.cypher. MaxLength bounds the variable-length
// pattern (twice the hops: the bound is rendered into the pattern, where a
// parameter cannot go). An unfiltered shape leaves out the filter on the
// path's events, which would keep Neo4j from pruning its breadth-first
// search.
type pathsKey struct {
	filterShape
	MaxLength int
}

func pathsKeys() []pathsKey {
	var out []pathsKey
	for _, sh := range shapes() {
		for hops := 1; hops <= MaxPathHops; hops++ {
			out = append(out, pathsKey{filterShape: sh, MaxLength: 2 * hops})
		}
	}
	return out
}

func shapeKeys() []filterShape { return shapes() }

// bounded is the prepare function of the templates that open with the
// "longest" fragment.
func boundedEvents(k eventsKey) eventsKey    { k.Bounded = true; return k }
func boundedNetwork(k networkKey) networkKey { k.Bounded = true; return k }
func boundedShape(k filterShape) filterShape { k.Bounded = true; return k }
