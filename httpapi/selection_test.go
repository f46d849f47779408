package httpapi_test

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/diplograph/diplograph/graph"
	"github.com/diplograph/diplograph/httpapi"
)

// TestSelectedPropertiesAnswerAsAll: pages of events, the event page, and
// participants wherever they are read, return only the properties the
// query's fields read (graph/selection.go). Every field of Event, of
// Participation, of a participant's Actor and of the one it represents, and
// of a Source an event or a participation cites, selected alone (beside ids), must answer exactly as
// a server reading every property answers (ReadAllProperties), on every
// path that reads it: the timeline both ways, every actor's events, the
// event page, and participants loaded on their own. A field that reads a
// property its table leaves out answers with a zero value, and fails here.
func TestSelectedPropertiesAnswerAsAll(t *testing.T) {
	schema := graph.NewExecutableSchema(graph.Config{Resolvers: &graph.Resolver{}}).Schema()
	// informative counts, per field, the answers in which it had a value:
	// a field that is null everywhere would compare equal for any table.
	informative := map[string]int{}
	var fields []string
	for _, data := range [][]string{{"../fixtures"}, {"testdata/fidelity", "testdata/selection"}} {
		selective := newAPI(t, data...)
		all := serveWith(t, selective.db, selective.db.Store, httpapi.Options{ReadAllProperties: true})
		for typ, paths := range selectionPaths(busiestEvent(t, selective)) {
			for _, f := range schema.Types[typ].Fields {
				if strings.HasPrefix(f.Name, "__") || (typ == "Actor" && heavyActorFields[f.Name]) {
					continue
				}
				name := typ + "." + f.Name
				if data[0] == "../fixtures" {
					fields = append(fields, name)
				}
				sel := "probe: " + f.Name + subSelection(schema, f.Type, 1)
				for _, path := range paths {
					q := fmt.Sprintf(path, sel)
					got, want := selective.post(q, nil), all.post(q, nil)
					if len(got.Errors) > 0 || len(want.Errors) > 0 {
						t.Fatalf("%s over %s: errors %+v, reading all %+v", q, data, got.Errors, want.Errors)
					}
					if string(got.Data) != string(want.Data) {
						t.Errorf("%s over %s: the answer differs from reading every property:\n%s\nreading all:\n%s", q, data, got.Data, want.Data)
					}
					if hasValue(want.Data, "probe") {
						informative[name]++
					}
				}
			}
		}
	}
	if len(fields) < 40 {
		t.Fatalf("%d fields compared; expected those of Event, Participation, Actor and Source", len(fields))
	}
	for _, name := range fields {
		if informative[name] == 0 {
			t.Errorf("%s: no answer had a value for it, so its comparison proves nothing", name)
		}
	}
}

// selectionPaths are the queries, per type, that read a field of that type
// (%s) on each path the store reads it by: the timeline both ways and every
// actor's events (pages of events), the event page, and participants
// loaded on their own (under ledTo).
func selectionPaths(busiest string) map[string][]string {
	paths := map[string][]string{
		"Event": {
			"{ events(first: 100, order: OLDEST_FIRST) { nodes { id %s } } }",
			"{ events(first: 100, order: NEWEST_FIRST) { edges { node { id %s } } } }",
			"{ actors(first: 100) { nodes { id events(first: 100) { nodes { id %s } } } } }",
			"{ event(id: \"" + busiest + "\") { id %s } }",
		},
		"Participation": {
			"{ events(first: 100, order: OLDEST_FIRST) { nodes { id participants { %s } } } }",
			"{ actors(first: 100) { nodes { id events(first: 100) { nodes { id participants { %s } } } } } }",
			"{ event(id: \"" + busiest + "\") { participants { %s } } }",
			"{ events(first: 100) { nodes { id ledTo { id participants { %s } } } } }",
		},
	}
	for _, p := range paths["Participation"] {
		paths["Actor"] = append(paths["Actor"], strings.Replace(p, "%s", "actor { id %s }", 1),
			strings.Replace(p, "%s", "represents { id %s }", 1))
	}
	// The sources the events cite and those the participations cite; the
	// sources loaded on their own read every property.
	for _, p := range paths["Event"] {
		paths["Source"] = append(paths["Source"], strings.Replace(p, "%s", "sources { source { id %s } }", 1))
	}
	for _, p := range paths["Participation"] {
		paths["Source"] = append(paths["Source"], strings.Replace(p, "%s", "sources { source { id %s } }", 1))
	}
	return paths
}

// heavyActorFields are fields of Actor that read through the actor's id
// alone, and, under every participant of every event, would make the test
// read most of the graph for each.
var heavyActorFields = map[string]bool{"events": true, "counterparts": true}

// hasValue reports whether the answer holds, under key, a value that is not
// null, false or empty.
func hasValue(data []byte, key string) bool {
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		return false
	}
	var walk func(v any) bool
	walk = func(v any) bool {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				if k == key && e != nil && e != false && e != "" && !reflect.DeepEqual(e, []any{}) {
					return true
				}
				if walk(e) {
					return true
				}
			}
		case []any:
			for _, e := range x {
				if walk(e) {
					return true
				}
			}
		}
		return false
	}
	return walk(v)
}

// subSelection selects, of an object type, every field that needs no
// argument, to depth levels; deeper, only __typename.
func subSelection(schema *ast.Schema, typ *ast.Type, depth int) string {
	def := schema.Types[typ.Name()]
	switch def.Kind {
	case ast.Scalar, ast.Enum:
		return ""
	case ast.Object, ast.Interface:
		if depth == 0 {
			return " { __typename }"
		}
		var parts []string
		for _, f := range def.Fields {
			if strings.HasPrefix(f.Name, "__") || requiresArgs(f) {
				continue
			}
			parts = append(parts, f.Name+subSelection(schema, f.Type, depth-1))
		}
		return " { " + strings.Join(parts, " ") + " }"
	}
	return " { __typename }"
}

func requiresArgs(f *ast.FieldDefinition) bool {
	for _, a := range f.Arguments {
		if a.Type.NonNull && a.DefaultValue == nil {
			return true
		}
	}
	return false
}

// busiestEvent is the event with most participants.
func busiestEvent(t *testing.T, a *api) string {
	var data struct {
		Events struct {
			Nodes []struct {
				ID           string
				Participants []struct{ Role string }
			}
		}
	}
	r := a.post("{ events(first: 100) { nodes { id participants { role } } } }", nil)
	if len(r.Errors) > 0 {
		t.Fatalf("errors %+v", r.Errors)
	}
	if err := json.Unmarshal(r.Data, &data); err != nil {
		t.Fatal(err)
	}
	id, most := "", 0
	for _, e := range data.Events.Nodes {
		if len(e.Participants) > most {
			id, most = e.ID, len(e.Participants)
		}
	}
	if most < 3 {
		t.Fatalf("the busiest event has %d participants", most)
	}
	return id
}
