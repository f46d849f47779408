package model

import (
	"fmt"
	"io"
	"strconv"
	"time"
)

// Date is the Date scalar: a calendar day, YYYY-MM-DD.
type Date struct{ time.Time }

func (d Date) MarshalGQL(w io.Writer) {
	io.WriteString(w, strconv.Quote(d.Format(time.DateOnly)))
}

func (d *Date) UnmarshalGQL(v any) error {
	s, ok := v.(string)
	if !ok {
		return fmt.Errorf("Date must be a string YYYY-MM-DD, got %T", v)
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return fmt.Errorf("Date must be YYYY-MM-DD, got %q", s)
	}
	d.Time = t
	return nil
}

// Ptr returns the day as a time, or nil for a nil date.
func (d *Date) Ptr() *time.Time {
	if d == nil {
		return nil
	}
	t := d.Time
	return &t
}
