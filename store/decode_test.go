package store

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"
)

func TestDecodeReadsEveryKindOfField(t *testing.T) {
	n := dbtype.Node{Props: map[string]any{"id": "call-1", "type": "phone_call", "title": "A call", "certainty": "reported",
		"summary": "s", "date": "late 2025-10", "end": "2025-11", "duration": "about 40 minute", "durationMinutes": int64(150),
		"status": "held", "contested": true}}
	e, err := decode[Event](n)
	if err != nil {
		t.Fatal(err)
	}
	if e.ID != "call-1" || e.Type != "phone_call" || e.Title != "A call" || *e.Summary != "s" || e.Date.String() != "late 2025-10" ||
		e.End.String() != "2025-11" || *e.DurationMinutes != 150 || !e.Contested || e.Duration.Display() != "about 40 minutes" ||
		*e.Status != "held" || e.Modality != nil || e.Certainty != "reported" {
		t.Errorf("decoded %+v", e)
	}
	p, err := decode[PlanPoint](map[string]any{"id": "p", "text": "t", "certainty": "confirmed", "topics": []any{"nato", "territory"}})
	if err != nil || len(p.Topics) != 2 || p.Topics[1] != "territory" || p.Number != nil || p.Title != nil {
		t.Errorf("decoded %+v, %v", p, err)
	}
}

// TestDecodeFailsLoudly: a property of the wrong type, a required one
// missing, an unknown enum value or a date that does not parse is an error
// naming the node and the property, never a zero value.
func TestDecodeFailsLoudly(t *testing.T) {
	base := func() map[string]any {
		return map[string]any{"id": "call-1", "type": "phone_call", "title": "A call", "date": "2025-10-16", "certainty": "confirmed"}
	}
	for name, change := range map[string]func(map[string]any){
		"missing title":    func(m map[string]any) { delete(m, "title") },
		"title not text":   func(m map[string]any) { m["title"] = int64(3) },
		"unknown type":     func(m map[string]any) { m["type"] = "phonecall" },
		"bad date":         func(m map[string]any) { m["date"] = "2025-13" },
		"duration as text": func(m map[string]any) { m["durationMinutes"] = "150" },
		"flag as text":     func(m map[string]any) { m["contested"] = "yes" },
		"bad quantity":     func(m map[string]any) { m["duration"] = "long" },
		"no certainty":     func(m map[string]any) { delete(m, "certainty") },
	} {
		m := base()
		change(m)
		_, err := decode[Event](m)
		var de *DecodeError
		if !errors.As(err, &de) || de.ID != "call-1" || !strings.Contains(err.Error(), "call-1") {
			t.Errorf("%s: error %v, want a DecodeError naming the node", name, err)
		}
	}
	if _, err := decode[Actor]("not a node"); err == nil {
		t.Error("a string decoded as an actor")
	}
	if _, err := decode[Actor](map[string]any{"id": "a", "kind": "person", "name": "A", "certainty": "confirmed", "aliases": []any{"x", int64(2)}}); err == nil {
		t.Error("a list with a number decoded as aliases")
	}
}

func TestEncodeLeavesOutEmptyValues(t *testing.T) {
	s := "summary"
	got := Encode(EventFields{Type: "meeting", Title: "T", Summary: &s}, nil)
	if len(got) != 3 || got["type"] != "meeting" || got["summary"] != "summary" {
		t.Errorf("encoded %v", got)
	}
	if _, ok := got["title"]; !ok {
		t.Error("title not written")
	}
}

// A list of values, as the values template function writes it, decodes by
// position as the map of the same properties does; a list of another
// length, or a value of the wrong type at a position, is an error naming
// the node.
func TestDecodeReadsListedValues(t *testing.T) {
	props := map[string]any{"id": "person-1", "kind": "person", "name": "A", "aliases": []any{"B"}, "certainty": "reported", "contested": true}
	fields := fieldsOf(reflect.TypeFor[Actor]())
	list := make([]any, len(fields))
	for i, f := range fields {
		list[i] = props[f.prop]
	}
	want, err := decode[Actor](props)
	if err != nil {
		t.Fatal(err)
	}
	got, err := decode[Actor](list)
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("decoded %+v (%v), want %+v", got, err, want)
	}
	if _, err := decode[Actor](list[:len(list)-1]); err == nil || !strings.Contains(err.Error(), "values for") {
		t.Errorf("a short list: %v, want an error", err)
	}
	for i, f := range fields {
		if f.prop == "name" {
			list[i] = int64(3)
		}
	}
	var de *DecodeError
	if _, err := decode[Actor](list); !errors.As(err, &de) || de.ID != "person-1" || de.Prop != "name" {
		t.Errorf("a number for the name: %v, want a DecodeError naming person-1 and name", err)
	}
}

// TestDecodeSelectedProperties: a page's events come back as the values of
// only the properties the query reads (PropSet); those decode into their
// fields, the rest stay zero, and a required one that is null is still an
// error.
func TestDecodeSelectedProperties(t *testing.T) {
	sel := PropsOf[Event]("title", "id", "modality")
	fields := sel.of(fieldsOf(reflect.TypeFor[Event]()))
	if got := propNames(fields); !reflect.DeepEqual(got, []string{"id", "title", "modality"}) {
		t.Fatalf("selected %v, want the fields' order: id, title, modality", got)
	}
	e, err := decodeFields[Event]([]any{"e1", "A call", "phone"}, fields)
	if err != nil {
		t.Fatal(err)
	}
	if e.ID != "e1" || e.Title != "A call" || e.Modality == nil || *e.Modality != "phone" || e.Type != "" {
		t.Errorf("decoded %+v", e)
	}
	if _, err := decodeFields[Event]([]any{"e1", nil, "phone"}, fields); err == nil || !strings.Contains(err.Error(), "title") {
		t.Errorf("a null title: %v, want an error naming it", err)
	}
	if _, err := decodeFields[Event]([]any{"e1", "A call"}, fields); err == nil {
		t.Error("two values for three properties: no error")
	}
	if all := PropSet(0).of(fieldsOf(reflect.TypeFor[Event]())); len(all) != len(fieldsOf(reflect.TypeFor[Event]())) {
		t.Errorf("the zero set selects %d fields, want all", len(all))
	}
	defer func() {
		if recover() == nil {
			t.Error("a property Event does not have: no panic")
		}
	}()
	PropsOf[Event]("nosuch")
}
