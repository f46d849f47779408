package store

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Change records: every load that changes the graph writes, beside the new
// version, which entries it created, updated and deleted, so a subscriber
// learns what to fetch again whichever process loaded. An entry is updated
// when its properties changed or a relationship it owns did (a participant
// added to an event updates the event). Roles and claims are not entries a
// client can ask for: their changes count for their owners.

// MaxChangeIDs bounds the ids one change record lists; a load that changed
// more lists only the counts, and says so (Complete false).
const MaxChangeIDs = 10000

// keptChanges is how many change records the graph keeps.
const keptChanges = 100

// ChangeLabel is what one load did to the entries of one label.
type ChangeLabel struct {
	Label      Label    `json:"label"`
	Created    int      `json:"created"`
	Updated    int      `json:"updated"`
	Deleted    int      `json:"deleted"`
	CreatedIDs []string `json:"createdIds,omitempty"`
	UpdatedIDs []string `json:"updatedIds,omitempty"`
	DeletedIDs []string `json:"deletedIds,omitempty"`
}

// Change is one version of the graph and what the load that made it
// changed.
type Change struct {
	Version   int64
	ChangedAt time.Time
	// Complete says the ids are listed in full; false when the load
	// changed more than MaxChangeIDs entries, or when the record is gone
	// (Labels is then empty).
	Complete bool
	Labels   []ChangeLabel
}

// storedChange is the JSON a change record keeps.
type storedChange struct {
	Complete bool          `json:"complete"`
	Labels   []ChangeLabel `json:"labels"`
}

func (c ChangeLabel) counts() [3]int { return [3]int{c.Created, c.Updated, c.Deleted} }

type changeKind int

const (
	changeCreated changeKind = iota
	changeUpdated
	changeDeleted
)

// changeSet gathers, during a load, the ids each statement reports. A
// large load would hold every id it wrote: past overflowIDs the set gives
// them up and the record says only the load's counts.
type changeSet struct {
	ids      [3]map[Label]map[string]struct{}
	n        int
	overflow bool
}

const overflowIDs = 4 * MaxChangeIDs

func newChangeSet() *changeSet {
	c := &changeSet{}
	for i := range c.ids {
		c.ids[i] = map[Label]map[string]struct{}{}
	}
	return c
}

func (c *changeSet) add(kind changeKind, l Label, ids []string) {
	if len(ids) == 0 || c.overflow {
		return
	}
	if c.n += len(ids); c.n > overflowIDs {
		c.overflow = true
		c.ids = [3]map[Label]map[string]struct{}{}
		return
	}
	m := c.ids[kind][l]
	if m == nil {
		m = map[string]struct{}{}
		c.ids[kind][l] = m
	}
	for _, id := range ids {
		m[id] = struct{}{}
	}
}

// addLinked records the [label, id] pairs prune_nodes reports as linked to
// a deleted node: they lost a relationship.
func (c *changeSet) addLinked(raw []any) error {
	for _, group := range raw {
		pairs, err := typed[[]any](group, "linked nodes")
		if err != nil {
			return err
		}
		for _, p := range pairs {
			pair, err := tuple(p, 2)
			if err != nil {
				return err
			}
			l, err := typed[string](pair[0], "linked label")
			if err != nil {
				return err
			}
			id, err := typed[string](pair[1], "linked id")
			if err != nil {
				return err
			}
			c.add(changeUpdated, Label(l), []string{id})
		}
	}
	return nil
}

// record is the JSON change record of a load of b: dependents (roles,
// claims) folded into their owners, an entry counted once (created wins
// over updated, deleted over both), ids sorted. After an overflow it holds
// the summary's counts of nodes (relationships aside) and no ids.
func (c *changeSet) record(b *Batch, sum Summary) string {
	if c.overflow {
		rec := storedChange{}
		for _, e := range Entities {
			if n := sum.Nodes[e.Label]; e.Lookup && n.Changed() {
				rec.Labels = append(rec.Labels, ChangeLabel{Label: e.Label, Created: n.Created, Updated: n.Updated, Deleted: n.Deleted})
			}
		}
		return marshalChange(rec)
	}
	owners := dependentOwners(b)
	final := [3]map[Label]map[string]struct{}{{}, {}, {}}
	put := func(kind changeKind, l Label, id string) {
		if final[kind][l] == nil {
			final[kind][l] = map[string]struct{}{}
		}
		final[kind][l][id] = struct{}{}
	}
	for kind, byLabel := range c.ids {
		for l, ids := range byLabel {
			for id := range ids {
				ol, oid, ok := resolveOwner(owners, l, id)
				switch {
				case !ok:
					// A dependent the batch no longer holds: its owner lost
					// the relationship to it and is recorded through that.
				case ol != l:
					put(changeUpdated, ol, oid)
				default:
					put(changeKind(kind), l, id)
				}
			}
		}
	}
	rec := storedChange{Complete: true}
	total := 0
	labels := map[Label]*ChangeLabel{}
	for kind := range final {
		for l, ids := range final[kind] {
			cl := labels[l]
			if cl == nil {
				cl = &ChangeLabel{Label: l}
				labels[l] = cl
			}
			var list []string
			for id := range ids {
				if kind == int(changeUpdated) && (has(final[changeCreated][l], id) || has(final[changeDeleted][l], id)) {
					continue
				}
				list = append(list, id)
			}
			sort.Strings(list)
			total += len(list)
			switch changeKind(kind) {
			case changeCreated:
				cl.Created, cl.CreatedIDs = len(list), list
			case changeUpdated:
				cl.Updated, cl.UpdatedIDs = len(list), list
			case changeDeleted:
				cl.Deleted, cl.DeletedIDs = len(list), list
			}
		}
	}
	for _, l := range Labels {
		if cl := labels[l]; cl != nil && cl.counts() != [3]int{} {
			rec.Labels = append(rec.Labels, *cl)
		}
	}
	if total > MaxChangeIDs {
		rec.Complete = false
		for i := range rec.Labels {
			rec.Labels[i].CreatedIDs, rec.Labels[i].UpdatedIDs, rec.Labels[i].DeletedIDs = nil, nil, nil
		}
	}
	return marshalChange(rec)
}

func marshalChange(rec storedChange) string {
	out, err := json.Marshal(rec)
	if err != nil {
		panic(fmt.Sprintf("change record: %v", err)) // plain strings and ints cannot fail
	}
	return string(out)
}

func has(m map[string]struct{}, id string) bool {
	_, ok := m[id]
	return ok
}

type owner struct {
	label Label
	id    string
}

// dependentOwners maps each role and claim of the batch to the entry that
// holds it.
func dependentOwners(b *Batch) map[Label]map[string]owner {
	out := map[Label]map[string]owner{}
	for _, e := range Entities {
		if e.Lookup {
			continue
		}
		out[e.Label] = map[string]owner{}
	}
	for _, spec := range RelSpecs {
		deps, ok := out[spec.To]
		if !ok || spec.Owner != OwnedByStart {
			continue
		}
		for from, to := range b.RelEnds(spec) {
			deps[to] = owner{spec.From, from}
		}
	}
	return out
}

// resolveOwner follows a dependent up to the entry that owns it (a claim
// on a role belongs to the role's actor).
func resolveOwner(owners map[Label]map[string]owner, l Label, id string) (Label, string, bool) {
	for range 4 {
		deps, dependent := owners[l]
		if !dependent {
			return l, id, true
		}
		o, ok := deps[id]
		if !ok {
			return "", "", false
		}
		l, id = o.label, o.id
	}
	return "", "", false
}

var (
	stmtBumpVersion = define("graph_version_bump", "graph_version_bump.cypher", nil)
	stmtVersion     = define("graph_version", "read/graph_version.cypher", nil)
	stmtChanges     = define("graph_changes", "read/graph_changes.cypher", nil)
)

// GraphLabel is the label of the node that holds the version, and
// ChangeLabel that of the change records; neither is an entry of the graph.
const (
	GraphLabel       = "Graph"
	GraphChangeLabel = "GraphChange"
)

// NotBookkeeping is a Cypher predicate on node variable n that leaves out
// the version, the change records, the records of loaded files, and what a
// staged load keeps until it is published or finished (stage.go, this
// build's and an earlier one's): what no reader sees.
func NotBookkeeping(n string) string {
	return "NOT " + n + ":" + GraphLabel + " AND NOT " + n + ":" + GraphChangeLabel + " AND NOT " + n + ":" + PublishedStageLabel +
		" AND NOT " + n + ":" + LoadedFileLabel +
		" AND " + Visible(n) + " AND NOT any(l IN labels(" + n + ") WHERE l STARTS WITH '" + legacyStagedPrefix + "')"
}

// Version is the graph's version: 0 before any load changed it.
func (s *Store) Version(ctx context.Context) (int64, error) {
	recs, err := s.query(ctx, stmtVersion, nil)
	if err != nil {
		return 0, fmt.Errorf("graph version: %w", err)
	}
	if len(recs) != 1 {
		return 0, fmt.Errorf("graph version: %d records", len(recs))
	}
	return value[int64](recs[0], "version")
}

// GraphState is the graph's version, the changes after a version, and the
// horizon: the latest day an event may have begun or a source may have
// been published (nil for an empty graph), so that asOf on or after it
// shows the whole graph.
type GraphState struct {
	Version int64
	Changes []Change
	Horizon *time.Time
}

// Changes reads the graph's state with the change records after since. A
// record no longer kept is reported as a Change that is not Complete and
// lists nothing. The changes may end before Version: a record not yet
// visible is read by the next call.
func (s *Store) Changes(ctx context.Context, since int64) (GraphState, error) {
	recs, err := s.query(ctx, stmtChanges, map[string]any{"since": since})
	if err != nil {
		return GraphState{}, fmt.Errorf("graph changes: %w", err)
	}
	if len(recs) != 1 {
		return GraphState{}, fmt.Errorf("graph changes: %d records", len(recs))
	}
	st, err := decodeState(recs[0])
	if err != nil {
		return GraphState{}, fmt.Errorf("graph changes: %w", err)
	}
	// Versions after since that the graph no longer keeps a record of
	// are reported as one change that lists nothing. The records kept are
	// the latest, without gaps, so a first record past since+1 means the
	// ones before it are gone. No record at all is either that (since is
	// further behind than the records kept) or a commit that the version
	// already shows and the label's index not yet: Neo4j reads committed
	// data, not a snapshot, and a reader was seen to catch that moment.
	// The caller asks again.
	if since < st.Version {
		switch {
		case len(st.Changes) > 0 && st.Changes[0].Version > since+1:
			st.Changes = append([]Change{{Version: st.Changes[0].Version - 1}}, st.Changes...)
		case len(st.Changes) == 0 && st.Version-since > keptChanges:
			st.Changes = []Change{{Version: st.Version}}
		}
	}
	return st, nil
}

// ChangesAfterNone asks Changes for the state alone.
const ChangesAfterNone = math.MaxInt64

func decodeState(rec *neo4j.Record) (GraphState, error) {
	var st GraphState
	var err error
	if st.Version, err = value[int64](rec, "version"); err != nil {
		return st, err
	}
	h, err := optional(rec, "horizon")
	if err != nil {
		return st, err
	}
	if h != nil {
		d, err := typed[neo4j.Date](h, "horizon")
		if err != nil {
			return st, err
		}
		t := d.Time()
		st.Horizon = &t
	}
	raw, err := list(rec, "changes")
	if err != nil {
		return st, err
	}
	for _, r := range raw {
		m, err := asMap(r)
		if err != nil {
			return st, err
		}
		v, err := typed[int64](m["version"], "change version")
		if err != nil {
			return st, err
		}
		at, err := typed[time.Time](m["changedAt"], "change time")
		if err != nil {
			return st, err
		}
		text, err := typed[string](m["change"], "change record")
		if err != nil {
			return st, err
		}
		var sc storedChange
		if err := json.Unmarshal([]byte(text), &sc); err != nil {
			return st, fmt.Errorf("change record %d: %w", v, err)
		}
		st.Changes = append(st.Changes, Change{Version: v, ChangedAt: at, Complete: sc.Complete, Labels: sc.Labels})
	}
	return st, nil
}

// bumpVersion raises the version within a load's transaction and writes
// the load's change record.
func bumpVersion(ctx context.Context, tx neo4j.ManagedTransaction, change string) error {
	res, err := run(ctx, tx, stmtBumpVersion, map[string]any{"change": change, "keep": keptChanges})
	if err != nil {
		return fmt.Errorf("graph version: %w", err)
	}
	_, err = res.Consume(ctx)
	return err
}

// idList reads a list of ids, skipping the nulls a CASE leaves for rows
// that do not count.
func idList(rec *neo4j.Record, key string) ([]string, error) {
	raw, err := list(rec, key)
	if err != nil {
		return nil, err
	}
	out := make([]string, 0, len(raw))
	for _, v := range raw {
		if v == nil {
			continue
		}
		s, err := typed[string](v, key)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}
