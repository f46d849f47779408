// Package model holds the GraphQL types: the hand-written ones below, which
// wrap what the store returns, and the generated ones (models_gen.go).
// Every object carries the Group it was loaded with, so its nested fields
// load in one statement for the whole group.
package model

import (
	"strings"

	"github.com/diplograph/diplograph/partialdate"
	"github.com/diplograph/diplograph/store"
)

// enum turns a stored value (phone_call) into a GraphQL enum value (PHONE_CALL).
func enum[E ~string](s string) E { return E(strings.ToUpper(s)) }

// Stored turns a GraphQL enum value back into the stored form.
func Stored[E ~string](e E) string { return strings.ToLower(string(e)) }

// StoredList is Stored for a list.
func StoredList[E ~string](es []E) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = Stored(e)
	}
	return out
}

type PartialDate struct {
	Value     string
	Precision DatePrecision
	Qualifier *DateQualifier
	Display   string
	Earliest  Date
	Latest    Date
}

func NewPartialDate(d partialdate.Date) *PartialDate {
	if d.IsZero() {
		return nil
	}
	p := &PartialDate{
		Value:     d.String(),
		Precision: enum[DatePrecision](string(d.Precision())),
		Display:   d.Display(),
		Earliest:  Date{d.Earliest()},
		Latest:    Date{d.Latest()},
	}
	if q := d.Qualifier(); q != partialdate.NoQualifier {
		qq := enum[DateQualifier](string(q))
		p.Qualifier = &qq
	}
	return p
}

func optPartialDate(d *partialdate.Date) *PartialDate {
	if d == nil {
		return nil
	}
	return NewPartialDate(*d)
}

type Actor struct {
	ID          string
	Kind        ActorKind
	Name        string
	Aliases     []string
	Description *string
	Batch       *Group
}

func (Actor) IsNode()         {}
func (Actor) IsSearchResult() {}

func NewActor(a store.Actor, g *Group) *Actor {
	return &Actor{ID: a.ID, Kind: enum[ActorKind](a.Kind), Name: a.Name, Aliases: nonNil(a.Aliases), Description: a.Description, Batch: g}
}

type Role struct {
	ID      string
	Title   string
	For     *Actor
	From    *PartialDate
	Until   *PartialDate
	Sources []*Citation
}

type Place struct {
	ID      string
	Kind    PlaceKind
	Name    string
	Aliases []string
	Batch   *Group
}

func (Place) IsNode()         {}
func (Place) IsSearchResult() {}

func NewPlace(p store.Place, g *Group) *Place {
	return &Place{ID: p.ID, Kind: enum[PlaceKind](p.Kind), Name: p.Name, Aliases: nonNil(p.Aliases), Batch: g}
}

type Source struct {
	ID        string
	Kind      SourceKind
	Title     string
	URL       *string
	Publisher *string
	Author    *string
	Published *PartialDate
	Note      *string
	Batch     *Group
}

func (Source) IsNode()         {}
func (Source) IsSearchResult() {}

func NewSource(s store.Source, g *Group) *Source {
	return &Source{ID: s.ID, Kind: enum[SourceKind](s.Kind), Title: s.Title, URL: s.URL, Publisher: s.Publisher,
		Author: s.Author, Published: optPartialDate(s.Published), Note: s.Note, Batch: g}
}

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
	ID              string
	Type            EventType
	Title           string
	Summary         *string
	Date            *PartialDate
	End             *PartialDate
	DurationMinutes *int
	Unconfirmed     bool
	Batch           *Group
}

func (Event) IsNode()         {}
func (Event) IsSearchResult() {}

func NewEvent(e store.Event, g *Group) *Event {
	return &Event{ID: e.ID, Type: enum[EventType](e.Type), Title: e.Title, Summary: e.Summary,
		Date: NewPartialDate(e.Date), End: optPartialDate(e.End), DurationMinutes: e.DurationMinutes,
		Unconfirmed: e.Unconfirmed, Batch: g}
}

type Participation struct {
	Actor       *Actor
	Role        ParticipantRole
	Represents  *Actor
	Unconfirmed bool
	Sources     []*Citation
}

type Plan struct {
	ID      string
	Name    string
	Summary *string
	Batch   *Group
}

func (Plan) IsNode() {}

func NewPlan(p store.Plan, g *Group) *Plan {
	return &Plan{ID: p.ID, Name: p.Name, Summary: p.Summary, Batch: g}
}

type PlanVersion struct {
	ID             string
	Name           string
	DeclaredPoints *int
	Date           *PartialDate
	Summary        *string
	Unconfirmed    bool
	Batch          *Group
}

func (PlanVersion) IsNode()         {}
func (PlanVersion) IsSearchResult() {}
func (PlanVersion) IsStanceTarget() {}

func NewPlanVersion(v store.PlanVersion, g *Group) *PlanVersion {
	return &PlanVersion{ID: v.ID, Name: v.Name, DeclaredPoints: v.DeclaredPoints, Date: optPartialDate(v.Date),
		Summary: v.Summary, Unconfirmed: v.Unconfirmed, Batch: g}
}

type PlanPoint struct {
	ID          string
	Number      *int
	Title       *string
	Text        string
	Topics      []PointTopic
	Unconfirmed bool
	Batch       *Group
}

func (PlanPoint) IsNode()         {}
func (PlanPoint) IsSearchResult() {}
func (PlanPoint) IsStanceTarget() {}

func NewPlanPoint(p store.PlanPoint, g *Group) *PlanPoint {
	topics := make([]PointTopic, len(p.Topics))
	for i, t := range p.Topics {
		topics[i] = enum[PointTopic](t)
	}
	return &PlanPoint{ID: p.ID, Number: p.Number, Title: p.Title, Text: p.Text, Topics: topics, Unconfirmed: p.Unconfirmed, Batch: g}
}

type Stance struct {
	ID          string
	Actor       *Actor
	Position    StancePosition
	On          StanceTarget
	Date        *PartialDate
	Summary     *string
	Unconfirmed bool
	Batch       *Group
}

func (Stance) IsNode() {}

// NewStances converts stance rows; the stances, their actors and their
// targets each form one group.
func NewStances(rows []store.StanceRow, stances, actors, targets *Group) []*Stance {
	out := make([]*Stance, len(rows))
	for i, r := range rows {
		s := &Stance{ID: r.ID, Actor: NewActor(r.Actor, actors), Position: enum[StancePosition](r.Position),
			Date: optPartialDate(r.Date), Summary: r.Summary, Unconfirmed: r.Unconfirmed, Batch: stances}
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
	First  *PartialDate
	Last   *PartialDate
	Events []*Event
}

type NetworkEdge struct {
	Source   *Actor
	Target   *Actor
	Weight   int
	EventIDs []string
	Batch    *Group
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// NewPartialDateOpt is NewPartialDate for an optional date.
func NewPartialDateOpt(d *partialdate.Date) *PartialDate { return optPartialDate(d) }
