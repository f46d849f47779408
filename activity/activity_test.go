package activity

import (
	"testing"
	"time"

	"github.com/diplograph/diplograph/partialdate"
	"github.com/diplograph/diplograph/store"
	"github.com/diplograph/diplograph/vocab"
)

func ev(date, end string, keys ...string) store.DatedEvent {
	e := store.DatedEvent{Date: partialdate.MustParse(date)}
	if end != "" {
		e.End = partialdate.MustParse(end)
	}
	for _, k := range keys {
		e.Keys = append(e.Keys, &k)
	}
	return e
}

func at(s string) *time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return &t
}

// counts renders buckets as "from certain/possible" for comparison.
func counts(bs []Bucket) []string {
	var out []string
	for _, b := range bs {
		out = append(out, b.From.Format(time.DateOnly)+" "+itoa(b.Certain)+"/"+itoa(b.Possible))
	}
	return out
}

func itoa(n int) string { return string(rune('0' + n)) }

func check(t *testing.T, what string, got, want []string) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %v, want %v", what, got, want)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("%s: %v, want %v", what, got, want)
		}
	}
}

func TestMonthsSplitCertainFromPossible(t *testing.T) {
	events := []store.DatedEvent{
		ev("2025-10-16", ""),               // a day: certain in October
		ev("2025-10", ""),                  // a month: certain in October
		ev("late 2025-10", ""),             // a qualified month: certain in October
		ev("late 2025", ""),                // September to December: certain in none
		ev("2025-10-30", "2025-11-02"),     // a known span across the edge: certain in both
		ev("late 2025-10", "2025-11"),      // begun in late October, ended in November: it ran on 31 October and 1 November
		ev("2025-10-20", "late 2025-11"),   // from 20 October to some day in late November: certain in both
		ev("late 2025-10", "late 2025-10"), // within late October, however long
		ev("2025-10-30..2025-11-02", ""),   // some one day of four across the edge: possible in both
	}
	got, err := Count(events, at("2025-09-01"), at("2025-12-31"), vocab.IntervalMonth)
	if err != nil {
		t.Fatal(err)
	}
	check(t, "months", counts(got), []string{"2025-09-01 0/1", "2025-10-01 7/2", "2025-11-01 3/2", "2025-12-01 0/1"})
	if !got[0].To.Equal(*at("2025-09-30")) {
		t.Errorf("September ends %s", got[0].To)
	}
}

func TestWeeksBeginOnMonday(t *testing.T) {
	// October 2025 begins on a Wednesday: its weeks begin 29 September.
	got, err := Count([]store.DatedEvent{ev("2025-10", ""), ev("2025-10-16", "")}, at("2025-10-01"), at("2025-10-31"), vocab.IntervalWeek)
	if err != nil {
		t.Fatal(err)
	}
	// The month-precision event is possible in each of its five weeks and
	// certain in none; the 16th (a Thursday) is certain in the week of the 13th.
	check(t, "weeks", counts(got), []string{"2025-09-29 0/1", "2025-10-06 0/1", "2025-10-13 1/1", "2025-10-20 0/1", "2025-10-27 0/1"})
}

func TestYearsAndGroups(t *testing.T) {
	got, err := Count([]store.DatedEvent{ev("2025", "", "trump", "putin"), ev("2025-08-15", "", "trump")}, nil, nil, vocab.IntervalYear)
	if err != nil {
		t.Fatal(err)
	}
	check(t, "years", counts(got), []string{"2025-01-01 2/0"})
	g := got[0].Groups
	if len(g) != 2 || *g[0].Key != "trump" || g[0].Certain != 2 || *g[1].Key != "putin" || g[1].Certain != 1 {
		t.Errorf("groups %+v", g)
	}
	// Month by month, the year-only event is possible in every month.
	months, err := Count([]store.DatedEvent{ev("2025", "")}, nil, nil, vocab.IntervalMonth)
	if err != nil {
		t.Fatal(err)
	}
	if len(months) != 12 || months[0].Possible != 1 || months[11].Possible != 1 || months[5].Certain != 0 {
		t.Errorf("the year in months: %v", counts(months))
	}
}

func TestUnknownGroupAndBounds(t *testing.T) {
	e := ev("2025-10-16", "")
	e.Keys = []*string{nil}
	got, err := Count([]store.DatedEvent{e}, nil, nil, vocab.IntervalDay)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || len(got[0].Groups) != 1 || got[0].Groups[0].Key != nil || got[0].Groups[0].Certain != 1 {
		t.Errorf("an event of unknown modality: %+v", got)
	}
	if _, err := Count(nil, at("2000-01-01"), at("2025-12-31"), vocab.IntervalDay); err != ErrTooManyBuckets {
		t.Errorf("26 years of days: %v, want ErrTooManyBuckets", err)
	}
	if got, err := Count(nil, nil, nil, vocab.IntervalMonth); err != nil || len(got) != 0 {
		t.Errorf("no events, no range: %v %v", got, err)
	}
}
