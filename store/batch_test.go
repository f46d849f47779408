package store

import (
	"fmt"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// fill adds the same rows to every batch: nodes of two labels and
// relationships between them, interleaved as a file's rows are.
func fill(n int, bs ...*Batch) {
	for i := range n {
		for _, b := range bs {
			actor, event := fmt.Sprintf("actor-%d", i), fmt.Sprintf("event-%d", i)
			b.AddNode(LabelActor, actor, map[string]any{"name": strings.Repeat("n", i%300), "aliases": []string{"a", actor}})
			b.AddNode(LabelEvent, event, map[string]any{"title": "t", "rank": i})
			b.AddRel(ParticipatedIn, actor, event, map[string]any{"role": "host"})
			b.AddRel(ParticipatedIn, actor, fmt.Sprintf("event-%d", i/2), nil)
		}
	}
}

func rowsOf(t *testing.T, b *Batch) ([]Node, []Node, []Rel) {
	t.Helper()
	actors, events, rels := slices.Collect(b.Nodes(LabelActor)), slices.Collect(b.Nodes(LabelEvent)), slices.Collect(b.Rels(ParticipatedIn))
	if err := b.Err(); err != nil {
		t.Fatal(err)
	}
	return actors, events, rels
}

// A batch that spills yields what one in memory does, in the same order,
// and leaves no file behind once it has opened it.
func TestBatchSpillsAndReadsBack(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	mem, spilled := NewBatchSpilling(0), NewBatchSpilling(4<<10)
	fill(500, mem, spilled)
	if mem.Spilled() || !spilled.Spilled() {
		t.Fatalf("spilled: %v in memory, %v past 4 KiB", mem.Spilled(), spilled.Spilled())
	}
	if entries, _ := os.ReadDir(tmp); len(entries) != 0 {
		t.Errorf("the batch's files are still there to see: %v", entries)
	}
	a1, e1, r1 := rowsOf(t, mem)
	a2, e2, r2 := rowsOf(t, spilled)
	if len(a1) != 500 || len(r1) != 1000 || !reflect.DeepEqual(a1, a2) || !reflect.DeepEqual(e1, e2) || !reflect.DeepEqual(r1, r2) {
		t.Fatalf("%d/%d/%d rows in memory, %d/%d/%d spilled, or they differ", len(a1), len(e1), len(r1), len(a2), len(e2), len(r2))
	}
	if got := a2[299].Props.Map(); got["id"] != "actor-299" || got["name"] != strings.Repeat("n", 299) || !reflect.DeepEqual(got["aliases"], []string{"a", "actor-299"}) {
		t.Errorf("actor-299 reads back as %v", got)
	}
	if mem.Rows() != 2000 || spilled.Rows() != 2000 || spilled.NodeCount(LabelEvent) != 500 || spilled.RelCount(ParticipatedIn) != 1000 {
		t.Errorf("counts: %d rows in memory, %d spilled", mem.Rows(), spilled.Rows())
	}
	// Reading does not consume: a second pass sees the same rows.
	if a3, _, r3 := rowsOf(t, spilled); !reflect.DeepEqual(a3, a1) || !reflect.DeepEqual(r3, r1) {
		t.Error("a second pass over the spilled batch differs")
	}
	// Rows added after a read join the end.
	spilled.AddNode(LabelActor, "late", nil)
	if a := slices.Collect(spilled.Nodes(LabelActor)); len(a) != 501 || a[500].ID != "late" {
		t.Errorf("after adding one: %d actors, last %q", len(a), a[len(a)-1].ID)
	}
	if err := spilled.Close(); err != nil {
		t.Fatal(err)
	}
	if n := len(slices.Collect(spilled.Nodes(LabelActor))); n != 0 || spilled.Err() == nil {
		t.Errorf("a closed batch yields %d rows, err %v", n, spilled.Err())
	}
}

// Merging keeps the order of the batches merged, whichever of them spilled.
func TestBatchMerge(t *testing.T) {
	first, second := NewBatchSpilling(0), NewBatchSpilling(1)
	fill(50, first)
	fill(70, second)
	want := NewBatchSpilling(0)
	fill(50, want)
	fill(70, want)
	for _, into := range []*Batch{NewBatchSpilling(0), NewBatchSpilling(2 << 10)} {
		into.Merge(first)
		into.Merge(second)
		a1, e1, r1 := rowsOf(t, want)
		a2, e2, r2 := rowsOf(t, into)
		if !reflect.DeepEqual(a1, a2) || !reflect.DeepEqual(e1, e2) || !reflect.DeepEqual(r1, r2) {
			t.Errorf("merged into a batch that spills: %v; the rows differ from adding them in turn", into.Spilled())
		}
	}
}

// A batch whose file lost rows says so, and yields only what it could read.
func TestBatchThatCannotReadBack(t *testing.T) {
	b := NewBatchSpilling(1)
	fill(100, b)
	if err := TruncateSpilled(b, ParticipatedIn); err != nil {
		t.Fatal(err)
	}
	n := len(slices.Collect(b.Rels(ParticipatedIn)))
	if n >= 200 || b.Err() == nil || !strings.Contains(b.Err().Error(), "read the batch's rows back") {
		t.Fatalf("%d of 200 relationships read, err %v", n, b.Err())
	}
	// The error sticks: nothing more is yielded or added.
	b.AddNode(LabelActor, "more", nil)
	if got := len(slices.Collect(b.Nodes(LabelActor))); got != 0 {
		t.Errorf("%d actors yielded after the error", got)
	}
	into := NewBatchSpilling(0)
	into.Merge(b)
	if into.Err() == nil {
		t.Error("merging a failed batch hides its error")
	}
}
