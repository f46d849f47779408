// Package partialdate parses and formats dates that are only as precise as
// their sources: a day, a month, a year, or part of a month or year
// ("late October 2025"). A partial date never gains precision it was not
// given: it is kept as the interval of days it may denote.
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
// DatePrecision).
type Precision = vocab.DatePrecision

const (
	Day   = vocab.DatePrecisionDay
	Month = vocab.DatePrecisionMonth
	Year  = vocab.DatePrecisionYear
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

// Date is a date known to some precision. The zero value is "no date".
type Date struct {
	year      int
	month     time.Month // 0 when precision is Year
	day       int        // 0 unless precision is Day
	precision Precision
	qualifier Qualifier
}

// ErrEmpty is returned by Parse for an empty string.
var ErrEmpty = errors.New("empty date")

// Parse reads the canonical text form: "2025-10-16", "2025-10", "2025",
// optionally preceded by a qualifier for months and years: "late 2025-10",
// "early 2026".
func Parse(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Date{}, ErrEmpty
	}
	var q Qualifier
	if head, rest, ok := strings.Cut(s, " "); ok {
		switch Qualifier(head) {
		case Early, Mid, Late:
			q = Qualifier(head)
			s = strings.TrimSpace(rest)
		default:
			return Date{}, fmt.Errorf("unknown qualifier %q (want early, mid or late)", head)
		}
	}
	parts := strings.Split(s, "-")
	if len(parts) > 3 {
		return Date{}, fmt.Errorf("%q is not YYYY, YYYY-MM or YYYY-MM-DD", s)
	}
	widths := []int{4, 2, 2}
	nums := make([]int, len(parts))
	for i, p := range parts {
		if len(p) != widths[i] {
			return Date{}, fmt.Errorf("%q is not YYYY, YYYY-MM or YYYY-MM-DD", s)
		}
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 {
			return Date{}, fmt.Errorf("%q is not YYYY, YYYY-MM or YYYY-MM-DD", s)
		}
		nums[i] = n
	}
	d := Date{year: nums[0], precision: Year, qualifier: q}
	if d.year < 1 {
		return Date{}, fmt.Errorf("year %04d is out of range", d.year)
	}
	if len(nums) >= 2 {
		if nums[1] < 1 || nums[1] > 12 {
			return Date{}, fmt.Errorf("month %02d does not exist", nums[1])
		}
		d.month, d.precision = time.Month(nums[1]), Month
	}
	if len(nums) == 3 {
		if q != NoQualifier {
			return Date{}, fmt.Errorf("a qualifier (%s) only applies to a month or a year, not a day", q)
		}
		if nums[2] < 1 || nums[2] > daysIn(d.year, d.month) {
			return Date{}, fmt.Errorf("%s %d has no day %d", d.month, d.year, nums[2])
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
func (d Date) IsZero() bool { return d.precision == "" }

func (d Date) Precision() Precision { return d.precision }
func (d Date) Qualifier() Qualifier { return d.qualifier }

// OptQualifier is the qualifier, nil when there is none: the form an
// optional field of the API takes.
func (d Date) OptQualifier() *Qualifier {
	if d.qualifier == NoQualifier {
		return nil
	}
	q := d.qualifier
	return &q
}

// Value is the canonical text form, as String.
func (d Date) Value() string { return d.String() }

// String is the canonical text form that Parse reads.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	var s string
	switch d.precision {
	case Day:
		s = fmt.Sprintf("%04d-%02d-%02d", d.year, d.month, d.day)
	case Month:
		s = fmt.Sprintf("%04d-%02d", d.year, d.month)
	default:
		s = fmt.Sprintf("%04d", d.year)
	}
	if d.qualifier != NoQualifier {
		s = string(d.qualifier) + " " + s
	}
	return s
}

// Display is the human form: "16 October 2025", "late October 2025", "2025".
func (d Date) Display() string {
	if d.IsZero() {
		return ""
	}
	var s string
	switch d.precision {
	case Day:
		s = fmt.Sprintf("%d %s %d", d.day, d.month, d.year)
	case Month:
		s = fmt.Sprintf("%s %d", d.month, d.year)
	default:
		s = strconv.Itoa(d.year)
	}
	if d.qualifier != NoQualifier {
		s = string(d.qualifier) + " " + s
	}
	return s
}

// Earliest is the first day the date may denote.
func (d Date) Earliest() time.Time {
	from, _ := d.bounds()
	return from
}

// Latest is the last day the date may denote.
func (d Date) Latest() time.Time {
	_, to := d.bounds()
	return to
}

// bounds splits a month into days 1-10, 11-20 and 21-end, and a year into
// January-April, May-August and September-December, for early, mid and late.
func (d Date) bounds() (time.Time, time.Time) {
	day := func(y int, m time.Month, dd int) time.Time { return time.Date(y, m, dd, 0, 0, 0, 0, time.UTC) }
	switch d.precision {
	case Day:
		t := day(d.year, d.month, d.day)
		return t, t
	case Month:
		last := daysIn(d.year, d.month)
		switch d.qualifier {
		case Early:
			return day(d.year, d.month, 1), day(d.year, d.month, 10)
		case Mid:
			return day(d.year, d.month, 11), day(d.year, d.month, 20)
		case Late:
			return day(d.year, d.month, 21), day(d.year, d.month, last)
		}
		return day(d.year, d.month, 1), day(d.year, d.month, last)
	case Year:
		switch d.qualifier {
		case Early:
			return day(d.year, time.January, 1), day(d.year, time.April, 30)
		case Mid:
			return day(d.year, time.May, 1), day(d.year, time.August, 31)
		case Late:
			return day(d.year, time.September, 1), day(d.year, time.December, 31)
		}
		return day(d.year, time.January, 1), day(d.year, time.December, 31)
	}
	return time.Time{}, time.Time{}
}
