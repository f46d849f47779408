// Package loader reads curated fixture files, checks all of them before
// anything is written, and turns them into one batch for the store.
package loader

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"

	"golang.org/x/sync/errgroup"

	"github.com/diplograph/diplograph/store"
)

// Input is a checked set of fixture files, ready to write.
type Input struct {
	Files []string
	Batch *store.Batch
	// sums are the sha256 of each file's bytes as parsed, for Fingerprint;
	// nil when not kept.
	sums [][sha256.Size]byte
	// skipped are the records of the files not read, unchanged since the
	// graph's last load (ReadChanged), by name: Batch holds the rows of
	// the others.
	skipped map[string]*fileRecord
	// ReadAllBecause says why a load that could have skipped files read
	// them all; "" when it skipped or had no records to skip by.
	ReadAllBecause string
	// records are those of the files read, for the graph (store.FileRecord).
	records []store.FileRecord
}

// Read collects the fixture files under paths (files, or folders searched
// for *.yaml and *.yml), parses and checks all of them, and builds the batch.
// Problems with the input come back together as *InvalidInputError.
func Read(paths []string) (*Input, error) {
	return ReadContext(context.Background(), paths)
}

// ReadContext is Read that stops, with ctx's error, when ctx is done.
func ReadContext(ctx context.Context, paths []string) (*Input, error) {
	return ReadProgress(ctx, paths, nil)
}

// Progress is told how far a read has got, in files out of the total, and
// in which pass (see readTwice).
type Progress func(done, total int, pass string)

// The passes a Progress hears of.
const (
	PassCheck = "checked"
	PassBuild = "built"
)

// ReadProgress is ReadContext that tells progress, when it is not nil, of
// the passes over the files of valid input.
func ReadProgress(ctx context.Context, paths []string, progress Progress) (*Input, error) {
	names, err := collect(paths)
	if err != nil {
		return nil, err
	}
	// Most loads are valid, and are read without recording where each
	// value stands, which would take more memory than the data
	// (readTwice). Only when that finds a problem are the files read
	// again, located and all held at once, to say where each problem is.
	return readAll(ctx, names, progress)
}

func readAll(ctx context.Context, names []string, progress Progress) (*Input, error) {
	in, err := readTwice(ctx, names, progress, nil)
	if errors.Is(err, errLocate) {
		return readLocated(ctx, names)
	}
	return in, err
}

// ReadChanged is ReadProgress of scanned files for a load into a graph
// that recorded the files it was loaded from (prior: store.Store.LoadedFiles,
// by this build). A file whose bytes, as scanned, are those of a record is
// skipped, unless something it looks up in other files changed
// (skipping.holds); the input then holds the rows of the files read, and
// the ids of the others (for Prune). Problems found are reported from a
// read of every file, as by ReadProgress. A record it cannot use makes it
// read every file, and ReadAllBecause says why.
func ReadChanged(ctx context.Context, scanned *Scanned, progress Progress, prior []store.FileRecord) (*Input, error) {
	names, sums := scanned.names, scanned.sums
	if len(prior) == 0 {
		return readAll(ctx, names, progress)
	}
	skip, why := planSkip(names, sums, prior)
	if skip == nil {
		in, err := readAll(ctx, names, progress)
		if in != nil {
			in.ReadAllBecause = why
		}
		return in, err
	}
	in, err := readTwice(ctx, names, progress, skip)
	switch {
	case errors.Is(err, errReadAll):
		in, err := readAll(ctx, names, progress)
		if in != nil {
			in.ReadAllBecause = "a file that did not change depends on an id, a point's version or a version's derivation that changed"
		}
		return in, err
	case errors.Is(err, errLocate):
		return readLocated(ctx, names)
	}
	return in, err
}

// planSkip decides which files to skip: those whose bytes are those of a
// file the graph was loaded from, whatever their name (a file's rows do not
// depend on it). It returns nil, and why when there were records, when it
// skips none.
func planSkip(names []string, sums [][sha256.Size]byte, prior []store.FileRecord) (*skipping, string) {
	bySum := make(map[string]*store.FileRecord, len(prior))
	for i := range prior {
		bySum[prior[i].Sum] = &prior[i]
	}
	decoded := map[string]*fileRecord{}
	decode := func(p *store.FileRecord) (*fileRecord, error) {
		if r, ok := decoded[p.Sum]; ok {
			return r, nil
		}
		r, err := decodeRecord(p.Record)
		if err != nil {
			return nil, fmt.Errorf("the graph's record of %s (as it was read then) could not be read (%v)", p.Name, err)
		}
		decoded[p.Sum] = r
		return r, nil
	}
	s := &skipping{skipped: map[string]*fileRecord{}, sums: sums}
	for i, name := range names {
		// Two files of the same bytes define the same ids: both skipped,
		// the check of the ids finds them twice, as reading them would.
		if p, ok := bySum[hexSum(sums[i])]; ok {
			r, err := decode(p)
			if err != nil {
				return nil, err.Error()
			}
			s.skipped[name] = r
		}
	}
	if len(s.skipped) == 0 {
		return nil, "every file changed since the graph's last load"
	}
	// The files the last load read that this one has not: changed, or gone.
	for i := range prior {
		if _, ok := decoded[prior[i].Sum]; ok {
			continue
		}
		r, err := decode(&prior[i])
		if err != nil {
			return nil, err.Error()
		}
		s.old = append(s.old, r)
	}
	return s, ""
}

func readLocated(ctx context.Context, names []string) (*Input, error) {
	files, defs, err := check(ctx, names)
	if err != nil {
		return nil, err
	}
	return &Input{Files: names, Batch: buildBatch(files, defs)}, nil
}

// check parses and validates the files, located: their problems come back
// together as *InvalidInputError.
func check(ctx context.Context, names []string) ([]*parsedFile, map[string]definition, error) {
	parsed := parseAll(ctx, names)
	if err := ctx.Err(); err != nil {
		return nil, nil, fmt.Errorf("read fixtures: %w", err)
	}
	var files []*parsedFile
	var diags []Diagnostic
	broken := map[string]Diagnostic{}
	for _, p := range parsed {
		if p.err != nil {
			return nil, nil, p.err
		}
		diags = append(diags, p.diags...)
		switch {
		case p.file != nil && p.file.defines != nil:
			for id, at := range p.file.defines {
				broken[id] = at
			}
		case p.file != nil:
			files = append(files, p.file)
		}
	}
	ds, defs := validate(files, broken)
	diags = append(diags, ds...)
	if len(diags) > 0 {
		sortDiagnostics(diags)
		return nil, nil, &InvalidInputError{Diagnostics: diags}
	}
	return files, defs, nil
}

type parseResult struct {
	file  *parsedFile
	diags []Diagnostic
	err   error
	sum   [sha256.Size]byte // of the bytes parsed
}

// parseAll reads and parses the files on every CPU at once; the results
// come back in the order of names.
func parseAll(ctx context.Context, names []string) []parseResult {
	out := make([]parseResult, len(names))
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i := range names {
		if ctx.Err() != nil {
			break
		}
		g.Go(func() error {
			out[i] = readOne(names[i], true)
			return nil
		})
	}
	_ = g.Wait() // each file's failure is in its result, never returned
	return out
}

func readOne(name string, located bool) parseResult {
	data, err := readFile(name)
	var tooBig *tooBigError
	if errors.As(err, &tooBig) {
		return parseResult{diags: []Diagnostic{{File: name, Line: 1, Col: 1, Message: tooBig.Error()}}}
	}
	if err != nil {
		return parseResult{err: err}
	}
	f, ds := parse(name, data, located)
	return parseResult{file: f, diags: ds, sum: sha256.Sum256(data)}
}

// ErrNotRegular refuses a fixture path that is not a regular file (or a
// symlink to one): reading a FIFO blocks for ever, and a device such as
// /dev/zero never ends.
var ErrNotRegular = errors.New("not a regular file")

type tooBigError struct{ size int64 }

func (e *tooBigError) Error() string {
	if e.size > 0 {
		return fmt.Sprintf("file is %d bytes, over the limit of %d", e.size, MaxFileSize)
	}
	return fmt.Sprintf("file is over the limit of %d bytes", MaxFileSize)
}

// readFile reads a regular file of at most MaxFileSize bytes. The size is
// enforced while reading, since what stat reports need not be what a read
// returns (files under /proc say 0).
func readFile(name string) ([]byte, error) {
	// Stat before opening: opening a FIFO blocks until a writer comes.
	info, err := os.Stat(name)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: %w", name, ErrNotRegular)
	}
	if info.Size() > MaxFileSize {
		return nil, &tooBigError{size: info.Size()}
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	defer f.Close()
	// The path may have been replaced since the stat.
	if info, err := f.Stat(); err != nil || !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: %w", name, ErrNotRegular)
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	if len(data) > MaxFileSize {
		return nil, &tooBigError{}
	}
	return data, nil
}

// collect expands folders into the fixture files below them, sorted, so a
// load reads files in the same order everywhere.
func collect(paths []string) ([]string, error) {
	if len(paths) == 0 {
		return nil, errors.New("no fixture files or folders given")
	}
	seen := map[string]bool{}
	var out []string
	add := func(name string) {
		clean := filepath.Clean(name)
		if !seen[clean] {
			seen[clean] = true
			out = append(out, clean)
		}
	}
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("fixture path: %w", err)
		}
		if !info.IsDir() {
			add(p)
			continue
		}
		var found []string
		err = filepath.WalkDir(p, func(name string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && name != p && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			if ext := filepath.Ext(name); !d.IsDir() && (ext == ".yaml" || ext == ".yml") {
				found = append(found, name)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("walk %s: %w", p, err)
		}
		if len(found) == 0 {
			return nil, fmt.Errorf("no *.yaml or *.yml files under %s", p)
		}
		sort.Strings(found)
		for _, name := range found {
			add(name)
		}
	}
	return out, nil
}

// Options tune a load.
type Options struct {
	DryRun bool
	// Prune makes the graph mirror the input: nodes it does not hold are
	// deleted. Only for a load of the complete fixture set.
	Prune    bool
	Progress store.Progress
	// StageRows: a load creating more rows than this writes them over
	// several transactions, invisible until its last (store.ApplyOptions).
	StageRows int
	// Input is recorded with the graph as what it was loaded from:
	// Input.Fingerprint, or "" when the load should not be skipped later,
	// in whole or file by file.
	Input string
}

// Write applies the schema and writes the input in one transaction. With
// DryRun it only counts what would change.
func (in *Input) Write(ctx context.Context, st *store.Store, opts Options) (store.Summary, error) {
	if !opts.DryRun {
		if err := st.Migrate(ctx); err != nil {
			return store.Summary{}, err
		}
	}
	apply := store.ApplyOptions{DryRun: opts.DryRun, Prune: opts.Prune, Progress: opts.Progress, StageRows: opts.StageRows, Input: opts.Input}
	if opts.Prune {
		apply.Keep = keepIDs(in.skipped)
	}
	if opts.Input != "" && in.records != nil {
		sums := make([]string, len(in.sums))
		for i, sum := range in.sums {
			sums[i] = hexSum(sum)
		}
		apply.Files = &store.FileRecords{Build: Build(), Sums: sums, Read: in.records}
	}
	sum, err := st.Apply(ctx, in.Batch, apply)
	if err != nil {
		return store.Summary{}, fmt.Errorf("load: %w", err)
	}
	return sum, nil
}

// Skipped is how many of Files were not read (ReadChanged).
func (in *Input) Skipped() int { return len(in.skipped) }

// IDs returns every id the files read define (all of them, unless some
// were skipped).
func (in *Input) IDs() (map[string]bool, error) {
	out := map[string]bool{}
	for _, l := range store.Labels {
		for n := range in.Batch.Nodes(l) {
			out[n.ID] = true
		}
	}
	return out, in.Batch.Err()
}

// Close lets go of the temporary files a large input keeps its rows in
// (store.Batch).
func (in *Input) Close() error { return in.Batch.Close() }
