package partialdate

import (
	"testing"
	"time"
)

func TestParse(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		in        string
		canonical string
		display   string
		precision Precision
		from, to  time.Time
	}{
		{"2025-10-16", "2025-10-16", "16 October 2025", Day, day(2025, 10, 16), day(2025, 10, 16)},
		{"2025-10", "2025-10", "October 2025", Month, day(2025, 10, 1), day(2025, 10, 31)},
		{"2024-02", "2024-02", "February 2024", Month, day(2024, 2, 1), day(2024, 2, 29)},
		{"2025", "2025", "2025", Year, day(2025, 1, 1), day(2025, 12, 31)},
		{"late 2025-10", "late 2025-10", "late October 2025", Month, day(2025, 10, 21), day(2025, 10, 31)},
		{"early 2025-11", "early 2025-11", "early November 2025", Month, day(2025, 11, 1), day(2025, 11, 10)},
		{"mid 2025-02", "mid 2025-02", "mid February 2025", Month, day(2025, 2, 11), day(2025, 2, 20)},
		{"late 2025", "late 2025", "late 2025", Year, day(2025, 9, 1), day(2025, 12, 31)},
		{"  2025-11-25 ", "2025-11-25", "25 November 2025", Day, day(2025, 11, 25), day(2025, 11, 25)},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			d, err := Parse(tt.in)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.in, err)
			}
			if got := d.String(); got != tt.canonical {
				t.Errorf("String() = %q, want %q", got, tt.canonical)
			}
			if got := d.Display(); got != tt.display {
				t.Errorf("Display() = %q, want %q", got, tt.display)
			}
			if d.Precision() != tt.precision {
				t.Errorf("Precision() = %q, want %q", d.Precision(), tt.precision)
			}
			if !d.Earliest().Equal(tt.from) || !d.Latest().Equal(tt.to) {
				t.Errorf("bounds = %s..%s, want %s..%s", d.Earliest(), d.Latest(), tt.from, tt.to)
			}
		})
	}
}

func TestParseRejects(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", "empty date"},
		{"2025-02-30", "February 2025 has no day 30"},
		{"2023-02-29", "February 2023 has no day 29"},
		{"2025-13", "month 13 does not exist"},
		{"2025-00", "month 00 does not exist"},
		{"0000", "year 0000 is out of range"},
		{"25-10-16", `"25-10-16" is not YYYY, YYYY-MM or YYYY-MM-DD`},
		{"2025/10/16", `"2025/10/16" is not YYYY, YYYY-MM or YYYY-MM-DD`},
		{"2025-1-5", `"2025-1-5" is not YYYY, YYYY-MM or YYYY-MM-DD`},
		{"2025-10-16-01", `"2025-10-16-01" is not YYYY, YYYY-MM or YYYY-MM-DD`},
		{"late 2025-10-16", "a qualifier (late) only applies to a month or a year, not a day"},
		{"around 2025", `unknown qualifier "around" (want early, mid or late)`},
		{"October 2025", `unknown qualifier "October" (want early, mid or late)`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			_, err := Parse(tt.in)
			if err == nil {
				t.Fatalf("Parse(%q) succeeded, want error %q", tt.in, tt.want)
			}
			if err.Error() != tt.want {
				t.Errorf("Parse(%q) error = %q, want %q", tt.in, err, tt.want)
			}
		})
	}
}

func TestRanges(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	for _, tt := range []struct {
		in, canonical, display string
		from, to               time.Time
	}{
		{"2025-10-24..2025-10-26", "2025-10-24..2025-10-26", "between 24 and 26 October 2025", day(2025, 10, 24), day(2025, 10, 26)},
		{"2025-10-24..2025-11-02", "2025-10-24..2025-11-02", "between 24 October and 2 November 2025", day(2025, 10, 24), day(2025, 11, 2)},
		{"2025-10..2025-11", "2025-10..2025-11", "between October and November 2025", day(2025, 10, 1), day(2025, 11, 30)},
		{"late 2025-10 .. 2026", "late 2025-10..2026", "between late October 2025 and 2026", day(2025, 10, 21), day(2026, 12, 31)},
	} {
		d, err := Parse(tt.in)
		if err != nil {
			t.Fatalf("Parse(%q): %v", tt.in, err)
		}
		if d.String() != tt.canonical || d.Display() != tt.display || d.Precision() != Range ||
			!d.Earliest().Equal(tt.from) || !d.Latest().Equal(tt.to) || d.OptQualifier() != nil {
			t.Errorf("%q: %q %q %s %s..%s", tt.in, d.String(), d.Display(), d.Precision(), d.Earliest(), d.Latest())
		}
	}
	for _, bad := range []string{"2025-11..2025-10", "2025-10..2025-10", "2025-10..", "..2025"} {
		if _, err := Parse(bad); err == nil {
			t.Errorf("Parse(%q) accepted", bad)
		}
	}
}

// TestSpan: what disagreeing dates agree on is the date that covers all of
// them, exactly: a standard date when one fits, a range otherwise.
func TestSpan(t *testing.T) {
	for _, tt := range []struct {
		in   []string
		want string
	}{
		{[]string{"2025-10-24"}, "2025-10-24"},
		{[]string{"2025-10-24", "late 2025-10"}, "late 2025-10"},
		{[]string{"2025-10-24", "2025-10-26"}, "2025-10-24..2025-10-26"},
		{[]string{"2025-10", "2025-11-02"}, "2025-10..2025-11-02"},
		{[]string{"2025-11-18", "2025-11-19"}, "2025-11-18..2025-11-19"},
		{[]string{"2025-10", "2025-11", "2025-12"}, "2025-10..2025-12"},
		{[]string{"late 2025", "2025-09"}, "late 2025"},
		{[]string{"2025-10-01", "2025-10-31"}, "2025-10"},
	} {
		var ds []Date
		for _, s := range tt.in {
			ds = append(ds, MustParse(s))
		}
		if got := Span(ds...).String(); got != tt.want {
			t.Errorf("Span(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if !Span().IsZero() {
		t.Error("the span of nothing is a date")
	}
}

func TestWithin(t *testing.T) {
	day := func(s string) time.Time {
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	for _, c := range []struct{ from, to, want string }{
		{"2025-10-24", "2025-10-24", "2025-10-24"},
		{"2025-10-01", "2025-10-31", "2025-10"},
		{"2025-10-21", "2025-10-31", "late 2025-10"},
		{"2025-09-01", "2025-12-31", "late 2025"},
		{"2025-09-01", "2025-10-24", "2025-09-01..2025-10-24"},
		{"2025-10-24", "2025-10-26", "2025-10-24..2025-10-26"},
	} {
		got, err := Within(day(c.from), day(c.to))
		if err != nil {
			t.Errorf("Within(%s, %s): %v", c.from, c.to, err)
			continue
		}
		if got.String() != c.want || !got.Earliest().Equal(day(c.from)) || !got.Latest().Equal(day(c.to)) {
			t.Errorf("Within(%s, %s) = %s (%s to %s), want %s", c.from, c.to, got, got.Earliest().Format(time.DateOnly), got.Latest().Format(time.DateOnly), c.want)
		}
	}
	if _, err := Within(day("2025-10-02"), day("2025-10-01")); err == nil {
		t.Error("Within accepted a range that ends before it starts")
	}
}
