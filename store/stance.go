package store

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/diplograph/diplograph/partialdate"
	"github.com/diplograph/diplograph/vocab"
)

// Stance is a position an actor took on a plan version or a point.
type Stance struct {
	ID string `prop:"id"`
	StanceFields
	Date           *partialdate.Date `prop:"date"`
	Certainty      vocab.Certainty   `prop:"certainty"`
	Contested      bool              `prop:"contested"`
	DisputedFields []string          `prop:"disputedFields"`
}

// StanceFields are the properties of a stance that fixtures give as the
// graph stores them.
type StanceFields struct {
	Position vocab.StancePosition `yaml:"position" prop:"position"`
	Summary  *string              `yaml:"summary" prop:"summary"`
}

// StanceTarget is what a stance is on: a point or a whole version.
type StanceTarget struct {
	Point   *PlanPoint
	Version *PlanVersion
}

// StanceRow is a stance with its actor and target.
type StanceRow struct {
	Stance
	Actor  Actor
	Target StanceTarget
}

// StanceParent says whose stances to load.
type StanceParent int

const (
	StancesByActor StanceParent = iota
	StancesOnPoint
	StancesOnVersion
	StancesByID
)

// stanceMatch is the first pattern of the stance statement: which stances,
// for which parent ids. Anchor is the node it finds by id, which must not be
// staged.
type stanceMatch struct{ Match, Anchor string }

var stanceMatches = map[StanceParent]stanceMatch{
	StancesByActor:   {"MATCH (o:Actor {id: id})-[:TOOK]->(s:Stance)", "o"},
	StancesOnPoint:   {"MATCH (s:Stance)-[:ON]->(o:PlanPoint {id: id})", "o"},
	StancesOnVersion: {"MATCH (s:Stance)-[:ON]->(o:PlanVersion {id: id})", "o"},
	StancesByID:      {"MATCH (s:Stance {id: id})", "s"},
}

var stmtStances = defineTemplate("stances", "read/stances.cypher", func() []stanceMatch {
	out := make([]stanceMatch, 0, len(stanceMatches))
	for _, m := range stanceMatches {
		out = append(out, m)
	}
	return out
}, nil)

// Stances loads stances for each parent id.
func (s *Store) Stances(ctx context.Context, parent StanceParent, ids []string) (map[string][]StanceRow, error) {
	if len(ids) == 0 {
		return map[string][]StanceRow{}, nil
	}
	m, ok := stanceMatches[parent]
	if !ok {
		return nil, fmt.Errorf("stances: unknown parent kind %d", parent)
	}
	recs, err := s.query(ctx, stmtStances.get(m), map[string]any{"ids": ids})
	if err != nil {
		return nil, fmt.Errorf("stances: %w", err)
	}
	out, err := byParent(recs, stanceRow)
	if err != nil {
		return nil, fmt.Errorf("stances: %w", err)
	}
	return out, nil
}

func stanceRow(r *neo4j.Record) (StanceRow, error) {
	st, err := nodeOf[Stance](r, "stance")
	if err != nil {
		return StanceRow{}, err
	}
	row := StanceRow{Stance: st}
	if row.Actor, err = nodeOf[Actor](r, "actor"); err != nil {
		return row, err
	}
	onPoint, err := value[bool](r, "onPoint")
	if err != nil {
		return row, err
	}
	if onPoint {
		p, err := nodeOf[PlanPoint](r, "target")
		row.Target.Point = &p
		return row, err
	}
	v, err := nodeOf[PlanVersion](r, "target")
	row.Target.Version = &v
	return row, err
}
