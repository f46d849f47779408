// Package facts holds the rules that turn what sources say into what the
// graph states (docs/model.md, "Certainty" and "Competing values"): how
// certain a fact is from its citations, which of competing values is the
// working one, and how strong a link between two actors through an event
// is. The loader applies them once, when it writes; readers read the
// result.
package facts

import (
	"github.com/diplograph/diplograph/vocab"
)

// rank orders certainties; denied is below every other.
var rank = map[vocab.Certainty]int{
	vocab.CertaintyDenied:     0,
	vocab.CertaintySpeculated: 1,
	vocab.CertaintyPlanned:    2,
	vocab.CertaintyReported:   3,
	vocab.CertaintyConfirmed:  4,
}

// Rank is a certainty's place on the scale: 4 confirmed, 3 reported, 2
// planned, 1 speculated, 0 denied.
func Rank(c vocab.Certainty) int { return rank[c] }

// FromRank is the certainty of a rank.
func FromRank(r int) vocab.Certainty {
	for c, n := range rank {
		if n == r {
			return c
		}
	}
	return vocab.CertaintyDenied
}

// Weaker is the less certain of two certainties.
func Weaker(a, b vocab.Certainty) vocab.Certainty {
	if rank[a] < rank[b] {
		return a
	}
	return b
}

// AtLeast lists the certainties at least as strong as min, strongest first:
// what a filter "at least min" keeps.
func AtLeast(min vocab.Certainty) []vocab.Certainty {
	var out []vocab.Certainty
	for _, c := range vocab.AllCertainty {
		if rank[c] >= rank[min] && c != vocab.CertaintyDenied || c == min {
			out = append(out, c)
		}
	}
	return out
}

// Unsourced is the certainty of an entry that no source supports: a curator
// put it in the graph, which is less than a source stating it.
const Unsourced = vocab.CertaintyReported

// Certainty is the certainty of a fact from the confirmations of its
// citations, by the one rule:
//
//   - the strongest confirmation among the citations that support the fact
//     (confirmed, then reported, planned, speculated): one source that
//     states a fact makes it confirmed, whatever others only report;
//   - denied when every citation denies it;
//   - contested when some deny it and others support it.
//
// With no citation at all, ok is false: the fact then takes the certainty
// of the entry that holds it (Inherit).
func Certainty(confirmations []vocab.Certainty) (c vocab.Certainty, contested, ok bool) {
	if len(confirmations) == 0 {
		return "", false, false
	}
	best, denied := -1, false
	for _, conf := range confirmations {
		if conf == vocab.CertaintyDenied {
			denied = true
			continue
		}
		if rank[conf] > best {
			best = rank[conf]
		}
	}
	if best < 0 {
		return vocab.CertaintyDenied, false, true
	}
	return FromRank(best), denied, true
}

// Inherit is Certainty for a fact held by an entry of certainty owner: a
// fact with no citation of its own is as certain as its owner.
func Inherit(confirmations []vocab.Certainty, owner vocab.Certainty) (vocab.Certainty, bool) {
	c, contested, ok := Certainty(confirmations)
	if !ok {
		return owner, false
	}
	return c, contested
}

// Value is one of competing values of a field: its canonical text and its
// rank.
type Value struct {
	Text string
	Rank vocab.Rank
}

// Working picks the working value of a field among its values, by the one
// rule: the value an editor prefers; otherwise the value every value that
// is not deprecated agrees on; otherwise none. It returns that value's
// index (-1 for none), and whether the values that are not deprecated
// disagree (the field is disputed, resolved or not).
func Working(values []Value) (index int, disputed bool) {
	index = -1
	distinct := map[string]bool{}
	for i, v := range values {
		if v.Rank == vocab.RankDeprecated {
			continue
		}
		distinct[v.Text] = true
		if v.Rank == vocab.RankPreferred {
			index = i
		}
	}
	disputed = len(distinct) > 1
	if index >= 0 {
		return index, disputed
	}
	if len(distinct) == 1 {
		for i, v := range values {
			if v.Rank != vocab.RankDeprecated {
				return i, false
			}
		}
	}
	return -1, disputed
}

// statusCap is how certain a link through an event of a status can be: a
// planned or postponed meeting links its participants only as planned, one
// only reported as having taken place as reported, a cancelled one not at
// all.
var statusCap = map[vocab.EventStatus]int{
	vocab.EventStatusHeld:       rank[vocab.CertaintyConfirmed],
	vocab.EventStatusUnverified: rank[vocab.CertaintyReported],
	vocab.EventStatusPlanned:    rank[vocab.CertaintyPlanned],
	vocab.EventStatusPostponed:  rank[vocab.CertaintyPlanned],
	vocab.EventStatusCancelled:  rank[vocab.CertaintyDenied],
}

// contactless are the types of event that are about their participants
// rather than a meeting of them: a statement, a news report or leak, a
// plan's release or revision, a deadline. Naming two actors does not link
// them; the talks or calls behind such an event do.
var contactless = map[vocab.EventType]bool{
	vocab.EventTypeStatement: true, vocab.EventTypeReport: true, vocab.EventTypePlanRelease: true,
	vocab.EventTypePlanRevision: true, vocab.EventTypeDeadline: true,
}

// Links reports whether participants of an event of this type are in
// contact with each other through it.
func Links(t vocab.EventType) bool { return !contactless[t] }

// Contact is how strong a participation is as a link to the event's other
// participants: the weakest of the participation's certainty, the event's
// and what the event's status allows. Zero means no link: an event of a
// type that is no contact (Links), a denied participation or event, or a
// cancelled event. An event whose status is disputed (statuses lists its
// values, none preferred) links only as speculated, and not at all when
// every value rules a link out.
func Contact(t vocab.EventType, participation, event vocab.Certainty, status vocab.EventStatus, statuses []vocab.EventStatus) int {
	if !Links(t) {
		return 0
	}
	cap := 0
	if status != "" {
		cap = statusCap[status]
	} else {
		for _, s := range statuses {
			if statusCap[s] > 0 {
				cap = rank[vocab.CertaintySpeculated]
			}
		}
	}
	return min(rank[participation], rank[event], cap)
}
