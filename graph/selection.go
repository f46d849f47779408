package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"

	"github.com/diplograph/diplograph/store"
)

// What a query selects decides what the store reads: the parts of an event
// (its places, its sources, its participants and theirs) and the properties
// of events, participants, participations and the sources events and
// participations cite. A
// statement returns only the properties of the nodes its readers need
// (store.PropSet); the tables below say, for each field of a type, which
// properties its resolver reads: its own, or those it derives from, and
// only the id for a field resolved from it. A field a table does not list
// reads every property, so a field added to the schema answers rightly
// before it is listed. Each field is checked against the answer of a server
// that reads every property (ReadAllProperties; httpapi/selection_test.go).

var (
	eventFieldProps = fieldProps[store.Event](map[string][]string{
		"inPerson": {"modality"}, "unconfirmed": {"certainty"}, "disputed": {"disputedFields"},
		// A relation without a certainty of its own has the event's.
		"relations": {"id", "certainty"},
	}, []string{"id", "type", "title", "summary", "date", "end", "status", "modality", "duration",
		"durationMinutes", "outcome", "certainty", "contested"},
		[]string{"__typename", "outcomes", "places", "place", "participants", "concerns", "produced",
			"ledTo", "ledFrom", "previous", "next", "overlapping", "sources", "claims", "disputes"})
	actorFieldProps = fieldProps[store.Actor](nil,
		[]string{"id", "kind", "name", "aliases", "description", "certainty", "contested"},
		[]string{"__typename", "roles", "events", "counterparts", "stances", "members", "memberOf", "identity",
			"claims", "disputes", "sources"})
	sourceFieldProps = fieldProps[store.Source](map[string][]string{
		// Source.Label: the title, or the publisher and date, or the URL.
		"label": {"title", "publisher", "published", "url"},
	}, []string{"id", "kind", "title", "url", "publisher", "author", "published", "language", "note"},
		[]string{"__typename", "publisherActor"})
	// A participation has no id; its required role stands in for the
	// fields that read none of its properties (a set cannot be empty: the
	// zero set reads every property).
	participationFieldProps = fieldProps[store.ParticipationProps](map[string][]string{
		"unconfirmed": {"certainty"}, "__typename": {"role"}, "actor": {"role"}, "represents": {"role"},
		"claims": {"role"}, "sources": {"role"},
	}, []string{"role", "roleLabel", "certainty", "contested"}, nil)
)

// fieldProps builds a table: derived fields with the properties they read,
// fields named as their property, and fields resolved from the id alone.
func fieldProps[T any](derived map[string][]string, own, byID []string) map[string]store.PropSet {
	m := map[string]store.PropSet{}
	for f, props := range derived {
		m[f] = store.PropsOf[T](props...)
	}
	for _, f := range own {
		m[f] = store.PropsOf[T](f)
	}
	for _, f := range byID {
		m[f] = store.PropsOf[T]("id")
	}
	return m
}

// propsRead are the properties that fields read, by table, from base up:
// the zero set, every property, when one of them is not in the table.
func propsRead(table map[string]store.PropSet, base store.PropSet, fields []graphql.CollectedField) store.PropSet {
	s := base
	for _, f := range fields {
		p, ok := table[f.Name]
		if !ok {
			return 0
		}
		s |= p
	}
	return s
}

// eventsPage is page for a list of events: with the parts of each event and
// the properties of each that the selection reads on the list's nodes.
func (r *Resolver) eventsPage(ctx context.Context, first *int, after *string, def int) (store.Page, error) {
	p, err := page(ctx, first, after, def)
	nodes := fieldsOnNodes(ctx)
	if !r.ReadAllProperties {
		p.EventProps = propsRead(eventFieldProps, store.PropsOf[store.Event]("id"), nodes)
	}
	p.Places = selected(nodes, "places") || selected(nodes, "place")
	p.Sources, p.Participants = selected(nodes, "sources"), selected(nodes, "participants")
	if p.Sources && !r.ReadAllProperties {
		p.SourceProps = citedSourcesRead(ctx, nodes)
	}
	p.ParticipantFields = r.participantsSelected(ctx, childrenOf(ctx, nodes, "participants"))
	return p, err
}

// participantsSelected is what the fields selected on participants read.
func (r *Resolver) participantsSelected(ctx context.Context, fields []graphql.CollectedField) store.ParticipantFields {
	f := store.ParticipantFields{Represents: selected(fields, "represents"), Sources: selected(fields, "sources")}
	if !r.ReadAllProperties {
		f.Actor = propsRead(actorFieldProps, store.PropsOf[store.Actor]("id"), childrenOf(ctx, fields, "actor"))
		f.Props = propsRead(participationFieldProps, store.PropsOf[store.ParticipationProps]("role"), fields)
		if f.Represents {
			f.RepresentsProps = propsRead(actorFieldProps, store.PropsOf[store.Actor]("id"), childrenOf(ctx, fields, "represents"))
		}
		if f.Sources {
			f.SourceProps = citedSourcesRead(ctx, fields)
		}
	}
	return f
}

// citedSourcesRead are the properties the fields selected on the sources
// cited under fields (sources { source { ... } }) read.
func citedSourcesRead(ctx context.Context, fields []graphql.CollectedField) store.PropSet {
	return propsRead(sourceFieldProps, store.PropsOf[store.Source]("id"), childrenOf(ctx, childrenOf(ctx, fields, "sources"), "source"))
}

// selected reports whether fields include one named name.
func selected(fields []graphql.CollectedField, name string) bool {
	for _, f := range fields {
		if f.Name == name {
			return true
		}
	}
	return false
}

// childrenOf collects the fields selected under every field of fields
// named name.
func childrenOf(ctx context.Context, fields []graphql.CollectedField, name string) []graphql.CollectedField {
	op := graphql.GetOperationContext(ctx)
	var out []graphql.CollectedField
	for _, f := range fields {
		if f.Name == name {
			out = append(out, graphql.CollectFields(op, f.Selections, nil)...)
		}
	}
	return out
}

// fieldsAt collects the fields the current field's selection holds at path,
// each name a child of the one before, from every field of that name.
func fieldsAt(ctx context.Context, path ...string) []graphql.CollectedField {
	fields := graphql.CollectFieldsCtx(ctx, nil)
	for _, name := range path {
		fields = childrenOf(ctx, fields, name)
	}
	return fields
}

// fieldsOnNodes collects what a connection's selection holds on its nodes,
// through nodes or edges { node }.
func fieldsOnNodes(ctx context.Context) []graphql.CollectedField {
	top := graphql.CollectFieldsCtx(ctx, nil)
	return append(childrenOf(ctx, top, "nodes"), childrenOf(ctx, childrenOf(ctx, top, "edges"), "node")...)
}

// selects reports whether the current field's selection includes name.
func selects(ctx context.Context, name string) bool {
	return selected(graphql.CollectFieldsCtx(ctx, nil), name)
}

// selectsPath reports whether the current field's selection asks for the
// field at path, each name a child of the one before.
func selectsPath(ctx context.Context, path ...string) bool {
	return selected(fieldsAt(ctx, path[:len(path)-1]...), path[len(path)-1])
}
