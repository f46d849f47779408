package loader

import (
	"bytes"
	"compress/gzip"
	"encoding/gob"
	"encoding/hex"
	"fmt"
	"io"
	"slices"

	"github.com/diplograph/diplograph/store"
)

// A file record is what a load keeps in the graph of each file it read
// (store.FileRecord), so that a later load by the same build can skip the
// file while its bytes are unchanged. The checks of the files it does read
// look up ids across files, and so do the checks it skips: a record holds
// both sides, what the file defines for the others (its ids and their
// kinds, which version each point is in, what each version derives from)
// and what it looked up in them (refs). A skipped file's checks and rows
// are those of the last load as long as everything it looked up still
// answers the same (skipping.holds).
type fileRecord struct {
	IDs         []string
	Kinds       []kindOf
	VersionOf   map[string]string   // point id -> version id
	DerivedFrom map[string][]string // version id -> parent version ids
	Refs        []string            // ids the file's checks looked up
}

// recordFormat is the first byte of an encoded record: a record of another
// format is not read (a build that changes it is another build anyway).
const recordFormat = 1

func (r *fileRecord) define(id string, k kindOf) {
	if r != nil {
		r.IDs = append(r.IDs, id)
		r.Kinds = append(r.Kinds, k)
	}
}

func (r *fileRecord) ref(id string) {
	if r != nil {
		r.Refs = append(r.Refs, id)
	}
}

func (r *fileRecord) versionOf(point, version string) {
	if r != nil {
		if r.VersionOf == nil {
			r.VersionOf = map[string]string{}
		}
		r.VersionOf[point] = version
	}
}

func (r *fileRecord) derivedFrom(version, parent string) {
	if r != nil {
		if r.DerivedFrom == nil {
			r.DerivedFrom = map[string][]string{}
		}
		r.DerivedFrom[version] = append(r.DerivedFrom[version], parent)
	}
}

func (r *fileRecord) encode() ([]byte, error) {
	slices.Sort(r.Refs)
	r.Refs = slices.Compact(r.Refs)
	var buf bytes.Buffer
	buf.WriteByte(recordFormat)
	z, err := gzip.NewWriterLevel(&buf, gzip.BestSpeed)
	if err != nil {
		return nil, err
	}
	if err := gob.NewEncoder(z).Encode(r); err != nil {
		return nil, fmt.Errorf("encode file record: %w", err)
	}
	if err := z.Close(); err != nil {
		return nil, fmt.Errorf("encode file record: %w", err)
	}
	return buf.Bytes(), nil
}

func decodeRecord(data []byte) (*fileRecord, error) {
	if len(data) == 0 || data[0] != recordFormat {
		return nil, fmt.Errorf("not a file record of format %d", recordFormat)
	}
	z, err := gzip.NewReader(bytes.NewReader(data[1:]))
	if err != nil {
		return nil, fmt.Errorf("decode file record: %w", err)
	}
	var r fileRecord
	if err := gob.NewDecoder(z).Decode(&r); err != nil {
		return nil, fmt.Errorf("decode file record: %w", err)
	}
	if _, err := io.Copy(io.Discard, z); err != nil {
		return nil, fmt.Errorf("decode file record: %w", err)
	}
	if len(r.IDs) != len(r.Kinds) {
		return nil, fmt.Errorf("decode file record: %d ids and %d kinds", len(r.IDs), len(r.Kinds))
	}
	for _, k := range r.Kinds {
		if _, ok := kindLabel[k]; !ok {
			return nil, fmt.Errorf("decode file record: unknown kind %q", k)
		}
	}
	return &r, nil
}

// kindLabel is the label of the node an id of each kind becomes (buildFile),
// for the ids of skipped files that a pruning load keeps.
var kindLabel = map[kindOf]store.Label{
	kSource:  store.LabelSource,
	kActor:   store.LabelActor,
	kPlace:   store.LabelPlace,
	kEvent:   store.LabelEvent,
	kPlan:    store.LabelPlan,
	kVersion: store.LabelPlanVersion,
	kPoint:   store.LabelPlanPoint,
	kStance:  store.LabelStance,
}

// skipping is what a load that skips unchanged files knows of them: their
// records, and the records of the files it reads or no longer has, as the
// last load left them (whose ids may be gone or differ now).
type skipping struct {
	skipped map[string]*fileRecord // by file name
	sums    [][32]byte             // every file's digest as scanned, in order
	old     []*fileRecord          // of the files read now, or gone
}

// seed defines the skipped files' ids in v as their first pass would.
func (s *skipping) seed(v *validator) {
	names := make([]string, 0, len(s.skipped))
	for name := range s.skipped {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		r := s.skipped[name]
		f := &parsedFile{name: name}
		for i, id := range r.IDs {
			v.define(f, "", id, r.Kinds[i])
		}
		for p, ver := range r.VersionOf {
			v.versionOf[p] = ver
		}
		for ver, parents := range r.DerivedFrom {
			v.derivedFrom[ver] = append(v.derivedFrom[ver], parents...)
		}
	}
}

// holds reports whether every skipped file's checks and rows would come out
// as they did in the last load, given v after the first pass over the files
// read: no id a skipped file looked up is gone or of another kind, and no
// point moved to another version nor any version changed what it derives
// from (its checks follow derivations beyond the ids it names). Otherwise
// the load reads every file.
func (s *skipping) holds(v *validator) bool {
	gone := map[string]bool{}
	for _, r := range s.old {
		for i, id := range r.IDs {
			if d, ok := v.defs[id]; !ok || d.kind != r.Kinds[i] {
				gone[id] = true
			}
			switch r.Kinds[i] {
			case kPoint:
				if v.versionOf[id] != r.VersionOf[id] {
					return false
				}
			case kVersion:
				if !slices.Equal(v.derivedFrom[id], r.DerivedFrom[id]) {
					return false
				}
			}
		}
	}
	if len(gone) == 0 {
		return true
	}
	for _, r := range s.skipped {
		for _, id := range r.Refs {
			if gone[id] {
				return false
			}
		}
	}
	return true
}

// keepIDs is, by label, the ids of the nodes the skipped files hold: a
// pruning load keeps them.
func keepIDs(skipped map[string]*fileRecord) map[store.Label][]string {
	out := map[store.Label][]string{}
	for _, r := range skipped {
		for i, id := range r.IDs {
			l := kindLabel[r.Kinds[i]]
			out[l] = append(out[l], id)
		}
	}
	return out
}

func hexSum(sum [32]byte) string { return hex.EncodeToString(sum[:]) }
