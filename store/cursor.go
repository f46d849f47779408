package store

import (
	"encoding/base64"
	"fmt"
	"strings"
)

// InputError is a request the store cannot answer because of what was asked
// (a malformed cursor, an impossible range), as opposed to a failure.
type InputError struct{ Msg string }

func (e *InputError) Error() string { return e.Msg }

func inputErrorf(format string, args ...any) error {
	return &InputError{Msg: fmt.Sprintf(format, args...)}
}

// Cursors are opaque to clients: the kind of list, the sort key of the last
// row seen and its id, so the next page starts right after it (keyset
// pagination: a deep page costs what the first one does).
const cursorSep = "\x1f"

func encodeCursor(kind, key, id string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(kind + cursorSep + key + cursorSep + id))
}

func decodeCursor(kind, s string) (key, id string, err error) {
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return "", "", inputErrorf("invalid cursor %q", s)
	}
	parts := strings.Split(string(raw), cursorSep)
	if len(parts) != 3 || parts[0] != kind || parts[2] == "" {
		return "", "", inputErrorf("invalid cursor %q for this list", s)
	}
	return parts[1], parts[2], nil
}
