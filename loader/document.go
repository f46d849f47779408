package loader

import (
	"go.yaml.in/yaml/v3"

	"github.com/diplograph/diplograph/store"
	"github.com/diplograph/diplograph/vocab"
)

// The types below mirror fixtures/schema.json. A file is checked against the
// schema before it is decoded into them, so decoding never meets a wrong
// type or an unknown field; the checks the schema cannot make (references,
// duplicates, impossible dates, competing values) run on these types.
//
// The store's field types (store.SourceFields ...) hold the properties a
// fixture gives as the graph stores them; the types here add what becomes
// relationships, claims, derived nodes or derived properties.

type document struct {
	Sources []source `yaml:"sources"`
	Actors  []actor  `yaml:"actors"`
	Places  []place  `yaml:"places"`
	Events  []event  `yaml:"events"`
	Plans   []plan   `yaml:"plans"`
	Stances []stance `yaml:"stances"`
}

// citation accepts both forms the schema allows: a bare source id, or a
// mapping with the source's words and how it states the fact.
type citation struct {
	Source       string          `yaml:"source"`
	Quote        string          `yaml:"quote"`
	Translation  string          `yaml:"translation"`
	Language     string          `yaml:"language"`
	Confirmation vocab.Certainty `yaml:"confirmation"`
	Note         string          `yaml:"note"`
}

func (c *citation) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		c.Source = n.Value
		return nil
	}
	type plain citation
	return n.Decode((*plain)(c))
}

// confirmation is how the citation states the fact; confirmed unless it
// says otherwise.
func (c citation) confirmation() vocab.Certainty {
	if c.Confirmation == "" {
		return vocab.CertaintyConfirmed
	}
	return c.Confirmation
}

// link is an id, or an id with the sources that state the link.
type link struct {
	ID      string     `yaml:"id"`
	Sources []citation `yaml:"sources"`
}

func (l *link) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		l.ID = n.Value
		return nil
	}
	type plain link
	return n.Decode((*plain)(l))
}

// links is a list of links; a single id reads as a list of one (a
// version's derivedFrom).
type links []link

func (ls *links) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		*ls = links{{ID: n.Value}}
		return nil
	}
	var list []link
	if err := n.Decode(&list); err != nil {
		return err
	}
	*ls = list
	return nil
}

// claimValue is one sourced value of a claimable field.
type claimValue struct {
	// Value is the value as written: text, a date, an enum value, an id, or
	// a number (for quantities, with Min, Max, Approx and Unit).
	Value       string     `yaml:"value"`
	Min         number     `yaml:"min"`
	Max         number     `yaml:"max"`
	Approx      string     `yaml:"approx"`
	Unit        string     `yaml:"unit"`
	Language    string     `yaml:"language"`
	Translation string     `yaml:"translation"`
	Display     string     `yaml:"display"`
	Rank        vocab.Rank `yaml:"rank"`
	Note        string     `yaml:"note"`
	Sources     []citation `yaml:"sources"`
}

// number is a number a fixture may leave out. It is not a *float64
// because the first pass hands documents to the second as gob
// (decoded.go), and gob drops a pointer to zero: "min: 0" would read as
// no minimum.
type number struct {
	Given bool
	Value float64
}

func (n *number) UnmarshalYAML(y *yaml.Node) error {
	if y.ShortTag() == "!!null" {
		return nil // as a *float64 reads it
	}
	if err := y.Decode(&n.Value); err != nil {
		return err
	}
	n.Given = true
	return nil
}

// ptr is the number as quantity.New takes it: nil when not given.
func (n number) ptr() *float64 {
	if !n.Given {
		return nil
	}
	v := n.Value
	return &v
}

// claims is a claimable field as a fixture gives it: a plain value (the
// entry's own sources vouch for it), one sourced value, or a list of sourced
// values (competing, or side by side for a field that holds several).
type claims struct {
	Values []claimValue
	// Sourced: given as a mapping or a list, so each value is kept as a
	// claim with its own sources and rank.
	Sourced bool
}

func (c *claims) UnmarshalYAML(n *yaml.Node) error {
	switch n.Kind {
	case yaml.ScalarNode:
		c.Values = []claimValue{{Value: n.Value}}
	case yaml.MappingNode:
		var v claimValue
		if err := n.Decode(&v); err != nil {
			return err
		}
		c.Values, c.Sourced = []claimValue{v}, true
	case yaml.SequenceNode:
		c.Sourced = true
		for _, item := range n.Content {
			var v claimValue
			if item.Kind == yaml.ScalarNode {
				v.Value = item.Value
			} else if err := item.Decode(&v); err != nil {
				return err
			}
			c.Values = append(c.Values, v)
		}
	}
	return nil
}

// given reports whether the fixture gives the field.
func (c claims) given() bool { return len(c.Values) > 0 }

// terms are a point's numeric terms by name, in the order the file gives
// them.
type terms []term

type term struct {
	Name  string
	Value claims
}

func (ts *terms) UnmarshalYAML(n *yaml.Node) error {
	for i := 0; i+1 < len(n.Content); i += 2 {
		var c claims
		if err := n.Content[i+1].Decode(&c); err != nil {
			return err
		}
		*ts = append(*ts, term{Name: n.Content[i].Value, Value: c})
	}
	return nil
}

type source struct {
	ID                 string `yaml:"id"`
	store.SourceFields `yaml:",inline"`
	PublisherActor     string `yaml:"publisherActor"`
	Published          string `yaml:"published"`
}

type role struct {
	Title   claims     `yaml:"title"`
	For     string     `yaml:"for"`
	From    claims     `yaml:"from"`
	Until   claims     `yaml:"until"`
	Sources []citation `yaml:"sources"`
}

type actor struct {
	ID                string `yaml:"id"`
	store.ActorFields `yaml:",inline"`
	Roles             []role     `yaml:"roles"`
	Members           links      `yaml:"members"`
	Identity          claims     `yaml:"identity"`
	Sources           []citation `yaml:"sources"`
}

type place struct {
	ID                string `yaml:"id"`
	store.PlaceFields `yaml:",inline"`
	In                string     `yaml:"in"`
	Sources           []citation `yaml:"sources"`
}

type participant struct {
	Actor      string     `yaml:"actor"`
	Role       claims     `yaml:"role"`
	RoleLabel  string     `yaml:"roleLabel"`
	Represents string     `yaml:"represents"`
	Sources    []citation `yaml:"sources"`
}

type event struct {
	ID                string `yaml:"id"`
	store.EventFields `yaml:",inline"`
	Status            claims        `yaml:"status"`
	Modality          claims        `yaml:"modality"`
	Date              claims        `yaml:"date"`
	End               claims        `yaml:"end"`
	Duration          claims        `yaml:"duration"`
	Outcome           claims        `yaml:"outcome"`
	Places            links         `yaml:"places"`
	Participants      []participant `yaml:"participants"`
	Concerns          links         `yaml:"concerns"`
	Produced          links         `yaml:"produced"`
	LedTo             links         `yaml:"ledTo"`
	FollowsUp         links         `yaml:"followsUp"`
	RespondsTo        links         `yaml:"respondsTo"`
	Publishes         links         `yaml:"publishes"`
	Sources           []citation    `yaml:"sources"`
}

type subpoint struct {
	ID          string             `yaml:"id"`
	Label       string             `yaml:"label"`
	Title       claims             `yaml:"title"`
	Text        claims             `yaml:"text"`
	Topics      []vocab.PointTopic `yaml:"topics"`
	Territories []string           `yaml:"territories"`
	Terms       terms              `yaml:"terms"`
	Sources     []citation         `yaml:"sources"`
}

type point struct {
	ID                string `yaml:"id"`
	store.PointFields `yaml:",inline"`
	Title             claims     `yaml:"title"`
	Text              claims     `yaml:"text"`
	Territories       []string   `yaml:"territories"`
	Terms             terms      `yaml:"terms"`
	Subpoints         []subpoint `yaml:"subpoints"`
	Revises           string     `yaml:"revises"`
	Sources           []citation `yaml:"sources"`
}

// fate is what sources say became of an earlier point in a version: a
// plain fate its sources state, or competing sourced fates.
type fate struct {
	Point   string     `yaml:"point"`
	Fate    claims     `yaml:"fate"`
	Sources []citation `yaml:"sources"`
}

// versionDates are a version's dates by what they mark.
type versionDates struct {
	Drafted   claims `yaml:"drafted"`
	Presented claims `yaml:"presented"`
	Published claims `yaml:"published"`
	Deadline  claims `yaml:"deadline"`
}

// byKind lists the dates in the order the API lists them, with their kind.
func (d versionDates) byKind() []struct {
	kind  vocab.VersionDateKind
	value claims
} {
	return []struct {
		kind  vocab.VersionDateKind
		value claims
	}{
		{vocab.VersionDateKindDrafted, d.Drafted}, {vocab.VersionDateKindPresented, d.Presented},
		{vocab.VersionDateKindPublished, d.Published}, {vocab.VersionDateKindDeadline, d.Deadline},
	}
}

type version struct {
	ID                  string `yaml:"id"`
	store.VersionFields `yaml:",inline"`
	DeclaredPoints      claims       `yaml:"declaredPoints"`
	Dates               versionDates `yaml:"dates"`
	DerivedFrom         links        `yaml:"derivedFrom"`
	Authors             claims       `yaml:"authors"`
	Points              []point      `yaml:"points"`
	Fates               []fate       `yaml:"fates"`
	Sources             []citation   `yaml:"sources"`
}

type plan struct {
	ID               string `yaml:"id"`
	store.PlanFields `yaml:",inline"`
	Versions         []version `yaml:"versions"`
}

type stance struct {
	ID                 string `yaml:"id"`
	store.StanceFields `yaml:",inline"`
	Actor              string     `yaml:"actor"`
	On                 string     `yaml:"on"`
	Date               claims     `yaml:"date"`
	Sources            []citation `yaml:"sources"`
}
