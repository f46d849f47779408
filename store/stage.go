package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// A load is one transaction, and Neo4j holds a transaction's changes in its
// heap: about 2.5 KB for each row it creates. A load that creates more rows
// than that allows is staged instead:
//
//  1. the nodes it creates are written with their labels, the staging
//     label (StagingLabel) and the load's token (the property StagedMark),
//     ChunkSize rows per transaction, and so are the relationships whose two
//     ends are such nodes. Readers leave out a node with the staging label
//     whose token is not published wherever they start to match (Visible),
//     and nothing links a staged node to one a reader can reach, so none of
//     it is visible;
//  2. the last transaction is today's load with one step more: it publishes
//     the token (one node, PublishedStageLabel), and everything else the
//     load changes (updates, relationships to nodes that were there before,
//     prunes, the version) is written beside it. Readers see all of it from
//     the commit on;
//  3. the marks are removed, ChunkSize nodes per transaction, and the token
//     forgotten: readers see the nodes either way, and an unmarked node
//     costs them a label check where a marked one costs a lookup of its
//     token.
//
// So the last transaction holds what the load changes of the graph that was
// there before, not what it creates. Two designs before this one made the
// staged nodes visible in it, and so grew with them: relabelling them
// (staging under other labels) took 3,150 bytes a node, 4 GB for the 1.3
// million nodes of the scale-50 benchmark; removing a mark took 570 bytes a
// node in a small test, and more than the 1 GiB a transaction that
// tools/neo4j allows at scale 50.
//
// A load that fails or is killed before its last transaction leaves staged
// rows and no change a reader can see; a failed one clears them. One killed
// after it leaves marks that readers see through. The next load finishes
// both before it writes, since a node it merges by id could otherwise be a
// staged one: it deletes what unpublished tokens mark, and unmarks what
// published ones do.
//
// Two loads at once would clear each other's rows: the later one's last
// transaction then finds fewer staged nodes than it wrote and fails,
// changing nothing.

// StagingLabel marks a staged node, StagedMark is the property that holds
// its load's token, and PublishedStageLabel the label of a published
// token's node. Statements spell them through the template functions
// staging, mark and published.
const (
	StagingLabel        = "Staging"
	StagedMark          = "_staged"
	PublishedStageLabel = "PublishedStage"
)

// Visible is a Cypher predicate on node variable n that leaves it out if
// it is staged and not yet published. Every reader's statement says it of
// each node it starts to match from a label, an index or an id: a
// relationship leads from a visible node only to visible ones.
//
// A label, not the property alone, marks a staged node, and CASE, not OR,
// guards the lookup of its token: on a 2-month timeline of the benchmark's
// graph (26,000 nodes checked) the label check cost 9% of the statement's
// time and "_staged IS NULL" 21% (an absent property is read through the
// node's whole property chain), and "IS NULL OR EXISTS {...}", which Neo4j
// plans as a subquery operator ahead of the other filters, 92%. Inside CASE
// the lookup is an expression run only for a marked node.
func Visible(n string) string {
	return fmt.Sprintf("CASE WHEN NOT %[1]s:%[2]s THEN true ELSE EXISTS { MATCH (vis_%[1]s:%[3]s) WHERE vis_%[1]s.token = %[1]s.%[4]s } END",
		n, StagingLabel, PublishedStageLabel, StagedMark)
}

// legacyStagedPrefix starts the staging labels of an earlier build, whose
// leftovers the next load still clears.
const legacyStagedPrefix = "Staged"

// staging is what a staged load writes before its last transaction.
type staging struct {
	// nodes lists, by label, the ids of the nodes the load creates, and
	// isNew finds them.
	nodes map[Label][]string
	isNew map[Label]map[string]struct{}
	// rels counts, by spec, the relationships between two created nodes.
	rels map[RelSpec]int
	// rows is how many rows staging writes.
	rows int
	// token marks the rows, and publishes them.
	token string
}

// staged reports whether staging writes the relationship r of spec.
func (st *staging) staged(spec RelSpec, r Rel) bool {
	if st == nil {
		return false
	}
	_, from := st.isNew[spec.From][r.From]
	_, to := st.isNew[spec.To][r.To]
	return from && to
}

// stagedNode reports whether staging writes node id of label l.
func (st *staging) stagedNode(l Label, id string) bool {
	if st == nil {
		return false
	}
	_, ok := st.isNew[l][id]
	return ok
}

// The statements of a staged load, one per label or relationship spec.
var (
	stageIndex          = define("stage_index", "stage_index.cypher", nil)
	stagePublishedIndex = define("stage_published_index", "stage_published_index.cypher", nil)
	existingIDs         = defineTemplate("existing_ids", "existing_ids.cypher", labelKeys(Labels), nil)
	stageNodes          = defineTemplate("stage_nodes", "stage_nodes.cypher", labelKeys(Labels), nil)
	stageRels           = defineTemplate("stage_rels", "stage_rels.cypher", func() []RelSpec { return RelSpecs }, nil)
	stagedBy            = defineTemplate("staged_by", "staged_by.cypher", labelKeys(Labels), nil)
	stagePublish        = define("stage_publish", "stage_publish.cypher", nil)
	stageUnmark         = defineTemplate("stage_unmark", "stage_unmark.cypher", labelKeys(Labels), nil)
	stagePublishedDrop  = define("stage_published_drop", "stage_published_drop.cypher", nil)
	stageTokens         = define("stage_tokens", "stage_tokens.cypher", nil)
	stageClear          = defineTemplate("stage_clear", "stage_clear.cypher", labelKeys(Labels), nil)
	stageClearRels      = defineTemplate("stage_clear_rels", "stage_clear_rels.cypher", labelKeys(Labels), nil)
	stagedCount         = defineTemplate("staged_count", "staged_count.cypher", labelKeys(Labels), nil)
	stagedAny           = define("staged_any", "staged_any.cypher", Labels)
	// An earlier build staged under other labels, with an index each.
	legacyClear     = defineTemplate("stage_legacy_clear", "stage_legacy_clear.cypher", labelKeys(Labels), nil)
	legacyClearRels = defineTemplate("stage_legacy_clear_rels", "stage_legacy_clear_rels.cypher", labelKeys(Labels), nil)
	legacyIndexDrop = defineTemplate("stage_legacy_index_drop", "stage_legacy_index_drop.cypher", labelKeys(Labels), nil)
	stageIndexes    = func() []Statement {
		out := []Statement{stageIndex, stagePublishedIndex}
		for _, l := range Labels {
			out = append(out, legacyIndexDrop.get(labelKey{l}))
		}
		return out
	}
)

// newToken names a staged load's rows: random, so that no two loads share
// one.
func newToken() (string, error) {
	b := make([]byte, 12)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("staging token: %w", err)
	}
	return hex.EncodeToString(b), nil
}

// planStaging reads which of the batch's nodes the graph holds already; the
// others are the ones a staged load creates.
func (s *Store) planStaging(ctx context.Context, b *Batch) (*staging, error) {
	token, err := newToken()
	if err != nil {
		return nil, err
	}
	st := &staging{nodes: map[Label][]string{}, isNew: map[Label]map[string]struct{}{}, rels: map[RelSpec]int{}, token: token}
	sess := s.session(ctx, neo4j.AccessModeRead)
	defer sess.Close(ctx)
	_, err = sess.ExecuteRead(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		for _, l := range Labels {
			fresh, set := []string{}, map[string]struct{}{}
			in := chunks[string]{flush: func(ids []string) error {
				res, err := run(ctx, tx, existingIDs.get(labelKey{l}), map[string]any{"ids": ids})
				if err != nil {
					return err
				}
				rec, err := res.Single(ctx)
				if err != nil {
					return err
				}
				held, err := idList(rec, "ids")
				if err != nil {
					return err
				}
				there := make(map[string]struct{}, len(held))
				for _, id := range held {
					there[id] = struct{}{}
				}
				for _, id := range ids {
					if _, ok := there[id]; !ok {
						fresh = append(fresh, id)
						set[id] = struct{}{}
					}
				}
				return nil
			}}
			for id := range b.NodeIDs(l) {
				if err := in.add(id); err != nil {
					return nil, err
				}
			}
			if err := in.done(); err != nil {
				return nil, err
			}
			st.nodes[l], st.isNew[l] = fresh, set
			st.rows += len(fresh)
		}
		return nil, b.Err()
	})
	if err != nil {
		return nil, classifyIn(ctx, fmt.Errorf("read which nodes the graph holds: %w", err))
	}
	for _, spec := range RelSpecs {
		if len(st.isNew[spec.From]) == 0 || len(st.isNew[spec.To]) == 0 {
			continue // no relationship of spec has two new ends
		}
		for from, to := range b.RelEnds(spec) {
			if st.staged(spec, Rel{From: from, To: to}) {
				st.rels[spec]++
				st.rows++
			}
		}
	}
	if err := b.Err(); err != nil {
		return nil, err
	}
	return st, nil
}

// stage writes the nodes the load creates, and the relationships among
// them, with the staging mark, ChunkSize rows per transaction. Apply has
// cleared what an earlier load left.
func (s *Store) stage(ctx context.Context, b *Batch, st *staging, progress func(n int, what string)) error {
	for _, l := range Labels {
		if len(st.nodes[l]) == 0 {
			continue
		}
		out := chunks[map[string]any]{flush: func(rows []map[string]any) error {
			if err := s.writeCounted(ctx, stageNodes.get(labelKey{l}), st.token, rows); err != nil {
				return fmt.Errorf("stage %s nodes: %w", l, err)
			}
			progress(len(rows), "staged "+string(l))
			return nil
		}}
		for n := range b.Nodes(l) {
			if !st.stagedNode(l, n.ID) {
				continue
			}
			if err := out.add(map[string]any{"props": n.Props.Map()}); err != nil {
				return err
			}
		}
		if err := out.done(); err != nil {
			return err
		}
	}
	for _, spec := range RelSpecs {
		if st.rels[spec] == 0 {
			continue
		}
		out := chunks[map[string]any]{flush: func(rows []map[string]any) error {
			if err := s.writeCounted(ctx, stageRels.get(spec), st.token, rows); err != nil {
				return fmt.Errorf("stage %s: %w", spec, err)
			}
			progress(len(rows), "staged "+spec.String())
			return nil
		}}
		for r := range b.Rels(spec) {
			if !st.staged(spec, r) {
				continue
			}
			if err := out.add(map[string]any{"from": r.From, "to": r.To, "props": r.Props.Map()}); err != nil {
				return err
			}
		}
		if err := out.done(); err != nil {
			return err
		}
	}
	return b.Err()
}

// writeCounted runs one staging statement over rows in a transaction of
// its own and checks that it wrote every row.
func (s *Store) writeCounted(ctx context.Context, stmt Statement, token string, rows []map[string]any) error {
	if len(rows) == 0 {
		return nil
	}
	n, err := s.writeCount(ctx, stmt, map[string]any{"rows": rows, "token": token})
	if err != nil {
		return outOfMemory(err, len(rows))
	}
	if n != len(rows) {
		return fmt.Errorf("%d of %d rows did not find their nodes", len(rows)-n, len(rows))
	}
	return nil
}

// writeCount runs one write statement that returns a count, in a
// transaction of its own.
func (s *Store) writeCount(ctx context.Context, stmt Statement, params map[string]any) (int, error) {
	sess := s.session(ctx, neo4j.AccessModeWrite)
	defer sess.Close(ctx)
	n, err := sess.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		res, err := run(ctx, tx, stmt, params)
		if err != nil {
			return nil, err
		}
		rec, err := res.Single(ctx)
		if err != nil {
			return nil, err
		}
		return value[int64](rec, "count")
	})
	if err != nil {
		return 0, classifyIn(ctx, err)
	}
	return int(n.(int64)), nil
}

// clearSlice is how many staged rows one transaction deletes or unmarks:
// some 20 MiB of Neo4j's transaction memory.
const clearSlice = 20000

// clearLeftovers finishes what staged loads left, if anything: every load
// does before it writes. A dry run must not write, and its counts would
// take staged nodes for nodes the graph holds: it refuses instead.
func (s *Store) clearLeftovers(ctx context.Context, dryRun bool) error {
	recs, err := s.query(ctx, stagedAny, nil)
	if err != nil {
		return fmt.Errorf("look for staged rows: %w", err)
	}
	if len(recs) != 1 {
		return fmt.Errorf("look for staged rows: %d records", len(recs))
	}
	left, err := value[bool](recs[0], "any")
	if err != nil {
		return fmt.Errorf("look for staged rows: %w", err)
	}
	if !left {
		return nil
	}
	if dryRun {
		return ErrStagedPending
	}
	recs, err = s.query(ctx, stageTokens, nil)
	if err != nil {
		return fmt.Errorf("list staging tokens: %w", err)
	}
	if len(recs) != 1 {
		return fmt.Errorf("list staging tokens: %d records", len(recs))
	}
	tokens, err := value[[]any](recs[0], "tokens")
	if err != nil {
		return fmt.Errorf("list staging tokens: %w", err)
	}
	for _, t := range tokens {
		m, ok := t.(map[string]any)
		token, okT := m["token"].(string)
		published, okP := m["published"].(bool)
		if !ok || !okT || !okP {
			return fmt.Errorf("list staging tokens: unexpected entry %#v", t)
		}
		if published {
			err = s.unmark(ctx, token, nil)
		} else {
			err = s.clearStaged(ctx, token)
		}
		if err != nil {
			return err
		}
	}
	return s.clearSlices(ctx, "", legacyClearRels, legacyClear)
}

// ErrStagedPending is a dry run's error when a staged load is running, or
// left rows or marks when it was interrupted.
var ErrStagedPending = errors.New("the graph holds rows or marks of a staged load that is running or was interrupted; " +
	"a dry run cannot tell them from the graph's own: run it after that load ends, " +
	"or after a load (not a dry run) has finished them")

// clearStaged deletes the rows a staged load marked with token, which was
// never published: the relationships first (each starts at a staged node),
// then the nodes.
func (s *Store) clearStaged(ctx context.Context, token string) error {
	return s.clearSlices(ctx, token, stageClearRels, stageClear)
}

// unmark removes the marks of a published load, then forgets its token.
func (s *Store) unmark(ctx context.Context, token string, progress func(n int)) error {
	for _, l := range Labels {
		if err := s.inSlices(ctx, stageUnmark.get(labelKey{l}), token, progress); err != nil {
			return fmt.Errorf("unmark published %s nodes: %w", l, err)
		}
	}
	if _, err := s.writeCount(ctx, stagePublishedDrop, map[string]any{"token": token}); err != nil {
		return fmt.Errorf("forget a published staging token: %w", err)
	}
	return nil
}

// clearSlices runs each statement, label by label, until it deletes
// nothing more.
func (s *Store) clearSlices(ctx context.Context, token string, stmts ...*Template[labelKey]) error {
	for _, stmt := range stmts {
		for _, l := range Labels {
			if err := s.inSlices(ctx, stmt.get(labelKey{l}), token, nil); err != nil {
				return fmt.Errorf("clear staged %s rows: %w", l, err)
			}
		}
	}
	return nil
}

// inSlices runs stmt, which deletes or unmarks at most clearSlice rows of
// token, a transaction each time, until it finds none, and reports each
// slice to progress, if any.
func (s *Store) inSlices(ctx context.Context, stmt Statement, token string, progress func(n int)) error {
	for {
		n, err := s.writeCount(ctx, stmt, map[string]any{"limit": clearSlice, "token": token})
		if err != nil {
			return err
		}
		if n == 0 {
			return nil
		}
		if progress != nil {
			progress(n)
		}
	}
}

// StagedRows counts the nodes staged loads left behind unpublished
// (interrupted or failed before their last transaction). No reader sees
// them; the next load clears them.
func (s *Store) StagedRows(ctx context.Context) (int, error) {
	total := 0
	for _, l := range Labels {
		recs, err := s.query(ctx, stagedCount.get(labelKey{l}), nil)
		if err != nil {
			return 0, err
		}
		if len(recs) != 1 {
			return 0, fmt.Errorf("staged %s nodes: %d records", l, len(recs))
		}
		n, err := value[int64](recs[0], "count")
		if err != nil {
			return 0, err
		}
		total += int(n)
	}
	return total, nil
}

// publish makes the load's staged rows visible, in its last transaction,
// once it has checked that staging holds what this load wrote: one node
// for the token, whatever the load's size.
func (w *batchWriter) publish(sum *Summary) error {
	for _, l := range Labels {
		ids := w.staged.nodes[l]
		if len(ids) == 0 {
			continue
		}
		n, err := w.single(stagedBy.get(labelKey{l}), map[string]any{"token": w.staged.token})
		if err != nil {
			return fmt.Errorf("count staged %s nodes: %w", l, err)
		}
		if n != len(ids) {
			return fmt.Errorf("%w: %d staged %s nodes, this load wrote %d", errStagingChanged, n, l, len(ids))
		}
		c := sum.Nodes[l]
		c.Created += n
		sum.Nodes[l] = c
		w.changes.add(changeCreated, l, ids)
	}
	if _, err := w.single(stagePublish, map[string]any{"token": w.staged.token}); err != nil {
		return fmt.Errorf("publish staged rows: %w", err)
	}
	return nil
}

// ErrStagedLeft marks the error of a load that stopped with rows staged:
// no reader sees them, and the next load clears them.
var ErrStagedLeft = errors.New("rows it staged are left, unseen by readers, for the next load to clear")

// errStagingChanged: another load cleared or added staged rows while this
// one ran.
var errStagingChanged = errors.New("the staged rows changed during the load (did another load run at the same time?)")

// nodeCount is how many nodes staging writes.
func (st *staging) nodeCount() int {
	n := 0
	for _, ids := range st.nodes {
		n += len(ids)
	}
	return n
}

// relCount is how many relationships of spec staging writes.
func (st *staging) relCount(spec RelSpec) int {
	if st == nil {
		return 0
	}
	return st.rels[spec]
}

// DefaultStageRows is the default of ApplyOptions.StageRows for the load
// command: at about 2.5 KB of Neo4j heap a row, 200,000 rows need some
// 500 MiB, inside tools/neo4j's 1 GiB cap on one transaction.
const DefaultStageRows = 200000
