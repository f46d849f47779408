package httpapi_test

import (
	"fmt"
	"strings"
	"testing"
)

// activityOf renders an answer's buckets as "from certain/possible".
type activityAnswer struct {
	Buckets []struct {
		From, To          string
		Certain, Possible int
		Groups            []struct {
			Key               *string
			Certain, Possible int
		}
	}
}

func (a activityAnswer) counts() string {
	var out []string
	for _, b := range a.Buckets {
		out = append(out, fmt.Sprintf("%s %d/%d", b.From, b.Certain, b.Possible))
	}
	return strings.Join(out, ", ")
}

func (a activityAnswer) keys(bucket int) map[string]string {
	out := map[string]string{}
	for _, g := range a.Buckets[bucket].Groups {
		k := "<none>"
		if g.Key != nil {
			k = *g.Key
		}
		out[k] = fmt.Sprintf("%d/%d", g.Certain, g.Possible)
	}
	return out
}

// Histograms count what the dates make certain apart from what they only
// allow, over the fidelity data's day-, month-, qualified- and
// year-precision events.
func TestActivitySplitsCertainFromPossible(t *testing.T) {
	a := fidelityAPI(t)
	var d struct{ Months, Weeks, Pinned, Sure, Any, Modality activityAnswer }
	a.query(`{
		months: activity(filter: { dates: { from: "2025-10-01", to: "2025-12-31" } }, interval: MONTH) { buckets { from to certain possible } }
		weeks: activity(filter: { dates: { from: "2025-10-01", to: "2025-10-31" } }, interval: WEEK) { buckets { from certain possible } }
		pinned: activity(filter: { dates: { from: "2025-10-01", to: "2025-12-31" }, asOf: "2025-11-01" }, interval: MONTH) { buckets { from certain possible } }
		sure: activity(filter: { dates: { from: "2025-10-01", to: "2025-10-31" }, certainty: CONFIRMED }, interval: MONTH, groupBy: ACTOR) { buckets { from certain possible groups { key certain possible } } }
		any: activity(filter: { dates: { from: "2025-10-01", to: "2025-10-31" } }, interval: MONTH, groupBy: ACTOR) { buckets { from certain possible groups { key certain possible } } }
		modality: activity(filter: { dates: { from: "2025-10-01", to: "2025-10-31" } }, interval: MONTH, groupBy: MODALITY) { buckets { groups { key certain possible } } }
	}`, &d)
	// October: the calls of the 16th and 24th, the Miami meeting and the
	// "2025-10" summit are certain; the "late 2025" visit only possible, as
	// in November (six certain) and December (the session of the 2nd).
	if got := d.Months.counts(); got != "2025-10-01 4/1, 2025-11-01 6/1, 2025-12-01 1/1" {
		t.Errorf("months: %s", got)
	}
	if b := d.Months.Buckets[0]; b.To != "2025-10-31" {
		t.Errorf("October ends %s", b.To)
	}
	// Weeks begin on Monday: the month-precision summit and the late-2025
	// visit are possible in every week of October, certain in none.
	if got := d.Weeks.counts(); got != "2025-09-29 0/2, 2025-10-06 0/2, 2025-10-13 1/2, 2025-10-20 2/2, 2025-10-27 0/2" {
		t.Errorf("weeks: %s", got)
	}
	// As of 1 November only what a source had said by then counts.
	if got := d.Pinned.counts(); got != "2025-10-01 4/1, 2025-11-01 0/1, 2025-12-01 0/1" {
		t.Errorf("as of 1 November: %s", got)
	}
	// Kushner's part in Miami is only reported: he counts without the
	// certainty argument, not with CONFIRMED.
	if k := d.Any.keys(0); k["kushner"] != "1/0" || k["witkoff"] != "1/0" || k["yermak"] != "1/1" {
		t.Errorf("October by actor: %v", k)
	}
	if k := d.Sure.keys(0); k["kushner"] != "" || k["witkoff"] != "1/0" {
		t.Errorf("October by actor, confirmed only: %v", k)
	}
	// Modalities as the API spells them; none stated is a null key.
	if k := d.Modality.keys(0); k["PHONE"] != "1/0" || k["IN_PERSON"] != "1/0" || k["<none>"] == "" {
		t.Errorf("October by modality: %v", k)
	}
}

func TestActivityRefusesTooManyPeriods(t *testing.T) {
	a := fidelityAPI(t)
	r := a.post(`{ activity(filter: { dates: { from: "1990-01-01", to: "2025-12-31" } }, interval: DAY) { buckets { from } } }`, nil)
	if len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != "BAD_USER_INPUT" || !strings.Contains(r.Errors[0].Message, "periods") {
		t.Errorf("errors %+v, want one BAD_USER_INPUT about the periods", r.Errors)
	}
}

// Aggregates count what the filter selects, under asOf and certainty.
func TestAggregates(t *testing.T) {
	a := fidelityAPI(t)
	type keyCount struct {
		Key   *string
		Count int
	}
	type date struct{ Value string }
	var d struct {
		Counts, Pinned struct {
			Total                                     int
			ByType, ByStatus, ByModality, ByCertainty []keyCount
		}
		Active, Sure []struct {
			Actor       struct{ ID string }
			Count       int
			First, Last date
		}
		Pairs []struct {
			Actors      []struct{ ID string }
			Count       int
			Certainty   string
			First, Last date
		}
		Places []struct {
			Place struct{ ID string }
			Count int
		}
	}
	a.query(`{
		counts: eventCounts(filter: { dates: { from: "2025-10-01", to: "2025-12-31" } }) { total byType { key count } byStatus { key count } byModality { key count } byCertainty { key count } }
		pinned: eventCounts(filter: { dates: { from: "2025-10-01", to: "2025-12-31" }, asOf: "2025-11-01" }) { total }
		active: mostActive(first: 2) { actor { id } count first { value } last { value } }
		sure: mostActive(filter: { certainty: CONFIRMED }, first: 4) { actor { id } count first { value } last { value } }
		pairs: topPairs(first: 1) { actors { id } count certainty first { value } last { value } }
		places: placeActivity { place { id } count }
	}`, &d)
	render := func(list []keyCount) string {
		var out []string
		for _, k := range list {
			name := "none"
			if k.Key != nil {
				name = *k.Key
			}
			out = append(out, fmt.Sprintf("%s=%d", name, k.Count))
		}
		return strings.Join(out, " ")
	}
	// Twelve events may fall in October to December; the late-2025 visit
	// among them.
	if d.Counts.Total != 12 {
		t.Errorf("total %d, want 12", d.Counts.Total)
	}
	if got := render(d.Counts.ByType); got != "STATEMENT=3 TALKS=3 MEETING=2 PHONE_CALL=2 REPORT=1 VISIT=1" {
		t.Errorf("by type: %s", got)
	}
	// Only two events state a modality; the rest are not stated, never guessed.
	if got := render(d.Counts.ByModality); got != "IN_PERSON=2 PHONE=1 none=9" {
		t.Errorf("by modality: %s", got)
	}
	if d.Pinned.Total != 5 {
		t.Errorf("as of 1 November: %d events, want 5 (October's four and the late-2025 visit)", d.Pinned.Total)
	}
	// Dmitriev was to join the Abu Dhabi talks (planned): he counts as
	// named, not as confirmed. Equal counts go by name (Andriy, Dan, Kirill).
	active := fmt.Sprint(d.Active)
	if active != "[{{dmitriev} 3 {2025-10-24} {2025-11-25}} {{witkoff} 3 {2025-10-24} {2025-11-25}}]" {
		t.Errorf("most active: %s", active)
	}
	if sure := fmt.Sprint(d.Sure); sure != "[{{witkoff} 3 {2025-10-24} {2025-11-25}} {{yermak} 2 {2025-09-01..2025-10-24} {2025-10-24..2025-12-31}} {{driscoll} 2 {2025-11-23} {2025-11-24}} {{dmitriev} 2 {2025-10-24} {2025-11-25}}]" {
		t.Errorf("most active, confirmed: %s", sure)
	}
	if got := fmt.Sprint(d.Pairs); got != "[{[{umerov} {yermak}] 2 CONFIRMED {2025-09-01..2025-10-24} {2025-10-24..2025-12-31}}]" {
		t.Errorf("top pair: %s", got)
	}
	// Miami's meeting counts for Florida and the United States too.
	places := map[string]int{}
	for _, p := range d.Places {
		places[p.Place.ID] = p.Count
	}
	if places["miami"] != 1 || places["florida"] != 1 || places["united-states"] != 1 || places["washington"] != 1 {
		t.Errorf("places: %v", places)
	}
}
