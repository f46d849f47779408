package model

import (
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// MarshalDate writes the Date scalar: a calendar day, YYYY-MM-DD.
func MarshalDate(t time.Time) graphql.Marshaler {
	return graphql.WriterFunc(func(w io.Writer) {
		_, _ = io.WriteString(w, strconv.Quote(t.Format(time.DateOnly)))
	})
}

// UnmarshalDate reads the Date scalar.
func UnmarshalDate(v any) (time.Time, error) {
	s, ok := v.(string)
	if !ok {
		return time.Time{}, badDate(fmt.Sprintf("Date must be a string YYYY-MM-DD, got %T", v))
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, badDate(fmt.Sprintf("Date must be YYYY-MM-DD, got %q", s))
	}
	return t, nil
}

// badDate carries its error code itself: gqlgen reports argument decoding
// errors as they come.
func badDate(msg string) error {
	return &gqlerror.Error{Message: msg, Extensions: map[string]any{"code": "BAD_USER_INPUT"}}
}
