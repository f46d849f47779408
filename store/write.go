package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// ChunkSize bounds the rows sent in one statement, so a large load streams
// through a bounded amount of memory on both sides. A load makes one round
// trip per label and relationship spec for every ChunkSize rows.
const ChunkSize = 20000

// chunks collects rows and hands them to flush ChunkSize at a time: every
// pass of a load over a batch's rows sends them this way.
type chunks[T any] struct {
	rows  []T
	flush func([]T) error
}

func (c *chunks[T]) add(row T) error {
	if c.rows = append(c.rows, row); len(c.rows) < ChunkSize {
		return nil
	}
	return c.done()
}

// done flushes the rows that add has not.
func (c *chunks[T]) done() error {
	if len(c.rows) == 0 {
		return nil
	}
	err := c.flush(c.rows)
	c.rows = c.rows[:0]
	return err
}

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
	// StageRows: a load that creates more than this many rows stages them
	// (see stage.go) rather than holding them all in one transaction. 0
	// never stages; a dry run never stages either.
	StageRows int
	// Input names what the batch was read from (loader.Input.Fingerprint),
	// recorded with the graph's version so that a load of the same input
	// can skip its work (LoadedFrom); "" records that it is not known.
	Input string
	// Files are the records of the files the batch was read from, for a
	// later load that skips the unchanged ones (LoadedFiles); nil records
	// none.
	Files *FileRecords
	// Keep holds, by label, ids that Prune keeps although the batch does
	// not hold them: the nodes of files a load skipped as unchanged.
	Keep map[Label][]string
}

// Apply writes a batch: every node and relationship it holds is created or
// updated, relationships its owners no longer list are deleted, and roles
// and claims left without an owner go. Readers see all of it at once or
// none of it: it is one write transaction, or, for a load that creates more
// than opts.StageRows rows, staged rows and then one transaction that
// makes them visible with the rest (stage.go).
func (s *Store) Apply(ctx context.Context, b *Batch, opts ApplyOptions) (Summary, error) {
	if err := b.Err(); err != nil {
		return Summary{}, err
	}
	dryRun := opts.DryRun
	if err := s.clearLeftovers(ctx, dryRun); err != nil {
		return Summary{}, err
	}
	var staged *staging
	if opts.StageRows > 0 && !dryRun && b.Rows() > opts.StageRows {
		plan, err := s.planStaging(ctx, b)
		if err != nil {
			return Summary{}, err
		}
		if plan.rows > opts.StageRows {
			staged = plan
		}
	}
	sum, err := s.apply(ctx, b, opts, staged)
	var mem *TxMemoryError
	if errors.As(err, &mem) {
		mem.StageRows, mem.Staged, mem.DryRun = opts.StageRows, staged != nil, opts.DryRun
	}
	if err != nil && staged != nil && !errors.Is(err, errAfterCommit) {
		if ctx.Err() != nil {
			// An interrupted load stops at once; the next one clears.
			return Summary{}, fmt.Errorf("%w (%w)", err, ErrStagedLeft)
		}
		if cerr := s.clearStaged(ctx, staged.token); cerr != nil {
			return Summary{}, fmt.Errorf("%w (%w: clearing them failed: %v)", err, ErrStagedLeft, cerr)
		}
	}
	return sum, err
}

// apply writes the batch: the staged part first, if any, then the rest in
// one transaction.
func (s *Store) apply(ctx context.Context, b *Batch, opts ApplyOptions, staged *staging) (Summary, error) {
	dryRun, progress := opts.DryRun, opts.Progress
	done := 0
	if staged != nil {
		err := s.stage(ctx, b, staged, func(n int, what string) {
			done += n
			if progress != nil {
				progress(done, b.Rows(), what)
			}
		})
		if err != nil {
			return Summary{}, err
		}
	}
	sess := s.session(ctx, neo4j.AccessModeWrite)
	defer sess.Close(ctx)
	var sum Summary
	_, err := sess.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		// A retried transaction starts counting again.
		sum = Summary{Nodes: map[Label]Counts{}, Rels: map[RelSpec]Counts{}}
		w := batchWriter{ctx: ctx, tx: tx, done: done, total: b.Rows(), progress: progress, created: map[Label]map[string]struct{}{}, changes: newChangeSet(), staged: staged}
		if opts.Prune {
			if err := w.pruneNodes(b, opts.Keep, &sum); err != nil {
				return nil, outOfMemory(err, b.Rows())
			}
		}
		if err := w.write(b, &sum); err != nil {
			return nil, outOfMemory(err, b.Rows())
		}
		// A batch that failed to read its rows back yielded fewer: what
		// was written from them must not be committed.
		if err := b.Err(); err != nil {
			return nil, err
		}
		if dryRun {
			return nil, errDryRun
		}
		if sum.Changed() {
			if err := bumpVersion(ctx, tx, w.changes.record(b, sum)); err != nil {
				return nil, err
			}
		}
		if err := recordInput(ctx, tx, opts.Input); err != nil {
			return nil, err
		}
		if err := recordFiles(ctx, tx, opts.Files, sum.Changed()); err != nil {
			return nil, err
		}
		return nil, b.Err()
	})
	if dryRun && errors.Is(err, errDryRun) {
		return sum, nil
	}
	if err != nil {
		return Summary{}, classifyIn(ctx, outOfMemory(err, b.Rows()))
	}
	if staged != nil {
		unmarked, total := 0, staged.nodeCount()
		err := s.unmark(ctx, staged.token, func(n int) {
			unmarked += n
			if progress != nil {
				progress(b.Rows(), b.Rows(), fmt.Sprintf("published; %d of %d staged nodes unmarked", unmarked, total))
			}
		})
		if err != nil {
			return sum, fmt.Errorf("%w, and readers see it; removing its staging marks failed (the next load finishes it): %w", errAfterCommit, err)
		}
	}
	if sum.Changed() {
		// Neo4j resamples an index's statistics some time after it changed a
		// lot; until then it plans with the old ones, and right after a large
		// first load it was seen to scan where it should seek (the deep page
		// of the API benchmark at a tenth of its speed). Asking now puts the
		// new figures in place before the first reads.
		if err := s.call(ctx, neo4j.AccessModeWrite, resampleIndexes); err != nil {
			return sum, fmt.Errorf("%w; resampling index statistics failed: %w", errAfterCommit, err)
		}
	}
	return sum, nil
}

// errAfterCommit marks a failure after the load's last transaction
// committed: nothing staged is left unseen, so Apply must not say so.
var errAfterCommit = errors.New("the load is written")

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
	// changes gathers which entries the load changed, for the graph's
	// change record.
	changes *changeSet
	// staged is what the load staged before this transaction, or nil.
	staged *staging
}

// The statements a load sends, one per label or relationship spec.
var (
	upsertNodes = defineTemplate("upsert_nodes", "upsert_nodes.cypher", labelKeys(Labels), nil)
	pruneNodes  = defineTemplate("prune_nodes", "prune_nodes.cypher", labelKeys(prunedLabels()), nil)
	upsertRels  = defineTemplate("upsert_rels", "upsert_rels.cypher", func() []RelSpec { return RelSpecs }, nil)
	// createRels is for relationships with an end that the load created:
	// they cannot exist yet, so they are created without a check.
	createRels = defineTemplate("upsert_rels_created", "upsert_rels_created.cypher", func() []RelSpec { return RelSpecs }, nil)
	// pruneRels deletes the relationships owners no longer list, seeking
	// each owner (from its start or its end); a sparse type (fewer
	// relationships than owners in the load) is pruned by reading its
	// relationships (pruneScan) instead, and pruneCount reads the count
	// store to choose.
	pruneRelsFromStart = defineTemplate("prune_rels_from_start", "prune_rels_from_start.cypher", func() []RelSpec { return ownedBy(OwnedByStart) }, nil)
	pruneRelsToEnd     = defineTemplate("prune_rels_to_end", "prune_rels_to_end.cypher", func() []RelSpec { return ownedBy(OwnedByEnd) }, nil)
	pruneScan          = defineTemplate("prune_rels_scan", "prune_rels_scan.cypher", func() []RelSpec { return RelSpecs }, nil)
	pruneCount         = defineTemplate("prune_rels_count", "prune_rels_count.cypher", func() []RelSpec { return RelSpecs }, nil)
	pruneOrphans       = define("prune_orphans", "prune_orphans.cypher", nil)
	resampleIndexes    = defineText("resample_indexes", "CALL db.resampleOutdatedIndexes()")
)

// prunedLabels are the labels --prune deletes nodes of: roles and claims
// are left to pruneOrphans, their owners decide.
func prunedLabels() []Label {
	return labelsWhere(func(e Entity) bool { return e.Label != LabelRole && e.Label != LabelClaim })
}

func ownedBy(o Owner) []RelSpec {
	var out []RelSpec
	for _, s := range RelSpecs {
		if s.Owner == o {
			out = append(out, s)
		}
	}
	return out
}

// pruneRels is the per-owner prune statement of a spec.
func pruneRels(spec RelSpec) Statement {
	if spec.Owner == OwnedByEnd {
		return pruneRelsToEnd.get(spec)
	}
	return pruneRelsFromStart.get(spec)
}

// isNew reports whether the load created the node, by staging it or in
// this transaction.
func (w *batchWriter) isNew(l Label, id string) bool {
	_, ok := w.created[l][id]
	return ok || w.staged.stagedNode(l, id)
}

func (w *batchWriter) write(b *Batch, sum *Summary) error {
	if w.staged != nil {
		if err := w.publish(sum); err != nil {
			return err
		}
	}
	for _, l := range Labels {
		c := sum.Nodes[l]
		created := map[string]struct{}{}
		out := chunks[map[string]any]{flush: func(rows []map[string]any) error {
			if err := w.countStatuses(upsertNodes.get(labelKey{l}), rows, &c, l, created); err != nil {
				return fmt.Errorf("write %s nodes: %w", l, err)
			}
			w.advance(len(rows), string(l))
			return nil
		}}
		for n := range b.Nodes(l) {
			if w.staged.stagedNode(l, n.ID) {
				continue // staged, and published above
			}
			if err := out.add(map[string]any{"id": n.ID, "props": n.Props.Map()}); err != nil {
				return err
			}
		}
		if err := out.done(); err != nil {
			return err
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
		c.Created += w.staged.relCount(spec)
		// Relationships with an end this load created are new: they are
		// created outright. The others are merged and compared.
		to := func(stmt Statement) *chunks[map[string]any] {
			return &chunks[map[string]any]{flush: func(rows []map[string]any) error {
				if err := w.countStatuses(stmt, rows, &c, spec.ownerLabel(), nil); err != nil {
					return fmt.Errorf("write %s: %w", spec, err)
				}
				w.advance(len(rows), spec.String())
				return nil
			}}
		}
		fresh, rest := to(createRels.get(spec)), to(upsertRels.get(spec))
		for r := range b.Rels(spec) {
			if w.staged.staged(spec, r) {
				continue // staged, and published with its ends
			}
			out := rest
			if w.isNew(spec.From, r.From) || w.isNew(spec.To, r.To) {
				out = fresh
			}
			if err := out.add(map[string]any{"from": r.From, "to": r.To, "props": r.Props.Map()}); err != nil {
				return err
			}
		}
		if err := fresh.done(); err != nil {
			return err
		}
		if err := rest.done(); err != nil {
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
// nodes, when it returns them, go into created; the ids it reports as
// created, updated or the owners of changed relationships go into the
// change set under label.
func (w *batchWriter) countStatuses(stmt Statement, rows []map[string]any, c *Counts, label Label, created map[string]struct{}) error {
	res, err := run(w.ctx, w.tx, stmt, map[string]any{"rows": rows})
	if err != nil {
		return err
	}
	written := 0
	for res.Next(w.ctx) {
		rec := res.Record()
		n, err := value[int64](rec, "count")
		if err != nil {
			return err
		}
		count := int(n)
		written += count
		status := "created"
		if _, ok := rec.Get("status"); ok {
			if status, err = value[string](rec, "status"); err != nil {
				return err
			}
		}
		switch status {
		case "created":
			c.Created += count
		case "updated":
			c.Updated += count
		case "unchanged":
			c.Unchanged += count
		default:
			return fmt.Errorf("unknown write status %q", status)
		}
		if _, ok := rec.Get("created"); ok {
			ids, err := idList(rec, "created")
			if err != nil {
				return err
			}
			for _, id := range ids {
				if created != nil {
					created[id] = struct{}{}
				}
			}
			w.changes.add(changeCreated, label, ids)
		}
		for _, key := range []string{"updated", "owners"} {
			if _, ok := rec.Get(key); ok {
				ids, err := idList(rec, key)
				if err != nil {
					return err
				}
				w.changes.add(changeUpdated, label, ids)
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
	ownerLabel := spec.ownerLabel()
	// Owners this load created have no relationships to prune.
	keep := map[string][]string{}
	for id := range b.NodeIDs(ownerLabel) {
		if !w.isNew(ownerLabel, id) {
			keep[id] = []string{}
		}
	}
	for from, to := range b.RelEnds(spec) {
		owner, other := from, to
		if spec.Owner == OwnedByEnd {
			owner, other = to, from
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
	// Reading the relationships of the owners' id ranges costs about as
	// much as seeking every owner and expanding it once the owners hold a
	// good share of the type: always so for a sparse type (few events
	// produce a plan version), and for a re-load of a whole fixture set.
	// The scan also has one plan whatever the statistics say, where the
	// per-owner statement was seen to run for 80 s instead of 0.3 s in a
	// re-load right after a large first load. The per-owner statement stays
	// for loads that touch a small part of the graph.
	rec, existing, err := w.one(pruneCount.get(spec), nil)
	if err != nil {
		return 0, err
	}
	nodes, err := value[int64](rec, "nodes")
	if err != nil {
		return 0, err
	}
	// The ranges of a load of some files (the changed ones) span most of
	// the label's ids, owners or not: the scan would read every node of
	// the label for each sparse type (5.7 s of a 12.5 s re-load of two
	// files of 179 at scale 50). So it also needs the owners to be a good
	// share of the label's nodes.
	scan := existing < scanRelsPerOwner*len(ids) && int(nodes) < scanRelsPerOwner*len(ids)
	deleted := 0
	for chunk := range slices.Chunk(ids, ChunkSize) {
		var n int
		if scan {
			owners := make(map[string]any, len(chunk))
			for _, id := range chunk {
				owners[id] = keep[id]
			}
			// ids are sorted, and ASCII (fixtures/schema.json), where Go's
			// order is Neo4j's: the chunk is the range of its first and last.
			n, err = w.counted(pruneScan.get(spec), map[string]any{"owners": owners, "from": chunk[0], "to": chunk[len(chunk)-1]}, changeUpdated, ownerLabel, "owners")
		} else {
			owners := make([]map[string]any, len(chunk))
			for i, id := range chunk {
				owners[i] = map[string]any{"id": id, "keep": keep[id]}
			}
			n, err = w.counted(pruneRels(spec), map[string]any{"owners": owners}, changeUpdated, ownerLabel, "owners")
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

// counted runs a statement that returns one count and a list of the ids it
// changed, which go into the change set as kind under label.
func (w *batchWriter) counted(stmt Statement, params map[string]any, kind changeKind, label Label, key string) (int, error) {
	rec, n, err := w.one(stmt, params)
	if err != nil {
		return 0, err
	}
	ids, err := idList(rec, key)
	if err != nil {
		return 0, err
	}
	w.changes.add(kind, label, ids)
	return n, nil
}

// single runs a statement that returns one count.
func (w *batchWriter) single(stmt Statement, params map[string]any) (int, error) {
	_, n, err := w.one(stmt, params)
	return n, err
}

// one runs a statement that returns one record with a count.
func (w *batchWriter) one(stmt Statement, params map[string]any) (*neo4j.Record, int, error) {
	res, err := run(w.ctx, w.tx, stmt, params)
	if err != nil {
		return nil, 0, err
	}
	rec, err := res.Single(w.ctx)
	if err != nil {
		return nil, 0, err
	}
	n, err := value[int64](rec, "count")
	return rec, int(n), err
}

func (w *batchWriter) pruneOrphans(sum *Summary) error {
	res, err := run(w.ctx, w.tx, pruneOrphans, nil)
	if err != nil {
		return fmt.Errorf("prune orphans: %w", err)
	}
	for res.Next(w.ctx) {
		label, err := value[string](res.Record(), "label")
		if err != nil {
			return fmt.Errorf("prune orphans: %w", err)
		}
		n, err := value[int64](res.Record(), "count")
		if err != nil {
			return fmt.Errorf("prune orphans: %w", err)
		}
		l := Label(label)
		c := sum.Nodes[l]
		c.Deleted += int(n)
		sum.Nodes[l] = c
	}
	return res.Err()
}

// pruneNodes deletes, label by label, the nodes neither the batch nor also
// holds.
func (w *batchWriter) pruneNodes(b *Batch, also map[Label][]string, sum *Summary) error {
	for _, l := range prunedLabels() {
		keep := make([]string, 0, b.NodeCount(l)+len(also[l]))
		keep = append(keep, also[l]...)
		for id := range b.NodeIDs(l) {
			keep = append(keep, id)
		}
		n, err := w.pruneLabel(l, keep)
		if err != nil {
			return fmt.Errorf("prune %s nodes: %w", l, err)
		}
		c := sum.Nodes[l]
		c.Deleted += n
		sum.Nodes[l] = c
	}
	return nil
}

// pruneLabel deletes the nodes of one label not in keep, recording them and
// the nodes they were linked to in the change set.
func (w *batchWriter) pruneLabel(l Label, keep []string) (int, error) {
	rec, n, err := w.one(pruneNodes.get(labelKey{l}), map[string]any{"keep": keep})
	if err != nil {
		return 0, err
	}
	deleted, err := idList(rec, "deleted")
	if err != nil {
		return 0, err
	}
	w.changes.add(changeDeleted, l, deleted)
	linked, err := list(rec, "linked")
	if err != nil {
		return 0, err
	}
	return n, w.changes.addLinked(linked)
}
