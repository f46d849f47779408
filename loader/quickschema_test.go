package loader

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/diplograph/diplograph/fixtures"
	"github.com/diplograph/diplograph/gen"
)

// The check of a valid load uses the schema with its oneOfs as anyOfs,
// which is only right while no two branches of a oneOf take the same JSON
// type: a schema change that breaks this fails here, and the load then
// falls back to the schema as written.
func TestFixtureSchemaOneOfsAreExclusive(t *testing.T) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(fixtures.Schema))
	if err != nil {
		t.Fatal(err)
	}
	if err := exclusiveOneOfs(doc); err != nil {
		t.Fatalf("the quick schema is not used: %v", err)
	}
	quick, err := fixtureSchema(false)
	if err != nil {
		t.Fatal(err)
	}
	if full, _ := fixtureSchema(true); quick == full {
		t.Errorf("the quick schema is the reported one")
	}
	if n := strings.Count(string(fixtures.Schema), `"oneOf"`); n == 0 {
		t.Fatalf("the schema has no oneOf: this test checks nothing")
	}

	for name, schema := range map[string]string{
		"two strings":          `{"$defs": {"id": {"type": "string"}}, "oneOf": [{"$ref": "#/$defs/id"}, {"type": "string", "pattern": "^x"}]}`,
		"integer and number":   `{"oneOf": [{"type": "integer"}, {"type": "number"}]}`,
		"enum beside a string": `{"oneOf": [{"enum": ["a", "b"]}, {"type": "string"}]}`,
		"a branch of no type":  `{"oneOf": [{"minLength": 2}, {"type": "array"}]}`,
		"deep in properties":   `{"properties": {"x": {"items": {"oneOf": [{"type": ["string", "null"]}, {"const": null}]}}}}`,
	} {
		doc, err := jsonschema.UnmarshalJSON(strings.NewReader(schema))
		if err != nil {
			t.Fatal(err)
		}
		if exclusiveOneOfs(doc) == nil {
			t.Errorf("%s: taken as exclusive", name)
		}
	}
	doc, _ = jsonschema.UnmarshalJSON(strings.NewReader(`{"oneOf": [{"type": "string"}, {"type": "object"}, {"const": 3}], "properties": {"oneOf": {"type": "string"}}}`))
	if err := exclusiveOneOfs(doc); err != nil {
		t.Errorf("string, object, number: %v", err)
	}
	copied := oneOfAsAnyOf(doc).(map[string]any)
	if _, ok := copied["anyOf"]; !ok || copied["oneOf"] != nil {
		t.Errorf("oneOf not made anyOf: %v", copied)
	}
	if _, ok := copied["properties"].(map[string]any)["oneOf"]; !ok {
		t.Errorf("a property named oneOf was renamed: %v", copied)
	}
}

// Both schemas accept and refuse the same files: the fixtures, generated
// data, the invalid test files, and values of each form a oneOf allows
// and of none.
func TestQuickSchemaAcceptsWhatTheSchemaDoes(t *testing.T) {
	dir := t.TempDir()
	if _, err := gen.Generate(gen.Config{Scale: 0.02, Seed: 5}, dir); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, root := range []string{"../fixtures", "testdata", dir} {
		err := filepath.WalkDir(root, func(name string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && (strings.HasSuffix(name, ".yaml") || strings.HasSuffix(name, ".yml")) {
				names = append(names, name)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	cases := map[string][]byte{}
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		cases[name] = data
	}
	// One event with each form of the oneOfs of status, modality,
	// citations and dates, and with values of no form.
	const event = "events:\n  - id: e1\n    type: meeting\n    title: T\n    participants:\n      - actor: a1\n        role: host\n        sources: [%s]\n    sources: [s1]\n%s"
	for name, c := range map[string][2]string{
		"the base":              {"s1", ""},
		"status as text":        {"s1", "    status: cancelled\n"},
		"status as a claim":     {"s1", "    status: {value: cancelled, sources: [s1]}\n"},
		"status as a list":      {"s1", "    status: [{value: held, sources: [s1]}, {value: cancelled, sources: [s1]}]\n"},
		"status as a number":    {"s1", "    status: 3\n"},
		"status as a bad claim": {"s1", "    status: {value: 3}\n"},
		"modality as a list":    {"s1", "    modality: [{value: phone, sources: [s1]}]\n"},
		"modality as an object": {"s1", "    modality: {phone: true}\n"},
		"date as text":          {"s1", "    date: \"2025-11\"\n"},
		"date as a claim":       {"s1", "    date: {value: \"2025-11-30\", sources: [s1]}\n"},
		"date as true":          {"s1", "    date: true\n"},
		"citation as an object": {"{source: s1, quote: q}", ""},
		"citation as a number":  {"7", ""},
		"citation as a list":    {"[s1]", ""},
	} {
		if !strings.Contains(c[1], "date:") {
			c[1] += "    date: \"2025\"\n"
		}
		cases[name] = fmt.Appendf(nil, event, c[0], c[1])
	}
	refused := 0
	for name, data := range cases {
		_, quick := parse(name, data, false)
		_, full := parse(name, data, true)
		if (len(quick) > 0) != (len(full) > 0) {
			t.Errorf("%s: quick schema %d problem(s), the schema %d: %v", name, len(quick), len(full), full)
		}
		if len(full) > 0 {
			refused++
		}
	}
	if _, d := parse("base", cases["the base"], true); len(d) > 0 {
		t.Errorf("the base event is refused: %v", d)
	}
	if refused == 0 || refused == len(cases) {
		t.Errorf("%d of %d cases refused: want some of each", refused, len(cases))
	}
}
