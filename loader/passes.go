package loader

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"runtime"
	"sync"

	"go.yaml.in/yaml/v3"
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
// id before any reference is checked, so the files are read twice:
//   - the first pass parses each file and checks it on its own (against
//     the schema), keeps the ids it defines and a digest of its bytes, and
//     drops the rest;
//   - the second parses each again, checks its references and builds its
//     rows, which join the batch in the order of the files (a large batch
//     keeps them in temporary files: store.Batch).
//
// Any problem comes back as errLocate. A file that changes between the
// passes is an error: its second reading would not be what was checked.
func readTwice(ctx context.Context, names []string, progress Progress) (*Input, error) {
	v := newValidator(map[string]Diagnostic{})
	if progress == nil {
		progress = func(int, int, string) {}
	}
	sums, err := collectAll(ctx, names, v, progress)
	if err != nil {
		return nil, err
	}
	b := store.NewBatchSpilling(spillAfter)
	err = inOrder(ctx, names, func(i int) (*store.Batch, error) {
		f, err := reparse(names[i], sums[i])
		if err != nil {
			return nil, err
		}
		// A copy of the validator shares the maps the first pass filled,
		// which checking only reads, and keeps its own diagnostics.
		fv := *v
		fv.diags = nil
		fv.check(f)
		if len(fv.diags) > 0 {
			return nil, errLocate
		}
		fb := store.NewBatchSpilling(0)
		buildFile(fb, f, v.defs)
		return fb, nil
	}, func(i int, fb *store.Batch) error {
		b.Merge(fb)
		progress(i+1, len(names), PassBuild)
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
	return &Input{Files: names, Batch: b}, nil
}

// collectAll is the first pass: every file parsed and checked on its own,
// its ids defined in v; it returns each file's digest.
func collectAll(ctx context.Context, names []string, v *validator, progress Progress) ([][sha256.Size]byte, error) {
	sums := make([][sha256.Size]byte, len(names))
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
			mu.Lock()
			defer mu.Unlock()
			if len(r.diags) > 0 {
				invalid = true
				return nil
			}
			sums[i] = r.sum
			v.collect(r.file)
			r.file.doc = document{}
			done++
			progress(done, len(names), PassCheck)
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("read fixtures: %w", err)
	}
	if invalid || len(v.diags) > 0 {
		return nil, errLocate
	}
	return sums, nil
}

// reparse decodes a file the first pass checked, without checking it
// against the schema again.
func reparse(name string, sum [sha256.Size]byte) (*parsedFile, error) {
	data, err := readFile(name)
	if err != nil {
		return nil, err
	}
	if sha256.Sum256(data) != sum {
		return nil, fmt.Errorf("%s changed while the load was reading it: load again", name)
	}
	f := &parsedFile{name: name}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, fmt.Errorf("read %s again: %w", name, err)
	}
	if root.Kind == 0 {
		return f, nil
	}
	doc := &root
	if doc.Kind == yaml.DocumentNode && len(doc.Content) == 1 {
		doc = doc.Content[0]
	}
	if err := doc.Decode(&f.doc); err != nil {
		return nil, fmt.Errorf("read %s again: decode: %w", name, err)
	}
	return f, nil
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
