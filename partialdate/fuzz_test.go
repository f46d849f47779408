package partialdate

import "testing"

// FuzzParse checks that every date Parse accepts prints back to itself and
// denotes a non-empty range of days.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"2025-10-16", "2025-10", "2025", "late 2025-10", "early 2026", "mid 2024-02", "2025-02-30", "", "late", "0001-01-01", "9999-12-31"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := Parse(s)
		if err != nil {
			return
		}
		again, err := Parse(d.String())
		if err != nil || again != d {
			t.Fatalf("%q parses to %q, which reads back as %v (%v)", s, d.String(), again, err)
		}
		if d.Latest().Before(d.Earliest()) {
			t.Fatalf("%q: latest %s before earliest %s", s, d.Latest(), d.Earliest())
		}
		if d.Display() == "" {
			t.Fatalf("%q has no display form", s)
		}
	})
}
