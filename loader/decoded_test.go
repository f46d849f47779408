package loader

import (
	"os"
	"reflect"
	"strings"
	"sync"
	"testing"
)

// Documents come back as they were put, whatever order they were put in,
// zero bounds included, from a file no one else sees.
func TestDecodedFiles(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	var want []document
	for _, name := range []string{"testdata/base.yaml", "testdata/zero-quantities.yaml", "../fixtures/plans.yaml"} {
		r := readOne(name, false)
		if r.err != nil || len(r.diags) > 0 {
			t.Fatalf("%s: %v %v", name, r.err, r.diags)
		}
		want = append(want, r.file.doc)
	}
	docs, err := newDecodedFiles(len(want))
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for i := len(want) - 1; i >= 0; i-- {
		wg.Go(func() {
			if err := docs.put(i, &want[i]); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if left, _ := os.ReadDir(os.Getenv("TMPDIR")); len(left) != 0 {
		t.Errorf("%d file(s) visible in TMPDIR, want none", len(left))
	}
	for i := range want {
		got, err := docs.get(i)
		if err != nil {
			t.Fatal(err)
		}
		if i == 1 {
			d := got.Events[0].Duration.Values[0]
			if !d.Min.Given || d.Min.Value != 0 || !d.Max.Given || d.Max.Value != 1 {
				t.Errorf("duration min %+v max %+v, want 0 and 1, both given", d.Min, d.Max)
			}
			if w := got.Plans[0].Versions[0].Points[0].Terms[1].Value.Values[0].Min; !w.Given {
				t.Errorf("zone-width min %+v, want 0, given", w)
			}
			continue // its empty lists come back as none
		}
		if !reflect.DeepEqual(got, want[i]) {
			t.Errorf("document %d came back different", i)
		}
	}
	if err := docs.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := docs.get(0); err == nil {
		t.Error("a closed decodedFiles read a document back")
	}
}

// Pointers a document may hold: gob reads a pointer to zero back as nil,
// so each is one whose zero the schema refuses before the first pass keeps
// a document. Each comes with a file giving it its zero.
var zeroRefused = map[string]struct{ field, yaml string }{
	"document.Sources[].SourceFields.Title":                   {"title", `sources: [{id: s, kind: article, title: ""}]`},
	"document.Sources[].SourceFields.URL":                     {"url", `sources: [{id: s, kind: article, url: ""}]`},
	"document.Sources[].SourceFields.Publisher":               {"publisher", `sources: [{id: s, kind: article, publisher: ""}]`},
	"document.Sources[].SourceFields.Author":                  {"author", `sources: [{id: s, kind: article, author: ""}]`},
	"document.Sources[].SourceFields.Language":                {"language", `sources: [{id: s, kind: article, language: ""}]`},
	"document.Sources[].SourceFields.Note":                    {"note", `sources: [{id: s, kind: article, note: ""}]`},
	"document.Actors[].ActorFields.Description":               {"description", `actors: [{id: a, kind: person, name: A, description: ""}]`},
	"document.Events[].EventFields.Summary":                   {"summary", `events: [{id: e, type: meeting, title: T, date: "2025-01-01", summary: ""}]`},
	"document.Plans[].PlanFields.Summary":                     {"summary", `plans: [{id: p, name: P, summary: ""}]`},
	"document.Plans[].Versions[].VersionFields.Summary":       {"summary", `plans: [{id: p, name: P, versions: [{id: v, name: V, summary: ""}]}]`},
	"document.Plans[].Versions[].Points[].PointFields.Number": {"number", `plans: [{id: p, name: P, versions: [{id: v, name: V, points: [{id: x, number: 0}]}]}]`},
	"document.Stances[].StanceFields.Summary":                 {"summary", `stances: [{id: st, actor: a, on: p, summary: ""}]`},
}

// gob, which carries documents from the first pass to the second, reads a
// pointer to zero back as nil ("min: 0" as no minimum) and cannot carry an
// interface it was not told of. A document has no interface, and no
// pointer but those of zeroRefused.
func TestDocumentHasNoPointers(t *testing.T) {
	seen := map[reflect.Type]bool{}
	var walk func(t0 reflect.Type, path string)
	walk = func(t0 reflect.Type, path string) {
		switch t0.Kind() {
		case reflect.Pointer:
			if _, ok := zeroRefused[path]; !ok {
				t.Errorf("%s is a pointer; give it a type gob carries whole (see number in document.go)", path)
			}
		case reflect.Interface, reflect.Map, reflect.Func, reflect.Chan:
			t.Errorf("%s is a %s; give it a type gob carries whole", path, t0.Kind())
		case reflect.Slice, reflect.Array:
			walk(t0.Elem(), path+"[]")
		case reflect.Struct:
			if seen[t0] {
				return // its fields were walked, under the first path it came by
			}
			seen[t0] = true
			for i := range t0.NumField() {
				f := t0.Field(i)
				if f.IsExported() {
					walk(f.Type, path+"."+f.Name)
				}
			}
		}
	}
	walk(reflect.TypeFor[document](), "document")
}

func TestSchemaRefusesThePointersZero(t *testing.T) {
	for path, z := range zeroRefused {
		_, diags := parse("zero.yaml", []byte(z.yaml), false)
		refused := false
		for _, d := range diags {
			refused = refused || strings.Contains(d.Message, "."+z.field+":")
		}
		if !refused {
			t.Errorf("%s: the schema lets %q through (%v)", path, z.yaml, diags)
		}
	}
}
