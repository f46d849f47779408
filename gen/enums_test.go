package gen

import "testing"

// TestEveryEventTypeIsGenerated: the generator draws its enums from the
// schema's (package vocab), and a value it has no words or roles for would
// write broken fixtures; a new event type in the schema fails here until
// the generator knows it.
func TestEveryEventTypeIsGenerated(t *testing.T) {
	for _, typ := range eventTypes {
		if eventWords[typ] == "" || eventNouns[typ] == "" || len(participantRoles[typ]) == 0 {
			t.Errorf("event type %q has no id word, noun or participant roles in the generator", typ)
		}
	}
	if len(eventTypeWeights) != len(eventTypes) || len(sourceKindWeights) != len(sourceKinds) {
		t.Error("a weight list is out of step with its enum")
	}
}
