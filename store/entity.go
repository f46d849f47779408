package store

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Reads that work the same for every label, from the table of entities:
// nodes by id, nodes of any label by id, the other end of a relationship.

var (
	stmtNodesByID = defineTemplate("nodes_by_id", "read/nodes_by_id.cypher", labelKeys(Labels), nil)
	stmtAnyByID   = define("any_by_id", "read/any_by_id.cypher",
		struct{ Labels []Label }{labelsWhere(func(e Entity) bool { return e.Lookup })})
	stmtRelatedOut = defineTemplate("related_out", "read/related_out.cypher", func() []RelSpec { return RelSpecs }, nil)
	stmtRelatedIn  = defineTemplate("related_in", "read/related_in.cypher", func() []RelSpec { return RelSpecs }, nil)
)

// ByID loads nodes of one type by id; unknown ids are absent from the map.
func ByID[T any](ctx context.Context, s *Store, ids []string) (map[string]T, error) {
	out := make(map[string]T, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	label := labelOf[T]()
	recs, err := s.query(ctx, stmtNodesByID.get(labelKey{label}), map[string]any{"ids": ids})
	if err != nil {
		return nil, fmt.Errorf("%s by id: %w", label, err)
	}
	for _, r := range recs {
		n, err := nodeOf[T](r, "node")
		if err != nil {
			return nil, fmt.Errorf("%s by id: %w", label, err)
		}
		id, err := value[string](r, "id")
		if err != nil {
			return nil, fmt.Errorf("%s by id: %w", label, err)
		}
		out[id] = n
	}
	return out, nil
}

// nodeOf decodes the node (or map) under key.
func nodeOf[T any](r *neo4j.Record, key string) (T, error) {
	v, err := optional(r, key)
	if err != nil {
		var zero T
		return zero, err
	}
	return decode[T](v)
}

// optNodeOf decodes the node under key, nil when it is null.
func optNodeOf[T any](r *neo4j.Record, key string) (*T, error) {
	v, err := optional(r, key)
	if err != nil {
		return nil, err
	}
	return decodeOpt[T](v)
}

// Any is a node of any label, decoded to its store type.
type Any struct {
	Label Label
	Value any
}

// decodeAny decodes a node of a label the table knows.
func decodeAny(l Label, node any) (Any, error) {
	e, ok := EntityOf(l)
	if !ok {
		return Any{}, fmt.Errorf("a node of unknown label %q", l)
	}
	v, err := e.decode(node)
	if err != nil {
		return Any{}, err
	}
	return Any{Label: l, Value: v}, nil
}

// anyRow reads a row {label, node} of any label.
func anyRow(r *neo4j.Record) (Any, error) {
	label, err := value[string](r, "label")
	if err != nil {
		return Any{}, err
	}
	node, err := optional(r, "node")
	if err != nil {
		return Any{}, err
	}
	return decodeAny(Label(label), node)
}

// Lookup finds nodes by id whatever their label.
func (s *Store) Lookup(ctx context.Context, ids []string) (map[string]Any, error) {
	out := make(map[string]Any, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	recs, err := s.query(ctx, stmtAnyByID, map[string]any{"ids": ids})
	if err != nil {
		return nil, fmt.Errorf("lookup: %w", err)
	}
	for _, r := range recs {
		a, err := anyRow(r)
		if err != nil {
			return nil, fmt.Errorf("lookup: %w", err)
		}
		id, err := value[string](r, "id")
		if err != nil {
			return nil, fmt.Errorf("lookup: %w", err)
		}
		out[id] = a
	}
	return out, nil
}

// Direction says which way to follow a relationship from the given ids.
type Direction int

const (
	Outgoing Direction = iota
	Incoming
)

// Related loads, for each id, the nodes of type T at the other end of a
// relationship spec.
func Related[T any](ctx context.Context, s *Store, spec RelSpec, dir Direction, ids []string) (map[string][]T, error) {
	if len(ids) == 0 {
		return map[string][]T{}, nil
	}
	st := stmtRelatedOut.get(spec)
	if dir == Incoming {
		st = stmtRelatedIn.get(spec)
	}
	recs, err := s.query(ctx, st, map[string]any{"ids": ids})
	if err != nil {
		return nil, fmt.Errorf("related %s: %w", spec, err)
	}
	out, err := byParent(recs, func(r *neo4j.Record) (T, error) { return nodeOf[T](r, "node") })
	if err != nil {
		return nil, fmt.Errorf("related %s: %w", spec, err)
	}
	return out, nil
}
