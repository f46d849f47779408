package store

import "github.com/diplograph/diplograph/vocab"

// Place is a country, region, city, building or venue. Containment is a
// relationship (PlaceLocatedIn), read with Related.
type Place struct {
	ID string `prop:"id"`
	PlaceFields
}

// PlaceFields are the properties of a place that fixtures give as the graph
// stores them.
type PlaceFields struct {
	Kind    vocab.PlaceKind `yaml:"kind" prop:"kind"`
	Name    string          `yaml:"name" prop:"name"`
	Aliases []string        `yaml:"aliases" prop:"aliases"`
}

func (p Place) Key() string { return p.ID }
