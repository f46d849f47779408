package loader

import (
	"errors"
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
		{"wrong-type.yaml", []string{"6:22: events[0].durationMinutes: got string, want integer"}},
		{"unknown-field.yaml", []string{`5:5: actors[0]: unknown field "nickname"`}},
		{"missing-source.yaml", []string{`2:5: events[0]: missing required field "sources"`}},
		{"duplicate-id.yaml", []string{`2:9: duplicate id "alice": already defined as actor at testdata/base.yaml:9:9`}},
		{"duplicate-key.yaml", []string{`5:5: key "name" appears twice`}},
		{"dangling-reference.yaml", []string{
			`7:16: unknown actor "nobody"`,
			`10:15: unknown source "src-missing"`,
		}},
		{"wrong-kind-reference.yaml", []string{`6:12: "alice" is an actor, not a place`}},
		{"impossible-date.yaml", []string{`5:11: invalid date "2025-02-30": February 2025 has no day 30`}},
		{"malformed-date.yaml", []string{`5:11: events[0].date: invalid date "October 2025": write YYYY-MM-DD, YYYY-MM or YYYY, optionally after early, mid or late ("late 2025-10")`}},
		{"end-before-start.yaml", []string{"6:10: end (2025-10-20) is before date (2025-11)"}},
		{"unknown-enum.yaml", []string{"3:11: events[0].type: value must be one of 'phone_call', 'meeting', 'talks', 'visit', 'communication', 'briefing', 'statement', 'plan_release', 'plan_revision', 'deadline', 'report', 'other'"}},
		{"derivation-cycle.yaml", []string{"7:22: plan versions derive from each other in a cycle: cyc-1 -> cyc-2 -> cyc-1"}},
		{"point-beyond-count.yaml", []string{`11:21: point number 3 is beyond the 2 points of "small-v1"`}},
		{"bad-id.yaml", []string{`2:9: actors[0].id: invalid id "Dan Driscoll": use lower-case letters, digits and single hyphens ("dan-driscoll")`}},
		{"dispute-mismatch.yaml", []string{
			"10:11: 2 values are marked preferred; mark at most one",
			`10:20: preferred value "120" differs from the event's durationMinutes "150"`,
		}},
		{"duplicate-participant.yaml", []string{
			`10:16: actor "alice" takes part twice in event "ev-twice"`,
			`13:22: source "src-a" is cited twice`,
		}},
		{"revises-unrelated.yaml", []string{`11:22: point "b1-p1" revises "v1-p1", which is not in a version that "plan-b-v1" derives from`}},
		{"invalid-utf8.yaml", []string{"4:19: invalid UTF-8 byte sequence"}},
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
