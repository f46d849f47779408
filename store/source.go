package store

import (
	"context"
	"fmt"
	"reflect"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/diplograph/diplograph/partialdate"
	"github.com/diplograph/diplograph/vocab"
)

// Source is a document that reports facts.
type Source struct {
	ID string `prop:"id"`
	SourceFields
	Published *partialdate.Date `prop:"published"`
}

// SourceFields are the properties of a source that fixtures give as the
// graph stores them.
type SourceFields struct {
	Kind vocab.SourceKind `yaml:"kind" prop:"kind"`
	// Title is absent when the URL or the publisher identifies the source.
	Title     *string `yaml:"title" prop:"title"`
	URL       *string `yaml:"url" prop:"url"`
	Publisher *string `yaml:"publisher" prop:"publisher"`
	Author    *string `yaml:"author" prop:"author"`
	// Language is the source's, a BCP 47 tag (en, uk, ru).
	Language *string `yaml:"language" prop:"language"`
	Note     *string `yaml:"note" prop:"note"`
}

// Label names the source for people: its title, or its publisher and
// date, or its URL.
func (s Source) Label() string {
	switch {
	case s.Title != nil:
		return *s.Title
	case s.Publisher != nil && s.Published != nil:
		return *s.Publisher + ", " + s.Published.Display()
	case s.Publisher != nil:
		return *s.Publisher
	case s.URL != nil:
		return *s.URL
	}
	return s.ID
}

func (s Source) Key() string { return s.ID }

// Citation is a source's support for a fact: the words it used and how it
// states the fact.
type Citation struct {
	Source       Source
	Quote        *string
	Translation  *string
	Language     *string
	Note         *string
	Confirmation vocab.Certainty
}

var stmtCitations = defineTemplate("citations", "read/citations.cypher",
	labelKeys(labelsWhere(func(e Entity) bool { return e.Cites })), nil)

// Citations loads the sources cited by nodes of one label.
func (s *Store) Citations(ctx context.Context, label Label, ids []string) (map[string][]Citation, error) {
	if len(ids) == 0 {
		return map[string][]Citation{}, nil
	}
	recs, err := s.query(ctx, stmtCitations.get(labelKey{label}), map[string]any{"ids": ids})
	if err != nil {
		return nil, fmt.Errorf("citations of %s: %w", label, err)
	}
	out := make(map[string][]Citation, len(ids))
	for _, r := range recs {
		id, err := value[string](r, "id")
		if err != nil {
			return nil, fmt.Errorf("citations of %s: %w", label, err)
		}
		cs, err := citationsAt(r, "citations")
		if err != nil {
			return nil, fmt.Errorf("citations of %s: %w", label, err)
		}
		out[id] = cs
	}
	return out, nil
}

var stmtEventSources = define("event_sources", "read/event_sources.cypher", nil)

// EventSources reads the ids of the sources each event cites, in citation
// order, and those sources by id: the sources without the citations.
func (s *Store) EventSources(ctx context.Context, eventIDs []string) (map[string][]string, map[string]Source, error) {
	cites, sources := map[string][]string{}, map[string]Source{}
	if len(eventIDs) == 0 {
		return cites, sources, nil
	}
	recs, err := s.query(ctx, stmtEventSources, map[string]any{"ids": eventIDs})
	if err != nil {
		return nil, nil, fmt.Errorf("sources of events: %w", err)
	}
	if len(recs) != 1 {
		return nil, nil, fmt.Errorf("sources of events: %d records", len(recs))
	}
	pairs, err := list(recs[0], "cites")
	if err != nil {
		return nil, nil, fmt.Errorf("sources of events: %w", err)
	}
	for _, p := range pairs {
		pair, err := tuple(p, 2)
		if err != nil {
			return nil, nil, fmt.Errorf("sources of events: %w", err)
		}
		event, err := typed[string](pair[0], "event id")
		if err != nil {
			return nil, nil, fmt.Errorf("sources of events: %w", err)
		}
		source, err := typed[string](pair[1], "source id")
		if err != nil {
			return nil, nil, fmt.Errorf("sources of events: %w", err)
		}
		cites[event] = append(cites[event], source)
	}
	nodes, err := list(recs[0], "sources")
	if err != nil {
		return nil, nil, fmt.Errorf("sources of events: %w", err)
	}
	all, err := decodeAll[Source](nodes)
	if err != nil {
		return nil, nil, fmt.Errorf("sources of events: %w", err)
	}
	for _, src := range all {
		sources[src.ID] = src
	}
	return cites, sources, nil
}

// citationsAt reads the citations under key (the "citations" fragment's
// shape: lists of the source's values and the citation's, cite in
// statement.go).
func citationsAt(r *neo4j.Record, key string) ([]Citation, error) {
	v, err := optional(r, key)
	if err != nil {
		return nil, err
	}
	return decodeCitations(v)
}

func decodeCitations(v any) ([]Citation, error) {
	return decodeCitationsOf(v, allSourceFields)
}

var allSourceFields = fieldsOf(reflect.TypeFor[Source]())

// decodeCitationsOf reads citations whose sources hold the values of
// fields (sourceFields).
func decodeCitationsOf(v any, fields []propField) ([]Citation, error) {
	if v == nil {
		return []Citation{}, nil
	}
	items, ok := v.([]any)
	if !ok {
		return nil, fmt.Errorf("citations: a list expected, got %T", v)
	}
	out := make([]Citation, 0, len(items))
	for _, it := range items {
		if it == nil {
			continue // an optional match that found no source
		}
		t, err := tuple(it, 6)
		if err != nil {
			return nil, fmt.Errorf("citation: %w", err)
		}
		src, err := decodeFields[Source](t[0], fields)
		if err != nil {
			return nil, fmt.Errorf("citation: %w", err)
		}
		c, err := decode[citationProps](t[1:])
		if err != nil {
			return nil, fmt.Errorf("citation of %s: %w", src.ID, err)
		}
		out = append(out, Citation{Source: src, Quote: c.Quote, Translation: c.Translation, Language: c.Language,
			Note: c.Note, Confirmation: c.Confirmation})
	}
	return out, nil
}

// citationProps are the properties of a CITES relationship, as the
// citations fragments return them after the source's values (the
// confirmation defaulted), in this order.
type citationProps struct {
	Quote        *string         `prop:"quote"`
	Translation  *string         `prop:"translation"`
	Language     *string         `prop:"language"`
	Note         *string         `prop:"note"`
	Confirmation vocab.Certainty `prop:"confirmation"`
}
