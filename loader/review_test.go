package loader

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestReviewFindsWhatThePolicyAsks(t *testing.T) {
	findings, err := Review([]string{"testdata/review"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range findings {
		got = append(got, fmt.Sprintf("%d:%d %s: %s", f.Line, f.Col, f.Kind, f.Message))
	}
	want := []string{
		`5:10 unlocated-source: source "src-nowhere" has no URL and no publisher`,
		`12:10 unsourced: no source supports actor "minister"`,
		`27:7 uncertain-participants: no source confirms any of the 2 participants of "talks-reported"`,
		`33:19 no-quote: events[0].participants[1].sources[0]: the citation of "src-nowhere" gives no quote`,
		`44:17 point-without-text: point "r1" of "plan-r-v1" has no text`,
		`48:17 unsourced: no source of its own supports sub-point "a" of "r1"`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestReviewRefusesInvalidInput(t *testing.T) {
	_, err := Review([]string{"testdata/base.yaml", "testdata/invalid/dangling-reference.yaml"})
	var invalid *InvalidInputError
	if !errors.As(err, &invalid) || len(invalid.Diagnostics) == 0 || invalid.Diagnostics[0].Line == 0 {
		t.Fatalf("Review of invalid input = %v, want located problems", err)
	}
}
