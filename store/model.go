package store

// Label is a node label of the graph model (docs/model.md). The set is
// closed: statements are rendered for these labels only, never from input.
type Label string

const (
	Actor       Label = "Actor"
	Role        Label = "Role"
	Place       Label = "Place"
	Event       Label = "Event"
	Claim       Label = "Claim"
	Source      Label = "Source"
	Plan        Label = "Plan"
	PlanVersion Label = "PlanVersion"
	PlanPoint   Label = "PlanPoint"
	Stance      Label = "Stance"
)

// Labels lists every label in the order a load writes them: targets of
// relationships exist before the relationships do.
var Labels = []Label{Source, Actor, Role, Place, Plan, PlanVersion, PlanPoint, Event, Claim, Stance}

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

// The relationship specs of the model, in write order.
var (
	SourcePublishedBy  = RelSpec{"PUBLISHED_BY", Source, Actor, OwnedByStart}
	ActorHolds         = RelSpec{"HOLDS", Actor, Role, OwnedByStart}
	RoleFor            = RelSpec{"FOR", Role, Actor, OwnedByStart}
	PlaceLocatedIn     = RelSpec{"LOCATED_IN", Place, Place, OwnedByStart}
	PlanHasVersion     = RelSpec{"HAS_VERSION", Plan, PlanVersion, OwnedByStart}
	VersionDerivedFrom = RelSpec{"DERIVED_FROM", PlanVersion, PlanVersion, OwnedByStart}
	VersionHasPoint    = RelSpec{"HAS_POINT", PlanVersion, PlanPoint, OwnedByStart}
	PointRevises       = RelSpec{"REVISES", PlanPoint, PlanPoint, OwnedByStart}
	PointConcerns      = RelSpec{"CONCERNS", PlanPoint, Place, OwnedByStart}
	ParticipatedIn     = RelSpec{"PARTICIPATED_IN", Actor, Event, OwnedByEnd}
	EventAt            = RelSpec{"AT", Event, Place, OwnedByStart}
	EventConcerns      = RelSpec{"CONCERNS", Event, PlanVersion, OwnedByStart}
	EventProduced      = RelSpec{"PRODUCED", Event, PlanVersion, OwnedByStart}
	EventLedTo         = RelSpec{"LED_TO", Event, Event, OwnedByStart}
	EventHasClaim      = RelSpec{"HAS_CLAIM", Event, Claim, OwnedByStart}
	ActorTook          = RelSpec{"TOOK", Actor, Stance, OwnedByEnd}
	StanceOnPoint      = RelSpec{"ON", Stance, PlanPoint, OwnedByStart}
	StanceOnVersion    = RelSpec{"ON", Stance, PlanVersion, OwnedByStart}
)

// Cites returns the spec of the provenance relationship from facts of one
// label to their sources.
func Cites(from Label) RelSpec { return RelSpec{"CITES", from, Source, OwnedByStart} }

// citing lists the labels whose nodes cite sources.
var citing = []Label{Actor, Role, Place, Event, Claim, PlanVersion, PlanPoint, Stance}

// RelSpecs lists every relationship spec in write order.
var RelSpecs = func() []RelSpec {
	specs := []RelSpec{
		SourcePublishedBy, ActorHolds, RoleFor, PlaceLocatedIn, PlanHasVersion,
		VersionDerivedFrom, VersionHasPoint, PointRevises, PointConcerns,
		ParticipatedIn, EventAt, EventConcerns, EventProduced, EventLedTo,
		EventHasClaim, ActorTook, StanceOnPoint, StanceOnVersion,
	}
	for _, l := range citing {
		specs = append(specs, Cites(l))
	}
	return specs
}()

// Node is one node to write: its id and its complete set of properties
// (the id included). Properties absent here are removed from the node.
type Node struct {
	ID    string
	Props map[string]any
}

// Rel is one relationship to write between two node ids, with its complete
// set of properties.
type Rel struct {
	From, To string
	Props    map[string]any
}

// Batch is everything one load writes.
type Batch struct {
	Nodes map[Label][]Node
	Rels  map[RelSpec][]Rel
}

func NewBatch() *Batch {
	return &Batch{Nodes: map[Label][]Node{}, Rels: map[RelSpec][]Rel{}}
}

func (b *Batch) AddNode(l Label, id string, props map[string]any) {
	props["id"] = id
	b.Nodes[l] = append(b.Nodes[l], Node{ID: id, Props: props})
}

func (b *Batch) AddRel(s RelSpec, from, to string, props map[string]any) {
	if props == nil {
		props = map[string]any{}
	}
	b.Rels[s] = append(b.Rels[s], Rel{From: from, To: to, Props: props})
}

// Rows counts the nodes and relationships in the batch.
func (b *Batch) Rows() int {
	n := 0
	for _, ns := range b.Nodes {
		n += len(ns)
	}
	for _, rs := range b.Rels {
		n += len(rs)
	}
	return n
}
