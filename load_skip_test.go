package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/diplograph/diplograph/gen"
	"github.com/diplograph/diplograph/loader"
	"github.com/diplograph/diplograph/neo4jtest"
)

// A load skips the files that are byte for byte those the graph was last
// loaded from, and must leave what a load that reads every file leaves:
// the same graph, or the same problems and nothing written. Each case
// loads generated data, changes it, and loads the change twice from the
// same first graph: as a user would (skipping), and with -force (reading
// every file).
func TestSkippingUnchangedFilesLeavesWhatReadingAllDoes(t *testing.T) {
	db := neo4jtest.Open(t)
	pristine := t.TempDir()
	if _, err := gen.Generate(gen.Config{Scale: 0.02, Seed: 1}, pristine); err != nil {
		t.Fatal(err)
	}
	names, err := filepath.Glob(filepath.Join(pristine, "*.yaml"))
	if err != nil || len(names) < 10 {
		t.Fatalf("generated %d files (%v)", len(names), err)
	}
	read := func(name string) string {
		data, err := os.ReadFile(filepath.Join(pristine, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	// named counts each id's mentions in all the files, by token: an id is
	// often the start of another (plan-0001-v1-p6, plan-0001-v1-p60).
	named := map[string]int{}
	for _, n := range names {
		for _, tok := range regexp.MustCompile(`[\w-]+`).FindAllString(read(filepath.Base(n)), -1) {
			named[tok]++
		}
	}
	// once finds an id that only its definition names.
	once := func(file, prefix string) string {
		for _, m := range regexp.MustCompile(`(?m)^\s+- id: (`+prefix+`\S*)$`).FindAllStringSubmatch(read(file), -1) {
			if named[m[1]] == 1 {
				return m[1]
			}
		}
		t.Fatalf("no %s... id in %s that nothing else names", prefix, file)
		return ""
	}
	lastEvents := filepath.Base(names[len(names)-1])
	for i := len(names) - 1; !strings.HasPrefix(lastEvents, "events-"); i-- {
		lastEvents = filepath.Base(names[i-1])
	}
	cited := regexp.MustCompile(`sources: \[(src-\d+)`).FindStringSubmatch(read(lastEvents))[1]
	// A point that only its definition and one stance name.
	stanceOn := ""
	for _, m := range regexp.MustCompile(`"on": (\S+-p\d+)\n`).FindAllStringSubmatch(read("stances.yaml"), -1) {
		if named[m[1]] == 2 {
			stanceOn = m[1]
			break
		}
	}
	if stanceOn == "" {
		t.Fatal("no point that only a stance names")
	}
	actors := regexp.MustCompile(`(?m)^  - id: (person-\d+)$`).FindAllStringSubmatch(read("actors.yaml"), 2)
	anEvent := regexp.MustCompile(`(?m)^  - id: (\S+)$`).FindStringSubmatch(read(lastEvents))[1]

	cases := []struct {
		name   string
		change func(t *testing.T, dir string)
		args   []string
		want   string // in the skipping load's output: what it skipped or why not
	}{
		{"an event's title edited", func(t *testing.T, dir string) {
			edit(t, filepath.Join(dir, lastEvents), `    title: "`, `    title: "Revised: `)
		}, nil, fmt.Sprintf("skipped %d of %d", len(names)-1, len(names))},
		{"a new file", func(t *testing.T, dir string) {
			writeFile(t, filepath.Join(dir, "events-zz-extra.yaml"), fmt.Sprintf(`events:
  - id: meeting-extra-1
    type: meeting
    title: "An extra meeting"
    date: "2025-12-31"
    participants:
      - actor: %[1]s
        role: participant
        sources: [%[3]s]
      - actor: %[2]s
        role: participant
        sources: [%[3]s]
    sources: [%[3]s]
`, actors[0][1], actors[1][1], cited))
		}, nil, fmt.Sprintf("skipped %d of %d", len(names), len(names)+1)},
		{"an event dropped, with -prune", func(t *testing.T, dir string) {
			removeListItem(t, filepath.Join(dir, lastEvents), "- id: "+once(lastEvents, ""))
		}, []string{"--prune"}, fmt.Sprintf("skipped %d of %d", len(names)-1, len(names))},
		{"a file gone, with -prune", func(t *testing.T, dir string) {
			if err := os.Remove(filepath.Join(dir, "stances.yaml")); err != nil {
				t.Fatal(err)
			}
		}, []string{"--prune"}, fmt.Sprintf("skipped %d of %d", len(names)-1, len(names)-1)},
		{"a point nothing names dropped", func(t *testing.T, dir string) {
			removeListItem(t, filepath.Join(dir, "plans.yaml"), "- id: "+once("plans.yaml", `plan-\d+-v\d+-p`))
		}, nil, "read every file: a file that did not change depends"},
		{"a point a stance is on dropped", func(t *testing.T, dir string) {
			removeListItem(t, filepath.Join(dir, "plans.yaml"), "- id: "+stanceOn)
		}, nil, ""},
		{"a source events cite dropped", func(t *testing.T, dir string) {
			removeListItem(t, filepath.Join(dir, "sources.yaml"), "- id: "+cited)
		}, nil, ""},
		{"an id defined twice, in a new file and a skipped one", func(t *testing.T, dir string) {
			writeFile(t, filepath.Join(dir, "zz-actors.yaml"), fmt.Sprintf("actors:\n  - id: %s\n    kind: person\n    name: \"Twice\"\n", anEvent))
		}, nil, ""},
	}
	type outcome struct {
		code              int
		out, errOut, snap string
	}
	// loaded is a copy of the generated files, loaded into an empty graph.
	loaded := func(t *testing.T) string {
		dir := filepath.Join(t.TempDir(), "data")
		if err := os.CopyFS(dir, os.DirFS(pristine)); err != nil {
			t.Fatal(err)
		}
		db.Reset()
		if code, out, errOut := cli(t, db, "load", "--quiet", dir); code != exitOK {
			t.Fatalf("first load: exit %d\n%s%s", code, out, errOut)
		}
		return dir
	}
	load := func(t *testing.T, change func(*testing.T, string), args []string, force bool) outcome {
		dir := loaded(t)
		change(t, dir)
		if force {
			args = append(args, "--force")
		}
		code, out, errOut := cli(t, db, append(append([]string{"load", "--quiet"}, args...), dir)...)
		// The two loads' paths differ; what they report must not.
		return outcome{code, out, strings.ReplaceAll(errOut, dir, "DIR"), db.Snapshot()}
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			skipping := load(t, c.change, c.args, false)
			reading := load(t, c.change, c.args, true)
			if skipping.code != reading.code || skipping.errOut != reading.errOut {
				t.Errorf("skipping: exit %d\n%s\nreading every file: exit %d\n%s", skipping.code, skipping.errOut, reading.code, reading.errOut)
			}
			if skipping.snap != reading.snap {
				t.Errorf("the graphs differ")
			}
			if c.want != "" && !strings.Contains(skipping.out, c.want) {
				t.Errorf("want %q in:\n%s%s", c.want, skipping.out, skipping.errOut)
			}
			if c.want == "" && skipping.code != exitInvalid {
				t.Errorf("want the input refused, exit %d:\n%s%s", skipping.code, skipping.out, skipping.errOut)
			}
			if strings.Contains(reading.out, "skipped") {
				t.Errorf("-force skipped files:\n%s", reading.out)
			}
		})
	}

	// Only a graph that no load changed since it recorded the files skips.
	t.Run("the version moved", func(t *testing.T) {
		dir := loaded(t)
		edit(t, filepath.Join(dir, lastEvents), `    title: "`, `    title: "Revised: `)
		db.Write("MATCH (g:Graph {id: 'graph'}) SET g.version = g.version + 1", nil)
		code, out, errOut := cli(t, db, "load", "--quiet", dir)
		if code != exitOK || strings.Contains(out, "skipped") {
			t.Errorf("want every file read after the version moved: exit %d\n%s%s", code, out, errOut)
		}
		edit(t, filepath.Join(dir, lastEvents), `    title: "Revised: `, `    title: "`)
		if code, out, _ := cli(t, db, "load", "--quiet", dir); code != exitOK || !strings.Contains(out, "skipped") {
			t.Errorf("want files skipped once a load recorded them again:\n%s", out)
		}
		if v, err := db.Store.LoadedFiles(context.Background(), "another build"); err != nil || len(v) != 0 {
			t.Errorf("records for another build: %d (%v)", len(v), err)
		}
	})

	// A load that records no files (as POST /admin/reload loads) keeps the
	// records when it changes nothing, and removes them, stale, when it
	// changes the graph.
	t.Run("a load that records none", func(t *testing.T) {
		dir := loaded(t)
		records := func() int64 {
			return db.Rows("MATCH (f:LoadedFile) RETURN count(f) AS n", nil)[0]["n"].(int64)
		}
		write := func() {
			in, err := loader.Read([]string{dir})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := in.Write(context.Background(), db.Store, loader.Options{}); err != nil {
				t.Fatal(err)
			}
		}
		n := records()
		if n == 0 {
			t.Fatal("the first load recorded no files")
		}
		write()
		if got := records(); got != n {
			t.Errorf("%d records after a load that changed nothing, want %d", got, n)
		}
		if code, out, _ := cli(t, db, "load", "--quiet", dir); code != exitOK || !strings.Contains(out, "skipped") {
			t.Errorf("want files skipped after a load that changed nothing:\n%s", out)
		}
		edit(t, filepath.Join(dir, lastEvents), `    title: "`, `    title: "Revised: `)
		write()
		if got := records(); got != 0 {
			t.Errorf("%d records after a load that changed the graph and recorded none, want 0", got)
		}
	})
}
