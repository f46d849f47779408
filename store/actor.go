package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/diplograph/diplograph/partialdate"
	"github.com/diplograph/diplograph/vocab"
)

// Actor is a person, state, organisation or delegation, a group the
// sources name as one, or someone they do not identify.
type Actor struct {
	ID string `prop:"id"`
	ActorFields
	Certainty      vocab.Certainty `prop:"certainty"`
	Contested      bool            `prop:"contested"`
	DisputedFields []string        `prop:"disputedFields"`
}

// ActorFields are the properties of an actor that fixtures give as the
// graph stores them.
type ActorFields struct {
	Kind        vocab.ActorKind `yaml:"kind" prop:"kind"`
	Name        string          `yaml:"name" prop:"name"`
	Aliases     []string        `yaml:"aliases" prop:"aliases"`
	Description *string         `yaml:"description" prop:"description"`
}

func (a Actor) Key() string { return a.ID }

// Role is an office or function an actor holds.
type Role struct {
	ID string `prop:"id"`
	// Title is absent when sources disagree on it.
	Title          *string           `prop:"title"`
	From           *partialdate.Date `prop:"start"`
	Until          *partialdate.Date `prop:"end"`
	Certainty      vocab.Certainty   `prop:"certainty"`
	Contested      bool              `prop:"contested"`
	DisputedFields []string          `prop:"disputedFields"`
	// For is the state or organisation the role is held for.
	For *Actor
}

// RoleWithSources is a role as the API shows it.
type RoleWithSources struct {
	Role
	Sources []Citation
}

var (
	stmtRoles       = define("roles", "read/roles.cypher", nil)
	stmtActors      = define("actors", "read/actors.cypher", nil)
	stmtCountActors = define("count_actors", "read/count_actors.cypher", nil)
)

// Roles loads each actor's roles; with at, only those that may have been
// held on that day.
func (s *Store) Roles(ctx context.Context, actorIDs []string, at *time.Time) (map[string][]RoleWithSources, error) {
	if len(actorIDs) == 0 {
		return map[string][]RoleWithSources{}, nil
	}
	recs, err := s.query(ctx, stmtRoles, map[string]any{"ids": actorIDs, "at": optDate(at)})
	if err != nil {
		return nil, fmt.Errorf("roles: %w", err)
	}
	out, err := byParent(recs, func(r *neo4j.Record) (RoleWithSources, error) {
		role, err := nodeOf[Role](r, "role")
		if err != nil {
			return RoleWithSources{}, err
		}
		if role.For, err = optNodeOf[Actor](r, "for"); err != nil {
			return RoleWithSources{}, err
		}
		cs, err := citationsAt(r, "citations")
		return RoleWithSources{Role: role, Sources: cs}, err
	})
	if err != nil {
		return nil, fmt.Errorf("roles: %w", err)
	}
	return out, nil
}

// ActorFilter selects actors.
type ActorFilter struct {
	Kinds []vocab.ActorKind
	// Name: a case-insensitive substring of the name or an alias.
	Name string
}

// Actors lists actors by name.
func (s *Store) Actors(ctx context.Context, f ActorFilter, page Page) (ListPage[Actor], error) {
	params := map[string]any{"kinds": optList(vocab.Stored(f.Kinds)), "name": nil, "limit": page.First + 1, "afterName": nil, "afterID": nil}
	if f.Name != "" {
		params["name"] = strings.ToLower(f.Name)
	}
	if page.After != "" {
		key, id, err := decodeCursor(cursorActors, page.After)
		if err != nil {
			return ListPage[Actor]{}, err
		}
		params["afterName"], params["afterID"] = key, id
	}
	pg, err := keysetList(ctx, s, stmtActors, stmtCountActors, params, page,
		func(a Actor) string { return encodeCursor(cursorActors, a.Name, a.ID) })
	if err != nil {
		return ListPage[Actor]{}, fmt.Errorf("actors: %w", err)
	}
	return pg, nil
}
