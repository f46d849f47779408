package store

import (
	"fmt"
	"reflect"

	"github.com/diplograph/diplograph/vocab"
)

// Label is a node label of the graph model (docs/model.md). The set is
// closed: statements are rendered for these labels only, never from input.
type Label string

const (
	LabelActor       Label = "Actor"
	LabelRole        Label = "Role"
	LabelPlace       Label = "Place"
	LabelEvent       Label = "Event"
	LabelClaim       Label = "Claim"
	LabelSource      Label = "Source"
	LabelPlan        Label = "Plan"
	LabelPlanVersion Label = "PlanVersion"
	LabelPlanPoint   Label = "PlanPoint"
	LabelStance      Label = "Stance"
)

// Entity is one row of the table of node labels: everything the rest of
// the store needs to know of a label, so that looking nodes up by id,
// following relationships, citing and searching read this table rather
// than switch on types.
type Entity struct {
	Label Label
	// decode reads a node of the label into its store type.
	decode func(any) (any, error)
	goType reflect.Type
	// Cites: its nodes cite sources (a CITES relationship spec exists).
	Cites bool
	// Lookup: node(id) finds it. Roles and claims have derived ids and are
	// reached only through their owners.
	Lookup bool
	// Search is the kind a search answers it as; empty when the full-text
	// index does not cover the label.
	Search vocab.SearchKind
	// Claims: its fields may carry sourced values (a HAS_CLAIM spec exists).
	Claims bool
}

type entityFlags struct {
	cites, lookup, claims bool
	search                vocab.SearchKind
}

func entity[T any](l Label, f entityFlags) Entity {
	return Entity{Label: l, decode: func(v any) (any, error) { return decode[T](v) }, goType: reflect.TypeFor[T](),
		Cites: f.cites, Lookup: f.lookup, Search: f.search, Claims: f.claims}
}

// Entities lists every label in the order a load writes them: targets of
// relationships exist before the relationships do.
var Entities = []Entity{
	entity[Source](LabelSource, entityFlags{lookup: true, search: vocab.SearchKindSource}),
	entity[Actor](LabelActor, entityFlags{cites: true, lookup: true, claims: true, search: vocab.SearchKindActor}),
	entity[Role](LabelRole, entityFlags{cites: true, claims: true}),
	entity[Place](LabelPlace, entityFlags{cites: true, lookup: true, search: vocab.SearchKindPlace}),
	entity[Plan](LabelPlan, entityFlags{lookup: true}),
	entity[PlanVersion](LabelPlanVersion, entityFlags{cites: true, lookup: true, claims: true, search: vocab.SearchKindPlanVersion}),
	entity[PlanPoint](LabelPlanPoint, entityFlags{cites: true, lookup: true, claims: true, search: vocab.SearchKindPlanPoint}),
	entity[Event](LabelEvent, entityFlags{cites: true, lookup: true, claims: true, search: vocab.SearchKindEvent}),
	entity[Claim](LabelClaim, entityFlags{cites: true}),
	entity[Stance](LabelStance, entityFlags{cites: true, lookup: true, claims: true}),
}

// Labels lists every label, in write order.
var Labels = func() []Label {
	out := make([]Label, len(Entities))
	for i, e := range Entities {
		out[i] = e.Label
	}
	return out
}()

// EntityOf returns the table row of a label.
func EntityOf(l Label) (Entity, bool) {
	for _, e := range Entities {
		if e.Label == l {
			return e, true
		}
	}
	return Entity{}, false
}

// labelOf is the label whose store type is T.
func labelOf[T any]() Label {
	t := reflect.TypeFor[T]()
	for _, e := range Entities {
		if e.goType == t {
			return e.Label
		}
	}
	panic(fmt.Sprintf("store: %s is the type of no label", t))
}

func labelsWhere(keep func(Entity) bool) []Label {
	var out []Label
	for _, e := range Entities {
		if keep(e) {
			out = append(out, e.Label)
		}
	}
	return out
}

// Owner says which end of a relationship owns it: the fixture entry that
// defines the owner lists all of its relationships of that kind, so a load
// that no longer lists one deletes it.
type Owner int

const (
	OwnedByStart Owner = iota
	OwnedByEnd
)

// RelSpec is a relationship type between two labels.
type RelSpec struct {
	Type  string
	From  Label
	To    Label
	Owner Owner
}

func (s RelSpec) String() string { return string(s.From) + "-" + s.Type + "->" + string(s.To) }

// ownerLabel is the label of the end that owns the relationship.
func (s RelSpec) ownerLabel() Label {
	if s.Owner == OwnedByEnd {
		return s.To
	}
	return s.From
}

// The relationship specs of the model, in write order. Those that may carry
// their own sources (docs/model.md) keep them as parallel lists on the
// relationship, since a relationship cannot point at a source node.
var (
	SourcePublishedBy  = RelSpec{"PUBLISHED_BY", LabelSource, LabelActor, OwnedByStart}
	ActorHolds         = RelSpec{"HOLDS", LabelActor, LabelRole, OwnedByStart}
	RoleFor            = RelSpec{"FOR", LabelRole, LabelActor, OwnedByStart}
	ActorMemberOf      = RelSpec{"MEMBER_OF", LabelActor, LabelActor, OwnedByEnd}
	PlaceLocatedIn     = RelSpec{"LOCATED_IN", LabelPlace, LabelPlace, OwnedByStart}
	PlanHasVersion     = RelSpec{"HAS_VERSION", LabelPlan, LabelPlanVersion, OwnedByStart}
	VersionDerivedFrom = RelSpec{"DERIVED_FROM", LabelPlanVersion, LabelPlanVersion, OwnedByStart}
	VersionHasPoint    = RelSpec{"HAS_POINT", LabelPlanVersion, LabelPlanPoint, OwnedByStart}
	PointHasSubpoint   = RelSpec{"HAS_SUBPOINT", LabelPlanPoint, LabelPlanPoint, OwnedByStart}
	PointRevises       = RelSpec{"REVISES", LabelPlanPoint, LabelPlanPoint, OwnedByStart}
	PointConcerns      = RelSpec{"CONCERNS", LabelPlanPoint, LabelPlace, OwnedByStart}
	VersionFate        = RelSpec{"FATE", LabelPlanVersion, LabelPlanPoint, OwnedByStart}
	ParticipatedIn     = RelSpec{"PARTICIPATED_IN", LabelActor, LabelEvent, OwnedByEnd}
	EventAt            = RelSpec{"AT", LabelEvent, LabelPlace, OwnedByStart}
	EventConcerns      = RelSpec{"CONCERNS", LabelEvent, LabelPlanVersion, OwnedByStart}
	EventProduced      = RelSpec{"PRODUCED", LabelEvent, LabelPlanVersion, OwnedByStart}
	EventLedTo         = RelSpec{"LED_TO", LabelEvent, LabelEvent, OwnedByStart}
	EventFollowsUp     = RelSpec{"FOLLOWS_UP", LabelEvent, LabelEvent, OwnedByStart}
	EventRespondsTo    = RelSpec{"RESPONDS_TO", LabelEvent, LabelEvent, OwnedByStart}
	EventPublishes     = RelSpec{"PUBLISHES", LabelEvent, LabelEvent, OwnedByStart}
	ActorTook          = RelSpec{"TOOK", LabelActor, LabelStance, OwnedByEnd}
	StanceOnPoint      = RelSpec{"ON", LabelStance, LabelPlanPoint, OwnedByStart}
	StanceOnVersion    = RelSpec{"ON", LabelStance, LabelPlanVersion, OwnedByStart}
	ClaimRefersTo      = RelSpec{"REFERS_TO", LabelClaim, LabelActor, OwnedByStart}
)

// EventRelations are the specs of the typed relations between events, by
// their type in the API.
var EventRelations = map[vocab.EventRelationType]RelSpec{
	vocab.EventRelationTypeLedTo:      EventLedTo,
	vocab.EventRelationTypeFollowsUp:  EventFollowsUp,
	vocab.EventRelationTypeRespondsTo: EventRespondsTo,
	vocab.EventRelationTypePublishes:  EventPublishes,
}

// Cites returns the spec of the provenance relationship from facts of one
// label to their sources.
func Cites(from Label) RelSpec { return RelSpec{"CITES", from, LabelSource, OwnedByStart} }

// HasClaim returns the spec from nodes of one label to the sourced values
// of their fields.
func HasClaim(owner Label) RelSpec { return RelSpec{"HAS_CLAIM", owner, LabelClaim, OwnedByStart} }

// RelSpecs lists every relationship spec in write order.
var RelSpecs = func() []RelSpec {
	specs := []RelSpec{
		SourcePublishedBy, ActorHolds, RoleFor, ActorMemberOf, PlaceLocatedIn, PlanHasVersion,
		VersionDerivedFrom, VersionHasPoint, PointHasSubpoint, PointRevises, PointConcerns, VersionFate,
		ParticipatedIn, EventAt, EventConcerns, EventProduced, EventLedTo, EventFollowsUp,
		EventRespondsTo, EventPublishes, ActorTook, StanceOnPoint, StanceOnVersion, ClaimRefersTo,
	}
	for _, l := range labelsWhere(func(e Entity) bool { return e.Claims }) {
		specs = append(specs, HasClaim(l))
	}
	for _, l := range labelsWhere(func(e Entity) bool { return e.Cites }) {
		specs = append(specs, Cites(l))
	}
	return specs
}()
