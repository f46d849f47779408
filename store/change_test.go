package store_test

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/diplograph/diplograph/loader"
	"github.com/diplograph/diplograph/neo4jtest"
	"github.com/diplograph/diplograph/store"
)

// A load that changes the graph raises its version in the same
// transaction; one that changes nothing, and a dry run, leave it.
func TestVersionFollowsLoads(t *testing.T) {
	db := neo4jtest.Open(t)
	ctx := context.Background()
	version := func() int64 {
		t.Helper()
		v, err := db.Store.Version(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	if v := version(); v != 0 {
		t.Fatalf("empty graph: version %d, want 0", v)
	}
	in, err := loader.Read([]string{"../fixtures"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := in.Write(ctx, db.Store, loader.Options{DryRun: true}); err != nil {
		t.Fatal(err)
	}
	if v := version(); v != 0 {
		t.Errorf("after a dry run: version %d, want 0", v)
	}
	for i, want := range []int64{1, 1} {
		if _, err := in.Write(ctx, db.Store, loader.Options{}); err != nil {
			t.Fatal(err)
		}
		if v := version(); v != want {
			t.Errorf("after load %d: version %d, want %d", i+1, v, want)
		}
	}
	dir := neo4jtest.ReplicateFixtures(t, "../fixtures", 2)
	more, err := loader.Read([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := more.Write(ctx, db.Store, loader.Options{}); err != nil {
		t.Fatal(err)
	}
	if v := version(); v != 2 {
		t.Errorf("after a load that changed the graph: version %d, want 2", v)
	}
}

// changeFixture is a small graph in three states: the first load, a load
// that renames bob, adds him to ev-1, adds a disputed date to ev-2 and
// creates ev-2, and a pruning load that drops bob and ev-2 again.
const changeSources = `
sources:
  - id: src-a
    kind: article
    title: Source A
    published: "2025-11-20"
  - id: src-b
    kind: article
    title: Source B
    published: "2025-11-02"
places:
  - id: city-a
    kind: city
    name: City A
`

func changeFixture(bob, ev1, ev2 string) string {
	return changeSources + `
actors:
  - id: alice
    kind: person
    name: Alice
` + bob + carol + `
events:
  - id: ev-1
    type: meeting
    title: A meeting
    date: "2025-10-16"
    places: [city-a]
    participants:
      - actor: alice
        role: host
        sources: [src-a]
` + ev1 + `
    sources: [src-a]
` + ev2
}

// carol takes part in nothing: pruning her deletes a node with no links.
var carol = `
  - id: carol
    kind: person
    name: Carol`

const (
	bobV1 = `
  - id: bob
    kind: person
    name: Bob`
	bobV2 = `
  - id: bob
    kind: person
    name: Robert`
	bobJoins = `      - actor: bob
        role: participant
        sources: [src-a]`
	ev2V2 = `
  - id: ev-2
    type: phone_call
    title: A call
    date:
      - value: "2025-12-01"
        sources: [src-a]
      - value: "2025-12-02"
        sources: [src-b]
    participants:
      - actor: bob
        role: participant
        sources: [src-b]
    sources: [src-a, src-b]
`
)

// Each load that changes the graph records which entries it created,
// updated (properties, or relationships they own such as an event's
// participants; claims count for their owner) and deleted.
func TestChangeRecords(t *testing.T) {
	db := neo4jtest.Open(t)
	ctx := context.Background()
	dir := t.TempDir()
	load := func(text string, prune bool) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, "graph.yaml"), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		in, err := loader.Read([]string{dir})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := in.Write(ctx, db.Store, loader.Options{Prune: prune}); err != nil {
			t.Fatal(err)
		}
	}
	state := func(since int64) store.GraphState {
		t.Helper()
		st, err := db.Store.Changes(ctx, since)
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	labels := func(c store.Change) map[store.Label]store.ChangeLabel {
		out := map[store.Label]store.ChangeLabel{}
		for _, l := range c.Labels {
			out[l.Label] = l
		}
		return out
	}
	check := func(c store.Change, l store.Label, created, updated, deleted string) {
		t.Helper()
		got := labels(c)[l]
		ids := func(s string) []string {
			if s == "" {
				return nil
			}
			return strings.Split(s, " ")
		}
		want := store.ChangeLabel{Label: l, CreatedIDs: ids(created), UpdatedIDs: ids(updated), DeletedIDs: ids(deleted)}
		want.Created, want.Updated, want.Deleted = len(want.CreatedIDs), len(want.UpdatedIDs), len(want.DeletedIDs)
		if want.Created+want.Updated+want.Deleted == 0 {
			want = store.ChangeLabel{}
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("version %d, %s: got %+v, want %+v", c.Version, l, got, want)
		}
	}

	start := time.Now().Add(-time.Minute)
	load(changeFixture(bobV1, "", ""), false)
	st := state(0)
	if st.Version != 1 || len(st.Changes) != 1 || !st.Changes[0].Complete || st.Changes[0].ChangedAt.Before(start) {
		t.Fatalf("after the first load: %+v", st)
	}
	first := st.Changes[0]
	check(first, store.LabelActor, "alice bob carol", "", "")
	check(first, store.LabelEvent, "ev-1", "", "")
	check(first, store.LabelSource, "src-a src-b", "", "")
	if _, ok := labels(first)[store.LabelRole]; ok {
		t.Errorf("a role is not an entry: %+v", first)
	}

	load(changeFixture(bobV2, bobJoins, ev2V2), false)
	second := state(1)
	if second.Version != 2 || len(second.Changes) != 1 {
		t.Fatalf("after the second load: %+v", second)
	}
	c := second.Changes[0]
	check(c, store.LabelActor, "", "bob", "")
	check(c, store.LabelEvent, "ev-2", "ev-1", "")
	check(c, store.LabelSource, "", "", "")
	check(c, store.LabelClaim, "", "", "")
	if second.Horizon == nil || second.Horizon.Format(time.DateOnly) != "2025-12-01" {
		t.Errorf("horizon %v, want 2025-12-01 (ev-2 may have begun then)", second.Horizon)
	}

	// The same again changes nothing and records nothing.
	load(changeFixture(bobV2, bobJoins, ev2V2), false)
	if st := state(2); st.Version != 2 || len(st.Changes) != 0 {
		t.Fatalf("an unchanged load: %+v", st)
	}

	// Changing only one side of ev-2's disputed date updates ev-2.
	load(changeFixture(bobV2, bobJoins, strings.Replace(ev2V2, "2025-12-02", "2025-12-03", 1)), false)
	c = state(2).Changes[0]
	check(c, store.LabelEvent, "", "ev-2", "")
	check(c, store.LabelActor, "", "", "")

	carol = ""
	load(changeFixture("", "", ""), true)
	all := state(1)
	if all.Version != 4 || len(all.Changes) != 3 {
		t.Fatalf("after the pruning load: %+v", all)
	}
	for i, c := range all.Changes {
		if c.Version != int64(i+2) {
			t.Errorf("change %d has version %d, want %d", i, c.Version, i+2)
		}
	}
	c = all.Changes[2]
	check(c, store.LabelActor, "", "", "bob carol")
	check(c, store.LabelEvent, "", "ev-1", "ev-2")
	if all.Horizon == nil || all.Horizon.Format(time.DateOnly) != "2025-11-20" {
		t.Errorf("horizon %v, want 2025-11-20 (src-a)", all.Horizon)
	}
	if now := state(store.ChangesAfterNone); now.Version != 4 || len(now.Changes) != 0 {
		t.Errorf("the state alone: %+v", now)
	}
}
