package gen_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/diplograph/diplograph/gen"
	"github.com/diplograph/diplograph/loader"
	"github.com/diplograph/diplograph/neo4jtest"
	"github.com/diplograph/diplograph/store"
)

func generate(t *testing.T, cfg gen.Config) (string, gen.Stats) {
	t.Helper()
	dir := t.TempDir()
	st, err := gen.Generate(cfg, dir)
	if err != nil {
		t.Fatalf("Generate(%+v): %v", cfg, err)
	}
	return dir, st
}

// hashDir hashes every file's name and content, in name order.
func hashDir(t *testing.T, dir string) string {
	t.Helper()
	h := sha256.New()
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		h.Write([]byte(rel + "\x00"))
		h.Write(data)
		h.Write([]byte{0})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(h.Sum(nil))
}

func TestSameSeedSameBytes(t *testing.T) {
	a, _ := generate(t, gen.Config{Scale: 1, Seed: 7})
	b, _ := generate(t, gen.Config{Scale: 1, Seed: 7})
	if ha, hb := hashDir(t, a), hashDir(t, b); ha != hb {
		t.Errorf("scale 1, seed 7 written twice differs: %s vs %s", ha, hb)
	}
}

func TestDifferentSeedDiffers(t *testing.T) {
	a, sa := generate(t, gen.Config{Scale: 0.2, Seed: 1})
	b, sb := generate(t, gen.Config{Scale: 0.2, Seed: 2})
	if hashDir(t, a) == hashDir(t, b) {
		t.Error("seeds 1 and 2 wrote the same files")
	}
	if sa.Events != sb.Events || sa.Actors != sb.Actors {
		t.Errorf("the seed changed the counts the scale sets: %+v vs %+v", sa, sb)
	}
}

func TestRefusesFolderWithFixtures(t *testing.T) {
	dir, _ := generate(t, gen.Config{Scale: 0.01, Seed: 1})
	if _, err := gen.Generate(gen.Config{Scale: 0.01, Seed: 1}, dir); !errors.Is(err, gen.ErrNotEmpty) {
		t.Fatalf("second Generate into the same folder: %v, want ErrNotEmpty", err)
	}
	if err := gen.RemoveFixtures(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := gen.Generate(gen.Config{Scale: 0.01, Seed: 1}, dir); err != nil {
		t.Fatalf("Generate after RemoveFixtures: %v", err)
	}
	for _, s := range []float64{0, -1, math.NaN(), gen.MaxScale + 1} {
		if _, err := gen.Generate(gen.Config{Scale: s, Seed: 1}, t.TempDir()); err == nil {
			t.Errorf("scale %v accepted", s)
		}
	}
}

// within reports whether got is within frac of want.
func within(got, want int, frac float64) bool {
	return math.Abs(float64(got-want)) <= frac*float64(want)
}

// TestScaleOneIsValid checks that scale 1 passes every check of the loader
// and has the promised shape: counts, all the date forms, periods,
// durations, unconfirmed facts, disputes, point numbers, shared sources.
func TestScaleOneIsValid(t *testing.T) {
	dir, st := generate(t, gen.Config{Scale: 1, Seed: 1})
	in, err := loader.Read([]string{dir})
	if err != nil {
		t.Fatalf("loader.Read: %v", err)
	}
	b := in.Batch
	counts := map[store.Label]struct{ got, want int }{
		store.LabelActor:       {b.NodeCount(store.LabelActor), 1000},
		store.LabelEvent:       {b.NodeCount(store.LabelEvent), 20000},
		store.LabelPlace:       {b.NodeCount(store.LabelPlace), 100},
		store.LabelSource:      {b.NodeCount(store.LabelSource), 2000},
		store.LabelPlan:        {b.NodeCount(store.LabelPlan), 10},
		store.LabelStance:      {b.NodeCount(store.LabelStance), 500},
		store.LabelPlanVersion: {b.NodeCount(store.LabelPlanVersion), 40}, // 2 to 6 per plan
		store.LabelPlanPoint:   {b.NodeCount(store.LabelPlanPoint), 560},  // 60% of 8 to 40 per version
		store.LabelRole:        {b.NodeCount(store.LabelRole), 1100},      // about 1.4 per person
		store.LabelClaim:       {b.NodeCount(store.LabelClaim), 500},      // about 1% of events disputed
	}
	for l, c := range counts {
		if !within(c.got, c.want, 0.25) {
			t.Errorf("%s: %d nodes, want about %d", l, c.got, c.want)
		}
	}
	nodes := 0
	for _, l := range store.Labels {
		nodes += b.NodeCount(l)
	}
	if nodes != st.Nodes() {
		t.Errorf("the batch has %d nodes, Generate reports %d", nodes, st.Nodes())
	}
	parts := b.RelCount(store.ParticipatedIn)
	if parts != st.Participations || parts < 2*st.Events || parts > 10*st.Events {
		t.Errorf("%d participations for %d events (Generate says %d)", parts, st.Events, st.Participations)
	}

	// Every event, participation, point, version, role, stance and claim
	// cites a source (the loader insists); sources are shared.
	cited := map[string]int{}
	for _, l := range []store.Label{store.LabelEvent, store.LabelPlanVersion, store.LabelPlanPoint, store.LabelRole, store.LabelStance, store.LabelClaim} {
		has := map[string]bool{}
		for r := range b.Rels(store.Cites(l)) {
			has[r.From] = true
			cited[r.To]++
		}
		for n := range b.Nodes(l) {
			if !has[n.ID] {
				t.Fatalf("%s %s cites no source", l, n.ID)
			}
		}
	}
	shared := 0
	for _, n := range cited {
		if n > 1 {
			shared++
		}
	}
	if shared < b.NodeCount(store.LabelSource)/2 {
		t.Errorf("only %d of %d sources are cited more than once", shared, b.NodeCount(store.LabelSource))
	}

	// The forms the data must exercise, counted over the events.
	var day, month, year, qualified, ends, durations, qualifiedDurations, reported, notHeld, modalities int
	for n := range b.Nodes(store.LabelEvent) {
		switch n.Props.Get("datePrecision") {
		case "day":
			day++
		case "month":
			month++
		case "year":
			year++
		}
		if strings.ContainsAny(n.Props.Get("date").(string), " ") {
			qualified++
		}
		if _, ok := n.Props.Lookup("end"); ok {
			ends++
		}
		if d, ok := n.Props.Lookup("duration"); ok {
			durations++
			if q := strings.Fields(d.(string))[0]; q == "about" || q == "over" || q == "almost" {
				qualifiedDurations++
			}
		}
		if n.Props.Get("certainty") != "confirmed" {
			reported++
		}
		if n.Props.Get("status") != "held" {
			notHeld++
		}
		if _, ok := n.Props.Lookup("modality"); ok {
			modalities++
		}
	}
	if day < st.Events*3/4 || month == 0 || year == 0 || qualified == 0 || ends == 0 || durations == 0 || qualifiedDurations == 0 ||
		reported == 0 || notHeld == 0 || modalities < st.Events/2 {
		t.Errorf("events: %d day, %d month, %d year, %d early/mid/late, %d with end, %d with duration (%d qualified), %d not confirmed, %d not held, %d with a modality",
			day, month, year, qualified, ends, durations, qualifiedDurations, reported, notHeld, modalities)
	}
	if b.NodeCount(store.LabelClaim) == 0 {
		t.Error("no competing values")
	}
	numbered, revising := 0, b.RelCount(store.PointRevises)
	for n := range b.Nodes(store.LabelPlanPoint) {
		if _, ok := n.Props.Lookup("number"); ok {
			numbered++
		}
	}
	if numbered == 0 || revising == 0 || b.RelCount(store.VersionDerivedFrom) == 0 {
		t.Errorf("%d numbered points, %d revising, %d derivations", numbered, revising, b.RelCount(store.VersionDerivedFrom))
	}
	for _, f := range st.Files {
		info, err := os.Stat(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		if info.Size() > 8<<20 {
			t.Errorf("%s is %d bytes, over 8 MiB", f, info.Size())
		}
	}
	if !slices.Contains(st.Files, "events-2019-01.yaml") || !slices.Contains(st.Files, "events-2025-12.yaml") {
		t.Errorf("events not split by month from 2019-01 to 2025-12: %v", st.Files)
	}
}

// TestFilesSplitAtTheLimit writes with a tiny file limit: the events of a
// month go into several files, and the whole still loads.
func TestFilesSplitAtTheLimit(t *testing.T) {
	dir, st := generate(t, gen.Config{Scale: 0.05, Seed: 3, FileLimit: 4 << 10})
	if !slices.Contains(st.Files, "events-2019-01-1.yaml") || !slices.Contains(st.Files, "events-2019-01-2.yaml") || slices.Contains(st.Files, "events-2019-01.yaml") {
		t.Errorf("January 2019 not in numbered parts with a 4 KiB limit: %v", st.Files)
	}
	in, err := loader.Read([]string{dir})
	if err != nil {
		t.Fatalf("loader.Read: %v", err)
	}
	if n := in.Batch.NodeCount(store.LabelEvent); n != st.Events {
		t.Errorf("%d events loaded, %d written", n, st.Events)
	}
}

func TestFractionalScale(t *testing.T) {
	_, st := generate(t, gen.Config{Scale: 0.05, Seed: 1})
	if st.Events != 1000 || st.Actors != 50 || st.Sources != 100 || st.Places != 5 {
		t.Errorf("scale 0.05: %+v, want 1000 events, 50 actors, 100 sources, 5 places", st)
	}
}

// TestTinyScaleInNeo4j loads scale 0.05 into the real test database and
// finds the heavy tail: the busiest actor takes part in far more events
// than the typical one.
func TestTinyScaleInNeo4j(t *testing.T) {
	db := neo4jtest.Open(t)
	dir, st := generate(t, gen.Config{Scale: 0.05, Seed: 1})
	in, err := loader.Read([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := in.Write(context.Background(), db.Store, loader.Options{}); err != nil {
		t.Fatal(err)
	}
	rows := db.Rows(`
		MATCH (a:Actor)-[:PARTICIPATED_IN]->(e:Event)
		WITH a, count(e) AS n ORDER BY n DESC, a.id
		WITH collect(a.id) AS actors, collect(n) AS ns
		RETURN actors[0] AS top, ns[0] AS most, ns[size(ns) / 2] AS median, size(ns) AS active`, nil)
	most, median := rows[0]["most"].(int64), rows[0]["median"].(int64)
	t.Logf("busiest actor %v in %d of %d events; median actor in %d", rows[0]["top"], most, st.Events, median)
	if most < 5*median || most < int64(st.Events)/10 {
		t.Errorf("no heavy tail: the busiest actor is in %d events, the median one in %d (of %d)", most, median, st.Events)
	}
}

// TestScaleOneInNeo4j loads the whole of scale 1 (about 26,000 nodes and
// 124,000 relationships) into the test database in one load and checks
// the node counts by label.
func TestScaleOneInNeo4j(t *testing.T) {
	db := neo4jtest.Open(t)
	dir, st := generate(t, gen.Config{Scale: 1, Seed: 1})
	start := time.Now()
	in, err := loader.Read([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	read := time.Since(start)
	sum, err := in.Write(context.Background(), db.Store, loader.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("scale 1: %d rows read and checked in %s, loaded in %s in all", in.Batch.Rows(), read.Round(time.Millisecond), time.Since(start).Round(time.Millisecond))
	want := map[string]int{
		"Actor": st.Actors, "Role": st.Roles, "Place": st.Places, "Event": st.Events, "Claim": st.Claims,
		"Source": st.Sources, "Plan": st.Plans, "PlanVersion": st.Versions, "PlanPoint": st.Points, "Stance": st.Stances,
	}
	for _, r := range db.Rows("MATCH (n) WHERE "+store.NotBookkeeping("n")+" RETURN labels(n)[0] AS label, count(*) AS n", nil) {
		label := r["label"].(string)
		if got := int(r["n"].(int64)); got != want[label] {
			t.Errorf("%s: %d nodes in the graph, %d generated", label, got, want[label])
		}
		if c := sum.Nodes[store.Label(label)]; c.Created != want[label] {
			t.Errorf("%s: the load reports %d created, %d generated", label, c.Created, want[label])
		}
		delete(want, label)
	}
	if len(want) > 0 {
		t.Errorf("labels missing from the graph: %v", want)
	}
	if _, rels := db.Count(); int(rels) != in.Batch.Rows()-st.Nodes() {
		t.Errorf("%d relationships in the graph, %d in the batch", rels, in.Batch.Rows()-st.Nodes())
	}
}

// eventOf returns the id of the event whose entry holds offset i of text.
func eventOf(t *testing.T, text string, i int) string {
	t.Helper()
	start := strings.LastIndex(text[:i], "\n  - id: ")
	if start < 0 {
		t.Fatal("no event entry before the edit")
	}
	id, _, _ := strings.Cut(text[start+len("\n  - id: "):], "\n")
	return id
}

// TestReloadAfterEdits loads scale 0.05, drops a participant and an
// event's place from the files and loads again: just those two
// relationships go. Participation is dense (more relationships than
// events) and places sparse, so both ways of pruning run.
func TestReloadAfterEdits(t *testing.T) {
	db := neo4jtest.Open(t)
	dir, _ := generate(t, gen.Config{Scale: 0.05, Seed: 1})
	ctx := context.Background()
	load := func() store.Summary {
		t.Helper()
		in, err := loader.Read([]string{dir})
		if err != nil {
			t.Fatal(err)
		}
		sum, err := in.Write(ctx, db.Store, loader.Options{})
		if err != nil {
			t.Fatal(err)
		}
		return sum
	}
	load()
	if sum := load(); sum.Changed() {
		t.Fatalf("an unchanged re-load changed something: %+v", sum)
	}

	path := filepath.Join(dir, "events-2019-02.yaml")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	participant := regexp.MustCompile(`(?m)^      - actor: (\S+)\n        role: \S+\n        sources: \[[^\]]+\]\n`)
	m := participant.FindStringSubmatchIndex(text)
	if m == nil {
		t.Fatal("no participant with a bare citation in February 2019")
	}
	actor, partEvent := text[m[2]:m[3]], eventOf(t, text, m[0])
	text = text[:m[0]] + text[m[1]:]
	place := regexp.MustCompile(`(?m)^    places: \[(\S+)\]\n`)
	m = place.FindStringSubmatchIndex(text)
	if m == nil {
		t.Fatal("no event with a place in February 2019")
	}
	placeEvent := eventOf(t, text, m[0])
	text = text[:m[0]] + text[m[1]:]
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}

	sum := load()
	for spec, c := range sum.Rels {
		want := store.Counts{}
		if spec == store.ParticipatedIn || spec == store.EventAt {
			want.Deleted = 1
		}
		if c.Created != 0 || c.Updated != 0 || c.Deleted != want.Deleted {
			t.Errorf("%s: %+v, want %d deleted and nothing else changed", spec, c, want.Deleted)
		}
	}
	for l, c := range sum.Nodes {
		if c.Changed() {
			t.Errorf("%s: %+v, want no node changed", l, c)
		}
	}
	if n := db.Rows("MATCH (:Actor {id: $a})-[r:PARTICIPATED_IN]->(:Event {id: $e}) RETURN count(r) AS n", map[string]any{"a": actor, "e": partEvent})[0]["n"]; n != int64(0) {
		t.Errorf("%s still takes part in %s", actor, partEvent)
	}
	if n := db.Rows("MATCH (:Event {id: $e})-[r:AT]->() RETURN count(r) AS n", map[string]any{"e": placeEvent})[0]["n"]; n != int64(0) {
		t.Errorf("%s still has a place", placeEvent)
	}
}
