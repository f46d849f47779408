package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/diplograph/diplograph/vocab"
)

// Link is a node at the other end of a relationship that keeps its own
// sources: an event's places and plan versions, a version's parents and
// the fates of earlier points, a group's members, the typed relations
// between events.
type Link[T any] struct {
	Node T
	LinkProps
	Sources []Citation
}

// LinkProps are a relationship's own properties that readers show.
type LinkProps struct {
	// Certainty is the link's, from its citations; absent when it has none
	// (it is then as certain as the node that lists it).
	Certainty *vocab.Certainty `prop:"certainty"`
	Contested bool             `prop:"contested"`
	// Fate is a FATE relationship's working fate; Disputed, when sources
	// disagree on it (Fate is then absent unless an editor prefers one).
	Fate     *vocab.PointFate `prop:"fate"`
	Disputed bool             `prop:"disputed"`
}

// relDir is a relationship spec followed one way: In, from its end.
type relDir struct {
	RelSpec
	In bool
}

// linkedSpecs are the specs whose relationships may carry sources.
var linkedSpecs = []RelSpec{EventAt, EventConcerns, EventProduced, VersionDerivedFrom, VersionFate, ActorMemberOf}

var (
	stmtRelatedLinks = defineTemplate("related_links", "read/related_links.cypher", func() []relDir {
		var out []relDir
		for _, s := range linkedSpecs {
			out = append(out, relDir{s, false}, relDir{s, true})
		}
		return out
	}, nil)
	stmtEventRelations = define("event_relations", "read/event_relations.cypher", nil)
)

// Links loads, for each id, the nodes of type T at the other end of a
// relationship spec, with the relationship's properties and citations.
func Links[T any](ctx context.Context, s *Store, spec RelSpec, dir Direction, ids []string) (map[string][]Link[T], error) {
	if len(ids) == 0 {
		return map[string][]Link[T]{}, nil
	}
	recs, err := s.query(ctx, stmtRelatedLinks.get(relDir{spec, dir == Incoming}), map[string]any{"ids": ids})
	if err != nil {
		return nil, fmt.Errorf("links %s: %w", spec, err)
	}
	out, err := byParent(recs, linkRow[T])
	if err != nil {
		return nil, fmt.Errorf("links %s: %w", spec, err)
	}
	return out, nil
}

func linkRow[T any](r *neo4j.Record) (Link[T], error) {
	var l Link[T]
	var err error
	if l.Node, err = nodeOf[T](r, "node"); err != nil {
		return l, err
	}
	if l.LinkProps, err = nodeOf[LinkProps](r, "props"); err != nil {
		return l, err
	}
	l.Sources, err = citationsAt(r, "citations")
	return l, err
}

// EventRelation is one typed relation of an event to another.
type EventRelation struct {
	Link[Event]
	Type vocab.EventRelationType
	// Incoming: the relation points at the event from the other one.
	Incoming bool
}

// EventRelations loads every typed relation of each event, both ways.
func (s *Store) EventRelations(ctx context.Context, ids []string) (map[string][]EventRelation, error) {
	if len(ids) == 0 {
		return map[string][]EventRelation{}, nil
	}
	recs, err := s.query(ctx, stmtEventRelations, map[string]any{"ids": ids})
	if err != nil {
		return nil, fmt.Errorf("event relations: %w", err)
	}
	out, err := byParent(recs, func(r *neo4j.Record) (EventRelation, error) {
		l, err := linkRow[Event](r)
		if err != nil {
			return EventRelation{}, err
		}
		typ, err := value[string](r, "type")
		if err != nil {
			return EventRelation{}, err
		}
		t, err := vocab.ParseEventRelationType(strings.ToLower(typ))
		if err != nil {
			return EventRelation{}, err
		}
		in, err := value[bool](r, "incoming")
		return EventRelation{Link: l, Type: t, Incoming: in}, err
	})
	if err != nil {
		return nil, fmt.Errorf("event relations: %w", err)
	}
	return out, nil
}
