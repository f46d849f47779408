// Package partialdate parses and formats dates that are only as precise as
// their sources: a day, a month, a year, part of a month or year ("late
// October 2025"), or a range between two of those ("between 24 October and
// 2 November 2025"). A partial date never gains precision it was not given:
// it is kept as the interval of days it may denote.
package partialdate

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/diplograph/diplograph/vocab"
)

// Precision is the smallest unit a date was given in (the schema's
// DatePrecision); a range has precision Range.
type Precision = vocab.DatePrecision

const (
	Day   = vocab.DatePrecisionDay
	Month = vocab.DatePrecisionMonth
	Year  = vocab.DatePrecisionYear
	Range = vocab.DatePrecisionRange
)

// Qualifier narrows a month or a year to a part of it (the schema's
// DateQualifier).
type Qualifier = vocab.DateQualifier

const (
	NoQualifier Qualifier = ""
	Early                 = vocab.DateQualifierEarly
	Mid                   = vocab.DateQualifierMid
	Late                  = vocab.DateQualifierLate
)

// RangeSep separates the two ends of a range in the canonical text.
const RangeSep = ".."

// point is a date known to a precision: a day, a month or a year, the last
// two optionally narrowed by a qualifier.
type point struct {
	year      int
	month     time.Month // 0 when precision is Year
	day       int        // 0 unless precision is Day
	precision Precision
	qualifier Qualifier
}

// Date is a date known to some precision. The zero value is "no date".
type Date struct {
	start point
	// end is set only for a range: the date lies somewhere from the first
	// day start may denote to the last day end may.
	end point
}

// ErrEmpty is returned by Parse for an empty string.
var ErrEmpty = errors.New("empty date")

// Parse reads the canonical text form: "2025-10-16", "2025-10", "2025",
// optionally preceded by a qualifier for months and years: "late 2025-10",
// "early 2026"; or two of those joined by "..", a range: "2025-10-24..2025-11".
func Parse(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Date{}, ErrEmpty
	}
	if a, b, ok := strings.Cut(s, RangeSep); ok {
		from, err := parsePoint(strings.TrimSpace(a))
		if err != nil {
			return Date{}, err
		}
		to, err := parsePoint(strings.TrimSpace(b))
		if err != nil {
			return Date{}, err
		}
		return between(from, to)
	}
	p, err := parsePoint(s)
	if err != nil {
		return Date{}, err
	}
	return Date{start: p}, nil
}

func between(from, to point) (Date, error) {
	if from == to {
		return Date{}, fmt.Errorf("a range needs two different ends, got %s twice", from)
	}
	f, _ := from.bounds()
	_, t := to.bounds()
	if t.Before(f) {
		return Date{}, fmt.Errorf("the range ends (%s) before it starts (%s)", to, from)
	}
	return Date{start: from, end: to}, nil
}

func parsePoint(s string) (point, error) {
	if s == "" {
		return point{}, ErrEmpty
	}
	var q Qualifier
	if head, rest, ok := strings.Cut(s, " "); ok {
		switch Qualifier(head) {
		case Early, Mid, Late:
			q = Qualifier(head)
			s = strings.TrimSpace(rest)
		default:
			return point{}, fmt.Errorf("unknown qualifier %q (want early, mid or late)", head)
		}
	}
	parts := strings.Split(s, "-")
	if len(parts) > 3 {
		return point{}, fmt.Errorf("%q is not YYYY, YYYY-MM or YYYY-MM-DD", s)
	}
	widths := []int{4, 2, 2}
	nums := make([]int, len(parts))
	for i, p := range parts {
		if len(p) != widths[i] {
			return point{}, fmt.Errorf("%q is not YYYY, YYYY-MM or YYYY-MM-DD", s)
		}
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 {
			return point{}, fmt.Errorf("%q is not YYYY, YYYY-MM or YYYY-MM-DD", s)
		}
		nums[i] = n
	}
	d := point{year: nums[0], precision: Year, qualifier: q}
	if d.year < 1 {
		return point{}, fmt.Errorf("year %04d is out of range", d.year)
	}
	if len(nums) >= 2 {
		if nums[1] < 1 || nums[1] > 12 {
			return point{}, fmt.Errorf("month %02d does not exist", nums[1])
		}
		d.month, d.precision = time.Month(nums[1]), Month
	}
	if len(nums) == 3 {
		if q != NoQualifier {
			return point{}, fmt.Errorf("a qualifier (%s) only applies to a month or a year, not a day", q)
		}
		if nums[2] < 1 || nums[2] > daysIn(d.year, d.month) {
			return point{}, fmt.Errorf("%s %d has no day %d", d.month, d.year, nums[2])
		}
		d.day, d.precision = nums[2], Day
	}
	return d, nil
}

// MustParse is Parse for literals known to be valid.
func MustParse(s string) Date {
	d, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return d
}

func daysIn(year int, m time.Month) int {
	return time.Date(year, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// IsZero reports whether no date was given.
func (d Date) IsZero() bool { return d.start.precision == "" }

// IsRange reports whether the date is a range between two dates.
func (d Date) IsRange() bool { return d.end.precision != "" }

// Precision is the date's precision; Range for a range.
func (d Date) Precision() Precision {
	if d.IsRange() {
		return Range
	}
	return d.start.precision
}

// Qualifier is the part of a month or year the date names; none for a
// range.
func (d Date) Qualifier() Qualifier {
	if d.IsRange() {
		return NoQualifier
	}
	return d.start.qualifier
}

// OptQualifier is the qualifier, nil when there is none: the form an
// optional field of the API takes.
func (d Date) OptQualifier() *Qualifier {
	q := d.Qualifier()
	if q == NoQualifier {
		return nil
	}
	return &q
}

// Value is the canonical text form, as String.
func (d Date) Value() string { return d.String() }

// String is the canonical text form that Parse reads.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	if d.IsRange() {
		return d.start.String() + RangeSep + d.end.String()
	}
	return d.start.String()
}

func (p point) String() string {
	var s string
	switch p.precision {
	case Day:
		s = fmt.Sprintf("%04d-%02d-%02d", p.year, p.month, p.day)
	case Month:
		s = fmt.Sprintf("%04d-%02d", p.year, p.month)
	default:
		s = fmt.Sprintf("%04d", p.year)
	}
	if p.qualifier != NoQualifier {
		s = string(p.qualifier) + " " + s
	}
	return s
}

// Display is the human form: "16 October 2025", "late October 2025",
// "2025", "between 24 October and 2 November 2025".
func (d Date) Display() string {
	if d.IsZero() {
		return ""
	}
	if !d.IsRange() {
		return d.start.display()
	}
	a, b := d.start, d.end
	// Leave out what the two ends share: "between 24 and 26 October 2025".
	if a.qualifier == NoQualifier && b.qualifier == NoQualifier && a.year == b.year {
		switch {
		case a.precision == Day && b.precision == Day && a.month == b.month:
			return fmt.Sprintf("between %d and %d %s %d", a.day, b.day, a.month, a.year)
		case a.precision == Day && b.precision == Day:
			return fmt.Sprintf("between %d %s and %d %s %d", a.day, a.month, b.day, b.month, a.year)
		case a.precision == Month && b.precision == Month:
			return fmt.Sprintf("between %s and %s %d", a.month, b.month, a.year)
		}
	}
	return "between " + a.display() + " and " + b.display()
}

func (p point) display() string {
	var s string
	switch p.precision {
	case Day:
		s = fmt.Sprintf("%d %s %d", p.day, p.month, p.year)
	case Month:
		s = fmt.Sprintf("%s %d", p.month, p.year)
	default:
		s = strconv.Itoa(p.year)
	}
	if p.qualifier != NoQualifier {
		s = string(p.qualifier) + " " + s
	}
	return s
}

// Earliest is the first day the date may denote.
func (d Date) Earliest() time.Time {
	from, _ := d.start.bounds()
	return from
}

// Latest is the last day the date may denote.
func (d Date) Latest() time.Time {
	if d.IsRange() {
		_, to := d.end.bounds()
		return to
	}
	_, to := d.start.bounds()
	return to
}

// bounds splits a month into days 1-10, 11-20 and 21-end, and a year into
// January-April, May-August and September-December, for early, mid and late.
func (p point) bounds() (time.Time, time.Time) {
	day := func(y int, m time.Month, dd int) time.Time { return time.Date(y, m, dd, 0, 0, 0, 0, time.UTC) }
	switch p.precision {
	case Day:
		t := day(p.year, p.month, p.day)
		return t, t
	case Month:
		last := daysIn(p.year, p.month)
		switch p.qualifier {
		case Early:
			return day(p.year, p.month, 1), day(p.year, p.month, 10)
		case Mid:
			return day(p.year, p.month, 11), day(p.year, p.month, 20)
		case Late:
			return day(p.year, p.month, 21), day(p.year, p.month, last)
		}
		return day(p.year, p.month, 1), day(p.year, p.month, last)
	case Year:
		switch p.qualifier {
		case Early:
			return day(p.year, time.January, 1), day(p.year, time.April, 30)
		case Mid:
			return day(p.year, time.May, 1), day(p.year, time.August, 31)
		case Late:
			return day(p.year, time.September, 1), day(p.year, time.December, 31)
		}
		return day(p.year, time.January, 1), day(p.year, time.December, 31)
	}
	return time.Time{}, time.Time{}
}

// Span is the date that covers all of dates and no more: the day, month,
// year or part of one whose days are exactly those the dates may denote
// together, or else the range from the earliest start to the latest end.
// It is what sources that disagree on a date still agree on.
func Span(dates ...Date) Date {
	var lo, hi point
	var loT, hiT time.Time
	for _, d := range dates {
		if d.IsZero() {
			continue
		}
		end := d.start
		if d.IsRange() {
			end = d.end
		}
		if f, _ := d.start.bounds(); lo.precision == "" || f.Before(loT) {
			lo, loT = d.start, f
		}
		if _, t := end.bounds(); hi.precision == "" || t.After(hiT) {
			hi, hiT = end, t
		}
	}
	if lo.precision == "" {
		return Date{}
	}
	for _, p := range candidates(loT) {
		if f, t := p.bounds(); f.Equal(loT) && t.Equal(hiT) {
			return Date{start: p}
		}
	}
	if lo == hi {
		return Date{start: lo}
	}
	d, err := between(lo, hi)
	if err != nil { // cannot happen: lo starts no later than hi ends
		return Date{start: lo}
	}
	return d
}

// Within is the date whose days are exactly from to to (both inclusive): a
// day, a month, a year or a part of one when one fits, else a range of days.
// It says "some day in this range" where no single stated date does.
func Within(from, to time.Time) (Date, error) {
	from, to = from.UTC().Truncate(24*time.Hour), to.UTC().Truncate(24*time.Hour)
	if to.Before(from) {
		return Date{}, fmt.Errorf("the range ends (%s) before it starts (%s)", to.Format(time.DateOnly), from.Format(time.DateOnly))
	}
	for _, p := range candidates(from) {
		if f, t := p.bounds(); f.Equal(from) && t.Equal(to) {
			return Date{start: p}, nil
		}
	}
	return between(candidates(from)[0], candidates(to)[0])
}

// candidates are the single dates, most precise first, that could start on
// day t.
func candidates(t time.Time) []point {
	y, m := t.Year(), t.Month()
	out := []point{{year: y, month: m, day: t.Day(), precision: Day}}
	for _, q := range []Qualifier{Early, Mid, Late, NoQualifier} {
		out = append(out, point{year: y, month: m, precision: Month, qualifier: q})
	}
	for _, q := range []Qualifier{Early, Mid, Late, NoQualifier} {
		out = append(out, point{year: y, precision: Year, qualifier: q})
	}
	return out
}
