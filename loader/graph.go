package loader

import (
	"fmt"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/diplograph/diplograph/facts"
	"github.com/diplograph/diplograph/partialdate"
	"github.com/diplograph/diplograph/quantity"
	"github.com/diplograph/diplograph/store"
	"github.com/diplograph/diplograph/vocab"
)

// buildBatch turns validated files into the nodes and relationships of the
// graph model (docs/model.md). It assumes validate found nothing wrong. It
// empties each file's decoded content once converted.
func buildBatch(files []*parsedFile, defs map[string]definition) *store.Batch {
	b := store.NewBatch()
	for _, f := range files {
		buildFile(b, f, defs)
	}
	return b
}

// buildFile adds one checked file to the batch. The batch holds what it
// needs of the file (its strings, encoded); the rest of the decoded file
// goes now, not after the last file.
func buildFile(b *store.Batch, f *parsedFile, defs map[string]definition) {
	d := &f.doc
	for _, s := range d.Sources {
		addSource(b, s)
	}
	for _, a := range d.Actors {
		addActor(b, a)
	}
	for _, p := range d.Places {
		addPlace(b, p)
	}
	for _, e := range d.Events {
		addEvent(b, e)
	}
	for _, p := range d.Plans {
		addPlan(b, p)
	}
	for _, s := range d.Stances {
		target := store.StanceOnPoint
		if defs[s.On].kind == kVersion {
			target = store.StanceOnVersion
		}
		addStance(b, s, target)
	}
	*d = document{}
}

// fields starts a node's properties with the fixture fields the graph
// stores as they are (store.Encode).
func fields(v any) props { return props(store.Encode(v, map[string]any{})) }

// props collects node or relationship properties, leaving out empty values:
// Neo4j stores no nulls, and a re-load must compare equal to what it wrote.
// A nil props is empty; the first value set allocates it.
type props map[string]any

// noProps is the properties of every relationship that has none: one empty
// map shared by them all (nothing writes to a batch's properties), rather
// than one each.
var noProps = map[string]any{}

// rel is the property map to hand the batch for a relationship.
func (p props) rel() map[string]any {
	if len(p) == 0 {
		return noProps
	}
	return p
}

func (p props) set(k string, v any) props {
	if p == nil {
		p = make(props, 4)
	}
	p[k] = v
	return p
}

func (p props) str(k, v string) props {
	if v != "" {
		return p.set(k, v)
	}
	return p
}

func (p props) flag(k string, v bool) props {
	if v {
		return p.set(k, true)
	}
	return p
}

// ownList is list for a slice made for this property alone: it is kept,
// not copied.
func (p props) ownList(k string, v []string) props {
	if len(v) > 0 {
		return p.set(k, v)
	}
	return p
}

// date stores a partial date as its canonical text, its precision, and the
// first and last day it may denote (extended to the last day of until, for
// periods), which range filters and ordering use.
func (p props) date(k string, d, until partialdate.Date) props {
	if d.IsZero() {
		return p
	}
	last := d.Latest()
	if !until.IsZero() && until.Latest().After(last) {
		last = until.Latest()
	}
	p = p.set(k, d.String())
	p[k+"Precision"] = string(d.Precision())
	p[k+"From"] = neo4j.DateOf(d.Earliest())
	p[k+"To"] = neo4j.DateOf(last)
	return p
}

// span records how many days the date's range covers, zero included:
// readers bound an overlap search on the earliest day by the longest span
// (see store/cypher/read/fragments.cypher).
func (p props) span(k string) props {
	from, ok1 := p[k+"From"].(neo4j.Date)
	to, ok2 := p[k+"To"].(neo4j.Date)
	if ok1 && ok2 {
		p[k+"Span"] = int64(to.Time().Sub(from.Time()).Hours() / 24)
	}
	return p
}

func (p props) partial(k string, d partialdate.Date) props {
	if d.IsZero() {
		return p
	}
	p = p.set(k, d.String())
	p[k+"Precision"] = string(d.Precision())
	return p
}

// disputed records the fields on which sources disagree.
func (p props) disputed(rs ...resolved) props {
	var names []string
	for _, r := range rs {
		if r.disputed {
			names = append(names, r.field.name)
		}
	}
	return p.ownList("disputedFields", names)
}

// certainty records a fact's certainty, and whether some of its sources
// deny it.
func (p props) certainty(c vocab.Certainty, contested bool) props {
	return p.str("certainty", string(c)).flag("contested", contested)
}

// cite writes a node's citations as CITES relationships.
func cite(b *store.Batch, from store.Label, id string, cs []citation) {
	for _, c := range cs {
		b.AddRel(store.Cites(from), id, c.Source, citationProps(c).rel())
	}
}

func citationProps(c citation) props {
	p := props(nil).str("quote", c.Quote).str("translation", c.Translation).str("language", c.Language).str("note", c.Note)
	if conf := c.confirmation(); conf != vocab.CertaintyConfirmed {
		p = p.str("confirmation", string(conf))
	}
	return p
}

// relCitations keeps a relationship's citations as parallel lists (a
// relationship cannot point at a source node): source ids, and beside them
// the quotes, confirmations, translations, languages and notes, each list
// written only when one entry is not empty; with its certainty.
func relCitations(p props, cs []citation) props {
	if len(cs) == 0 {
		return p
	}
	ids := make([]string, len(cs))
	lists := map[string][]string{}
	for i, c := range cs {
		ids[i] = c.Source
		conf := ""
		if c.confirmation() != vocab.CertaintyConfirmed {
			conf = string(c.confirmation())
		}
		for k, v := range map[string]string{"quotes": c.Quote, "confirmations": conf, "translations": c.Translation,
			"languages": c.Language, "notes": c.Note} {
			if lists[k] == nil {
				lists[k] = make([]string, len(cs))
			}
			lists[k][i] = v
		}
	}
	p = p.ownList("sources", ids)
	for k, l := range lists {
		p = p.ownList(k, nonEmpty(l))
	}
	c, contested := certaintyOf(cs)
	return p.certainty(c, contested)
}

// nonEmpty drops a list whose entries are all empty.
func nonEmpty(l []string) []string {
	for _, s := range l {
		if s != "" {
			return l
		}
	}
	return nil
}

// linkAll writes the relationships of a list of links, each with its own
// citations.
func linkAll(b *store.Batch, spec store.RelSpec, from string, ls links, extra func(props) props) {
	for _, l := range ls {
		p := relCitations(nil, l.Sources)
		if extra != nil {
			p = extra(p)
		}
		b.AddRel(spec, from, l.ID, p.rel())
	}
}

func addSource(b *store.Batch, s source) {
	var published partialdate.Date
	if s.Published != "" {
		published = partialdate.MustParse(s.Published)
	}
	b.AddNode(store.LabelSource, s.ID, fields(s.SourceFields).date("published", published, partialdate.Date{}))
	if s.PublisherActor != "" {
		b.AddRel(store.SourcePublishedBy, s.ID, s.PublisherActor, noProps)
	}
}

func addActor(b *store.Batch, a actor) {
	certainty, contested := certaintyOf(a.Sources)
	identity := resolve(fieldIdentity, a.Identity)
	b.AddNode(store.LabelActor, a.ID, fields(a.ActorFields).str("aliasText", strings.Join(a.Aliases, "; ")).
		certainty(certainty, contested).disputed(identity))
	cite(b, store.LabelActor, a.ID, a.Sources)
	claimNodes(b, store.LabelActor, a.ID, certainty, identity)
	for _, m := range a.Members {
		// The group lists its members; the relationship runs from member to
		// group.
		b.AddRel(store.ActorMemberOf, m.ID, a.ID, relCitations(nil, m.Sources).rel())
	}
	for i, r := range a.Roles {
		// A role is known only through its holder, so its id derives from
		// the holder's and its place in the list.
		id := fmt.Sprintf("%s#role-%d", a.ID, i+1)
		rc, rcontested := facts.Inherit(confirmations(r.Sources), certainty)
		title, from, until := resolve(fieldTitle, r.Title), resolve(fieldFrom, r.From), resolve(fieldUntil, r.Until)
		b.AddNode(store.LabelRole, id, props{}.str("title", title.text()).
			date("start", from.date(), partialdate.Date{}).date("end", until.date(), partialdate.Date{}).
			certainty(rc, rcontested).disputed(title, from, until))
		b.AddRel(store.ActorHolds, a.ID, id, noProps)
		if r.For != "" {
			b.AddRel(store.RoleFor, id, r.For, noProps)
		}
		cite(b, store.LabelRole, id, r.Sources)
		for _, c := range []resolved{title, from, until} {
			claimNodes(b, store.LabelRole, id, rc, c)
		}
	}
}

func addPlace(b *store.Batch, p place) {
	b.AddNode(store.LabelPlace, p.ID, fields(p.PlaceFields).str("aliasText", strings.Join(p.Aliases, "; ")))
	if p.In != "" {
		b.AddRel(store.PlaceLocatedIn, p.ID, p.In, noProps)
	}
	cite(b, store.LabelPlace, p.ID, p.Sources)
}

func addEvent(b *store.Batch, e event) {
	certainty, contested := certaintyOf(e.Sources)
	status, modality := resolve(fieldStatus, e.Status), resolve(fieldModality, e.Modality)
	date, end := resolve(fieldDate, e.Date), resolve(fieldEnd, e.End)
	duration, outcome := resolve(fieldDuration, e.Duration), resolve(fieldOutcome, e.Outcome)
	fieldsOf := []resolved{status, modality, date, end, duration, outcome}
	// The status a link through the event may rest on: the working one, held
	// when the fixture gives none, or, when sources disagree, every value.
	var st vocab.EventStatus
	var statuses []vocab.EventStatus
	switch {
	case !status.sourced && len(status.values) == 0:
		st = vocab.EventStatusHeld
	case status.working >= 0:
		st = vocab.EventStatus(status.text())
	default:
		for i, v := range status.values {
			if v.Rank != vocab.RankDeprecated {
				statuses = append(statuses, vocab.EventStatus(status.canon[i]))
			}
		}
	}
	var parts []resolved
	for _, p := range e.Participants {
		parts = append(parts, resolve(participantRoleField(p.Actor), p.Role))
	}
	p := fields(e.EventFields).str("status", string(st)).str("modality", modality.text()).
		date("date", date.date(), end.date()).span("date").partial("end", end.date()).
		str("outcome", outcome.only()).certainty(certainty, contested).disputed(append(fieldsOf, parts...)...)
	if d := duration.text(); d != "" {
		q := quantity.MustParse(d)
		p = p.str("duration", d)
		if m, ok := q.Minutes(); ok {
			p = p.set("durationMinutes", int64(m))
		}
	}
	b.AddNode(store.LabelEvent, e.ID, p)
	cite(b, store.LabelEvent, e.ID, e.Sources)
	for _, r := range fieldsOf {
		claimNodes(b, store.LabelEvent, e.ID, certainty, r)
	}
	linkAll(b, store.EventAt, e.ID, e.Places, nil)
	for i, part := range e.Participants {
		role := parts[i]
		claimNodes(b, store.LabelEvent, e.ID, certainty, role)
		working := vocab.ParticipantRoleParticipant
		if role.working >= 0 {
			working = vocab.ParticipantRole(role.text())
		}
		pc, pcontested := facts.Inherit(confirmations(part.Sources), certainty)
		contact := facts.Contact(e.Type, pc, certainty, st, statuses)
		rp := make(props, 8).str("role", string(working)).str("roleLabel", part.RoleLabel).
			str("represents", part.Represents)
		rp = relCitations(rp, part.Sources)
		// A participation with no sources of its own is as certain as its
		// event.
		rp = rp.certainty(pc, pcontested)
		if contact > 0 {
			rp = rp.set("contact", int64(contact))
		}
		b.AddRel(store.ParticipatedIn, part.Actor, e.ID, rp.rel())
	}
	linkAll(b, store.EventConcerns, e.ID, e.Concerns, nil)
	linkAll(b, store.EventProduced, e.ID, e.Produced, nil)
	linkAll(b, store.EventLedTo, e.ID, e.LedTo, nil)
	linkAll(b, store.EventFollowsUp, e.ID, e.FollowsUp, nil)
	linkAll(b, store.EventRespondsTo, e.ID, e.RespondsTo, nil)
	linkAll(b, store.EventPublishes, e.ID, e.Publishes, nil)
}

func addPlan(b *store.Batch, p plan) {
	b.AddNode(store.LabelPlan, p.ID, fields(p.PlanFields))
	for _, v := range p.Versions {
		addVersion(b, p.ID, v)
	}
}

func addVersion(b *store.Batch, planID string, v version) {
	certainty, contested := certaintyOf(v.Sources)
	declared, authors := resolve(fieldDeclared, v.DeclaredPoints), resolve(fieldAuthors, v.Authors)
	claimed := []resolved{declared, authors}
	p := fields(v.VersionFields).certainty(certainty, contested)
	if d := declared.text(); d != "" {
		if q := quantity.MustParse(d); q.Amount != nil && q.Approx == "" {
			p = p.set("declaredPoints", int64(*q.Amount))
		}
	}
	fates := make([]resolved, len(v.Fates))
	for i, f := range v.Fates {
		fates[i] = resolve(fateField(f.Point), f.Fate)
	}
	claimed = append(claimed, fates...)
	dates := map[vocab.VersionDateKind]partialdate.Date{}
	for _, k := range v.Dates.byKind() {
		r := resolve(versionDateField(k.kind), k.value)
		claimed = append(claimed, r)
		dates[k.kind] = r.date()
		p = p.date(string(k.kind), dates[k.kind], partialdate.Date{})
	}
	// Its date is when it was published, or else presented, or else drafted.
	var first partialdate.Date
	for _, k := range []vocab.VersionDateKind{vocab.VersionDateKindPublished, vocab.VersionDateKindPresented, vocab.VersionDateKindDrafted} {
		if d := dates[k]; !d.IsZero() {
			first = d
			break
		}
	}
	b.AddNode(store.LabelPlanVersion, v.ID, p.date("date", first, partialdate.Date{}).disputed(claimed...))
	b.AddRel(store.PlanHasVersion, planID, v.ID, noProps)
	linkAll(b, store.VersionDerivedFrom, v.ID, v.DerivedFrom, nil)
	cite(b, store.LabelPlanVersion, v.ID, v.Sources)
	for _, r := range claimed {
		claimNodes(b, store.LabelPlanVersion, v.ID, certainty, r)
	}
	for _, pt := range v.Points {
		addPoint(b, v.ID, certainty, pt)
	}
	// A FATE relationship holds the working fate (none when sources
	// disagree and no editor prefers one) with the sources that state it;
	// competing fates are the version's claims (fate/<point>).
	for i, f := range v.Fates {
		r := fates[i]
		cs := f.Sources
		if r.sourced && r.working >= 0 {
			cs = append(cs[:len(cs):len(cs)], r.values[r.working].Sources...)
		}
		b.AddRel(store.VersionFate, v.ID, f.Point, relCitations(props{}.str("fate", r.text()).flag("disputed", r.disputed), cs).rel())
	}
}

func addPoint(b *store.Batch, versionID string, owner vocab.Certainty, pt point) {
	certainty, contested := facts.Inherit(confirmations(pt.Sources), owner)
	writePoint(b, pt.ID, "", pt.PointFields, pt.Title, pt.Text, pt.Territories, pt.Terms, pt.Sources, certainty, contested)
	b.AddRel(store.VersionHasPoint, versionID, pt.ID, noProps)
	if pt.Revises != "" {
		b.AddRel(store.PointRevises, pt.ID, pt.Revises, noProps)
	}
	for _, sp := range pt.Subpoints {
		sc, scontested := facts.Inherit(confirmations(sp.Sources), certainty)
		writePoint(b, subpointID(pt.ID, sp), sp.Label, store.PointFields{Topics: sp.Topics}, sp.Title, sp.Text,
			sp.Territories, sp.Terms, sp.Sources, sc, scontested)
		b.AddRel(store.PointHasSubpoint, pt.ID, subpointID(pt.ID, sp), noProps)
	}
}

// subpointID is a sub-point's id: its own, or its point's and its label.
func subpointID(pointID string, sp subpoint) string {
	if sp.ID != "" {
		return sp.ID
	}
	return pointID + "-" + sp.Label
}

func writePoint(b *store.Batch, id, label string, f store.PointFields, title, text claims, territories []string,
	ts terms, sources []citation, certainty vocab.Certainty, contested bool) {
	t, x := resolve(fieldTitle, title), resolve(fieldText, text)
	claimed := []resolved{t, x}
	for _, term := range ts {
		claimed = append(claimed, resolve(termField(term.Name), term.Value))
	}
	b.AddNode(store.LabelPlanPoint, id, fields(f).str("label", label).str("title", t.text()).str("text", x.text()).
		certainty(certainty, contested).disputed(claimed...))
	for _, tr := range territories {
		b.AddRel(store.PointConcerns, id, tr, noProps)
	}
	cite(b, store.LabelPlanPoint, id, sources)
	for _, r := range claimed {
		// Terms are kept as claims only: a point holds any number of them.
		if strings.HasPrefix(r.field.name, "terms/") && !r.sourced {
			r.sourced = true
		}
		claimNodes(b, store.LabelPlanPoint, id, certainty, r)
	}
}

func addStance(b *store.Batch, s stance, target store.RelSpec) {
	certainty, contested := certaintyOf(s.Sources)
	date := resolve(fieldStanceDay, s.Date)
	b.AddNode(store.LabelStance, s.ID, fields(s.StanceFields).date("date", date.date(), partialdate.Date{}).
		certainty(certainty, contested).disputed(date))
	b.AddRel(store.ActorTook, s.Actor, s.ID, noProps)
	cite(b, store.LabelStance, s.ID, s.Sources)
	claimNodes(b, store.LabelStance, s.ID, certainty, date)
	b.AddRel(target, s.ID, s.On, noProps)
}
