// Package loader reads curated fixture files, checks all of them before
// anything is written, and turns them into one batch for the store.
package loader

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/diplograph/diplograph/store"
)

// Input is a checked set of fixture files, ready to write.
type Input struct {
	Files []string
	Batch *store.Batch
}

// Read collects the fixture files under paths (files, or folders searched
// for *.yaml and *.yml), parses and checks all of them, and builds the batch.
// Problems with the input come back together as *InvalidInputError.
func Read(paths []string) (*Input, error) {
	names, err := collect(paths)
	if err != nil {
		return nil, err
	}
	// Most loads are valid. The first pass checks everything without
	// recording where each value stands, which would take more memory than
	// the data; only when it finds a problem does a second pass read the
	// files again, located, to say where each problem is.
	in, err := read(names, false)
	var invalid *InvalidInputError
	if errors.As(err, &invalid) {
		return read(names, true)
	}
	return in, err
}

func read(names []string, located bool) (*Input, error) {
	files, defs, err := check(names, located)
	if err != nil {
		return nil, err
	}
	return &Input{Files: names, Batch: buildBatch(files, defs)}, nil
}

// check parses and validates the files: their problems come back together
// as *InvalidInputError.
func check(names []string, located bool) ([]*parsedFile, map[string]definition, error) {
	parsed := parseAll(names, located)
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
}

// parseAll reads and parses the files on every CPU at once; the results
// come back in the order of names.
func parseAll(names []string, located bool) []parseResult {
	out := make([]parseResult, len(names))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(names)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i] = readOne(names[i], located)
			}
		}()
	}
	for i := range names {
		next <- i
	}
	close(next)
	wg.Wait()
	return out
}

func readOne(name string, located bool) parseResult {
	if info, err := os.Stat(name); err == nil && info.Size() > MaxFileSize {
		return parseResult{diags: []Diagnostic{{File: name, Line: 1, Col: 1, Message: fmt.Sprintf("file is %d bytes, over the limit of %d", info.Size(), MaxFileSize)}}}
	}
	data, err := os.ReadFile(name)
	if err != nil {
		return parseResult{err: fmt.Errorf("read %s: %w", name, err)}
	}
	f, ds := parse(name, data, located)
	return parseResult{file: f, diags: ds}
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
}

// Write applies the schema and writes the input in one transaction. With
// DryRun it only counts what would change.
func (in *Input) Write(ctx context.Context, st *store.Store, opts Options) (store.Summary, error) {
	if !opts.DryRun {
		if err := st.Migrate(ctx); err != nil {
			return store.Summary{}, err
		}
	}
	sum, err := st.Apply(ctx, in.Batch, store.ApplyOptions{DryRun: opts.DryRun, Prune: opts.Prune, Progress: opts.Progress})
	if err != nil {
		return store.Summary{}, fmt.Errorf("load: %w", err)
	}
	return sum, nil
}

// IDs returns every id the input defines.
func (in *Input) IDs() map[string]bool {
	out := map[string]bool{}
	for _, nodes := range in.Batch.Nodes {
		for _, n := range nodes {
			out[n.ID] = true
		}
	}
	return out
}
