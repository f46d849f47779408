package store

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

// Labels lists every label in the order a load writes them: targets of
// relationships exist before the relationships do.
var Labels = []Label{LabelSource, LabelActor, LabelRole, LabelPlace, LabelPlan, LabelPlanVersion, LabelPlanPoint, LabelEvent, LabelClaim, LabelStance}

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
	SourcePublishedBy  = RelSpec{"PUBLISHED_BY", LabelSource, LabelActor, OwnedByStart}
	ActorHolds         = RelSpec{"HOLDS", LabelActor, LabelRole, OwnedByStart}
	RoleFor            = RelSpec{"FOR", LabelRole, LabelActor, OwnedByStart}
	PlaceLocatedIn     = RelSpec{"LOCATED_IN", LabelPlace, LabelPlace, OwnedByStart}
	PlanHasVersion     = RelSpec{"HAS_VERSION", LabelPlan, LabelPlanVersion, OwnedByStart}
	VersionDerivedFrom = RelSpec{"DERIVED_FROM", LabelPlanVersion, LabelPlanVersion, OwnedByStart}
	VersionHasPoint    = RelSpec{"HAS_POINT", LabelPlanVersion, LabelPlanPoint, OwnedByStart}
	PointRevises       = RelSpec{"REVISES", LabelPlanPoint, LabelPlanPoint, OwnedByStart}
	PointConcerns      = RelSpec{"CONCERNS", LabelPlanPoint, LabelPlace, OwnedByStart}
	ParticipatedIn     = RelSpec{"PARTICIPATED_IN", LabelActor, LabelEvent, OwnedByEnd}
	EventAt            = RelSpec{"AT", LabelEvent, LabelPlace, OwnedByStart}
	EventConcerns      = RelSpec{"CONCERNS", LabelEvent, LabelPlanVersion, OwnedByStart}
	EventProduced      = RelSpec{"PRODUCED", LabelEvent, LabelPlanVersion, OwnedByStart}
	EventLedTo         = RelSpec{"LED_TO", LabelEvent, LabelEvent, OwnedByStart}
	EventHasClaim      = RelSpec{"HAS_CLAIM", LabelEvent, LabelClaim, OwnedByStart}
	ActorTook          = RelSpec{"TOOK", LabelActor, LabelStance, OwnedByEnd}
	StanceOnPoint      = RelSpec{"ON", LabelStance, LabelPlanPoint, OwnedByStart}
	StanceOnVersion    = RelSpec{"ON", LabelStance, LabelPlanVersion, OwnedByStart}
)

// Cites returns the spec of the provenance relationship from facts of one
// label to their sources.
func Cites(from Label) RelSpec { return RelSpec{"CITES", from, LabelSource, OwnedByStart} }

// citing lists the labels whose nodes cite sources.
var citing = []Label{LabelActor, LabelRole, LabelPlace, LabelEvent, LabelClaim, LabelPlanVersion, LabelPlanPoint, LabelStance}

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
	Props Props
}

// Rel is one relationship to write between two node ids, with its complete
// set of properties.
type Rel struct {
	From, To string
	Props    Props
}

// Props is a set of properties held as key/value pairs. A large load holds
// a batch of millions of them until it has written them all, and pairs take
// less than half the memory of Go maps of the same size; maps are made
// only for the rows of one statement at a time (Map).
type Props []Prop

// Prop is one property. Keys are unique within a Props.
type Prop struct {
	Key   string
	Value any
}

// noProps is the map of every empty Props: the driver only reads it.
var noProps = map[string]any{}

// Map returns the properties as a map, as statements take them.
func (p Props) Map() map[string]any {
	if len(p) == 0 {
		return noProps
	}
	m := make(map[string]any, len(p))
	for _, kv := range p {
		m[kv.Key] = kv.Value
	}
	return m
}

// Get returns the value of key k, nil when there is none.
func (p Props) Get(k string) any {
	v, _ := p.Lookup(k)
	return v
}

// Lookup returns the value of key k and whether there is one.
func (p Props) Lookup(k string) (any, bool) {
	for _, kv := range p {
		if kv.Key == k {
			return kv.Value, true
		}
	}
	return nil, false
}

// compact copies a property map into pairs, with room for one more (the id
// a node adds) so that append does not copy again.
func compact(m map[string]any, extra int) Props {
	if len(m)+extra == 0 {
		return nil
	}
	p := make(Props, 0, len(m)+extra)
	for k, v := range m {
		p = append(p, Prop{Key: k, Value: v})
	}
	return p
}

// Batch is everything one load writes.
type Batch struct {
	Nodes map[Label][]Node
	Rels  map[RelSpec][]Rel
}

func NewBatch() *Batch {
	return &Batch{Nodes: map[Label][]Node{}, Rels: map[RelSpec][]Rel{}}
}

// AddNode adds a node; props gains the id. The batch keeps a compact copy
// of props, so the map is the caller's again.
func (b *Batch) AddNode(l Label, id string, props map[string]any) {
	delete(props, "id")
	p := append(compact(props, 1), Prop{Key: "id", Value: id})
	b.Nodes[l] = append(b.Nodes[l], Node{ID: id, Props: p})
}

// AddRel adds a relationship. The batch keeps a compact copy of props.
func (b *Batch) AddRel(s RelSpec, from, to string, props map[string]any) {
	b.Rels[s] = append(b.Rels[s], Rel{From: from, To: to, Props: compact(props, 0)})
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
