package model

import (
	"fmt"
	"github.com/vektah/gqlparser/v2/gqlerror"
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
		return badDate(fmt.Sprintf("Date must be a string YYYY-MM-DD, got %T", v))
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return badDate(fmt.Sprintf("Date must be YYYY-MM-DD, got %q", s))
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

// badDate carries its error code itself: gqlgen reports argument decoding
// errors as they come.
func badDate(msg string) error {
	return &gqlerror.Error{Message: msg, Extensions: map[string]any{"code": "BAD_USER_INPUT"}}
}
