package loader

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/diplograph/diplograph/partialdate"
	"github.com/diplograph/diplograph/store"
)

// buildBatch turns validated files into the nodes and relationships of the
// graph model (docs/model.md). It assumes validate found nothing wrong. It
// empties each file's decoded content once converted.
func buildBatch(files []*parsedFile, defs map[string]definition) *store.Batch {
	b := store.NewBatch()
	for _, f := range files {
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
		// The batch holds what it needs of the file (its strings); the rest
		// of the decoded file goes now, not after the last file.
		*d = document{}
	}
	return b
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
func (p props) date(k, text, until string) props {
	if text == "" {
		return p
	}
	d := partialdate.MustParse(text)
	last := d.Latest()
	if until != "" {
		last = partialdate.MustParse(until).Latest()
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

func (p props) partial(k, text string) props {
	if text == "" {
		return p
	}
	d := partialdate.MustParse(text)
	p = p.set(k, d.String())
	p[k+"Precision"] = string(d.Precision())
	return p
}

func cite(b *store.Batch, from store.Label, id string, cs []citation) {
	for _, c := range cs {
		b.AddRel(store.Cites(from), id, c.Source, props(nil).str("quote", c.Quote).flag("unconfirmed", c.Unconfirmed).rel())
	}
}

func addSource(b *store.Batch, s source) {
	b.AddNode(store.LabelSource, s.ID, fields(s.SourceFields).date("published", s.Published, ""))
	if s.PublisherActor != "" {
		b.AddRel(store.SourcePublishedBy, s.ID, s.PublisherActor, noProps)
	}
}

func addActor(b *store.Batch, a actor) {
	b.AddNode(store.LabelActor, a.ID, fields(a.ActorFields).str("aliasText", strings.Join(a.Aliases, "; ")))
	cite(b, store.LabelActor, a.ID, a.Sources)
	for i, r := range a.Roles {
		// A role is known only through its holder, so its id derives from
		// the holder's and its place in the list.
		id := a.ID + "#role-" + strconv.Itoa(i+1)
		b.AddNode(store.LabelRole, id, props{}.str("title", r.Title).
			date("start", r.From, "").date("end", r.Until, ""))
		b.AddRel(store.ActorHolds, a.ID, id, noProps)
		if r.For != "" {
			b.AddRel(store.RoleFor, id, r.For, noProps)
		}
		cite(b, store.LabelRole, id, r.Sources)
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
	b.AddNode(store.LabelEvent, e.ID, fields(e.EventFields).
		date("date", e.Date, e.End).span("date").partial("end", e.End))
	cite(b, store.LabelEvent, e.ID, e.Sources)
	if e.Place != "" {
		b.AddRel(store.EventAt, e.ID, e.Place, noProps)
	}
	for _, p := range e.Participants {
		// A relationship cannot point at a source node, so a participation
		// keeps its provenance as parallel lists of source ids and quotes.
		ids := make([]string, len(p.Sources))
		quotes := make([]string, len(p.Sources))
		for i, c := range p.Sources {
			ids[i], quotes[i] = c.Source, c.Quote
		}
		unconfirmed := p.Unconfirmed
		for _, c := range p.Sources {
			unconfirmed = unconfirmed || c.Unconfirmed
		}
		b.AddRel(store.ParticipatedIn, p.Actor, e.ID, make(props, 5).
			str("role", p.Role).str("represents", p.Represents).flag("unconfirmed", unconfirmed).
			ownList("sources", ids).ownList("quotes", quotesOrNil(quotes)).rel())
	}
	for _, v := range e.Concerns {
		b.AddRel(store.EventConcerns, e.ID, v, noProps)
	}
	for _, v := range e.Produced {
		b.AddRel(store.EventProduced, e.ID, v, noProps)
	}
	for _, next := range e.LedTo {
		b.AddRel(store.EventLedTo, e.ID, next, noProps)
	}
	for _, d := range e.Disputes {
		for i, val := range d.Values {
			id := fmt.Sprintf("%s#%s-%d", e.ID, d.Field, i+1)
			value := val.Value
			if d.Field == "date" || d.Field == "end" {
				value = partialdate.MustParse(value).String()
			}
			b.AddNode(store.LabelClaim, id, props{}.str("field", d.Field).str("value", value).
				str("display", val.Display).flag("preferred", val.Preferred))
			b.AddRel(store.EventHasClaim, e.ID, id, noProps)
			cite(b, store.LabelClaim, id, val.Sources)
		}
	}
}

// quotesOrNil drops a list of quotes that are all empty.
func quotesOrNil(qs []string) []string {
	for _, q := range qs {
		if q != "" {
			return qs
		}
	}
	return nil
}

func addPlan(b *store.Batch, p plan) {
	b.AddNode(store.LabelPlan, p.ID, fields(p.PlanFields))
	for _, v := range p.Versions {
		b.AddNode(store.LabelPlanVersion, v.ID, fields(v.VersionFields).date("date", v.Date, ""))
		b.AddRel(store.PlanHasVersion, p.ID, v.ID, noProps)
		if v.DerivedFrom != "" {
			b.AddRel(store.VersionDerivedFrom, v.ID, v.DerivedFrom, noProps)
		}
		cite(b, store.LabelPlanVersion, v.ID, v.Sources)
		for _, pt := range v.Points {
			b.AddNode(store.LabelPlanPoint, pt.ID, fields(pt.PointFields))
			b.AddRel(store.VersionHasPoint, v.ID, pt.ID, noProps)
			for _, t := range pt.Territories {
				b.AddRel(store.PointConcerns, pt.ID, t, noProps)
			}
			if pt.Revises != "" {
				b.AddRel(store.PointRevises, pt.ID, pt.Revises, noProps)
			}
			cite(b, store.LabelPlanPoint, pt.ID, pt.Sources)
		}
	}
}

func addStance(b *store.Batch, s stance, target store.RelSpec) {
	b.AddNode(store.LabelStance, s.ID, fields(s.StanceFields).date("date", s.Date, ""))
	b.AddRel(store.ActorTook, s.Actor, s.ID, noProps)
	cite(b, store.LabelStance, s.ID, s.Sources)
	b.AddRel(target, s.ID, s.On, noProps)
}
