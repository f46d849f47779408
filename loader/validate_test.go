package loader

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestInvalidFixtures loads each broken file beside a valid base file and
// compares every reported problem, position included.
func TestInvalidFixtures(t *testing.T) {
	tests := []struct {
		file string
		want []string
	}{
		{"yaml-syntax.yaml", []string{"4:1: YAML syntax: found unexpected end of stream"}},
		{"wrong-type.yaml", []string{`6:15: events[0].duration: invalid value "two hours": A quantity as text: [about|over|under|almost] NUMBER[-NUMBER] [UNIT], such as "about 40 minutes", "5-7 hour", "600000 troops"`}},
		{"dropped-but-revised.yaml", []string{`17:31: point "h1" is dropped in "plan-h-v2", but "h2" revises it there: drop the revises link or give the fates as competing values`}},
		{"fate-without-source.yaml", []string{
			`15:13: the fate of point "g1" has no source: give its sources, or each fate with its own`,
			`17:20: the fate of point "g1" is given twice`,
			"18:19: 2 values of fate/g1 are marked preferred; mark at most one",
		}},
		{"unknown-field.yaml", []string{`5:5: actors[0]: unknown field "nickname"`}},
		{"missing-source.yaml", []string{`2:5: events[0]: missing required field "sources"`}},
		{"duplicate-id.yaml", []string{`2:9: duplicate id "alice": already defined as actor at testdata/base.yaml:9:9`}},
		{"duplicate-key.yaml", []string{`5:5: key "name" appears twice`}},
		{"dangling-reference.yaml", []string{
			`7:16: unknown actor "nobody"`,
			`10:15: unknown source "src-missing"`,
		}},
		{"wrong-kind-reference.yaml", []string{`6:14: "alice" is an actor, not a place`}},
		{"impossible-date.yaml", []string{`5:11: invalid date "2025-02-30": February 2025 has no day 30`}},
		{"malformed-date.yaml", []string{`5:11: events[0].date: invalid date "October 2025": write YYYY-MM-DD, YYYY-MM or YYYY, optionally after early, mid or late ("late 2025-10"), or two of those joined by ".." ("2025-10-24..2025-11")`}},
		{"end-before-start.yaml", []string{"6:10: end (2025-10-20) is before date (2025-11)"}},
		{"unknown-enum.yaml", []string{"3:11: events[0].type: value must be one of 'phone_call', 'meeting', 'talks', 'visit', 'communication', 'briefing', 'statement', 'plan_release', 'plan_revision', 'deadline', 'report', 'other'"}},
		{"derivation-cycle.yaml", []string{"7:22: plan versions derive from each other in a cycle: cyc-1 -> cyc-2 -> cyc-1"}},
		{"point-beyond-count.yaml", []string{`11:21: point number 3 is beyond the 2 points of "small-v1"`}},
		{"bad-id.yaml", []string{`2:9: actors[0].id: invalid id "Dan Driscoll": use lower-case letters, digits and single hyphens ("dan-driscoll")`}},
		{"two-preferred-values.yaml", []string{"7:7: 2 values of duration are marked preferred; mark at most one"}},
		{"duration-without-unit.yaml", []string{`7:16: duration: give the unit, minute, hour or day (got "")`}},
		{"competing-bad-date.yaml", []string{`8:16: events[0].date[1].value: invalid date "the 19th": write YYYY-MM-DD, YYYY-MM or YYYY, optionally after early, mid or late ("late 2025-10"), or two of those joined by ".." ("2025-10-24..2025-11")`}},
		{"fate-unrelated-point.yaml", []string{`9:20: point "v1-p1" is not in a version that "plan-f-v1" derives from: it can have no fate there`}},
		{"identity-of-known-actor.yaml", []string{`5:15: identity is for unidentified actors: "carol" is a person`}},
		{"preferred-author.yaml", []string{`9:19: authors holds several values side by side: none is preferred over the others (deprecate a wrong one instead)`}},
		{"cited-twice-in-a-claim.yaml", []string{`10:11: source "src-a" is cited twice for this fact (also at sources[0]): merge the two citations into one`}},
		{"duplicate-participant.yaml", []string{
			`10:16: actor "alice" takes part twice in event "ev-twice"`,
			`13:22: source "src-a" is cited twice for this fact (also at sources[0]): merge the two citations into one`,
		}},
		{"revises-unrelated.yaml", []string{`11:22: point "b1-p1" revises "v1-p1", which is not in a version that "plan-b-v1" derives from`}},
		{"invalid-utf8.yaml", []string{"4:19: invalid UTF-8 byte sequence"}},
		{"top-level-list.yaml", []string{"1:1: document: got array, want object"}},
		{"missing-id.yaml", []string{`2:5: actors[0]: missing required field "id"`}},
		{"citation-unknown-field.yaml", []string{`8:9: events[0].sources[0]: unknown field "page"`}},
		{"citation-not-a-source.yaml", []string{`6:15: "city-a" is a place, not a source`}},
		{"stance-on-event.yaml", []string{`5:11: "ev-1" is an event, not a plan point or plan version`}},
		{"unknown-role.yaml", []string{"8:15: events[0].participants[0].role: value must be one of 'participant', 'caller', 'recipient', 'host', 'visitor', 'delegation_head', 'delegate', 'adviser', 'advised', 'author', 'speaker', 'addressee', 'issuer', 'mediator', 'party'"}},
		{"role-until-before-from.yaml", []string{"8:16: until (2024) is before from (2025-06)"}},
		{"place-in-itself.yaml", []string{`5:9: place "loop-city" cannot be in itself`}},
		{"event-leads-to-itself.yaml", []string{`6:13: event "ev-loop" cannot relate to itself (ledTo)`}},
		{"version-derives-from-itself.yaml", []string{`7:22: plan version "self-v1" cannot derive from itself`}},
		{"duplicate-point-number.yaml", []string{`15:21: point number 2 appears twice in "dup-v1"`}},
		{"more-points-than-declared.yaml", []string{`10:11: plan version "over-v1" lists 2 points but declares 1`}},
		{"yaml-alias.yaml", []string{"10:15: YAML aliases are not allowed in fixtures"}},
		{"tab-indentation.yaml", []string{"2:1: YAML syntax: found a tab character that violates indentation"}},
		{"integer-out-of-range.yaml", []string{"6:15: integer 99999999999999999999 is out of range"}},
		{"negative-duration.yaml", []string{"6:15: events[0].duration: must be at least 0, got -5"}},
		{"unknown-section.yaml", []string{`1:1: document: unknown field "meetings"`}},
		{"string-for-list.yaml", []string{"5:14: actors[0].aliases: got string, want array"}},
		{"unquoted-date.yaml", []string{`5:11: invalid date "2025-02-29": February 2025 has no day 29`}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := filepath.Join("testdata", "invalid", tt.file)
			in, err := Read([]string{"testdata/base.yaml", path})
			if in != nil {
				t.Fatalf("Read accepted %s", path)
			}
			var invalid *InvalidInputError
			if !errors.As(err, &invalid) {
				t.Fatalf("Read(%s) error = %v, want *InvalidInputError", path, err)
			}
			var got []string
			for _, d := range invalid.Diagnostics {
				got = append(got, d.String())
			}
			var want []string
			for _, w := range tt.want {
				want = append(want, path+":"+w)
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}

// TestEveryInvalidFileIsCovered keeps the table above and the corpus in
// step: a new broken file needs its expected messages.
func TestEveryInvalidFileIsCovered(t *testing.T) {
	src, err := os.ReadFile("validate_test.go")
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("testdata/invalid/*.yaml")
	if len(files) < 30 {
		t.Errorf("the corpus has %d files; keep at least 30", len(files))
	}
	for _, f := range files {
		if !strings.Contains(string(src), `{"`+filepath.Base(f)+`"`) {
			t.Errorf("%s has no expected messages in TestInvalidFixtures", f)
		}
	}
}

// TestOversizedFile writes a 50 MB fixture (made here, not kept in the
// repository) and checks it is refused before it is read.
func TestOversizedFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "huge.yaml")
	var b strings.Builder
	b.WriteString("actors:\n")
	for i := 0; b.Len() < 50<<20; i++ {
		fmt.Fprintf(&b, "  - id: actor-%d\n    kind: person\n    name: Actor number %d with a long name to fill the file\n", i, i)
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Read([]string{path})
	var invalid *InvalidInputError
	if !errors.As(err, &invalid) || len(invalid.Diagnostics) != 1 {
		t.Fatalf("error = %v, want one diagnostic", err)
	}
	want := fmt.Sprintf("%s:1:1: file is %d bytes, over the limit of %d", path, b.Len(), MaxFileSize)
	if got := invalid.Diagnostics[0].String(); got != want {
		t.Errorf("diagnostic = %q, want %q", got, want)
	}
}

// TestEveryProblemAtOnce checks that problems in several files come back
// together, sorted by file and position, rather than one per run.
func TestEveryProblemAtOnce(t *testing.T) {
	_, err := Read([]string{"testdata/base.yaml", "testdata/invalid/impossible-date.yaml", "testdata/invalid/dangling-reference.yaml"})
	var invalid *InvalidInputError
	if !errors.As(err, &invalid) {
		t.Fatalf("error = %v, want *InvalidInputError", err)
	}
	if len(invalid.Diagnostics) != 3 {
		t.Fatalf("got %d diagnostics, want 3: %v", len(invalid.Diagnostics), invalid)
	}
	if invalid.Diagnostics[0].File != "testdata/invalid/dangling-reference.yaml" || invalid.Diagnostics[2].File != "testdata/invalid/impossible-date.yaml" {
		t.Errorf("diagnostics not sorted by file: %v", invalid)
	}
}

func TestCuratedFixturesAreValid(t *testing.T) {
	in, err := Read([]string{"../fixtures"})
	if err != nil {
		t.Fatalf("fixtures: %v", err)
	}
	if len(in.Files) < 5 {
		t.Errorf("read %d fixture files, want the curated set", len(in.Files))
	}
}

func TestReadRejectsMissingPaths(t *testing.T) {
	if _, err := Read(nil); err == nil {
		t.Error("Read(nil) succeeded")
	}
	if _, err := Read([]string{"testdata/does-not-exist"}); err == nil {
		t.Error("Read of a missing path succeeded")
	}
	if _, err := Read([]string{t.TempDir()}); err == nil || !strings.Contains(err.Error(), "no *.yaml") {
		t.Errorf("Read of an empty folder: %v", err)
	}
}

// TestRootCauseFirst: when a file cannot be read, references to the ids it
// defines fail too; the file's own problem comes first, and each dependent
// error says what it depends on, even when its file sorts first.
func TestRootCauseFirst(t *testing.T) {
	_, err := Read([]string{"testdata/base.yaml", "testdata/dependent"})
	var invalid *InvalidInputError
	if !errors.As(err, &invalid) {
		t.Fatalf("error = %v, want *InvalidInputError", err)
	}
	want := []string{
		`testdata/dependent/b-broken-dora.yaml:6:5: actors[0]: unknown field "nickname"`,
		`testdata/dependent/a-uses-dora.yaml:9:16: unknown actor "dora": it is defined at testdata/dependent/b-broken-dora.yaml:3:5, in a file that could not be read (its problems are reported above)`,
	}
	var got []string
	for _, d := range invalid.Diagnostics {
		got = append(got, d.String())
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
