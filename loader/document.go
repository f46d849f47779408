package loader

import (
	"gopkg.in/yaml.v3"

	"github.com/diplograph/diplograph/store"
)

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

// The store's field types (store.SourceFields ...) hold the properties a
// fixture gives as the graph stores them; the types here add what becomes
// relationships, derived nodes or derived properties.

type source struct {
	ID                 string `yaml:"id"`
	store.SourceFields `yaml:",inline"`
	PublisherActor     string `yaml:"publisherActor"`
	Published          string `yaml:"published"`
}

type role struct {
	Title   string     `yaml:"title"`
	For     string     `yaml:"for"`
	From    string     `yaml:"from"`
	Until   string     `yaml:"until"`
	Sources []citation `yaml:"sources"`
}

type actor struct {
	ID                string `yaml:"id"`
	store.ActorFields `yaml:",inline"`
	Roles             []role     `yaml:"roles"`
	Sources           []citation `yaml:"sources"`
}

type place struct {
	ID                string `yaml:"id"`
	store.PlaceFields `yaml:",inline"`
	In                string     `yaml:"in"`
	Sources           []citation `yaml:"sources"`
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
	ID                string `yaml:"id"`
	store.EventFields `yaml:",inline"`
	Date              string        `yaml:"date"`
	End               string        `yaml:"end"`
	Place             string        `yaml:"place"`
	Participants      []participant `yaml:"participants"`
	Concerns          []string      `yaml:"concerns"`
	Produced          []string      `yaml:"produced"`
	LedTo             []string      `yaml:"ledTo"`
	Disputes          []dispute     `yaml:"disputes"`
	Sources           []citation    `yaml:"sources"`
}

type point struct {
	ID                string `yaml:"id"`
	store.PointFields `yaml:",inline"`
	Territories       []string   `yaml:"territories"`
	Revises           string     `yaml:"revises"`
	Sources           []citation `yaml:"sources"`
}

type version struct {
	ID                  string `yaml:"id"`
	store.VersionFields `yaml:",inline"`
	Date                string     `yaml:"date"`
	DerivedFrom         string     `yaml:"derivedFrom"`
	Points              []point    `yaml:"points"`
	Sources             []citation `yaml:"sources"`
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
	Date               string     `yaml:"date"`
	Sources            []citation `yaml:"sources"`
}
