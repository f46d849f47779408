package loader

import "gopkg.in/yaml.v3"

// The types below mirror fixtures/schema.json. A file is checked against the
// schema before it is decoded into them, so decoding never meets a wrong
// type or an unknown field; the checks the schema cannot make (references,
// duplicates, impossible dates) run on these types.

type document struct {
	Sources []source `yaml:"sources"`
	Actors  []actor  `yaml:"actors"`
	Places  []place  `yaml:"places"`
	Events  []event  `yaml:"events"`
	Plans   []plan   `yaml:"plans"`
	Stances []stance `yaml:"stances"`
}

// citation accepts both forms the schema allows: a bare source id, or a
// mapping with a quote and an unconfirmed flag.
type citation struct {
	Source      string `yaml:"source"`
	Quote       string `yaml:"quote"`
	Unconfirmed bool   `yaml:"unconfirmed"`
}

func (c *citation) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		c.Source = n.Value
		return nil
	}
	type plain citation
	return n.Decode((*plain)(c))
}

type source struct {
	ID             string `yaml:"id"`
	Kind           string `yaml:"kind"`
	Title          string `yaml:"title"`
	URL            string `yaml:"url"`
	Publisher      string `yaml:"publisher"`
	PublisherActor string `yaml:"publisherActor"`
	Author         string `yaml:"author"`
	Published      string `yaml:"published"`
	Note           string `yaml:"note"`
}

type role struct {
	Title   string     `yaml:"title"`
	For     string     `yaml:"for"`
	From    string     `yaml:"from"`
	Until   string     `yaml:"until"`
	Sources []citation `yaml:"sources"`
}

type actor struct {
	ID          string     `yaml:"id"`
	Kind        string     `yaml:"kind"`
	Name        string     `yaml:"name"`
	Aliases     []string   `yaml:"aliases"`
	Description string     `yaml:"description"`
	Roles       []role     `yaml:"roles"`
	Sources     []citation `yaml:"sources"`
}

type place struct {
	ID      string     `yaml:"id"`
	Kind    string     `yaml:"kind"`
	Name    string     `yaml:"name"`
	Aliases []string   `yaml:"aliases"`
	In      string     `yaml:"in"`
	Sources []citation `yaml:"sources"`
}

type participant struct {
	Actor       string     `yaml:"actor"`
	Role        string     `yaml:"role"`
	Represents  string     `yaml:"represents"`
	Unconfirmed bool       `yaml:"unconfirmed"`
	Sources     []citation `yaml:"sources"`
}

type disputedValue struct {
	Value     string     `yaml:"value"`
	Display   string     `yaml:"display"`
	Preferred bool       `yaml:"preferred"`
	Sources   []citation `yaml:"sources"`
}

type dispute struct {
	Field  string          `yaml:"field"`
	Values []disputedValue `yaml:"values"`
}

type event struct {
	ID              string        `yaml:"id"`
	Type            string        `yaml:"type"`
	Title           string        `yaml:"title"`
	Summary         string        `yaml:"summary"`
	Date            string        `yaml:"date"`
	End             string        `yaml:"end"`
	DurationMinutes int64         `yaml:"durationMinutes"`
	Place           string        `yaml:"place"`
	Unconfirmed     bool          `yaml:"unconfirmed"`
	Participants    []participant `yaml:"participants"`
	Concerns        []string      `yaml:"concerns"`
	Produced        []string      `yaml:"produced"`
	LedTo           []string      `yaml:"ledTo"`
	Disputes        []dispute     `yaml:"disputes"`
	Sources         []citation    `yaml:"sources"`
}

type point struct {
	ID          string     `yaml:"id"`
	Number      int64      `yaml:"number"`
	Title       string     `yaml:"title"`
	Text        string     `yaml:"text"`
	Topics      []string   `yaml:"topics"`
	Territories []string   `yaml:"territories"`
	Revises     string     `yaml:"revises"`
	Unconfirmed bool       `yaml:"unconfirmed"`
	Sources     []citation `yaml:"sources"`
}

type version struct {
	ID             string     `yaml:"id"`
	Name           string     `yaml:"name"`
	DeclaredPoints int64      `yaml:"declaredPoints"`
	Date           string     `yaml:"date"`
	DerivedFrom    string     `yaml:"derivedFrom"`
	Summary        string     `yaml:"summary"`
	Unconfirmed    bool       `yaml:"unconfirmed"`
	Points         []point    `yaml:"points"`
	Sources        []citation `yaml:"sources"`
}

type plan struct {
	ID       string    `yaml:"id"`
	Name     string    `yaml:"name"`
	Summary  string    `yaml:"summary"`
	Versions []version `yaml:"versions"`
}

type stance struct {
	ID          string     `yaml:"id"`
	Actor       string     `yaml:"actor"`
	Position    string     `yaml:"position"`
	On          string     `yaml:"on"`
	Date        string     `yaml:"date"`
	Summary     string     `yaml:"summary"`
	Unconfirmed bool       `yaml:"unconfirmed"`
	Sources     []citation `yaml:"sources"`
}
