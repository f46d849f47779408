package store

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// ChunkSize bounds the rows sent in one statement, so a large load streams
// through a bounded amount of memory on both sides. A load makes one round
// trip per label and relationship spec for every ChunkSize rows.
const ChunkSize = 20000

// Counts says what a load did to one label or relationship spec.
type Counts struct {
	Created, Updated, Unchanged, Deleted int
}

func (c Counts) Changed() bool { return c.Created+c.Updated+c.Deleted > 0 }

// Summary is what a load did, by label and by relationship spec.
type Summary struct {
	Nodes map[Label]Counts
	Rels  map[RelSpec]Counts
}

// Changed reports whether the load changed anything at all.
func (s Summary) Changed() bool {
	for _, c := range s.Nodes {
		if c.Changed() {
			return true
		}
	}
	for _, c := range s.Rels {
		if c.Changed() {
			return true
		}
	}
	return false
}

// Progress is told how far a load has got, in rows written out of the total.
type Progress func(done, total int, what string)

// errDryRun rolls a dry run's transaction back after it has counted.
var errDryRun = errors.New("dry run")

// ApplyOptions tune Apply.
type ApplyOptions struct {
	// DryRun does all the work and rolls it back, so the summary is exact
	// and nothing is written.
	DryRun bool
	// Prune deletes the nodes (of every label) that the batch does not
	// hold: the graph then mirrors the batch exactly.
	Prune    bool
	Progress Progress
}

// Apply writes a batch in one write transaction: every node and relationship
// it holds is created or updated, relationships its owners no longer list are
// deleted, and roles and claims left without an owner go. All of it commits
// or none of it does.
func (s *Store) Apply(ctx context.Context, b *Batch, opts ApplyOptions) (Summary, error) {
	dryRun, progress := opts.DryRun, opts.Progress
	sess := s.session(ctx, neo4j.AccessModeWrite)
	defer sess.Close(ctx)
	var sum Summary
	_, err := sess.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		// A retried transaction starts counting again.
		sum = Summary{Nodes: map[Label]Counts{}, Rels: map[RelSpec]Counts{}}
		w := batchWriter{ctx: ctx, tx: tx, total: b.Rows(), progress: progress, created: map[Label]map[string]struct{}{}}
		if opts.Prune {
			if err := w.pruneNodes(b, &sum); err != nil {
				return nil, outOfMemory(err, b.Rows())
			}
		}
		if err := w.write(b, &sum); err != nil {
			return nil, outOfMemory(err, b.Rows())
		}
		if dryRun {
			return nil, errDryRun
		}
		return nil, nil
	})
	if dryRun && errors.Is(err, errDryRun) {
		return sum, nil
	}
	if err != nil {
		return Summary{}, classify(outOfMemory(err, b.Rows()))
	}
	if sum.Changed() {
		// Neo4j resamples an index's statistics some time after it changed a
		// lot; until then it plans with the old ones, and right after a large
		// first load it was seen to scan where it should seek (the deep page
		// of the API benchmark at a tenth of its speed). Asking now puts the
		// new figures in place before the first reads.
		if err := s.resampleIndexes(ctx); err != nil {
			return sum, fmt.Errorf("the load is written; resampling index statistics failed: %w", err)
		}
	}
	return sum, nil
}

func (s *Store) resampleIndexes(ctx context.Context) error {
	sess := s.session(ctx, neo4j.AccessModeWrite)
	defer sess.Close(ctx)
	_, err := sess.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		res, err := tx.Run(ctx, "CALL db.resampleOutdatedIndexes()", nil)
		if err != nil {
			return nil, err
		}
		return res.Consume(ctx)
	})
	return classify(err)
}

// TxBytesPerRow is roughly how much of Neo4j's transaction memory a load
// takes per row it creates (measured on Neo4j 5.26 with generated data:
// bench/RESULTS.md, Loader). Rows that a load leaves as they were, or
// changes a little, take next to none.
const TxBytesPerRow = 2600

// TxMemoryError is Neo4j refusing a load because its one transaction would
// take more memory than Neo4j allows transactions. It keeps Neo4j's message
// but not its error, whose "transient" class would have the driver retry a
// transaction that can only fail the same way again.
type TxMemoryError struct {
	Rows    int    // rows in the load
	Setting string // the Neo4j setting that set the limit
	Cause   string // what Neo4j said, and where
}

func (e *TxMemoryError) Error() string {
	need := float64(e.Rows) * TxBytesPerRow / (1 << 30)
	return fmt.Sprintf("Neo4j has not enough transaction memory for this load, which it takes in one transaction "+
		"(%s). Creating all %d rows takes about %.1f GiB (%d bytes a row); re-loads that change little take far less. "+
		"Raise %s. For a Neo4j started by tools/neo4j/start.sh: NEO4J_HEAP (transactions may use 70%% of it, "+
		"or NEO4J_TX_TOTAL_MAX) and NEO4J_TX_MAX=0 (no cap on one transaction). For another Neo4j: "+
		"%s and %s (0 = no cap) in neo4j.conf, with server.memory.heap.max_size above them.",
		e.Cause, e.Rows, need, TxBytesPerRow, e.Setting, totalMax, txMax)
}

// The settings that limit transaction memory: all transactions together,
// and each one.
const (
	totalMax = "dbms.memory.transaction.total.max"
	txMax    = "db.memory.transaction.max"
)

// outOfMemory turns Neo4j's refusals for want of transaction memory into a
// *TxMemoryError; other errors pass unchanged.
func outOfMemory(err error, rows int) error {
	if m := asTxMemoryError(err, rows); m != nil {
		return m
	}
	return err
}

func asTxMemoryError(err error, rows int) *TxMemoryError {
	if err == nil {
		return nil
	}
	var n4j *neo4j.Neo4jError
	if !errors.As(err, &n4j) {
		if inner := driverCause(err); inner != nil {
			return asTxMemoryError(inner, rows)
		}
		return nil
	}
	var setting string
	switch {
	// Neo4j 5.26 reports both limits with the same code; only the message
	// tells which one, and not always.
	case strings.Contains(n4j.Msg, "memory.transaction.total.max"):
		setting = totalMax
	case strings.Contains(n4j.Msg, "memory.transaction.max"):
		setting = txMax
	case n4j.Code == "Neo.TransientError.General.MemoryPoolOutOfMemoryError":
		setting = totalMax
	case n4j.Code == "Neo.ClientError.General.TransactionOutOfMemoryError":
		setting = txMax
	default:
		return nil
	}
	return &TxMemoryError{Rows: rows, Setting: setting, Cause: err.Error()}
}

type batchWriter struct {
	ctx      context.Context
	tx       neo4j.ManagedTransaction
	done     int
	total    int
	progress Progress
	// created holds, by label, the ids of the nodes this load created. They
	// had no relationships before it, so their relationships need neither
	// pruning nor a check for one already there.
	created map[Label]map[string]struct{}
}

// createRels renders, per spec, the statement for relationships with an
// end that the load created (upsert_rels_created.cypher).
var createRels = func() map[RelSpec]string {
	out := map[RelSpec]string{}
	for _, s := range RelSpecs {
		out[s] = render("upsert_rels_created.cypher", s)
	}
	return out
}()

// isNew reports whether the load created the node.
func (w *batchWriter) isNew(l Label, id string) bool {
	_, ok := w.created[l][id]
	return ok
}

func (w *batchWriter) write(b *Batch, sum *Summary) error {
	for _, l := range Labels {
		nodes := b.Nodes[l]
		c := sum.Nodes[l]
		created := map[string]struct{}{}
		for start := 0; start < len(nodes); start += ChunkSize {
			chunk := nodes[start:min(start+ChunkSize, len(nodes))]
			rows := make([]map[string]any, len(chunk))
			for i, n := range chunk {
				rows[i] = map[string]any{"id": n.ID, "props": n.Props.Map()}
			}
			if err := w.countStatuses(upsertNodes[l], rows, &c, created); err != nil {
				return fmt.Errorf("write %s nodes: %w", l, err)
			}
			w.advance(len(chunk), string(l))
		}
		w.created[l] = created
		sum.Nodes[l] = c
	}
	for _, spec := range RelSpecs {
		c := sum.Rels[spec]
		deleted, err := w.prune(spec, b)
		if err != nil {
			return fmt.Errorf("prune %s: %w", spec, err)
		}
		c.Deleted += deleted
		// Relationships with an end this load created are new: they are
		// created outright. The others are merged and compared.
		var fresh, rest []map[string]any
		flush := func(stmt string, rows *[]map[string]any) error {
			if len(*rows) == 0 {
				return nil
			}
			if err := w.countStatuses(stmt, *rows, &c, nil); err != nil {
				return fmt.Errorf("write %s: %w", spec, err)
			}
			w.advance(len(*rows), spec.String())
			*rows = (*rows)[:0]
			return nil
		}
		for _, r := range b.Rels[spec] {
			stmt, rows := upsertRels[spec], &rest
			if w.isNew(spec.From, r.From) || w.isNew(spec.To, r.To) {
				stmt, rows = createRels[spec], &fresh
			}
			*rows = append(*rows, map[string]any{"from": r.From, "to": r.To, "props": r.Props.Map()})
			if len(*rows) == ChunkSize {
				if err := flush(stmt, rows); err != nil {
					return err
				}
			}
		}
		if err := flush(createRels[spec], &fresh); err != nil {
			return err
		}
		if err := flush(upsertRels[spec], &rest); err != nil {
			return err
		}
		sum.Rels[spec] = c
	}
	return w.pruneOrphans(sum)
}

func (w *batchWriter) advance(n int, what string) {
	w.done += n
	if w.progress != nil {
		w.progress(w.done, w.total, what)
	}
}

// countStatuses runs an upsert and adds up the statuses it reports; a
// statement without a status column only creates. The ids of created
// nodes, when it returns them, go into created.
func (w *batchWriter) countStatuses(stmt string, rows []map[string]any, c *Counts, created map[string]struct{}) error {
	res, err := w.tx.Run(w.ctx, stmt, map[string]any{"rows": rows})
	if err != nil {
		return err
	}
	written := 0
	for res.Next(w.ctx) {
		rec := res.Record()
		n, _ := rec.Get("count")
		count := int(n.(int64))
		written += count
		status, ok := rec.Get("status")
		if !ok {
			status = "created"
		}
		switch status {
		case "created":
			c.Created += count
		case "updated":
			c.Updated += count
		default:
			c.Unchanged += count
		}
		if ids, ok := rec.Get("created"); ok && created != nil {
			for _, id := range ids.([]any) {
				created[id.(string)] = struct{}{}
			}
		}
	}
	if err := res.Err(); err != nil {
		return err
	}
	// A row whose endpoints do not exist matches nothing and vanishes from
	// the counts; validation should have caught it, so it is a bug to surface.
	if written != len(rows) {
		return fmt.Errorf("%d of %d rows did not find their nodes", len(rows)-written, len(rows))
	}
	return nil
}

// prune deletes the relationships of one spec that the batch's owners no
// longer list.
func (w *batchWriter) prune(spec RelSpec, b *Batch) (int, error) {
	ownerLabel := spec.From
	if spec.Owner == OwnedByEnd {
		ownerLabel = spec.To
	}
	// Owners this load created have no relationships to prune.
	keep := map[string][]string{}
	for _, n := range b.Nodes[ownerLabel] {
		if !w.isNew(ownerLabel, n.ID) {
			keep[n.ID] = []string{}
		}
	}
	for _, r := range b.Rels[spec] {
		owner, other := r.From, r.To
		if spec.Owner == OwnedByEnd {
			owner, other = r.To, r.From
		}
		if !w.isNew(ownerLabel, owner) {
			keep[owner] = append(keep[owner], other)
		}
	}
	if len(keep) == 0 {
		return 0, nil
	}
	ids := make([]string, 0, len(keep))
	for id := range keep {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	// Reading all of the type's relationships costs about as much as
	// seeking every owner and expanding it once the owners hold a good
	// share of them: always so for a sparse type (few events produce a plan
	// version), and for a re-load of a whole fixture set. The scan also has
	// one plan whatever the statistics say, where the per-owner statement
	// was seen to run for 80 s instead of 0.3 s in a re-load right after a
	// large first load. The per-owner statement stays for loads that touch
	// a small part of the graph.
	existing, err := w.single(pruneCount[spec], nil)
	if err != nil {
		return 0, err
	}
	scan := existing < scanRelsPerOwner*len(ids)
	deleted := 0
	for start := 0; start < len(ids); start += ChunkSize {
		chunk := ids[start:min(start+ChunkSize, len(ids))]
		var n int
		if scan {
			owners := make(map[string]any, len(chunk))
			for _, id := range chunk {
				owners[id] = keep[id]
			}
			n, err = w.single(pruneScan[spec], map[string]any{"owners": owners})
		} else {
			owners := make([]map[string]any, len(chunk))
			for i, id := range chunk {
				owners[i] = map[string]any{"id": id, "keep": keep[id]}
			}
			n, err = w.single(pruneRels[spec], map[string]any{"owners": owners})
		}
		if err != nil {
			return 0, err
		}
		deleted += n
	}
	return deleted, nil
}

// scanRelsPerOwner: below this many relationships of a type per owner in
// the load, prune reads them all rather than seeking each owner.
const scanRelsPerOwner = 8

// single runs a statement that returns one count.
func (w *batchWriter) single(stmt string, params map[string]any) (int, error) {
	res, err := w.tx.Run(w.ctx, stmt, params)
	if err != nil {
		return 0, err
	}
	rec, err := res.Single(w.ctx)
	if err != nil {
		return 0, err
	}
	n, _ := rec.Get("count")
	return int(n.(int64)), nil
}

func (w *batchWriter) pruneOrphans(sum *Summary) error {
	res, err := w.tx.Run(w.ctx, pruneOrphans, nil)
	if err != nil {
		return fmt.Errorf("prune orphans: %w", err)
	}
	for res.Next(w.ctx) {
		label, _ := res.Record().Get("label")
		n, _ := res.Record().Get("count")
		l := Label(label.(string))
		c := sum.Nodes[l]
		c.Deleted += int(n.(int64))
		sum.Nodes[l] = c
	}
	return res.Err()
}

// pruneNodes deletes, label by label, the nodes the batch does not hold.
// Roles and claims are left to pruneOrphans: their owners decide.
func (w *batchWriter) pruneNodes(b *Batch, sum *Summary) error {
	for _, l := range Labels {
		if l == LabelRole || l == LabelClaim {
			continue
		}
		keep := make([]string, len(b.Nodes[l]))
		for i, n := range b.Nodes[l] {
			keep[i] = n.ID
		}
		res, err := w.tx.Run(w.ctx, pruneNodes[l], map[string]any{"keep": keep})
		if err != nil {
			return fmt.Errorf("prune %s nodes: %w", l, err)
		}
		rec, err := res.Single(w.ctx)
		if err != nil {
			return fmt.Errorf("prune %s nodes: %w", l, err)
		}
		n, _ := rec.Get("count")
		c := sum.Nodes[l]
		c.Deleted += int(n.(int64))
		sum.Nodes[l] = c
	}
	return nil
}
