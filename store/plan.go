package store

import (
	"context"
	"fmt"
	"sort"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/diplograph/diplograph/partialdate"
	"github.com/diplograph/diplograph/vocab"
)

// Plan is a negotiated plan as a whole, across its versions.
type Plan struct {
	ID string `prop:"id"`
	PlanFields
}

// PlanFields are the properties of a plan that fixtures give as the graph
// stores them.
type PlanFields struct {
	Name    string  `yaml:"name" prop:"name"`
	Summary *string `yaml:"summary" prop:"summary"`
}

func (p Plan) Key() string { return p.ID }

// PlanVersion is one version of a plan.
type PlanVersion struct {
	ID string `prop:"id"`
	VersionFields
	Date *partialdate.Date `prop:"date"`
}

// VersionFields are the properties of a plan version that fixtures give as
// the graph stores them.
type VersionFields struct {
	Name string `yaml:"name" prop:"name"`
	// DeclaredPoints is how many points the sources say the version has.
	DeclaredPoints *int    `yaml:"declaredPoints" prop:"declaredPoints"`
	Summary        *string `yaml:"summary" prop:"summary"`
	Unconfirmed    bool    `yaml:"unconfirmed" prop:"unconfirmed"`
}

func (v PlanVersion) Key() string { return v.ID }

// PlanPoint is one point of a plan version.
type PlanPoint struct {
	ID string `prop:"id"`
	PointFields
}

// PointFields are the properties of a plan point that fixtures give as the
// graph stores them.
type PointFields struct {
	Number      *int               `yaml:"number" prop:"number"`
	Title       *string            `yaml:"title" prop:"title"`
	Text        string             `yaml:"text" prop:"text"`
	Topics      []vocab.PointTopic `yaml:"topics" prop:"topics"`
	Unconfirmed bool               `yaml:"unconfirmed" prop:"unconfirmed"`
}

func (p PlanPoint) Key() string { return p.ID }

// PointFilter selects plan points.
type PointFilter struct {
	Versions    []string
	Topics      []vocab.PointTopic
	Territories []string
	StanceBy    string
	Positions   []vocab.StancePosition
}

// planPointsKey renders plan_points.cypher: the page, or (Count) its total.
type planPointsKey struct{ Count bool }

var (
	stmtPlans        = define("plans", "read/plans.cypher", nil)
	stmtPlanVersions = define("plan_versions", "read/plan_versions.cypher", nil)
	stmtPlanPoints   = defineTemplate("plan_points", "read/plan_points.cypher",
		func() []planPointsKey { return []planPointsKey{{false}, {true}} }, nil)
	stmtPlanDiff = define("plan_diff", "read/plan_diff.cypher", nil)
)

// Plans lists every plan by name.
func (s *Store) Plans(ctx context.Context) ([]Plan, error) {
	out, err := queryRows(ctx, s, stmtPlans, nil, func(r *neo4j.Record) (Plan, error) { return nodeOf[Plan](r, "node") })
	if err != nil {
		return nil, fmt.Errorf("plans: %w", err)
	}
	return out, nil
}

// Versions loads each plan's versions in derivation order: a version comes
// after the one it derives from; siblings keep date, then id, order.
func (s *Store) Versions(ctx context.Context, planIDs []string) (map[string][]PlanVersion, error) {
	if len(planIDs) == 0 {
		return map[string][]PlanVersion{}, nil
	}
	recs, err := s.query(ctx, stmtPlanVersions, map[string]any{"ids": planIDs})
	if err != nil {
		return nil, fmt.Errorf("plan versions: %w", err)
	}
	type row struct {
		v      PlanVersion
		parent string
	}
	byPlan, err := byParent(recs, func(r *neo4j.Record) (row, error) {
		v, err := nodeOf[PlanVersion](r, "node")
		if err != nil {
			return row{}, err
		}
		parent, err := optional(r, "parent")
		if err != nil {
			return row{}, err
		}
		p, _ := parent.(string)
		return row{v, p}, nil
	})
	if err != nil {
		return nil, fmt.Errorf("plan versions: %w", err)
	}
	out := make(map[string][]PlanVersion, len(byPlan))
	for plan, rows := range byPlan {
		inPlan := map[string]bool{}
		for _, r := range rows {
			inPlan[r.v.ID] = true
		}
		placed := map[string]bool{}
		var ordered []PlanVersion
		// Repeatedly place the versions whose parent is placed or outside
		// the plan; rows are already in date order, so siblings stay so.
		for len(ordered) < len(rows) {
			progress := false
			for _, r := range rows {
				if !placed[r.v.ID] && (!inPlan[r.parent] || placed[r.parent]) {
					placed[r.v.ID] = true
					ordered = append(ordered, r.v)
					progress = true
				}
			}
			if !progress { // a cycle the loader should have refused
				for _, r := range rows {
					if !placed[r.v.ID] {
						placed[r.v.ID] = true
						ordered = append(ordered, r.v)
					}
				}
			}
		}
		out[plan] = ordered
	}
	return out, nil
}

// PlanPoints lists plan points matching a filter, by id.
func (s *Store) PlanPoints(ctx context.Context, f PointFilter, page Page) (ListPage[PlanPoint], error) {
	params := map[string]any{
		"versions": optList(f.Versions), "topics": optList(vocab.Stored(f.Topics)), "territories": optList(f.Territories),
		"stanceBy": nil, "positions": optList(vocab.Stored(f.Positions)), "limit": page.First + 1, "afterID": nil,
	}
	if f.StanceBy != "" {
		params["stanceBy"] = f.StanceBy
	}
	if page.After != "" {
		_, id, err := decodeCursor(cursorPoints, page.After)
		if err != nil {
			return ListPage[PlanPoint]{}, err
		}
		params["afterID"] = id
	}
	pg, err := keysetList(ctx, s, stmtPlanPoints.get(planPointsKey{false}), stmtPlanPoints.get(planPointsKey{true}), params, page,
		func(p PlanPoint) string { return encodeCursor(cursorPoints, "", p.ID) })
	if err != nil {
		return ListPage[PlanPoint]{}, fmt.Errorf("plan points: %w", err)
	}
	return pg, nil
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
	d, err := planDiff(recs[0])
	if err != nil {
		return PlanDiff{}, fmt.Errorf("plan diff: %w", err)
	}
	return d, nil
}

func planDiff(r *neo4j.Record) (PlanDiff, error) {
	var d PlanDiff
	var err error
	if d.From, err = nodeOf[PlanVersion](r, "f"); err != nil {
		return d, err
	}
	if d.To, err = nodeOf[PlanVersion](r, "t"); err != nil {
		return d, err
	}
	toPoints, err := list(r, "toPoints")
	if err != nil {
		return d, err
	}
	revisedOld := map[string]bool{}
	for _, it := range toPoints {
		m, err := asMap(it)
		if err != nil {
			return d, err
		}
		after, err := decode[PlanPoint](m["point"])
		if err != nil {
			return d, err
		}
		if m["revises"] == nil {
			d.Added = append(d.Added, after)
			continue
		}
		before, err := decode[PlanPoint](m["revises"])
		if err != nil {
			return d, err
		}
		revisedOld[before.ID] = true
		d.Revised = append(d.Revised, Revision{Before: before, After: after})
	}
	fromPoints, err := list(r, "fromPoints")
	if err != nil {
		return d, err
	}
	from, err := decodeAll[PlanPoint](fromPoints)
	if err != nil {
		return d, err
	}
	for _, p := range from {
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
