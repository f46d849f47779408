package facts

import (
	"testing"

	"github.com/diplograph/diplograph/vocab"
)

const (
	confirmed  = vocab.CertaintyConfirmed
	reported   = vocab.CertaintyReported
	planned    = vocab.CertaintyPlanned
	speculated = vocab.CertaintySpeculated
	denied     = vocab.CertaintyDenied
)

func TestCertaintyRule(t *testing.T) {
	for _, tt := range []struct {
		in        []vocab.Certainty
		want      vocab.Certainty
		contested bool
	}{
		// The Miami case: two outlets confirm, one says "reportedly".
		{[]vocab.Certainty{confirmed, confirmed, reported}, confirmed, false},
		{[]vocab.Certainty{reported}, reported, false},
		{[]vocab.Certainty{speculated, planned}, planned, false},
		{[]vocab.Certainty{denied}, denied, false},
		{[]vocab.Certainty{reported, denied}, reported, true},
	} {
		got, contested, ok := Certainty(tt.in)
		if !ok || got != tt.want || contested != tt.contested {
			t.Errorf("Certainty(%v) = %s %v, want %s %v", tt.in, got, contested, tt.want, tt.contested)
		}
	}
	if _, _, ok := Certainty(nil); ok {
		t.Error("no citations gave a certainty")
	}
	if c, _ := Inherit(nil, planned); c != planned {
		t.Errorf("an uncited fact is %s, want its owner's (planned)", c)
	}
}

func TestWorkingValue(t *testing.T) {
	v := func(text string, r vocab.Rank) Value { return Value{text, r} }
	for _, tt := range []struct {
		in       []Value
		index    int
		disputed bool
	}{
		{[]Value{v("a", "")}, 0, false},
		{[]Value{v("a", ""), v("a", "")}, 0, false},
		{[]Value{v("a", ""), v("b", "")}, -1, true},
		{[]Value{v("a", ""), v("b", vocab.RankPreferred)}, 1, true},
		{[]Value{v("a", ""), v("b", vocab.RankDeprecated)}, 0, false},
		{[]Value{v("a", vocab.RankDeprecated)}, -1, false},
	} {
		i, d := Working(tt.in)
		if i != tt.index || d != tt.disputed {
			t.Errorf("Working(%v) = %d %v, want %d %v", tt.in, i, d, tt.index, tt.disputed)
		}
	}
}

func TestContact(t *testing.T) {
	held, cancelled, plannedStatus := vocab.EventStatusHeld, vocab.EventStatusCancelled, vocab.EventStatusPlanned
	meeting := vocab.EventTypeMeeting
	if got := Contact(vocab.EventTypeReport, confirmed, confirmed, held, nil); got != 0 {
		t.Errorf("a news report naming two actors links them: %d", got)
	}
	if got := Contact(meeting, confirmed, confirmed, held, nil); got != 4 {
		t.Errorf("confirmed participation in a held, confirmed event: %d", got)
	}
	if got := Contact(meeting, speculated, confirmed, held, nil); got != 1 {
		t.Errorf("a speculated participant: %d", got)
	}
	if got := Contact(meeting, confirmed, confirmed, plannedStatus, nil); got != 2 {
		t.Errorf("a planned meeting: %d", got)
	}
	if got := Contact(meeting, confirmed, confirmed, cancelled, nil); got != 0 {
		t.Errorf("a cancelled meeting links: %d", got)
	}
	if got := Contact(meeting, confirmed, confirmed, "", []vocab.EventStatus{held, cancelled}); got != 1 {
		t.Errorf("a disputed status: %d", got)
	}
	if got := Contact(meeting, denied, confirmed, held, nil); got != 0 {
		t.Errorf("a denied participation links: %d", got)
	}
	if l := AtLeast(reported); len(l) != 2 || l[0] != confirmed || l[1] != reported {
		t.Errorf("AtLeast(reported) = %v", l)
	}
}
