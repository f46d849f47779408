// Package model holds the GraphQL types: the objects of the graph wrap what
// the store returns (their fields are the store's, bound by gqlgen), the
// generated ones are in models_gen.go. Every object carries the Group it was
// loaded with, so its nested fields load in one statement for the whole
// group.
package model

import (
	"github.com/diplograph/diplograph/partialdate"
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
	ID      string
	Title   string
	For     *Actor
	From    *partialdate.Date
	Until   *partialdate.Date
	Sources []*Citation
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
	Source      *Source
	Quote       *string
	Unconfirmed bool
}

// NewCitations converts citations; their sources share one group.
func NewCitations(cs []store.Citation, g *Group) []*Citation {
	out := make([]*Citation, len(cs))
	for i, c := range cs {
		out[i] = &Citation{Source: NewSource(c.Source, g), Quote: c.Quote, Unconfirmed: c.Unconfirmed}
	}
	return out
}

type Event struct {
	store.Event
	Batch *Group
}

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
	Actor  *Actor
	Count  int
	First  partialdate.Date
	Last   partialdate.Date
	Events []*Event
}

type NetworkEdge struct {
	Source   *Actor
	Target   *Actor
	Weight   int
	EventIDs []string
	Batch    *Group
}

type Participation struct {
	Actor       *Actor
	Role        vocab.ParticipantRole
	Represents  *Actor
	Unconfirmed bool
	Sources     []*Citation
}
