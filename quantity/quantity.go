// Package quantity reads and writes numbers as sources give them: exact
// ("150 minutes"), qualified ("about 40 minutes", "over two hours"), or a
// range ("between 5 and 7 hours"), with a unit. A quantity never gains
// precision it was not given: "over 2 hour" is not 2 hours.
package quantity

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/diplograph/diplograph/vocab"
)

// Approx qualifies a value (the schema's Approximation).
type Approx = vocab.Approximation

// Q is a quantity. Exactly one of Amount and (Min, Max) is set.
type Q struct {
	Amount   *float64
	Min, Max *float64
	Approx   Approx
	Unit     string
}

// DurationUnits are the units a duration may take, in minutes.
var DurationUnits = map[string]int{"minute": 1, "hour": 60, "day": 1440}

// ErrEmpty is returned by Parse for an empty string.
var ErrEmpty = errors.New("empty quantity")

// New makes a quantity from its parts, checking that they fit together.
func New(amount, min, max *float64, approx Approx, unit string) (Q, error) {
	q := Q{Amount: amount, Min: min, Max: max, Approx: approx, Unit: strings.TrimSpace(unit)}
	switch {
	case amount != nil && (min != nil || max != nil):
		return Q{}, errors.New("give a value, or min and max, not both")
	case amount == nil && (min == nil || max == nil):
		return Q{}, errors.New("give a value, or both min and max")
	case amount == nil && *min >= *max:
		return Q{}, fmt.Errorf("min (%s) must be below max (%s)", num(*min), num(*max))
	case amount == nil && approx != "":
		return Q{}, errors.New("a range takes no approximation")
	case approx != "" && !approx.IsValid():
		return Q{}, fmt.Errorf("unknown approximation %q (want about, over, under or almost)", approx)
	}
	for _, v := range []*float64{amount, min, max} {
		if v != nil && (math.IsNaN(*v) || math.IsInf(*v, 0) || *v < 0) {
			return Q{}, fmt.Errorf("%v is not a quantity (a number of zero or more)", *v)
		}
	}
	if strings.ContainsAny(q.Unit, " \t\n") || (q.Unit != "" && q.Unit[0] >= '0' && q.Unit[0] <= '9') {
		return Q{}, fmt.Errorf("unit %q must be one word", q.Unit)
	}
	return q, nil
}

// Parse reads the canonical text: "[approx ]amount[ unit]" or
// "min-max[ unit]": "150 minute", "about 40 minute", "5-7 hour"; a
// duration's unit may be plural ("over 2 hours").
func Parse(s string) (Q, error) {
	fields := strings.Fields(s)
	if len(fields) == 0 {
		return Q{}, ErrEmpty
	}
	var approx Approx
	if a := Approx(fields[0]); a.IsValid() {
		approx, fields = a, fields[1:]
	}
	if len(fields) == 0 || len(fields) > 2 {
		return Q{}, fmt.Errorf("%q is not [about|over|under|almost] NUMBER[-NUMBER] [UNIT]", s)
	}
	unit := ""
	if len(fields) == 2 {
		unit = fields[1]
		// "2 hours" is "2 hour": a duration's unit is kept singular.
		if single := strings.TrimSuffix(unit, "s"); single != unit {
			if _, ok := DurationUnits[single]; ok {
				unit = single
			}
		}
	}
	if lo, hi, ok := strings.Cut(fields[0], "-"); ok {
		a, err1 := strconv.ParseFloat(lo, 64)
		b, err2 := strconv.ParseFloat(hi, 64)
		if err1 != nil || err2 != nil {
			return Q{}, fmt.Errorf("%q is not a range of numbers", fields[0])
		}
		return New(nil, &a, &b, approx, unit)
	}
	v, err := strconv.ParseFloat(fields[0], 64)
	if err != nil {
		return Q{}, fmt.Errorf("%q is not a number", fields[0])
	}
	return New(&v, nil, nil, approx, unit)
}

// MustParse is Parse for literals known to be valid.
func MustParse(s string) Q {
	q, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return q
}

// IsZero reports whether no quantity was given.
func (q Q) IsZero() bool { return q.Amount == nil && q.Min == nil }

// String is the canonical text Parse reads.
func (q Q) String() string {
	if q.IsZero() {
		return ""
	}
	var s string
	if q.Amount != nil {
		s = num(*q.Amount)
		if q.Approx != "" {
			s = string(q.Approx) + " " + s
		}
	} else {
		s = num(*q.Min) + "-" + num(*q.Max)
	}
	if q.Unit != "" {
		s += " " + q.Unit
	}
	return s
}

// Value is the canonical text, as String.
func (q Q) Value() string { return q.String() }

// Display is the human form: "about 40 minutes", "over 2 hours",
// "between 5 and 7 hours", "600,000 troops".
func (q Q) Display() string {
	if q.IsZero() {
		return ""
	}
	var s string
	plural := true
	if q.Amount != nil {
		s = grouped(*q.Amount)
		plural = *q.Amount != 1
		if q.Approx != "" {
			s = string(q.Approx) + " " + s
		}
	} else {
		s = "between " + grouped(*q.Min) + " and " + grouped(*q.Max)
	}
	if q.Unit != "" {
		unit := q.Unit
		if _, ok := DurationUnits[unit]; ok && plural {
			unit += "s"
		}
		s += " " + unit
	}
	return s
}

// OptApprox is the approximation, nil when there is none.
func (q Q) OptApprox() *Approx {
	if q.Approx == "" {
		return nil
	}
	a := q.Approx
	return &a
}

// OptUnit is the unit, nil when there is none.
func (q Q) OptUnit() *string {
	if q.Unit == "" {
		return nil
	}
	u := q.Unit
	return &u
}

// Minutes is a duration in minutes, when it is exact (not qualified, not a
// range) and in a time unit.
func (q Q) Minutes() (int, bool) {
	per, ok := DurationUnits[q.Unit]
	if !ok || q.Amount == nil || q.Approx != "" {
		return 0, false
	}
	m := *q.Amount * float64(per)
	if m != math.Trunc(m) {
		return 0, false
	}
	return int(m), true
}

func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// grouped writes a number with thousands separators: 600,000.
func grouped(v float64) string {
	s := num(v)
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if frac != "" {
		b.WriteString("." + frac)
	}
	return b.String()
}
