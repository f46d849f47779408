// Package model holds the GraphQL types: the objects of the graph wrap what
// the store returns (their fields are the store's, bound by gqlgen), the
// generated ones are in models_gen.go. Every object carries the Group it was
// loaded with, so its nested fields load in one statement for the whole
// group.
package model

import (
	"slices"

	"github.com/diplograph/diplograph/partialdate"
	"github.com/diplograph/diplograph/quantity"
	"github.com/diplograph/diplograph/store"
	"github.com/diplograph/diplograph/vocab"
)

type Actor struct {
	store.Actor
	Batch *Group
}

func (Actor) IsNode()         {}
func (Actor) IsSearchResult() {}

func NewActor(a store.Actor, g *Group) *Actor { return &Actor{Actor: a, Batch: g} }

type Role struct {
	store.Role
	For     *Actor
	Sources []*Citation
	Batch   *Group
}

type Place struct {
	store.Place
	Batch *Group
}

func (Place) IsNode()         {}
func (Place) IsSearchResult() {}

func NewPlace(p store.Place, g *Group) *Place { return &Place{Place: p, Batch: g} }

type Source struct {
	store.Source
	Batch *Group
}

func (Source) IsNode()         {}
func (Source) IsSearchResult() {}

func NewSource(s store.Source, g *Group) *Source { return &Source{Source: s, Batch: g} }

type Citation struct {
	store.Citation
	Source *Source
}

// Unconfirmed: the source does not state the fact as confirmed.
func (c Citation) Unconfirmed() bool { return c.Confirmation != vocab.CertaintyConfirmed }

// NewCitations converts citations; their sources share one group.
func NewCitations(cs []store.Citation, g *Group) []*Citation {
	out := make([]*Citation, len(cs))
	for i, c := range cs {
		out[i] = &Citation{Citation: c, Source: NewSource(c.Source, g)}
	}
	return out
}

// Claim is one sourced value of a field.
type Claim struct {
	store.Claim
	Actor   *Actor
	Sources []*Citation
}

// NewClaims converts claims; the actors they name share a group, and so do
// their sources.
func NewClaims(cs []store.Claim, actors, sources *Group) []*Claim {
	out := make([]*Claim, len(cs))
	for i, c := range cs {
		out[i] = &Claim{Claim: c, Sources: NewCitations(c.Sources, sources)}
		if c.Actor != nil {
			out[i].Actor = NewActor(*c.Actor, actors)
		}
	}
	return out
}

func (c Claim) Rank() vocab.Rank { return c.RankOrNormal() }
func (c Claim) Preferred() bool  { return c.RankOrNormal() == vocab.RankPreferred }

// Date is the value as a date, for a date field.
func (c Claim) Date() *partialdate.Date {
	if c.Kind != store.ClaimDate {
		return nil
	}
	d, err := partialdate.Parse(c.Value)
	if err != nil {
		return nil
	}
	return &d
}

// Quantity is the value as a quantity, for a quantity.
func (c Claim) Quantity() *quantity.Q {
	if c.Kind != store.ClaimQuantity {
		return nil
	}
	q, err := quantity.Parse(c.Value)
	if err != nil {
		return nil
	}
	return &q
}

// Display is how to show the value: as the sources put it, or made from it.
func (c Claim) Display() string {
	switch {
	case c.Claim.Display != nil:
		return *c.Claim.Display
	case c.Date() != nil:
		return c.Date().Display()
	case c.Quantity() != nil:
		return c.Quantity().Display()
	case c.Actor != nil:
		return c.Actor.Name
	}
	return c.Value
}

type Event struct {
	store.Event
	Batch *Group
}

// InPerson says whether the participants met in person: unknown (nil) when
// the modality is, or when it is mixed.
func (e Event) InPerson() *bool {
	if e.Modality == nil || *e.Modality == vocab.ModalityMixed {
		return nil
	}
	in := *e.Modality == vocab.ModalityInPerson
	return &in
}

func (e Event) Disputed() bool    { return len(e.DisputedFields) > 0 }
func (e Event) Unconfirmed() bool { return e.Certainty != vocab.CertaintyConfirmed }

func (Event) IsNode()         {}
func (Event) IsSearchResult() {}

func NewEvent(e store.Event, g *Group) *Event { return &Event{Event: e, Batch: g} }

type Plan struct {
	store.Plan
	Batch *Group
}

func (Plan) IsNode() {}

func NewPlan(p store.Plan, g *Group) *Plan { return &Plan{Plan: p, Batch: g} }

type PlanVersion struct {
	store.PlanVersion
	Batch *Group
}

func (v PlanVersion) Unconfirmed() bool { return v.Certainty != vocab.CertaintyConfirmed }

// Dates lists the version's dates by what they mark.
func (v PlanVersion) Dates() []*VersionDate {
	out := []*VersionDate{}
	for _, k := range vocab.AllVersionDateKind {
		if d := v.DateOf(k); d != nil {
			out = append(out, &VersionDate{Kind: k, Date: d, Disputed: slices.Contains(v.DisputedFields, "dates/"+string(k))})
		}
	}
	return out
}

func (PlanVersion) IsNode()         {}
func (PlanVersion) IsSearchResult() {}
func (PlanVersion) IsStanceTarget() {}

func NewPlanVersion(v store.PlanVersion, g *Group) *PlanVersion {
	return &PlanVersion{PlanVersion: v, Batch: g}
}

type PlanPoint struct {
	store.PlanPoint
	Batch *Group
}

func (p PlanPoint) Unconfirmed() bool { return p.Certainty != vocab.CertaintyConfirmed }

func (PlanPoint) IsNode()         {}
func (PlanPoint) IsSearchResult() {}
func (PlanPoint) IsStanceTarget() {}

func NewPlanPoint(p store.PlanPoint, g *Group) *PlanPoint { return &PlanPoint{PlanPoint: p, Batch: g} }

type Stance struct {
	store.Stance
	Actor *Actor
	On    StanceTarget
	Batch *Group
}

func (s Stance) Unconfirmed() bool { return s.Certainty != vocab.CertaintyConfirmed }

func (Stance) IsNode() {}

// NewStances converts stance rows; the stances, their actors and their
// targets each form one group.
func NewStances(rows []store.StanceRow, stances, actors, targets *Group) []*Stance {
	out := make([]*Stance, len(rows))
	for i, r := range rows {
		s := &Stance{Stance: r.Stance, Actor: NewActor(r.Actor, actors), Batch: stances}
		if r.Target.Point != nil {
			s.On = NewPlanPoint(*r.Target.Point, targets)
		} else if r.Target.Version != nil {
			s.On = NewPlanVersion(*r.Target.Version, targets)
		}
		out[i] = s
	}
	return out
}

type Counterpart struct {
	Actor     *Actor
	Count     int
	First     partialdate.Date
	Last      partialdate.Date
	Certainty vocab.Certainty
	Events    []*Event
}

type NetworkEdge struct {
	Source    *Actor
	Target    *Actor
	Weight    int
	Certainty vocab.Certainty
	EventIDs  []string
	Batch     *Group
}

type Participation struct {
	store.ParticipationProps
	Actor      *Actor
	Represents *Actor
	Sources    []*Citation
	// EventID and Events are the participation's event and the group of
	// events whose participations came together: the claims on a
	// participant are the event's, loaded once for the group.
	EventID string
	Events  *Group
}

func (p Participation) Unconfirmed() bool { return p.Certainty != vocab.CertaintyConfirmed }

// PointFateEntry is what became of a point of an earlier version in the
// later version VersionID; its claims load with those of the Versions
// group.
type PointFateEntry struct {
	Point *PlanPoint
	// Fate is nil when sources disagree and no editor prefers one.
	Fate       *vocab.PointFate
	Disputed   bool
	Successors []*PlanPoint
	Sources    []*Citation
	VersionID  string
	Versions   *Group
}

// EventRelation is one typed relation of an event to another.
type EventRelation struct {
	Type      vocab.EventRelationType
	Event     *Event
	Incoming  bool
	Certainty vocab.Certainty
	Sources   []*Citation
}
