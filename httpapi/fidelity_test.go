package httpapi_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/diplograph/diplograph/httpapi"
)

// The answers say what the sources say, never more: these tests run the
// claims model over testdata/fidelity, made-up facts with every case.

// query posts a query and decodes its data into out, failing on errors.
func (a *api) query(q string, out any) {
	a.t.Helper()
	r := a.post(q, nil)
	if len(r.Errors) > 0 {
		a.t.Fatalf("errors %+v\n%s", r.Errors, q)
	}
	if err := json.Unmarshal(r.Data, out); err != nil {
		a.t.Fatalf("%v\n%s", err, r.Data)
	}
}

func fidelityAPI(t *testing.T) *api { return newAPI(t, "testdata/fidelity") }

// ids lists the ids of a decoded list of {id} objects.
func ids(list []struct{ ID string }) string {
	out := make([]string, len(list))
	for i, x := range list {
		out[i] = x.ID
	}
	return strings.Join(out, ",")
}

func TestConfirmationIsPerCitation(t *testing.T) {
	a := fidelityAPI(t)
	var d struct {
		Event struct {
			Participants []struct {
				Actor     struct{ ID string }
				Certainty string
				Sources   []struct {
					Source       struct{ ID string }
					Confirmation string
					Unconfirmed  bool
				}
			}
		}
	}
	a.query(`{ event(id: "meeting-miami") { participants { actor { id } certainty sources { source { id } confirmation unconfirmed } } } }`, &d)
	byActor := map[string]int{}
	for i, p := range d.Event.Participants {
		byActor[p.Actor.ID] = i
	}
	w := d.Event.Participants[byActor["witkoff"]]
	// Two outlets state it and one says "reportedly": the fact is confirmed,
	// and only the one citation is reported.
	if w.Certainty != "CONFIRMED" {
		t.Errorf("Witkoff's participation is %s, want CONFIRMED", w.Certainty)
	}
	var got []string
	for _, s := range w.Sources {
		got = append(got, s.Source.ID+"="+s.Confirmation)
		if s.Unconfirmed != (s.Confirmation != "CONFIRMED") {
			t.Errorf("%s: unconfirmed %v beside confirmation %s", s.Source.ID, s.Unconfirmed, s.Confirmation)
		}
	}
	if strings.Join(got, " ") != "s-confirm-1=CONFIRMED s-confirm-2=CONFIRMED s-reported=REPORTED" {
		t.Errorf("Witkoff's citations = %v", got)
	}
	if k := d.Event.Participants[byActor["kushner"]]; k.Certainty != "REPORTED" {
		t.Errorf("Kushner, only reported, is %s", k.Certainty)
	}
}

// Accounts of what came of an event stand side by side: neither is a
// dispute, and the API gives no single outcome.
func TestOutcomesStandSideBySide(t *testing.T) {
	a := fidelityAPI(t)
	var d struct {
		Event struct {
			Outcome  *string
			Outcomes []struct {
				Value, Certainty string
			}
			Disputes []struct{ Field string }
		}
	}
	var denied struct {
		Event struct {
			Outcome  *string
			Outcomes []struct{ Certainty string }
		}
	}
	a.query(`{ event(id: "call-disputed") { outcome outcomes { certainty } } }`, &denied)
	if denied.Event.Outcome != nil || len(denied.Event.Outcomes) != 1 || denied.Event.Outcomes[0].Certainty != "DENIED" {
		t.Errorf("a denied account = %v %+v, want no outcome and the account DENIED", denied.Event.Outcome, denied.Event.Outcomes)
	}
	a.query(`{ event(id: "meeting-miami") { outcome outcomes { value certainty } disputes { field } } }`, &d)
	e := d.Event
	if e.Outcome != nil || len(e.Outcomes) != 2 || e.Outcomes[0].Certainty != "CONFIRMED" || e.Outcomes[1].Certainty != "REPORTED" {
		t.Errorf("outcome %v, outcomes %+v; want none and two accounts with their certainty", e.Outcome, e.Outcomes)
	}
	for _, x := range e.Disputes {
		if x.Field == "outcome" {
			t.Errorf("two accounts of the outcome make a dispute: %+v", e.Disputes)
		}
	}
}

func TestLinksSayHowCertainTheyAre(t *testing.T) {
	a := fidelityAPI(t)
	type path struct {
		Certainty string
		Steps     []struct {
			From, To  struct{ ID string }
			Event     struct{ ID string }
			Certainty string
		}
	}
	var d struct{ Any, Confirmed []path }
	a.query(`{
  any: paths(from: "driscoll", to: "dmitriev") { certainty steps { from { id } event { id } to { id } certainty } }
  confirmed: paths(from: "driscoll", to: "dmitriev", filter: { certainty: CONFIRMED }) { certainty steps { from { id } event { id } to { id } certainty } }
}`, &d)
	// The shortest chain runs through a meeting Dmitriev was only planned to
	// attend, and says so.
	if len(d.Any) != 1 || d.Any[0].Certainty != "PLANNED" || len(d.Any[0].Steps) != 1 ||
		d.Any[0].Steps[0].Event.ID != "talks-abu-dhabi" || d.Any[0].Steps[0].Certainty != "PLANNED" {
		t.Errorf("paths = %+v, want one step through the Abu Dhabi talks, PLANNED", d.Any)
	}
	// Confirmed links only: the longer way round.
	if len(d.Confirmed) != 1 || d.Confirmed[0].Certainty != "CONFIRMED" || len(d.Confirmed[0].Steps) != 2 ||
		d.Confirmed[0].Steps[0].Event.ID != "talks-geneva" || d.Confirmed[0].Steps[1].Event.ID != "meeting-miami" {
		t.Errorf("confirmed paths = %+v, want Geneva then Miami", d.Confirmed)
	}

	type edge struct {
		Source, Target struct{ ID string }
		Weight         int
		Certainty      string
	}
	var n struct {
		Any, Confirmed struct{ Edges []edge }
	}
	a.query(`{
  any: network { edges { source { id } target { id } weight certainty } }
  confirmed: network(filter: { certainty: CONFIRMED }) { edges { source { id } target { id } weight certainty } }
}`, &n)
	edges := func(es []edge) map[string]edge {
		out := map[string]edge{}
		for _, e := range es {
			out[e.Source.ID+"-"+e.Target.ID] = e
		}
		return out
	}
	all, confirmed := edges(n.Any.Edges), edges(n.Confirmed.Edges)
	if e := all["driscoll-unknown-official"]; e.Certainty != "SPECULATED" {
		t.Errorf("the speculated participant's link = %+v, want SPECULATED", e)
	}
	if e := all["dmitriev-kushner"]; e.Certainty != "REPORTED" {
		t.Errorf("Kushner's link = %+v, want REPORTED", e)
	}
	// The cancelled summit links nobody: Trump and Putin share only the call.
	if e := all["putin-trump"]; e.Weight != 1 || e.Certainty != "CONFIRMED" {
		t.Errorf("Trump-Putin = %+v, want one confirmed link (the summit was cancelled)", e)
	}
	for k := range confirmed {
		if strings.Contains(k, "unknown-official") || strings.Contains(k, "kushner") || k == "dmitriev-driscoll" {
			t.Errorf("confirmed network holds %s", k)
		}
	}
	// Miami links them; the leak report that names both does not.
	if e, ok := confirmed["dmitriev-witkoff"]; !ok || e.Weight != 1 {
		t.Errorf("confirmed Witkoff-Dmitriev = %+v, want one link (Miami)", e)
	}

	var c struct {
		Actor struct {
			Any, Confirmed []struct {
				Actor     struct{ ID string }
				Certainty string
			}
		}
		Any, Confirmed struct{ Nodes []struct{ ID string } }
	}
	a.query(`{
  actor(id: "dmitriev") {
    any: counterparts { actor { id } certainty }
    confirmed: counterparts(filter: { certainty: CONFIRMED }) { actor { id } certainty }
  }
  any: meetings(between: ["witkoff", "kushner"]) { nodes { id } }
  confirmed: meetings(between: ["witkoff", "kushner"], filter: { certainty: CONFIRMED }) { nodes { id } }
}`, &c)
	// Named together is not met: a cancelled summit and a denied presence
	// are events of both actors, and meetings of neither.
	var m struct {
		Named, Met, NamedDenied, MetDenied struct{ Nodes []struct{ ID string } }
	}
	a.query(`{
  named: events(filter: { actors: ["trump", "putin"] }, order: OLDEST_FIRST) { nodes { id } }
  met: meetings(between: ["trump", "putin"]) { nodes { id } }
  namedDenied: events(filter: { actors: ["witkoff", "macron"] }) { nodes { id } }
  metDenied: meetings(between: ["witkoff", "macron"]) { nodes { id } }
}`, &m)
	if ids(m.Named.Nodes) != "summit-budapest,call-disputed" || ids(m.Met.Nodes) != "call-disputed" {
		t.Errorf("Trump and Putin: named in %s, met in %s; want both, then the call alone", ids(m.Named.Nodes), ids(m.Met.Nodes))
	}
	if ids(m.NamedDenied.Nodes) != "talks-geneva" || len(m.MetDenied.Nodes) != 0 {
		t.Errorf("Witkoff and Macron: named in %s, met in %s; want Geneva, then none", ids(m.NamedDenied.Nodes), ids(m.MetDenied.Nodes))
	}
	got := map[string]string{}
	for _, x := range c.Actor.Any {
		got[x.Actor.ID] = x.Certainty
	}
	if got["driscoll"] != "PLANNED" || got["kushner"] != "REPORTED" || got["witkoff"] != "CONFIRMED" {
		t.Errorf("counterparts = %v", got)
	}
	if len(c.Actor.Confirmed) != 1 || c.Actor.Confirmed[0].Actor.ID != "witkoff" {
		t.Errorf("confirmed counterparts = %+v, want Witkoff alone", c.Actor.Confirmed)
	}
	if ids(c.Any.Nodes) != "meeting-miami" || len(c.Confirmed.Nodes) != 0 {
		t.Errorf("meetings: %s, confirmed %s; want Miami, then none (Kushner is only reported)", ids(c.Any.Nodes), ids(c.Confirmed.Nodes))
	}
}

func TestPlanDiffReportsUnknownAsUnknown(t *testing.T) {
	a := fidelityAPI(t)
	type diff struct {
		Removed, Unknown, Disputed []struct{ ID string }
		Revised                    []struct {
			Before, After struct{ ID string }
			Unchanged     bool
		}
		Fates []struct {
			Point      struct{ ID string }
			Fate       *string
			Disputed   bool
			Successors []struct{ ID string }
			Sources    []struct{ Quote string }
			Claims     []struct {
				Value   string
				Sources []struct{ Quote string }
			}
		}
	}
	var d struct{ Partial, Complete diff }
	q := `{ removed { id } unknown { id } disputed { id } revised { before { id } after { id } unchanged }
  fates { point { id } fate disputed successors { id } sources { quote } claims { value sources { quote } } } }`
	a.query(`{ partial: planDiff(from: "v1", to: "v2") `+q+` complete: planDiff(from: "v1", to: "v3") `+q+` }`, &d)
	// v2's text is known only in part: a2 was dropped by a source's word,
	// a3's fate is not given, a4's is disputed.
	if ids(d.Partial.Removed) != "a2" || ids(d.Partial.Unknown) != "a3" || ids(d.Partial.Disputed) != "a4" || len(d.Partial.Revised) != 1 ||
		d.Partial.Revised[0].After.ID != "b1" || d.Partial.Revised[0].Unchanged {
		t.Errorf("v1 -> v2 = %+v", d.Partial)
	}
	fates := map[string]string{}
	for _, f := range d.Partial.Fates {
		fates[f.Point.ID] = "none"
		if f.Fate != nil {
			fates[f.Point.ID] = *f.Fate
		}
		if f.Point.ID == "a2" && (len(f.Sources) != 1 || f.Sources[0].Quote != "the alliance clause was dropped") {
			t.Errorf("a2's fate lacks its source: %+v", f)
		}
		if f.Point.ID == "a4" && (!f.Disputed || len(f.Claims) != 2 || f.Claims[0].Value != "dropped" || f.Claims[1].Sources[0].Quote != "the commission was reworded") {
			t.Errorf("a4's competing fates: %+v, want both values with their sources", f)
		}
	}
	if fates["a1"] != "REVISED" || fates["a2"] != "DROPPED" || fates["a3"] != "UNKNOWN" || fates["a4"] != "none" {
		t.Errorf("fates = %v, want a4 with no working fate", fates)
	}
	// v3's full text is known: what it does not carry over was dropped, a
	// point carried over word for word was kept, and a point split in two
	// was revised into both.
	if ids(d.Complete.Removed) != "a2,a4" || len(d.Complete.Unknown) != 0 || len(d.Complete.Disputed) != 0 || len(d.Complete.Revised) != 3 || !d.Complete.Revised[0].Unchanged {
		t.Errorf("v1 -> v3 = %+v", d.Complete)
	}
	if f := d.Complete.Fates; *f[0].Fate != "KEPT" || *f[2].Fate != "REVISED" || ids(f[2].Successors) != "c2,c3" {
		t.Errorf("fates in v3: %+v, want a1 KEPT and a3 REVISED into c2 and c3", f)
	}

	var v struct {
		V2 struct {
			DeclaredPoints *int
			Disputes       []struct{ Field string }
			Authors        []struct {
				Actor     struct{ ID string }
				Certainty string
				Contested bool
			}
			Fates []struct {
				Point struct{ ID string }
				Fate  *string
			}
		}
		V4 struct {
			DerivedFrom struct{ ID string }
			Parents     []struct {
				Version struct{ ID string }
				Sources []struct{ Quote string }
			}
		}
	}
	a.query(`{
  v2: planVersion(id: "v2") { declaredPoints disputes { field } authors { actor { id } certainty contested } fates { point { id } fate } }
  v4: planVersion(id: "v4") { derivedFrom { id } parents { version { id } sources { quote } } }
}`, &v)
	if v.V2.DeclaredPoints != nil || len(v.V2.Disputes) != 2 || v.V2.Disputes[0].Field != "declaredPoints" || v.V2.Disputes[1].Field != "fate/a4" {
		t.Errorf("v2's count (19 or 20) and a4's fate: %v %+v, want no working value and two disputes", v.V2.DeclaredPoints, v.V2.Disputes)
	}
	if len(v.V2.Authors) != 2 || v.V2.Authors[0].Certainty != "CONFIRMED" || v.V2.Authors[1].Actor.ID != "russia" ||
		v.V2.Authors[1].Certainty != "REPORTED" || !v.V2.Authors[1].Contested {
		t.Errorf("authors = %+v, want Witkoff confirmed and Russia reported but contested", v.V2.Authors)
	}
	if len(v.V2.Fates) != 4 || v.V2.Fates[2].Fate == nil || *v.V2.Fates[2].Fate != "UNKNOWN" || v.V2.Fates[3].Fate != nil {
		t.Errorf("v2's fates = %+v", v.V2.Fates)
	}
	if len(v.V4.Parents) != 2 || v.V4.Parents[0].Version.ID != "v2" || len(v.V4.Parents[0].Sources) != 1 || v.V4.DerivedFrom.ID != "v2" {
		t.Errorf("v4's parents = %+v", v.V4)
	}
}

func TestDisputedDurationHasNoWorkingValue(t *testing.T) {
	a := fidelityAPI(t)
	var d struct {
		Event struct {
			Duration        *struct{ Value string }
			DurationMinutes *int
			Disputed        bool
			Disputes        []struct {
				Field    string
				Resolved bool
				Values   []struct{ Display string }
			}
		}
	}
	a.query(`{ event(id: "call-disputed") { duration { value } durationMinutes disputed disputes { field resolved values { display } } } }`, &d)
	e := d.Event
	if e.Duration != nil || e.DurationMinutes != nil || !e.Disputed {
		t.Errorf("a disputed duration shows %+v / %v", e.Duration, e.DurationMinutes)
	}
	if len(e.Disputes) != 1 || e.Disputes[0].Field != "duration" || e.Disputes[0].Resolved || len(e.Disputes[0].Values) != 2 ||
		e.Disputes[0].Values[0].Display != "over two hours" || e.Disputes[0].Values[1].Display != "about 90 minutes" {
		t.Errorf("disputes = %+v", e.Disputes)
	}
}

func TestQualifiedAndRangedValues(t *testing.T) {
	a := fidelityAPI(t)
	type quantity struct {
		Value, Display string
		Amount         *float64
		Min, Max       *float64
		Approx, Unit   *string
	}
	var d struct {
		Session struct {
			Duration quantity
			Claims   []struct {
				Sources []struct{ Quote, Translation string }
			}
		}
		A1, B1 struct {
			Terms []struct {
				Name  string
				Value quantity
			}
			Subpoints []struct {
				Label, Text string
				Version     struct{ ID string }
			}
		}
		Call struct{ Claims []struct{ Quantity quantity } }
	}
	q := `{ terms { name value { value display amount unit } } subpoints { label text version { id } } }`
	a.query(`{
  session: event(id: "session-ranged") { duration { value display amount min max unit } claims { sources { quote translation } } }
  a1: planPoint(id: "a1") `+q+`
  b1: planPoint(id: "b1") `+q+`
  call: event(id: "call-disputed") { claims(field: "duration") { quantity { value display amount approx unit } } }
}`, &d)
	s := d.Session.Duration
	if s.Value != "5-7 hour" || s.Display != "between 5 and 7 hours" || s.Amount != nil || *s.Min != 5 || *s.Max != 7 || *s.Unit != "hour" {
		t.Errorf("ranged duration = %+v", s)
	}
	if c := d.Session.Claims; len(c) != 1 || c[0].Sources[0].Translation != "from five to seven hours" {
		t.Errorf("the Ukrainian quote's translation: %+v", c)
	}
	if len(d.A1.Terms) != 1 || d.A1.Terms[0].Name != "troop-cap" || d.A1.Terms[0].Value.Display != "600,000 troops" ||
		len(d.B1.Terms) != 1 || *d.B1.Terms[0].Value.Amount != 800000 {
		t.Errorf("troop caps = %+v, %+v", d.A1.Terms, d.B1.Terms)
	}
	if len(d.A1.Subpoints) != 2 || d.A1.Subpoints[1].Label != "b" || d.A1.Subpoints[1].Version.ID != "v1" {
		t.Errorf("sub-points = %+v", d.A1.Subpoints)
	}
	over := d.Call.Claims[0].Quantity
	if over.Value != "over 2 hour" || *over.Approx != "OVER" || over.Display != "over 2 hours" {
		t.Errorf("over two hours = %+v", over)
	}
}

func TestStatusAndModality(t *testing.T) {
	a := fidelityAPI(t)
	type event struct {
		ID       string
		Status   *string
		Modality *string
		InPerson *bool
		Places   []struct{ ID string }
	}
	var d struct {
		Cancelled, Phone, Held struct{ Nodes []event }
		Call, Miami, Summit    event
	}
	a.query(`{
  cancelled: timeline(filter: { statuses: [CANCELLED] }) { nodes { id status } }
  phone: timeline(filter: { modalities: [PHONE] }) { nodes { id } }
  held: timeline(filter: { statuses: [HELD], types: [MEETING] }) { nodes { id } }
  call: event(id: "call-disputed") { id modality inPerson places { id } }
  miami: event(id: "meeting-miami") { id modality inPerson }
  summit: event(id: "summit-budapest") { id status inPerson }
}`, &d)
	if len(d.Cancelled.Nodes) != 1 || d.Cancelled.Nodes[0].ID != "summit-budapest" || *d.Cancelled.Nodes[0].Status != "CANCELLED" {
		t.Errorf("cancelled = %+v", d.Cancelled.Nodes)
	}
	if len(d.Phone.Nodes) != 1 || d.Phone.Nodes[0].ID != "call-disputed" {
		t.Errorf("phone = %+v", d.Phone.Nodes)
	}
	if len(d.Held.Nodes) != 1 || d.Held.Nodes[0].ID != "meeting-miami" {
		t.Errorf("held meetings = %+v, want Miami only (the summit was cancelled)", d.Held.Nodes)
	}
	if *d.Call.InPerson || !*d.Miami.InPerson || d.Summit.InPerson != nil || len(d.Call.Places) != 2 {
		t.Errorf("call %+v, Miami %+v, summit %+v", d.Call, d.Miami, d.Summit)
	}
}

// TestAsOfNeverShowsTheFuture: an event shows as of a day only when it may
// have begun by then and a source that may have been published by then
// supports it; partial dates on both sides count by their earliest day.
func TestAsOfNeverShowsTheFuture(t *testing.T) {
	a := fidelityAPI(t)
	var d struct {
		Before, On struct{ Nodes []struct{ ID string } }
	}
	a.query(`{
  before: timeline(filter: { asOf: "2025-11-20", dates: { from: "2025-11-01", to: "2025-11-30" } }) { nodes { id } }
  on: timeline(filter: { asOf: "2025-11-21", dates: { from: "2025-11-01", to: "2025-11-30" } }) { nodes { id } }
}`, &d)
	before, on := ids(d.Before.Nodes), ids(d.On.Nodes)
	// late November begins on the 21st; a source of late November may be
	// published from the 21st.
	for _, id := range []string{"event-late-november", "event-early-november-late-source", "talks-abu-dhabi", "talks-geneva", "event-denied-then-confirmed"} {
		if strings.Contains(before, id) {
			t.Errorf("as of 20 November: %s shows (%s)", id, before)
		}
	}
	for _, id := range []string{"event-late-november", "event-early-november-late-source", "event-denied-then-confirmed"} {
		if !strings.Contains(on, id) {
			t.Errorf("as of 21 November: %s is missing (%s)", id, on)
		}
	}
}

// TestOrdinaryReadsFitTheLimits: the default limits let a timeline page of
// 100 events with participants and sources, and every plan version with its
// points and stances, through, and still refuse what is truly expensive.
func TestOrdinaryReadsFitTheLimits(t *testing.T) {
	db := newAPI(t, "testdata/fidelity").db
	a := serveWith(t, db, db.Store, httpapi.Options{Limits: httpapi.DefaultLimits})
	for name, q := range map[string]string{
		"timeline page": `{ timeline(first: 100) { totalCount nodes { id title type date { value display } places { id name }
  participants { actor { id name kind } role represents { id } certainty sources { source { id title url } quote confirmation } }
  sources { source { id title url publisher published { display } } quote confirmation } } } }`,
		"plan versions": `{ plans { id versions { id name declaredPoints certainty
  points { id number title text topics territories { id } stances { actor { id name } position date { value } sources { source { id } quote } } }
  stances { actor { id } position sources { source { id } quote } } } } }`,
	} {
		if r := a.post(q, nil); len(r.Errors) > 0 {
			t.Errorf("%s refused: %+v", name, r.Errors)
		}
	}
	r := a.post(`{ actors(first: 100) { nodes { events(first: 100) { nodes { participants { actor {
  events(first: 100) { nodes { id } } } } } } } } }`, nil)
	if len(r.Errors) != 1 || r.Errors[0].code() != httpapi.CodeQueryTooComplex {
		t.Errorf("a nested fan-out was not refused: %+v", r.Errors)
	}
}

// Order comes from what the dates make certain: an event known only to a
// month or a part of the year is neither before nor after the days it may
// fall on, and the API says so instead of putting it first.
func TestChronologyByWhatIsKnown(t *testing.T) {
	a := fidelityAPI(t)
	var d struct {
		Call struct {
			Previous    *struct{ ID string }
			Next        *struct{ ID string }
			Overlapping []struct{ ID string }
		}
		Miami struct {
			Previous    *struct{ ID string }
			Overlapping []struct{ ID string }
		}
		Yermak struct {
			Counterparts []struct {
				Actor       struct{ ID string }
				First, Last struct{ Value, Display string }
			}
		}
	}
	a.query(`{
		call: event(id: "call-disputed") { previous { id } next { id } overlapping { id } }
		miami: event(id: "meeting-miami") { previous { id } overlapping(first: 3) { id } }
		yermak: actor(id: "yermak") { counterparts { actor { id } first { value display } last { value display } } }
	}`, &d)
	// The Budapest summit is dated "2025-10": it may fall before or after
	// the call of 16 October, so it is not the call's previous event.
	if d.Call.Previous != nil {
		t.Errorf("the call's previous event is %s; no event certainly came before it", d.Call.Previous.ID)
	}
	if got := ids(d.Call.Overlapping); !strings.Contains(got, "summit-budapest") || !strings.Contains(got, "visit-yermak-umerov-late") {
		t.Errorf("the call overlaps %q, want the October summit and the late-2025 meeting among them", got)
	}
	// Two events of 24 October come next; of equals, the lower id.
	if d.Call.Next == nil || d.Call.Next.ID != "call-yermak-umerov" {
		t.Errorf("the call's next event is %+v, want the first one certainly after it (24 October)", d.Call.Next)
	}
	if d.Miami.Previous == nil || d.Miami.Previous.ID != "call-disputed" {
		t.Errorf("Miami's previous event is %+v, want the call of 16 October", d.Miami.Previous)
	}
	if len(d.Miami.Overlapping) != 3 {
		t.Errorf("overlapping(first: 3) gave %d events: %s", len(d.Miami.Overlapping), ids(d.Miami.Overlapping))
	}
	for _, o := range d.Miami.Overlapping {
		if o.ID == "call-disputed" || o.ID == "meeting-miami" {
			t.Errorf("Miami overlaps %s", o.ID)
		}
	}
	if len(d.Yermak.Counterparts) != 1 {
		t.Fatalf("Yermak's counterparts: %+v", d.Yermak.Counterparts)
	}
	c := d.Yermak.Counterparts[0]
	// The first shared event began between 1 September (the late-2025
	// meeting at its earliest) and 24 October (the call); the last between
	// 24 October and 31 December.
	if c.First.Value != "2025-09-01..2025-10-24" || c.Last.Value != "2025-10-24..2025-12-31" {
		t.Errorf("first %q, last %q; want 2025-09-01..2025-10-24 and 2025-10-24..2025-12-31", c.First.Value, c.Last.Value)
	}
}
