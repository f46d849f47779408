package store

import (
	"errors"
	"testing"
)

func TestCursorRoundTrip(t *testing.T) {
	tests := []struct{ kind, key, id string }{
		{cursorEvents, "2025-10-16", "call-2025-10-16-trump-putin"},
		{cursorActors, "Volodymyr Zelenskiy", "zelenskiy"},
		{cursorPoints, "", "p28-no-nato"},
	}
	for _, tt := range tests {
		c := encodeCursor(tt.kind, tt.key, tt.id)
		key, id, err := decodeCursor(tt.kind, c)
		if err != nil || key != tt.key || id != tt.id {
			t.Errorf("round trip of %v: %q %q %v", tt, key, id, err)
		}
		if _, _, err := decodeCursor(cursorPoints+"x", c); err == nil {
			t.Errorf("a %s cursor was accepted for another list", tt.kind)
		}
	}
}

// FuzzDecodeCursor checks that any string either decodes to a usable
// position or is refused as the client's mistake.
func FuzzDecodeCursor(f *testing.F) {
	f.Add(encodeCursor(cursorEvents, "2025-10-16", "call"))
	f.Add("not-a-cursor")
	f.Add("")
	f.Add("ZXZlbnRzHzIwMjUtMTEtMjMfdGFsa3MtMjAyNS0xMS0yMy1nZW5ldmE")
	f.Fuzz(func(t *testing.T, s string) {
		for _, kind := range []string{cursorEvents, cursorActors, cursorPoints} {
			key, id, err := decodeCursor(kind, s)
			if err != nil {
				var in *InputError
				if !errors.As(err, &in) {
					t.Fatalf("%q: error %v is not an InputError", s, err)
				}
				continue
			}
			if id == "" {
				t.Fatalf("%q decoded without an id", s)
			}
			if again, _, _ := decodeCursor(kind, encodeCursor(kind, key, id)); again != key {
				t.Fatalf("%q: key %q does not survive a round trip", s, key)
			}
		}
	})
}
