package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/diplograph/diplograph/loader"
	"github.com/diplograph/diplograph/neo4jtest"
)

// cli runs a diplograph command against the test database.
func cli(t *testing.T, db *neo4jtest.DB, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	full := append([]string{args[0], "--uri", db.Config.URI, "--password", db.Config.Password}, args[1:]...)
	code = run(context.Background(), full, &out, &errOut)
	return code, out.String(), errOut.String()
}

func loadFixtures(t *testing.T, db *neo4jtest.DB) string {
	t.Helper()
	code, out, errOut := cli(t, db, "load", "--quiet", "fixtures")
	if code != exitOK {
		t.Fatalf("load fixtures: exit %d\n%s%s", code, out, errOut)
	}
	return out
}

func TestMigrateTwiceIsHarmless(t *testing.T) {
	db := neo4jtest.Open(t)
	schema := func() string {
		var names []string
		for _, r := range db.Rows("SHOW CONSTRAINTS YIELD name RETURN name ORDER BY name", nil) {
			names = append(names, r["name"].(string))
		}
		for _, r := range db.Rows("SHOW INDEXES YIELD name, state RETURN name + ':' + state AS name ORDER BY name", nil) {
			names = append(names, r["name"].(string))
		}
		return strings.Join(names, ",")
	}
	for i := range 2 {
		if code, out, errOut := cli(t, db, "migrate"); code != exitOK {
			t.Fatalf("migrate #%d: exit %d\n%s%s", i+1, code, out, errOut)
		}
	}
	first := schema()
	if code, _, errOut := cli(t, db, "migrate"); code != exitOK {
		t.Fatalf("migrate #3: %s", errOut)
	}
	if again := schema(); again != first {
		t.Errorf("schema changed on a repeated migrate:\n%s\n%s", first, again)
	}
	for _, want := range []string{"event_id", "actor_id", "plan_point_id", "source_id", "event_date_from:ONLINE", "event_type:ONLINE", "search:ONLINE"} {
		if !strings.Contains(first, want) {
			t.Errorf("schema lacks %s: %s", want, first)
		}
	}
}

func TestFixturesInTheGraph(t *testing.T) {
	db := neo4jtest.Open(t)
	loadFixtures(t, db)

	t.Run("the October 16 call with both participants", func(t *testing.T) {
		rows := db.Rows(`
			MATCH (a:Actor)-[p:PARTICIPATED_IN]->(e:Event {id: 'call-2025-10-16-trump-putin'})
			RETURN e.type AS type, e.modality AS modality, e.date AS date, e.datePrecision AS precision,
			       e.duration AS duration, e.disputedFields AS disputed,
			       a.id AS actor, p.role AS role, p.represents AS represents
			ORDER BY actor`, nil)
		if len(rows) != 2 {
			t.Fatalf("got %d participants, want 2: %v", len(rows), rows)
		}
		for i, want := range []struct{ actor, represents string }{{"putin", "russia"}, {"trump", "united-states"}} {
			r := rows[i]
			if r["actor"] != want.actor || r["represents"] != want.represents || r["role"] == nil {
				t.Errorf("participant %d = %v, want %s for %s with a role", i, r, want.actor, want.represents)
			}
			// The sources give its length as two and a half hours, almost
			// that, over two hours and about two: no working value.
			if r["type"] != "phone_call" || r["modality"] != "phone" || r["date"] != "2025-10-16" || r["precision"] != "day" ||
				r["duration"] != nil || !contains(r["disputed"], "duration") {
				t.Errorf("call = %v, want a day-precise phone call on 2025-10-16 of disputed duration", r)
			}
		}
		seed := db.Rows(`
			MATCH (:Event {id: 'call-2025-10-16-trump-putin'})-[:HAS_CLAIM]->(c:Claim {field: 'duration'})-[q:CITES]->(:Source {id: 'seed-article'})
			RETURN c.value AS value, q.quote AS quote`, nil)
		if len(seed) != 1 || seed[0]["value"] != "2.5 hour" || !strings.Contains(seed[0]["quote"].(string), "two-and-a-half-hour call") {
			t.Errorf("the seed article's duration = %v, want 2.5 hour with its quote", seed)
		}
	})

	t.Run("Miami and Geneva with their places", func(t *testing.T) {
		rows := db.Rows(`
			MATCH (e:Event)-[:AT]->(p:Place)-[:LOCATED_IN]->(c:Place)
			WHERE e.id IN ['meeting-2025-10-24-miami', 'talks-2025-11-23-geneva']
			RETURN p.id AS place, c.id AS country, e.id AS event ORDER BY place`, nil)
		if len(rows) != 2 || rows[0]["place"] != "geneva" || rows[1]["place"] != "miami" {
			t.Fatalf("places of the Miami meeting and the Geneva talks = %v", rows)
		}
		if rows[0]["country"] != "place-switzerland" || rows[1]["country"] != "place-united-states" {
			t.Errorf("places not located in their countries: %v", rows)
		}
	})

	t.Run("plan versions derive 20 -> 28 -> 19", func(t *testing.T) {
		rows := db.Rows(`
			MATCH (:PlanVersion {id: 'plan-19-point'})-[:DERIVED_FROM]->(v28:PlanVersion {id: 'plan-28-point'})-[:DERIVED_FROM]->(v20:PlanVersion {id: 'plan-20-point'})
			RETURN v20.declaredPoints AS from, v28.declaredPoints AS to, COUNT { (v28)-[:HAS_POINT]->() } AS points`, nil)
		if len(rows) != 1 || rows[0]["from"] != int64(20) || rows[0]["to"] != int64(28) || rows[0]["points"] != int64(28) {
			t.Errorf("derivation = %v, want 20 -> 28 (all 28 points known) -> 19", rows)
		}
	})

	t.Run("points found through their territory", func(t *testing.T) {
		for _, territory := range []string{"crimea", "luhansk", "donetsk"} {
			rows := db.Rows(`
				MATCH (v:PlanVersion)-[:HAS_POINT]->(pt:PlanPoint)-[:CONCERNS]->(:Place {id: $t})
				RETURN v.declaredPoints AS version, pt.topics AS topics`, map[string]any{"t": territory})
			if len(rows) == 0 {
				t.Errorf("no plan point concerns %s", territory)
				continue
			}
			found := false
			for _, r := range rows {
				found = found || (r["version"] == int64(28) && contains(r["topics"], "territory"))
			}
			if !found {
				t.Errorf("%s: %v, want a territory point of the 28-point plan among them", territory, rows)
			}
		}
	})

	// The order of the public record: an event named before or after another
	// certainly is so by the dates, and never contradicts what led to what.
	t.Run("previous and next say only what the dates make certain", func(t *testing.T) {
		rows := db.Rows(`MATCH (e:Event) RETURN e.id AS id, e.dateFrom AS from, e.dateTo AS to`, nil)
		from, to := map[string]string{}, map[string]string{}
		var ids []string
		for _, r := range rows {
			id := r["id"].(string)
			ids = append(ids, id)
			from[id], to[id] = fmt.Sprint(r["from"]), fmt.Sprint(r["to"])
		}
		ledTo := map[[2]string]bool{}
		for _, r := range db.Rows(`MATCH (a:Event)-[:LED_TO]->(b:Event) RETURN a.id AS a, b.id AS b`, nil) {
			ledTo[[2]string{r["a"].(string), r["b"].(string)}] = true
		}
		prev, next, err := db.Store.Neighbours(context.Background(), ids)
		if err != nil {
			t.Fatal(err)
		}
		if len(prev) == 0 || len(next) == 0 {
			t.Fatalf("%d events with a previous one and %d with a next one", len(prev), len(next))
		}
		for id, p := range prev {
			if !(to[p.ID] < from[id]) || ledTo[[2]string{id, p.ID}] {
				t.Errorf("%s (from %s) has previous %s (to %s), which it may not follow", id, from[id], p.ID, to[p.ID])
			}
		}
		for id, n := range next {
			if !(from[n.ID] > to[id]) || ledTo[[2]string{n.ID, id}] {
				t.Errorf("%s (to %s) has next %s (from %s), which it may not precede", id, to[id], n.ID, from[n.ID])
			}
		}
		// Geneva (23 November) and the ISW report dated only to November
		// may fall either way: the report is among Geneva's overlapping.
		over, err := db.Store.Overlapping(context.Background(), []string{"talks-2025-11-23-geneva"}, 100)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, o := range over["talks-2025-11-23-geneva"] {
			found = found || o.ID == "report-2025-11-isw-narrowing"
		}
		if !found || prev["talks-2025-11-23-geneva"].ID == "report-2025-11-isw-narrowing" {
			t.Errorf("Geneva: previous %s, overlapping %v; want the ISW report among the overlapping only", prev["talks-2025-11-23-geneva"].ID, over)
		}
	})

	t.Run("every fact cites a source", func(t *testing.T) {
		for _, label := range []string{"Event", "PlanVersion", "PlanPoint", "Stance", "Role", "Claim"} {
			rows := db.Rows("MATCH (n) WHERE $label IN labels(n) AND NOT (n)-[:CITES]->(:Source) RETURN n.id AS id", map[string]any{"label": label})
			if len(rows) > 0 {
				t.Errorf("%s without a source: %v", label, rows)
			}
		}
		rows := db.Rows("MATCH (:Actor)-[p:PARTICIPATED_IN]->(e:Event) WHERE size(coalesce(p.sources, [])) = 0 RETURN e.id AS id", nil)
		if len(rows) > 0 {
			t.Errorf("participations without a source: %v", rows)
		}
		if n := db.Rows("MATCH (e:Event) RETURN count(e) AS n", nil)[0]["n"].(int64); n < 10 {
			t.Errorf("only %d events loaded", n)
		}
	})

	t.Run("disputed values keep each source", func(t *testing.T) {
		rows := db.Rows(`
			MATCH (e:Event {id: 'meeting-2025-10-24-miami'})-[:HAS_CLAIM]->(c:Claim {field: 'date'})
			RETURN c.value AS value, c.rank AS rank, e.date AS working,
			       COLLECT { MATCH (c)-[:CITES]->(s:Source) RETURN s.id } AS sources
			ORDER BY value`, nil)
		values := map[string]map[string]any{}
		for _, r := range rows {
			values[r["value"].(string)] = r
			if len(r["sources"].([]any)) == 0 {
				t.Errorf("a value without its sources: %v", r)
			}
		}
		// 24 October (preferred), 25 October, late October.
		if len(values) != 3 || values["2025-10-24"]["rank"] != "preferred" || values["2025-10-25"] == nil || values["late 2025-10"] == nil {
			t.Fatalf("claims on the Miami date = %v", rows)
		}
		if rows[0]["working"] != "2025-10-24" {
			t.Errorf("the event's date should be the preferred value: %v", rows[0]["working"])
		}
	})

	t.Run("aliases are searchable", func(t *testing.T) {
		rows := db.Rows(`CALL db.index.fulltext.queryNodes('search', $q) YIELD node RETURN node.id AS id LIMIT 1`, map[string]any{"q": "Zelensky"})
		if len(rows) != 1 || rows[0]["id"] != "zelenskiy" {
			t.Errorf("full-text 'Zelensky' = %v, want zelenskiy", rows)
		}
	})
}

func contains(list any, s string) bool {
	items, _ := list.([]any)
	for _, it := range items {
		if it == s {
			return true
		}
	}
	return false
}

func TestSecondLoadChangesNothing(t *testing.T) {
	db := neo4jtest.Open(t)
	first := loadFixtures(t, db)
	if !strings.Contains(first, "Event") {
		t.Fatalf("first load summary lacks events:\n%s", first)
	}
	before := db.Snapshot()
	nodes, rels := db.Count()
	// -force: read and compared, not skipped as unchanged input.
	code, second, errOut := cli(t, db, "load", "--quiet", "--force", "fixtures")
	if code != exitOK {
		t.Fatalf("second load: exit %d\n%s%s", code, second, errOut)
	}
	if !strings.HasPrefix(second, "loaded ") || !strings.Contains(second, "no changes") {
		t.Errorf("second load does not report 'no changes':\n%s", second)
	}
	for _, line := range strings.Split(second, "\n")[2:] {
		f := strings.Fields(line)
		if len(f) == 5 && (f[1] != "0" || f[2] != "0" || f[4] != "0") {
			t.Errorf("second load changed something: %q", line)
		}
	}
	if n, r := db.Count(); n != nodes || r != rels {
		t.Errorf("counts changed: %d/%d nodes, %d/%d relationships", nodes, n, rels, r)
	}
	if after := db.Snapshot(); after != before {
		t.Errorf("graph changed on the second load")
	}
}

// A load of the files the graph was last loaded from, by the same build
// with the same -prune, ends before reading them; anything else that could
// make the graph differ from what a load of them leaves makes it load.
func TestUnchangedInputIsSkipped(t *testing.T) {
	db := neo4jtest.Open(t)
	dir := copyFixtures(t)
	load := func(args ...string) string {
		t.Helper()
		code, out, errOut := cli(t, db, append(append([]string{"load", "--quiet"}, args...), dir)...)
		if code != exitOK {
			t.Fatalf("load %q: exit %d\n%s%s", args, code, out, errOut)
		}
		return out
	}
	skipped := func(out string) bool { return strings.HasPrefix(out, "unchanged: ") }
	version := func() int64 {
		t.Helper()
		v, err := db.Store.Version(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	title := func() any {
		return db.Rows("MATCH (e:Event {id: 'call-2025-10-16-trump-putin'}) RETURN e.title AS title", nil)[0]["title"]
	}

	if out := load(); skipped(out) {
		t.Fatalf("the first load skipped:\n%s", out)
	}
	before, v := db.Snapshot(), version()
	out := load()
	if !skipped(out) || !strings.Contains(out, fmt.Sprintf("at its version %d,", v)) || !strings.Contains(out, "no changes") {
		t.Errorf("the same files again, want them skipped at version %d:\n%s", v, out)
	}
	if db.Snapshot() != before || version() != v {
		t.Errorf("a skipped load changed the graph")
	}
	if out := load("--dry-run"); !strings.HasPrefix(out, "dry run: unchanged: ") {
		t.Errorf("a dry run of the same files:\n%s", out)
	}

	// A change made in Neo4j, not by a load, is not seen without -force.
	want := title()
	db.Write("MATCH (e:Event {id: 'call-2025-10-16-trump-putin'}) SET e.title = 'edited in Neo4j'", nil)
	if out := load(); !skipped(out) {
		t.Errorf("want the load skipped, as documented, when the graph changed outside diplograph:\n%s", out)
	}
	if out := load("--force"); skipped(out) || len(changedRows(out)) != 1 || title() != want {
		t.Errorf("-force: want the title put back (%q, is %q):\n%s", want, title(), out)
	}
	if out := load(); !skipped(out) {
		t.Errorf("after the forced load, the same files again:\n%s", out)
	}

	// -prune is part of what was loaded.
	if out := load("--prune"); skipped(out) || !strings.Contains(out, "no changes") {
		t.Errorf("the same files with -prune: want them read, and no changes:\n%s", out)
	}
	if out := load("--prune"); !skipped(out) {
		t.Errorf("the same files with -prune again:\n%s", out)
	}
	if out := load(); skipped(out) {
		t.Errorf("without -prune after a load with it:\n%s", out)
	}

	// An edited file is read and written.
	edit(t, filepath.Join(dir, "events.yaml"), `title: Trump-Putin call of 16 October 2025`, `title: "Trump-Putin call, 16 October"`)
	if out := load(); skipped(out) || len(changedRows(out)) != 1 {
		t.Errorf("an edited file: want one update:\n%s", out)
	}
	if out := load(); !skipped(out) {
		t.Errorf("the edited files again:\n%s", out)
	}

	// A load by a build that does not record its input changes the version
	// alone; the next load must not trust the record.
	db.Write("MATCH (g:Graph {id: 'graph'}) SET g.version = g.version + 1", nil)
	if out := load(); skipped(out) {
		t.Errorf("after the version moved without a record:\n%s", out)
	}
	if out := load(); !skipped(out) {
		t.Errorf("after a load recorded its input again:\n%s", out)
	}

	// A load that cannot name its input (serve's reload) clears the record.
	in, err := loader.Read([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	if _, err := in.Write(context.Background(), db.Store, loader.Options{}); err != nil {
		t.Fatal(err)
	}
	if out := load(); skipped(out) {
		t.Errorf("after a load that recorded no input:\n%s", out)
	}

	// An emptied graph forgets what it was loaded from.
	db.Reset()
	if out := load(); skipped(out) || len(changedRows(out)) == 0 {
		t.Errorf("into an emptied graph:\n%s", out)
	}
}

// copyFixtures copies the curated fixtures to a temporary folder a test may edit.
func copyFixtures(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files, _ := filepath.Glob("fixtures/*.yaml")
	for _, f := range append(files, "fixtures/schema.json") {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestBrokenLastFileWritesNothing(t *testing.T) {
	db := neo4jtest.Open(t)
	loadFixtures(t, db)
	before := db.Snapshot()

	dir := copyFixtures(t)
	// Make a change that would be written if the load went ahead, and break
	// the file that sorts last.
	edit(t, filepath.Join(dir, "actors.yaml"), `name: Steve Witkoff`, `name: Steven Witkoff`)
	bad := filepath.Join(dir, "zz-last.yaml")
	writeFile(t, bad, "stances:\n  - id: bad-stance\n    actor: witkoff\n    position: supports\n    \"on\": no-such-point\n    sources: [seed-article]\n")

	code, out, errOut := cli(t, db, "load", dir)
	if code != exitInvalid {
		t.Fatalf("exit %d, want %d\n%s%s", code, exitInvalid, out, errOut)
	}
	want := bad + `:5:11: unknown plan point or plan version "no-such-point"`
	if !strings.Contains(errOut, want) || !strings.Contains(errOut, "nothing was written") {
		t.Errorf("stderr:\n%s\nwant a line %q", errOut, want)
	}
	if after := db.Snapshot(); after != before {
		t.Error("a rejected load changed the graph")
	}
}

func TestEditingOneFixtureUpdatesJustThat(t *testing.T) {
	db := neo4jtest.Open(t)
	dir := copyFixtures(t)
	if code, _, errOut := cli(t, db, "load", "--quiet", dir); code != exitOK {
		t.Fatalf("first load: %s", errOut)
	}
	edit(t, filepath.Join(dir, "events.yaml"), `title: Trump-Putin call of 16 October 2025`, `title: "Trump-Putin call, 16 October"`)
	code, out, errOut := cli(t, db, "load", "--quiet", dir)
	if code != exitOK {
		t.Fatalf("second load: exit %d %s", code, errOut)
	}
	changed := changedRows(out)
	if len(changed) != 1 || !strings.HasPrefix(changed[0], "Event 0 1 ") {
		t.Errorf("changed rows = %q, want only one updated Event\n%s", changed, out)
	}
	rows := db.Rows("MATCH (e:Event {id: 'call-2025-10-16-trump-putin'}) RETURN e.title AS title", nil)
	if rows[0]["title"] != "Trump-Putin call, 16 October" {
		t.Errorf("title = %v", rows[0]["title"])
	}
}

func TestDroppedParticipantIsDeleted(t *testing.T) {
	db := neo4jtest.Open(t)
	dir := copyFixtures(t)
	if code, _, errOut := cli(t, db, "load", "--quiet", dir); code != exitOK {
		t.Fatalf("first load: %s", errOut)
	}
	before := db.Rows("MATCH (:Actor {id: 'kushner'})-[r:PARTICIPATED_IN]->(:Event {id: 'meeting-2025-10-24-miami'}) RETURN count(r) AS n", nil)[0]["n"]
	if before != int64(1) {
		t.Fatalf("Kushner should take part in Miami in the fixtures, got %v", before)
	}
	removeListItem(t, filepath.Join(dir, "events.yaml"), "- actor: kushner")
	code, out, errOut := cli(t, db, "load", "--quiet", dir)
	if code != exitOK {
		t.Fatalf("second load: %s", errOut)
	}
	changed := changedRows(out)
	if len(changed) != 1 || !strings.HasPrefix(changed[0], "Actor-PARTICIPATED_IN->Event 0 0 ") || !strings.HasSuffix(changed[0], " 1") {
		t.Errorf("changed rows = %q, want one deleted participation\n%s", changed, out)
	}
	after := db.Rows("MATCH (:Actor {id: 'kushner'})-[r:PARTICIPATED_IN]->(:Event {id: 'meeting-2025-10-24-miami'}) RETURN count(r) AS n", nil)[0]["n"]
	if after != int64(0) {
		t.Errorf("participation still there after it was dropped from the fixture")
	}
}

func TestDryRunWritesNothing(t *testing.T) {
	db := neo4jtest.Open(t)
	code, out, errOut := cli(t, db, "load", "--dry-run", "fixtures")
	if code != exitOK {
		t.Fatalf("dry run: exit %d %s", code, errOut)
	}
	if !strings.Contains(out, "dry run") || len(changedRows(out)) == 0 {
		t.Errorf("dry run summary should list what would be created:\n%s", out)
	}
	if n, r := db.Count(); n != 0 || r != 0 {
		t.Errorf("dry run wrote %d nodes and %d relationships", n, r)
	}
}

func TestLoadExitCodes(t *testing.T) {
	db := neo4jtest.Open(t)
	if code, _, _ := cli(t, db, "load"); code != exitInvalid {
		t.Errorf("load without paths: exit %d, want %d", code, exitInvalid)
	}
	if code, _, _ := cli(t, db, "load", "loader/testdata/base.yaml", "loader/testdata/invalid/impossible-date.yaml"); code != exitInvalid {
		t.Errorf("invalid input: exit %d, want %d", code, exitInvalid)
	}
	var out, errOut bytes.Buffer
	code := run(context.Background(), []string{"load", "--uri", "bolt://127.0.0.1:1", "fixtures"}, &out, &errOut)
	if code != exitFailure || !strings.Contains(errOut.String(), "Is Neo4j running?") {
		t.Errorf("unreachable Neo4j: exit %d, stderr %q", code, errOut.String())
	}
	if code, _, _ := cli(t, db, "load", "--help"); code != exitOK {
		t.Errorf("load --help: exit %d", code)
	}
	if code := run(context.Background(), []string{"nonsense"}, &out, &errOut); code != exitInvalid {
		t.Errorf("unknown command: exit %d", code)
	}
}

// changedRows returns the summary rows whose counts show a change, with
// their fields joined by single spaces.
func changedRows(summary string) []string {
	var out []string
	for _, line := range strings.Split(summary, "\n") {
		f := strings.Fields(line)
		if len(f) == 5 && (f[1] != "0" || f[2] != "0" || f[4] != "0") && f[1] != "created" {
			out = append(out, strings.Join(f, " "))
		}
	}
	return out
}

func edit(t *testing.T, path, old, new string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte(old)) {
		t.Fatalf("%s does not contain %q", path, old)
	}
	writeFile(t, path, strings.Replace(string(data), old, new, 1))
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// removeListItem deletes the YAML list item that starts with the line
// marker, up to the next line indented no deeper than the item's dash.
func removeListItem(t *testing.T, path, marker string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	var out []string
	removed, indent := false, -1
	for _, line := range lines {
		trimmed := strings.TrimLeft(line, " ")
		depth := len(line) - len(trimmed)
		if indent >= 0 {
			if trimmed != "" && depth <= indent {
				indent = -1
			} else {
				continue
			}
		}
		if !removed && strings.TrimSpace(line) == marker {
			removed, indent = true, depth
			continue
		}
		out = append(out, line)
	}
	if !removed {
		t.Fatalf("%s has no line %q", path, marker)
	}
	writeFile(t, path, strings.Join(out, "\n"))
}

func TestPruneMirrorsTheFiles(t *testing.T) {
	db := neo4jtest.Open(t)
	dir := copyFixtures(t)
	if code, _, errOut := cli(t, db, "load", "--quiet", dir); code != exitOK {
		t.Fatalf("first load: %s", errOut)
	}
	removeListItem(t, filepath.Join(dir, "events.yaml"), "- id: report-2025-11-isw-narrowing")
	exists := func() int64 {
		return db.Rows("MATCH (e:Event {id: 'report-2025-11-isw-narrowing'}) RETURN count(e) AS n", nil)[0]["n"].(int64)
	}

	if code, _, errOut := cli(t, db, "load", "--quiet", dir); code != exitOK || exists() != 1 {
		t.Fatalf("a load without --prune should keep the dropped event (exit %d, %s)", code, errOut)
	}
	code, out, errOut := cli(t, db, "load", "--quiet", "--prune", "--dry-run", dir)
	if code != exitOK || exists() != 1 || !strings.Contains(strings.Join(changedRows(out), "\n"), "Event 0 0 ") {
		t.Fatalf("dry run with --prune: exit %d, exists %d\n%s%s", code, exists(), out, errOut)
	}
	code, out, errOut = cli(t, db, "load", "--quiet", "--prune", dir)
	if code != exitOK {
		t.Fatalf("load --prune: exit %d %s", code, errOut)
	}
	// The files are those of the load before, so they are skipped and no
	// event is compared: none is counted unchanged.
	files, _ := filepath.Glob(filepath.Join(dir, "*.yaml"))
	changed := changedRows(out)
	if len(changed) != 1 || changed[0] != "Event 0 0 0 1" || !strings.Contains(out, fmt.Sprintf("skipped %d of %[1]d file(s)", len(files))) {
		t.Errorf("changed rows = %q, want exactly one deleted event\n%s", changed, out)
	}
	if exists() != 0 {
		t.Error("the dropped event is still in the graph")
	}
	if dangling := db.Rows("MATCH (s:Source {id: 'isw-2025-11-narrowing'}) RETURN count(s) AS n", nil)[0]["n"]; dangling != int64(1) {
		t.Errorf("a source the remaining files still define was pruned")
	}
}

// The default dataset keeps the curation policy (fixtures/CURATION.md):
// every citation quotes its source and every entry has one; the review's
// other findings are notes for the editors.
func TestDefaultFixturesQuoteEveryFact(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"check", "--fail-on", "no-quote,unsourced", "fixtures"}, &out, &errOut); code != exitOK {
		t.Fatalf("check fixtures: exit %d\n%s%s", code, out.String(), errOut.String())
	}
}

func TestCheckExitCodes(t *testing.T) {
	for _, tt := range []struct {
		args []string
		code int
		says string
	}{
		{[]string{"check", "loader/testdata/review"}, exitOK, "1 citations without a quote"},
		{[]string{"check", "--fail-on", "no-quote", "loader/testdata/review"}, exitInvalid, "(fails the check)"},
		{[]string{"check", "--fail-on", "all", "loader/testdata/review"}, exitInvalid, "1 plan points without text (fails the check)"},
		{[]string{"check", "--fail-on", "typo", "fixtures"}, exitInvalid, `unknown finding kind "typo"`},
		{[]string{"check", "loader/testdata/base.yaml", "loader/testdata/invalid/impossible-date.yaml"}, exitInvalid, "nothing was reviewed"},
		{[]string{"check"}, exitInvalid, "give at least one fixture file or folder"},
	} {
		var out, errOut bytes.Buffer
		code := run(context.Background(), tt.args, &out, &errOut)
		if code != tt.code || !strings.Contains(out.String()+errOut.String(), tt.says) {
			t.Errorf("%v: exit %d, want %d saying %q\n%s%s", tt.args, code, tt.code, tt.says, out.String(), errOut.String())
		}
	}
}
