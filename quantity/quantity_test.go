package quantity

import "testing"

func TestParseAndDisplay(t *testing.T) {
	for _, tt := range []struct{ in, canonical, display string }{
		{"150 minute", "150 minute", "150 minutes"},
		{"about 40 minute", "about 40 minute", "about 40 minutes"},
		{"over 2 hour", "over 2 hour", "over 2 hours"},
		{"just 5", "", ""},
		{"5-7 hour", "5-7 hour", "between 5 and 7 hours"},
		{"600000 troops", "600000 troops", "600,000 troops"},
		{"1 hour", "1 hour", "1 hour"},
		{"2.5 hour", "2.5 hour", "2.5 hours"},
		{"100000000000 usd", "100000000000 usd", "100,000,000,000 usd"},
		{"19", "19", "19"},
	} {
		q, err := Parse(tt.in)
		if tt.canonical == "" {
			if err == nil {
				t.Errorf("Parse(%q) accepted", tt.in)
			}
			continue
		}
		if err != nil || q.String() != tt.canonical || q.Display() != tt.display {
			t.Errorf("Parse(%q) = %q %q, %v", tt.in, q.String(), q.Display(), err)
		}
	}
	for _, bad := range []string{"", "7-5 hour", "about 5-7 hour", "-3 hour", "x hour", "1 2 3"} {
		if _, err := Parse(bad); err == nil {
			t.Errorf("Parse(%q) accepted", bad)
		}
	}
}

func TestMinutesOnlyWhenExact(t *testing.T) {
	for in, want := range map[string]int{"150 minute": 150, "2.5 hour": 150, "1 day": 1440, "about 40 minute": -1, "5-7 hour": -1, "3 troops": -1} {
		m, ok := parseOrZero(in).Minutes()
		if (want < 0) == ok || (ok && m != want) {
			t.Errorf("%q: %d %v, want %d", in, m, ok, want)
		}
	}
}

func parseOrZero(s string) Q {
	q, _ := Parse(s)
	return q
}
