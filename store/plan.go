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
	// DeclaredPoints is how many points the sources say the version has;
	// absent when they disagree.
	DeclaredPoints *int `prop:"declaredPoints"`
	// Its dates by what they mark, and Date, the first of published,
	// presented and drafted.
	Drafted        *partialdate.Date `prop:"drafted"`
	Presented      *partialdate.Date `prop:"presented"`
	Published      *partialdate.Date `prop:"published"`
	Deadline       *partialdate.Date `prop:"deadline"`
	Date           *partialdate.Date `prop:"date"`
	Certainty      vocab.Certainty   `prop:"certainty"`
	Contested      bool              `prop:"contested"`
	DisputedFields []string          `prop:"disputedFields"`
}

// VersionFields are the properties of a plan version that fixtures give as
// the graph stores them.
type VersionFields struct {
	Name    string  `yaml:"name" prop:"name"`
	Summary *string `yaml:"summary" prop:"summary"`
	// Complete: the version's full text is known, so points of its parents
	// that it does not carry over were dropped.
	Complete bool `yaml:"complete" prop:"complete"`
}

// DateOf is the version's date of a kind.
func (v PlanVersion) DateOf(k vocab.VersionDateKind) *partialdate.Date {
	switch k {
	case vocab.VersionDateKindDrafted:
		return v.Drafted
	case vocab.VersionDateKindPresented:
		return v.Presented
	case vocab.VersionDateKindPublished:
		return v.Published
	case vocab.VersionDateKindDeadline:
		return v.Deadline
	}
	return nil
}

func (v PlanVersion) Key() string { return v.ID }

// PlanPoint is one point of a plan version, or a sub-point of a point.
type PlanPoint struct {
	ID string `prop:"id"`
	PointFields
	// Label is a sub-point's within its point: a, b, c.
	Label *string `prop:"label"`
	// Title and Text are absent when sources disagree on them.
	Title          *string         `prop:"title"`
	Text           *string         `prop:"text"`
	Certainty      vocab.Certainty `prop:"certainty"`
	Contested      bool            `prop:"contested"`
	DisputedFields []string        `prop:"disputedFields"`
}

// PointFields are the properties of a plan point that fixtures give as the
// graph stores them.
type PointFields struct {
	Number *int               `yaml:"number" prop:"number"`
	Topics []vocab.PointTopic `yaml:"topics" prop:"topics"`
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
	stmtPlanDiff      = define("plan_diff", "read/plan_diff.cypher", nil)
	stmtVersionFates  = define("version_fates", "read/version_fates.cypher", nil)
	stmtPointVersions = define("point_versions", "read/point_versions.cypher", nil)
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
// after every version of the plan it derives from; others keep date, then
// id, order.
func (s *Store) Versions(ctx context.Context, planIDs []string) (map[string][]PlanVersion, error) {
	if len(planIDs) == 0 {
		return map[string][]PlanVersion{}, nil
	}
	recs, err := s.query(ctx, stmtPlanVersions, map[string]any{"ids": planIDs})
	if err != nil {
		return nil, fmt.Errorf("plan versions: %w", err)
	}
	type row struct {
		v       PlanVersion
		parents []string
	}
	byPlan, err := byParent(recs, func(r *neo4j.Record) (row, error) {
		v, err := nodeOf[PlanVersion](r, "node")
		if err != nil {
			return row{}, err
		}
		ids, err := list(r, "parents")
		if err != nil {
			return row{}, err
		}
		parents := make([]string, len(ids))
		for i, id := range ids {
			if parents[i], err = typed[string](id, "parent id"); err != nil {
				return row{}, err
			}
		}
		return row{v, parents}, nil
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
		ready := func(r row) bool {
			for _, p := range r.parents {
				if inPlan[p] && !placed[p] {
					return false
				}
			}
			return true
		}
		var ordered []PlanVersion
		// Repeatedly place the versions whose parents are placed or outside
		// the plan; rows are already in date order, so others stay so.
		for len(ordered) < len(rows) {
			progress := false
			for _, r := range rows {
				if !placed[r.v.ID] && ready(r) {
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

// PointFate is what became of a point of an earlier version in a later one.
type PointFate struct {
	Point PlanPoint
	// Fate is empty when sources disagree on it and no editor prefers one.
	Fate vocab.PointFate
	// Disputed: sources give competing fates (the version's claims
	// FateField(point)).
	Disputed bool
	// Successors are the points of the later version that carry it over or
	// revise it (more than one when it was split), when the sources give
	// their text.
	Successors []PlanPoint
	// Sources state the fate; none when it follows from the texts.
	Sources []Citation
}

// PlanDiff is what changed between two versions. Every point of From is in
// Fates; Removed, Unknown and Revised list them by fate.
type PlanDiff struct {
	From, To PlanVersion
	Added    []PlanPoint
	Removed  []PlanPoint
	Unknown  []PlanPoint
	Disputed []PlanPoint
	Revised  []Revision
	Fates    []PointFate
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
	successors := map[string][]PlanPoint{}
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
		successors[before.ID] = append(successors[before.ID], after)
	}
	fromPoints, err := list(r, "fromPoints")
	if err != nil {
		return d, err
	}
	from, err := decodeAll[PlanPoint](fromPoints)
	if err != nil {
		return d, err
	}
	explicit, err := explicitFates(r, "fates")
	if err != nil {
		return d, err
	}
	sortPoints(from)
	d.Fates = fates(from, successors, explicit, d.To.Complete)
	for _, f := range d.Fates {
		switch {
		case len(f.Successors) > 0:
			for _, after := range f.Successors {
				d.Revised = append(d.Revised, Revision{Before: f.Point, After: after})
			}
		case f.Fate == vocab.PointFateDropped:
			d.Removed = append(d.Removed, f.Point)
		case f.Fate == vocab.PointFateUnknown:
			d.Unknown = append(d.Unknown, f.Point)
		case f.Fate == "":
			d.Disputed = append(d.Disputed, f.Point)
		}
	}
	sortPoints(d.Added)
	return d, nil
}

// explicitFates reads what sources say became of earlier points: rows
// {point, props, citations} of FATE relationships, by the earlier point.
func explicitFates(r *neo4j.Record, key string) (map[string]Link[struct{}], error) {
	rows, err := list(r, key)
	if err != nil {
		return nil, err
	}
	out := map[string]Link[struct{}]{}
	for _, it := range rows {
		m, err := asMap(it)
		if err != nil {
			return nil, err
		}
		id, err := typed[string](m["point"], "fate point")
		if err != nil {
			return nil, err
		}
		props, err := decode[LinkProps](m["props"])
		if err != nil {
			return nil, err
		}
		cs, err := decodeCitations(m["citations"])
		if err != nil {
			return nil, err
		}
		out[id] = Link[struct{}]{LinkProps: props, Sources: cs}
	}
	return out, nil
}

// fates is what became of each earlier point in a later version, by the
// one rule: a point that points of the later version carry over or revise
// has those successors (kept when there is one with the same text, revised
// otherwise, unless a source says which); otherwise what a source says
// (FATE), or that it is disputed when sources disagree and no editor
// prefers one fate; otherwise, when the later version's full text is
// known, dropped; otherwise unknown. Unknown is never reported as dropped.
func fates(points []PlanPoint, successors map[string][]PlanPoint, explicit map[string]Link[struct{}], complete bool) []PointFate {
	out := make([]PointFate, 0, len(points))
	for _, p := range points {
		f := PointFate{Point: p, Fate: vocab.PointFateUnknown, Sources: []Citation{}}
		x, stated := explicit[p.ID]
		if stated {
			f.Sources, f.Disputed = x.Sources, x.Disputed
		}
		switch next := successors[p.ID]; {
		case len(next) > 0:
			sortPoints(next)
			f.Successors = next
			f.Fate = vocab.PointFateRevised
			if len(next) == 1 && sameText(p, next[0]) {
				f.Fate = vocab.PointFateKept
			}
			if stated && x.Fate != nil && (*x.Fate == vocab.PointFateKept || *x.Fate == vocab.PointFateRevised) {
				f.Fate = *x.Fate
			}
		case stated && x.Fate != nil:
			f.Fate = *x.Fate
		case stated && x.Disputed:
			f.Fate = ""
		case complete:
			f.Fate = vocab.PointFateDropped
		}
		out = append(out, f)
	}
	return out
}

func sameText(a, b PlanPoint) bool {
	return a.Text != nil && b.Text != nil && *a.Text == *b.Text
}

// VersionFates loads, for each version, what became of the points of the
// versions it derives from.
func (s *Store) VersionFates(ctx context.Context, ids []string) (map[string][]PointFate, error) {
	if len(ids) == 0 {
		return map[string][]PointFate{}, nil
	}
	recs, err := s.query(ctx, stmtVersionFates, map[string]any{"ids": ids})
	if err != nil {
		return nil, fmt.Errorf("version fates: %w", err)
	}
	out := map[string][]PointFate{}
	for _, r := range recs {
		id, err := value[string](r, "id")
		if err != nil {
			return nil, fmt.Errorf("version fates: %w", err)
		}
		complete, err := value[bool](r, "complete")
		if err != nil {
			return nil, fmt.Errorf("version fates: %w", err)
		}
		ps, err := list(r, "points")
		if err != nil {
			return nil, fmt.Errorf("version fates: %w", err)
		}
		points, err := decodeAll[PlanPoint](ps)
		if err != nil {
			return nil, fmt.Errorf("version fates: %w", err)
		}
		succ, err := list(r, "successors")
		if err != nil {
			return nil, fmt.Errorf("version fates: %w", err)
		}
		successors := map[string][]PlanPoint{}
		for _, it := range succ {
			m, err := asMap(it)
			if err != nil {
				return nil, fmt.Errorf("version fates: %w", err)
			}
			pid, err := typed[string](m["point"], "fate point")
			if err != nil {
				return nil, fmt.Errorf("version fates: %w", err)
			}
			next, err := decode[PlanPoint](m["successor"])
			if err != nil {
				return nil, fmt.Errorf("version fates: %w", err)
			}
			successors[pid] = append(successors[pid], next)
		}
		explicit, err := explicitFates(r, "fates")
		if err != nil {
			return nil, fmt.Errorf("version fates: %w", err)
		}
		sortPoints(points)
		out[id] = fates(points, successors, explicit, complete)
	}
	return out, nil
}

// PointVersions loads the version of each point; a sub-point's is its
// point's.
func (s *Store) PointVersions(ctx context.Context, ids []string) (map[string]PlanVersion, error) {
	if len(ids) == 0 {
		return map[string]PlanVersion{}, nil
	}
	recs, err := s.query(ctx, stmtPointVersions, map[string]any{"ids": ids})
	if err != nil {
		return nil, fmt.Errorf("point versions: %w", err)
	}
	out := map[string]PlanVersion{}
	for _, r := range recs {
		id, err := value[string](r, "id")
		if err != nil {
			return nil, fmt.Errorf("point versions: %w", err)
		}
		if out[id], err = nodeOf[PlanVersion](r, "node"); err != nil {
			return nil, fmt.Errorf("point versions: %w", err)
		}
	}
	return out, nil
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
