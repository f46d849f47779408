package store

import (
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/diplograph/diplograph/partialdate"
)

// The read types below are what the store returns; the GraphQL layer wraps
// them. Nested facts that need another query (an actor's events, an event's
// participants) are not fields here: the store loads them for many parents
// at once through the *Of methods.

type Actor struct {
	ID          string
	Kind        string
	Name        string
	Aliases     []string
	Description *string
}

type Role struct {
	ID    string
	Title string
	For   *Actor
	From  *partialdate.Date
	Until *partialdate.Date
}

type Place struct {
	ID      string
	Kind    string
	Name    string
	Aliases []string
}

type Source struct {
	ID        string
	Kind      string
	Title     string
	URL       *string
	Publisher *string
	Author    *string
	Published *partialdate.Date
	Note      *string
}

// Citation is a source's support for a fact.
type Citation struct {
	Source      Source
	Quote       *string
	Unconfirmed bool
}

type Event struct {
	ID              string
	Type            string
	Title           string
	Summary         *string
	Date            partialdate.Date
	End             *partialdate.Date
	DurationMinutes *int
	Unconfirmed     bool
}

type Participation struct {
	Actor       Actor
	Role        string
	Represents  *Actor
	Unconfirmed bool
	Sources     []Citation
}

// Claim is one competing value of a disputed field.
type Claim struct {
	ID        string
	Field     string
	Value     string
	Display   *string
	Preferred bool
	Sources   []Citation
}

type Plan struct {
	ID      string
	Name    string
	Summary *string
}

type PlanVersion struct {
	ID             string
	Name           string
	DeclaredPoints *int
	Date           *partialdate.Date
	Summary        *string
	Unconfirmed    bool
}

type PlanPoint struct {
	ID          string
	Number      *int
	Title       *string
	Text        string
	Topics      []string
	Unconfirmed bool
}

type Stance struct {
	ID          string
	Position    string
	Date        *partialdate.Date
	Summary     *string
	Unconfirmed bool
}

// StanceTarget is what a stance is on: a point or a whole version.
type StanceTarget struct {
	Point   *PlanPoint
	Version *PlanVersion
}

type Counterpart struct {
	Actor  Actor
	Count  int
	First  partialdate.Date
	Last   partialdate.Date
	Events []Event
}

// props reads typed values from a node's or relationship's properties; a
// missing or mistyped property reads as the zero value, since the loader
// is the only writer and leaves empty values out.
type props map[string]any

func (p props) str(k string) string {
	s, _ := p[k].(string)
	return s
}

func (p props) optStr(k string) *string {
	if s, ok := p[k].(string); ok && s != "" {
		return &s
	}
	return nil
}

func (p props) optInt(k string) *int {
	if n, ok := p[k].(int64); ok {
		i := int(n)
		return &i
	}
	return nil
}

func (p props) flag(k string) bool {
	b, _ := p[k].(bool)
	return b
}

func (p props) strs(k string) []string {
	items, _ := p[k].([]any)
	out := make([]string, 0, len(items))
	for _, it := range items {
		if s, ok := it.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func (p props) date(k string) *partialdate.Date {
	s, ok := p[k].(string)
	if !ok || s == "" {
		return nil
	}
	d, err := partialdate.Parse(s)
	if err != nil {
		return nil
	}
	return &d
}

func asProps(v any) props {
	switch n := v.(type) {
	case dbtype.Node:
		return n.Props
	case map[string]any:
		return n
	}
	return nil
}

func decodeActor(v any) Actor {
	p := asProps(v)
	return Actor{ID: p.str("id"), Kind: p.str("kind"), Name: p.str("name"), Aliases: p.strs("aliases"), Description: p.optStr("description")}
}

func decodeRole(v any) Role {
	p := asProps(v)
	return Role{ID: p.str("id"), Title: p.str("title"), From: p.date("start"), Until: p.date("end")}
}

func decodePlace(v any) Place {
	p := asProps(v)
	return Place{ID: p.str("id"), Kind: p.str("kind"), Name: p.str("name"), Aliases: p.strs("aliases")}
}

func decodeSource(v any) Source {
	p := asProps(v)
	return Source{ID: p.str("id"), Kind: p.str("kind"), Title: p.str("title"), URL: p.optStr("url"),
		Publisher: p.optStr("publisher"), Author: p.optStr("author"), Published: p.date("published"), Note: p.optStr("note")}
}

func decodeEvent(v any) Event {
	p := asProps(v)
	e := Event{ID: p.str("id"), Type: p.str("type"), Title: p.str("title"), Summary: p.optStr("summary"),
		End: p.date("end"), DurationMinutes: p.optInt("durationMinutes"), Unconfirmed: p.flag("unconfirmed")}
	if d := p.date("date"); d != nil {
		e.Date = *d
	}
	return e
}

func decodePlan(v any) Plan {
	p := asProps(v)
	return Plan{ID: p.str("id"), Name: p.str("name"), Summary: p.optStr("summary")}
}

func decodePlanVersion(v any) PlanVersion {
	p := asProps(v)
	return PlanVersion{ID: p.str("id"), Name: p.str("name"), DeclaredPoints: p.optInt("declaredPoints"),
		Date: p.date("date"), Summary: p.optStr("summary"), Unconfirmed: p.flag("unconfirmed")}
}

func decodePlanPoint(v any) PlanPoint {
	p := asProps(v)
	return PlanPoint{ID: p.str("id"), Number: p.optInt("number"), Title: p.optStr("title"), Text: p.str("text"),
		Topics: p.strs("topics"), Unconfirmed: p.flag("unconfirmed")}
}

func decodeStance(v any) Stance {
	p := asProps(v)
	return Stance{ID: p.str("id"), Position: p.str("position"), Date: p.date("date"), Summary: p.optStr("summary"), Unconfirmed: p.flag("unconfirmed")}
}

func decodeCitations(v any) []Citation {
	items, _ := v.([]any)
	out := make([]Citation, 0, len(items))
	for _, it := range items {
		m, _ := it.(map[string]any)
		if m == nil || m["source"] == nil {
			continue
		}
		c := Citation{Source: decodeSource(m["source"])}
		if q, ok := m["quote"].(string); ok && q != "" {
			c.Quote = &q
		}
		c.Unconfirmed, _ = m["unconfirmed"].(bool)
		out = append(out, c)
	}
	return out
}

func toDate(t time.Time) dbtype.Date { return dbtype.Date(t) }

// Key returns the id; the GraphQL layer groups objects by it.
func (a Actor) Key() string       { return a.ID }
func (p Place) Key() string       { return p.ID }
func (s Source) Key() string      { return s.ID }
func (e Event) Key() string       { return e.ID }
func (p Plan) Key() string        { return p.ID }
func (v PlanVersion) Key() string { return v.ID }
func (p PlanPoint) Key() string   { return p.ID }
