// Package activity counts events per period (day, week, month or year)
// without claiming more than their dates say: an event is certainly in a
// period when every placement its dates allow touches that period, and
// only possibly in the other periods its possible days touch. A histogram
// of stored days would put "late October 2025" on one day or drop it.
package activity

import (
	"fmt"
	"sort"
	"time"

	"github.com/diplograph/diplograph/store"
	"github.com/diplograph/diplograph/vocab"
)

// MaxBuckets bounds one histogram: a day-by-day count over decades is not
// a chart anyone can read, and its answer would be megabytes.
const MaxBuckets = 1000

// Bucket is one period and the events in it.
type Bucket struct {
	From, To          time.Time
	Certain, Possible int
	Groups            []Group
}

// Group is one group's share of a bucket; a nil Key is a value the sources
// do not give.
type Group struct {
	Key               *string
	Certain, Possible int
}

// ErrTooManyBuckets is returned when the range and interval ask for more
// than MaxBuckets periods.
var ErrTooManyBuckets = fmt.Errorf("more than %d periods: narrow the dates or choose a longer interval", MaxBuckets)

// Count buckets the events over [from, to] (either may be nil: the events'
// own earliest and latest possible days), one bucket per period, empty
// ones included.
func Count(events []store.DatedEvent, from, to *time.Time, iv vocab.Interval) ([]Bucket, error) {
	type span struct{ lo, hi, sureLo, sureHi time.Time }
	spans := make([]span, len(events))
	var first, last time.Time
	for i, e := range events {
		s := span{lo: e.Date.Earliest(), sureLo: e.Date.Latest(), hi: e.Date.Latest(), sureHi: e.Date.Earliest()}
		if !e.End.IsZero() {
			s.hi, s.sureHi = e.End.Latest(), e.End.Earliest()
		}
		spans[i] = s
		if i == 0 || s.lo.Before(first) {
			first = s.lo
		}
		if i == 0 || s.hi.After(last) {
			last = s.hi
		}
	}
	if from != nil {
		first = day(*from)
	}
	if to != nil {
		last = day(*to)
	}
	if (len(events) == 0 && (from == nil || to == nil)) || last.Before(first) {
		return []Bucket{}, nil
	}
	buckets, err := periods(first, last, iv)
	if err != nil {
		return nil, err
	}
	groups := make([]map[string]*Group, len(buckets))
	for i, e := range events {
		s := spans[i]
		// The days it certainly spans, when the dates fix any: a meeting
		// known to run from the 24th to the 26th.
		sure := !s.sureLo.After(s.sureHi)
		j := sort.Search(len(buckets), func(j int) bool { return !buckets[j].To.Before(s.lo) })
		for ; j < len(buckets) && !buckets[j].From.After(s.hi); j++ {
			b := &buckets[j]
			certain := (!s.lo.Before(b.From) && !s.hi.After(b.To)) ||
				(sure && !s.sureLo.After(b.To) && !s.sureHi.Before(b.From))
			if certain {
				b.Certain++
			} else {
				b.Possible++
			}
			for _, k := range e.Keys {
				if groups[j] == nil {
					groups[j] = map[string]*Group{}
				}
				name := "\x00" // no value: sorts apart from every key
				if k != nil {
					name = *k
				}
				g := groups[j][name]
				if g == nil {
					g = &Group{Key: k}
					groups[j][name] = g
				}
				if certain {
					g.Certain++
				} else {
					g.Possible++
				}
			}
		}
	}
	for j := range buckets {
		list := make([]Group, 0, len(groups[j]))
		for _, g := range groups[j] {
			list = append(list, *g)
		}
		sort.Slice(list, func(a, b int) bool {
			x, y := list[a], list[b]
			if x.Certain+x.Possible != y.Certain+y.Possible {
				return x.Certain+x.Possible > y.Certain+y.Possible
			}
			if x.Certain != y.Certain {
				return x.Certain > y.Certain
			}
			if (x.Key == nil) != (y.Key == nil) {
				return y.Key == nil
			}
			return x.Key != nil && *x.Key < *y.Key
		})
		buckets[j].Groups = list
	}
	return buckets, nil
}

func day(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// periods cuts [first, last] into whole periods: the first begins on or
// before first (a Monday for weeks), the last ends on or after last.
func periods(first, last time.Time, iv vocab.Interval) ([]Bucket, error) {
	var start time.Time
	var next func(time.Time) time.Time
	switch iv {
	case vocab.IntervalDay:
		start, next = first, func(t time.Time) time.Time { return t.AddDate(0, 0, 1) }
	case vocab.IntervalWeek:
		back := (int(first.Weekday()) + 6) % 7 // days since Monday
		start, next = first.AddDate(0, 0, -back), func(t time.Time) time.Time { return t.AddDate(0, 0, 7) }
	case vocab.IntervalMonth:
		start = time.Date(first.Year(), first.Month(), 1, 0, 0, 0, 0, time.UTC)
		next = func(t time.Time) time.Time { return t.AddDate(0, 1, 0) }
	case vocab.IntervalYear:
		start = time.Date(first.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
		next = func(t time.Time) time.Time { return t.AddDate(1, 0, 0) }
	default:
		return nil, fmt.Errorf("unknown interval %q", iv)
	}
	var out []Bucket
	for t := start; !t.After(last); t = next(t) {
		if len(out) == MaxBuckets {
			return nil, ErrTooManyBuckets
		}
		out = append(out, Bucket{From: t, To: next(t).AddDate(0, 0, -1)})
	}
	return out, nil
}
