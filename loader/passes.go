package loader

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sync"

	"golang.org/x/sync/errgroup"

	"github.com/diplograph/diplograph/store"
)

// errLocate says the input has a problem, found by a read that records no
// positions: the located read says what and where.
var errLocate = errors.New("the input has problems")

// spillAfter is how many bytes of rows a load's batch holds in memory
// before it keeps them in temporary files (store.Batch); tests lower it.
var spillAfter int64 = store.DefaultSpillBytes

// readTwice reads input that is valid, as most is, holding one decoded file
// per CPU at a time rather than all of them (the decoded files of a large
// load took more memory than its batch). The cross-file checks need every
// id before any reference is checked, so the files are gone through twice:
//   - the first pass parses each file and checks it on its own (against
//     the schema), keeps the ids it defines, and keeps what it decoded in
//     a temporary file (decodedFiles);
//   - the second reads each decoded file back, checks its references and
//     builds its rows, which join the batch in the order of the files (a
//     large batch keeps them in temporary files: store.Batch).
//
// Both passes keep, per file, what a later load needs to skip it
// (fileRecord). With skip, the files it names are not read: their records
// stand in for them (skipping.seed), and errReadAll says they cannot.
//
// Any problem comes back as errLocate. Each file is read from disk once, so
// a file that changes during the load cannot make the passes disagree.
func readTwice(ctx context.Context, names []string, progress Progress, skip *skipping) (*Input, error) {
	v := newValidator(map[string]Diagnostic{})
	if progress == nil {
		progress = func(int, int, string) {}
	}
	// read are the files parsed, at[i] where read[i] stands in names.
	read, at := names, []int(nil)
	if skip != nil {
		read = make([]string, 0, len(names)-len(skip.skipped))
		for i, name := range names {
			if _, ok := skip.skipped[name]; !ok {
				read = append(read, name)
				at = append(at, i)
			}
		}
		skip.seed(v)
	}
	sums := make([][sha256.Size]byte, len(read))
	recs := make([]*fileRecord, len(read))
	for i := range recs {
		recs[i] = &fileRecord{}
	}
	docs, err := collectAll(ctx, read, v, progress, sums, recs)
	if err != nil {
		return nil, err
	}
	defer docs.Close()
	if skip != nil && !skip.holds(v) {
		return nil, errReadAll
	}
	b := store.NewBatchSpilling(spillAfter)
	records := make([]store.FileRecord, len(read))
	err = inOrder(ctx, read, func(i int) (*store.Batch, error) {
		doc, err := docs.get(i)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", read[i], err)
		}
		f := &parsedFile{name: read[i], doc: doc, rec: recs[i]}
		// A copy of the validator shares the maps the first pass filled,
		// which checking only reads, and keeps its own diagnostics.
		fv := *v
		fv.diags = nil
		fv.check(f)
		if len(fv.diags) > 0 {
			return nil, errLocate
		}
		rec, err := recs[i].encode()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", read[i], err)
		}
		records[i] = store.FileRecord{Name: read[i], Sum: hexSum(sums[i]), Record: rec}
		recs[i] = nil
		fb := store.NewBatchSpilling(0)
		buildFile(fb, f, v.defs)
		return fb, nil
	}, func(i int, fb *store.Batch) error {
		b.Merge(fb)
		progress(i+1, len(read), PassBuild)
		return b.Err()
	})
	if err != nil {
		b.Close()
		return nil, err
	}
	v.checkDerivationCycles()
	if len(v.diags) > 0 {
		b.Close()
		return nil, errLocate
	}
	in := &Input{Files: names, Batch: b, sums: sums, records: records}
	if skip != nil {
		// The digests of what was parsed, and of what the skipped files
		// were when scanned: the bytes the graph now holds the rows of.
		in.sums = slices.Clone(skip.sums)
		for i, sum := range sums {
			in.sums[at[i]] = sum
		}
		in.skipped = skip.skipped
	}
	return in, nil
}

// errReadAll says a file the load meant to skip depends on something that
// changed in a file it read: the load reads every file instead.
var errReadAll = errors.New("a skipped file depends on a change")

// collectAll is the first pass: every file parsed and checked on its own,
// its ids defined in v and recorded in recs, its document kept for the
// second pass and the digest of its bytes in sums.
func collectAll(ctx context.Context, names []string, v *validator, progress Progress, sums [][sha256.Size]byte, recs []*fileRecord) (*decodedFiles, error) {
	docs, err := newDecodedFiles(len(names))
	if err != nil {
		return nil, err
	}
	var mu sync.Mutex
	invalid, done := false, 0
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i := range names {
		mu.Lock()
		stop := invalid
		mu.Unlock()
		if stop || ctx.Err() != nil {
			break
		}
		g.Go(func() error {
			r := readOne(names[i], false)
			if r.err != nil {
				return r.err
			}
			sums[i] = r.sum
			if len(r.diags) == 0 {
				if err := docs.put(i, &r.file.doc); err != nil {
					return fmt.Errorf("%s: %w", names[i], err)
				}
			}
			mu.Lock()
			defer mu.Unlock()
			if len(r.diags) > 0 {
				invalid = true
				return nil
			}
			r.file.rec = recs[i]
			v.collect(r.file)
			r.file.doc = document{} // kept in docs; the definitions point at r.file
			done++
			progress(done, len(names), PassCheck)
			return nil
		})
	}
	err = g.Wait()
	if err == nil && ctx.Err() != nil {
		err = fmt.Errorf("read fixtures: %w", ctx.Err())
	}
	if err == nil && (invalid || len(v.diags) > 0) {
		err = errLocate
	}
	if err != nil {
		docs.Close()
		return nil, err
	}
	return docs, nil
}

// inOrder runs work on every file on every CPU and hands the results to
// use in the order of names, with at most one file per CPU (and one more)
// done ahead, so that the files held at once stay few.
func inOrder[T any](ctx context.Context, names []string, work func(i int) (T, error), use func(i int, out T) error) error {
	type slot struct {
		done chan struct{}
		out  T
		err  error
	}
	slots := make([]slot, len(names))
	for i := range slots {
		slots[i].done = make(chan struct{})
	}
	ahead := make(chan struct{}, runtime.GOMAXPROCS(0)+1)
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		for i := range names {
			select {
			case ahead <- struct{}{}:
			case <-stop:
				return
			}
			go func() {
				defer close(slots[i].done)
				slots[i].out, slots[i].err = work(i)
			}()
		}
	}()
	for i := range names {
		select {
		case <-slots[i].done:
		case <-ctx.Done():
			return fmt.Errorf("read fixtures: %w", ctx.Err())
		}
		<-ahead
		out, err := slots[i].out, slots[i].err
		var zero T
		slots[i].out = zero
		if err != nil {
			return err
		}
		if err := use(i, out); err != nil {
			return err
		}
	}
	return nil
}
