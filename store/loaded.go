package store

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

var (
	stmtRecordInput = define("graph_input_record", "graph_input_record.cypher", nil)
	stmtLoadedInput = define("graph_input", "read/graph_input.cypher", nil)
)

// LoadedFrom reports whether the graph is, at its current version, what a
// load of input (a loader.Input fingerprint) left: the last load recorded
// that input, and no load has changed the graph since. It returns the
// graph's version either way.
func (s *Store) LoadedFrom(ctx context.Context, input string) (version int64, same bool, err error) {
	recs, err := s.query(ctx, stmtLoadedInput, map[string]any{"input": inputParam(input)})
	if err != nil {
		return 0, false, fmt.Errorf("graph input: %w", err)
	}
	if len(recs) != 1 {
		return 0, false, fmt.Errorf("graph input: %d records", len(recs))
	}
	if version, err = value[int64](recs[0], "version"); err != nil {
		return 0, false, err
	}
	same, err = value[bool](recs[0], "same")
	return version, same, err
}

// inputParam is a fingerprint as Neo4j keeps it: null for none.
func inputParam(input string) any {
	if input == "" {
		return nil
	}
	return input
}

// recordInput writes, in a load's last transaction and after its version
// bump, the input it loaded ("" for one it cannot name: null).
func recordInput(ctx context.Context, tx neo4j.ManagedTransaction, input string) error {
	res, err := run(ctx, tx, stmtRecordInput, map[string]any{"input": inputParam(input)})
	if err != nil {
		return fmt.Errorf("graph input: %w", err)
	}
	_, err = res.Consume(ctx)
	return err
}

// FileRecord is what a load keeps in the graph of one file it read, so
// that a later load by the same build may skip a file of the same bytes,
// wherever it now is: the hex sha256 of its bytes, which identifies it, its
// name when read, and what the loader needs to know of it without reading
// it (loader's fileRecord; the store does not look inside).
type FileRecord struct {
	Name   string
	Sum    string
	Record []byte
}

// FileRecords are what a load leaves of its files: the records of the files
// it read, by the build that read them, are added; those of the other
// files in Sums (which it skipped) stay; the rest go.
type FileRecords struct {
	Build string
	Sums  []string
	Read  []FileRecord
}

// LoadedFileLabel marks a file record: bookkeeping, not data.
const LoadedFileLabel = "LoadedFile"

var (
	stmtRecordFiles = define("graph_files_record", "graph_files_record.cypher", nil)
	stmtClearFiles  = define("graph_files_clear", "graph_files_clear.cypher", nil)
	stmtLoadedFiles = define("graph_files", "read/graph_files.cypher", nil)
)

// LoadedFiles returns the records of the files the graph was last loaded
// from, when that load was by build and nothing has changed the graph
// since; none otherwise.
func (s *Store) LoadedFiles(ctx context.Context, build string) ([]FileRecord, error) {
	if build == "" {
		return nil, nil
	}
	return queryRows(ctx, s, stmtLoadedFiles, map[string]any{"build": build}, func(rec *neo4j.Record) (FileRecord, error) {
		var f FileRecord
		var err error
		if f.Name, err = value[string](rec, "name"); err != nil {
			return f, err
		}
		if f.Sum, err = value[string](rec, "sum"); err != nil {
			return f, err
		}
		f.Record, err = value[[]byte](rec, "record")
		return f, err
	})
}

// recordFiles writes, in a load's last transaction and after its version
// bump, the records of the files it read. A load with none (nil) that
// changed the graph removes those of the load before: they are stale.
func recordFiles(ctx context.Context, tx neo4j.ManagedTransaction, files *FileRecords, changed bool) error {
	if files == nil || files.Build == "" {
		if !changed {
			return nil
		}
		res, err := run(ctx, tx, stmtClearFiles, nil)
		if err != nil {
			return fmt.Errorf("file records: %w", err)
		}
		_, err = res.Consume(ctx)
		return err
	}
	read := make([]map[string]any, len(files.Read))
	for i, f := range files.Read {
		read[i] = map[string]any{"name": f.Name, "sum": f.Sum, "record": f.Record}
	}
	res, err := run(ctx, tx, stmtRecordFiles, map[string]any{"build": files.Build, "sums": files.Sums, "read": read})
	if err != nil {
		return fmt.Errorf("file records: %w", err)
	}
	_, err = res.Consume(ctx)
	return err
}
