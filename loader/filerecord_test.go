package loader

import (
	"context"
	"slices"
	"testing"

	"github.com/diplograph/diplograph/store"
)

// Each id a file record holds becomes a node of the label kindLabel gives
// its kind: a pruning load that skips the file keeps the ids by that label.
func TestRecordedIDsAreNodesOfTheirKindsLabel(t *testing.T) {
	in, err := readTwice(context.Background(), mustCollect(t, "../fixtures"), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	nodes := map[store.Label]map[string]bool{}
	for _, l := range store.Labels {
		nodes[l] = map[string]bool{}
		for id := range in.Batch.NodeIDs(l) {
			nodes[l][id] = true
		}
	}
	seen := map[kindOf]int{}
	for _, fr := range in.records {
		r, err := decodeRecord(fr.Record)
		if err != nil {
			t.Fatalf("%s: %v", fr.Name, err)
		}
		for i, id := range r.IDs {
			k := r.Kinds[i]
			seen[k]++
			if !nodes[kindLabel[k]][id] {
				t.Errorf("%s: %s %q is not a %s node", fr.Name, k, id, kindLabel[k])
			}
		}
		if !slices.IsSorted(r.Refs) || len(slices.Compact(slices.Clone(r.Refs))) != len(r.Refs) {
			t.Errorf("%s: refs not sorted and unique", fr.Name)
		}
	}
	for k := range kindLabel {
		if seen[k] == 0 {
			t.Errorf("the fixtures define no %s: the test does not cover it", k)
		}
	}
	if len(in.records) != len(in.Files) {
		t.Errorf("%d records for %d files", len(in.records), len(in.Files))
	}
}

func TestDecodeRecordRefusesWhatItCannotRead(t *testing.T) {
	good, err := (&fileRecord{IDs: []string{"a"}, Kinds: []kindOf{kActor}, Refs: []string{"b", "a", "b"}}).encode()
	if err != nil {
		t.Fatal(err)
	}
	r, err := decodeRecord(good)
	if err != nil || !slices.Equal(r.Refs, []string{"a", "b"}) || r.Kinds[0] != kActor {
		t.Fatalf("round trip: %+v, %v", r, err)
	}
	bad := map[string][]byte{
		"empty":             nil,
		"format":            append([]byte{recordFormat + 1}, good[1:]...),
		"truncated":         good[:len(good)-4],
		"unknown kind":      mustEncode(t, &fileRecord{IDs: []string{"a"}, Kinds: []kindOf{"planet"}}),
		"ids without kinds": mustEncode(t, &fileRecord{IDs: []string{"a", "b"}, Kinds: []kindOf{kActor}}),
	}
	for name, data := range bad {
		if _, err := decodeRecord(data); err == nil {
			t.Errorf("%s: decoded", name)
		}
	}
}

func mustEncode(t *testing.T, r *fileRecord) []byte {
	t.Helper()
	data, err := r.encode()
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func mustCollect(t *testing.T, paths ...string) []string {
	t.Helper()
	names, err := collect(paths)
	if err != nil {
		t.Fatal(err)
	}
	return names
}
