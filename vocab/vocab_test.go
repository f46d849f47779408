package vocab

import (
	"bytes"
	"testing"
)

func TestEnumsRoundTripThroughGraphQL(t *testing.T) {
	for _, e := range AllEventType {
		var b bytes.Buffer
		e.MarshalGQL(&b)
		var back EventType
		if err := back.UnmarshalGQL(b.String()[1 : b.Len()-1]); err != nil || back != e {
			t.Errorf("%s: marshalled %s, read back %q (%v)", e, b.String(), back, err)
		}
	}
	var e EventType
	if err := e.UnmarshalGQL("phone_call"); err == nil {
		t.Error("the stored spelling was accepted as GraphQL's")
	}
	if _, err := ParseEventType("PHONE_CALL"); err == nil {
		t.Error("GraphQL's spelling was accepted as the stored one")
	}
	if !EventTypePhoneCall.IsValid() || EventType("phonecall").IsValid() {
		t.Error("IsValid is wrong")
	}
}

func TestValidID(t *testing.T) {
	for id, want := range map[string]bool{"witkoff": true, "witkoff#role-1": true, "Witkoff": false, "a--b": false, "": false} {
		if ValidID(id) != want {
			t.Errorf("ValidID(%q) = %v", id, !want)
		}
	}
}
