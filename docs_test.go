package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
	"go.yaml.in/yaml/v3"

	"github.com/diplograph/diplograph/graph"
	"github.com/diplograph/diplograph/httpapi"
	"github.com/diplograph/diplograph/loader"
	"github.com/diplograph/diplograph/store"
)

// The examples of docs/model.md stay true to the code: every GraphQL block
// is a valid query of the server's schema that uses nothing deprecated and
// fits the server's default limits, every YAML block is YAML and, when it
// is a whole fixture document, one the loader accepts, the diagram draws
// exactly the relationship specs of the store, and every link to a section
// finds it. None of this needs Neo4j: go test -run Docs .
//
// A fence's opening line may carry words after the language that change
// what is checked:
//
//	```graphql          a query the server accepts: valid against
//	                    schema.graphqls, no deprecated field, argument or
//	                    enum value, and within httpapi.DefaultLimits
//	```graphql refused  valid, but over the default limits: an example of a
//	                    query the server refuses before running it
//	```yaml             valid YAML; when its top level is a mapping of
//	                    fixture sections (sources, actors, places, events,
//	                    plans, stances) the loader reads it on its own and
//	                    finds nothing wrong but references to ids the block
//	                    does not define (examples are excerpts)
//	```yaml refused     a whole fixture document the loader refuses for a
//	                    reason of its own (not only such references)
//	```graphql skip     (or yaml skip) not checked at all: a fragment, or a
//	                    deliberately broken example that is not refused
//	                    as a whole
//
// Blocks of other languages (json answers, cypher, text) are not checked;
// the first mermaid block is the diagram of the model.

const modelDoc = "docs/model.md"

// fence is one fenced code block of a Markdown file.
type fence struct {
	lang  string
	words []string // after the language on the opening line
	line  int      // of the opening fence, 1-based
	body  string
}

func (f fence) has(word string) bool { return slices.Contains(f.words, word) }

// fences lists the fenced code blocks of a Markdown file, indented ones
// (in list items) included.
func fences(t *testing.T, path string) []fence {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	var out []fence
	for i := 0; i < len(lines); i++ {
		trimmed := strings.TrimLeft(lines[i], " ")
		if !strings.HasPrefix(trimmed, "```") {
			continue
		}
		indent := len(lines[i]) - len(trimmed)
		info := strings.Fields(strings.TrimPrefix(trimmed, "```"))
		f := fence{line: i + 1}
		if len(info) > 0 {
			f.lang, f.words = info[0], info[1:]
		}
		var body []string
		closed := false
		for i++; i < len(lines); i++ {
			if strings.TrimSpace(lines[i]) == "```" {
				closed = true
				break
			}
			l := lines[i]
			if len(l)-len(strings.TrimLeft(l, " ")) >= indent {
				l = l[indent:]
			}
			body = append(body, l)
		}
		if !closed {
			t.Fatalf("%s:%d: the code block is never closed", path, f.line)
		}
		f.body = strings.Join(body, "\n")
		out = append(out, f)
	}
	return out
}

// serverSchema loads schema.graphqls as gqlgen does (graph's generated
// code loads the same file with the same function); it declares its own
// @listSize directive, and gqlparser adds the built-in ones.
func serverSchema(t *testing.T) *ast.Schema {
	t.Helper()
	src, err := os.ReadFile("schema.graphqls")
	if err != nil {
		t.Fatal(err)
	}
	schema, err := gqlparser.LoadSchema(&ast.Source{Name: "schema.graphqls", Input: string(src)})
	if err != nil {
		t.Fatalf("schema.graphqls: %v", err)
	}
	return schema
}

func TestDocsGraphQLExamples(t *testing.T) {
	schema := serverSchema(t)
	checked := 0
	for _, f := range fences(t, modelDoc) {
		if f.lang != "graphql" || f.has("skip") {
			continue
		}
		checked++
		at := fmt.Sprintf("%s:%d", modelDoc, f.line)
		doc, errs := gqlparser.LoadQueryWithRules(schema, f.body, nil)
		if len(errs) > 0 {
			t.Errorf("%s: the query is not valid against schema.graphqls: %v", at, errs)
			continue
		}
		for _, use := range deprecatedUses(doc) {
			t.Errorf("%s: uses %s", at, use)
		}
		over := overLimits(doc)
		switch {
		case f.has("refused") && over == "":
			t.Errorf("%s: marked refused, but it fits the default limits", at)
		case !f.has("refused") && over != "":
			t.Errorf("%s: the server would refuse it: %s", at, over)
		}
	}
	if checked == 0 {
		t.Fatalf("%s holds no GraphQL example", modelDoc)
	}
}

// deprecatedUses lists the deprecated fields, arguments and enum values an
// operation uses, with the schema's reason.
func deprecatedUses(doc *ast.QueryDocument) []string {
	var out []string
	note := func(what string, dirs ast.DirectiveList) {
		d := dirs.ForName("deprecated")
		if d == nil {
			return
		}
		reason := "deprecated"
		if a := d.Arguments.ForName("reason"); a != nil && a.Value != nil {
			reason = "deprecated: " + a.Value.Raw
		}
		out = append(out, fmt.Sprintf("%s (%s)", what, reason))
	}
	var value func(v *ast.Value)
	value = func(v *ast.Value) {
		if v == nil {
			return
		}
		switch v.Kind {
		case ast.EnumValue:
			if v.Definition != nil {
				if ev := v.Definition.EnumValues.ForName(v.Raw); ev != nil {
					note(v.Definition.Name+"."+v.Raw, ev.Directives)
				}
			}
		case ast.ObjectValue:
			for _, c := range v.Children {
				if v.Definition != nil {
					if fd := v.Definition.Fields.ForName(c.Name); fd != nil {
						note(v.Definition.Name+"."+c.Name, fd.Directives)
					}
				}
				value(c.Value)
			}
		case ast.ListValue:
			for _, c := range v.Children {
				value(c.Value)
			}
		}
	}
	var selections func(set ast.SelectionSet)
	selections = func(set ast.SelectionSet) {
		for _, sel := range set {
			switch s := sel.(type) {
			case *ast.Field:
				if s.Definition != nil {
					owner := ""
					if s.ObjectDefinition != nil {
						owner = s.ObjectDefinition.Name + "."
					}
					note(owner+s.Name, s.Definition.Directives)
					for _, a := range s.Arguments {
						if ad := s.Definition.Arguments.ForName(a.Name); ad != nil {
							note(owner+s.Name+"("+a.Name+":)", ad.Directives)
						}
						value(a.Value)
					}
				}
				selections(s.SelectionSet)
			case *ast.InlineFragment:
				selections(s.SelectionSet)
			case *ast.FragmentSpread:
				// Named fragments are walked once, below.
			}
		}
	}
	for _, op := range doc.Operations {
		selections(op.SelectionSet)
	}
	for _, fr := range doc.Fragments {
		selections(fr.SelectionSet)
	}
	return out
}

// overLimits says why the server, with its default limits, would refuse an
// operation of the document before running it; "" when it would not.
func overLimits(doc *ast.QueryDocument) string {
	l := httpapi.DefaultLimits
	var why []string
	for _, op := range doc.Operations {
		c := graph.MeasureCost(op, nil)
		if c.Depth > l.MaxDepth {
			why = append(why, fmt.Sprintf("depth %d over %d", c.Depth, l.MaxDepth))
		}
		if c.Fields > l.MaxFields {
			why = append(why, fmt.Sprintf("%d fields over %d", c.Fields, l.MaxFields))
		}
		if c.Complexity > l.MaxComplexity {
			why = append(why, fmt.Sprintf("complexity %d over %d", c.Complexity, l.MaxComplexity))
		}
	}
	return strings.Join(why, ", ")
}

// fixtureSections are the top-level keys of a fixture file.
var fixtureSections = []string{"sources", "actors", "places", "events", "plans", "stances"}

// isFixtureDocument reports whether YAML is a whole fixture document: a
// mapping whose keys are all fixture sections.
func isFixtureDocument(n *yaml.Node) bool {
	if n.Kind != yaml.DocumentNode || len(n.Content) != 1 || n.Content[0].Kind != yaml.MappingNode || len(n.Content[0].Content) == 0 {
		return false
	}
	m := n.Content[0]
	for i := 0; i < len(m.Content); i += 2 {
		if !slices.Contains(fixtureSections, m.Content[i].Value) {
			return false
		}
	}
	return true
}

// danglingReference matches the loader's message for a reference to an id
// that no file of the load defines: what an excerpt may leave open.
var danglingReference = regexp.MustCompile(`^unknown [a-z ]+ "[^"]*"$`)

func TestDocsYAMLExamples(t *testing.T) {
	dir := t.TempDir()
	documents := 0
	for _, f := range fences(t, modelDoc) {
		if f.lang != "yaml" || f.has("skip") {
			continue
		}
		at := fmt.Sprintf("%s:%d", modelDoc, f.line)
		var n yaml.Node
		if err := yaml.Unmarshal([]byte(f.body), &n); err != nil {
			t.Errorf("%s: not YAML: %v", at, err)
			continue
		}
		if !isFixtureDocument(&n) {
			if f.has("refused") {
				t.Errorf("%s: marked refused, but it is not a whole fixture document", at)
			}
			continue
		}
		documents++
		path := filepath.Join(dir, fmt.Sprintf("model-md-line-%d.yaml", f.line))
		if err := os.WriteFile(path, []byte(f.body+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := loader.Read([]string{path})
		var invalid *loader.InvalidInputError
		if err != nil && !errors.As(err, &invalid) {
			t.Errorf("%s: %v", at, err)
			continue
		}
		var own []string
		if invalid != nil {
			for _, d := range invalid.Diagnostics {
				if !danglingReference.MatchString(d.Message) {
					// Lines of the temporary file are lines of the block.
					own = append(own, fmt.Sprintf("line %d: %s", f.line+d.Line, d.Message))
				}
			}
		}
		switch {
		case f.has("refused") && len(own) == 0:
			t.Errorf("%s: marked refused, but the loader finds nothing wrong with it", at)
		case !f.has("refused") && len(own) > 0:
			t.Errorf("%s: the loader refuses the example:\n\t%s", at, strings.Join(own, "\n\t"))
		}
	}
	if documents == 0 {
		t.Fatalf("%s holds no fixture example", modelDoc)
	}
}

// mermaidEdge matches an edge of the diagram: From -->|TYPE| To, with a
// plain (-->), dotted (-.->) or thick (==>) arrow.
var mermaidEdge = regexp.MustCompile(`^\s*(\w+)\s*(?:-->|-\.->|==>)\|(\w+)\|\s*(\w+)\s*$`)

func TestDocsDiagramDrawsEverySpec(t *testing.T) {
	var diagram *fence
	for _, f := range fences(t, modelDoc) {
		if f.lang == "mermaid" {
			diagram = &f
			break
		}
	}
	if diagram == nil {
		t.Fatalf("%s has no mermaid diagram", modelDoc)
	}
	drawn := map[string]int{}
	labels := map[string]bool{}
	for i, l := range strings.Split(diagram.body, "\n") {
		m := mermaidEdge.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		drawn[m[1]+"-"+m[2]+"->"+m[3]] = diagram.line + 1 + i
		labels[m[1]], labels[m[3]] = true, true
	}
	want := map[string]bool{}
	for _, s := range store.RelSpecs {
		want[s.String()] = true
		if _, ok := drawn[s.String()]; !ok {
			t.Errorf("%s:%d: the diagram lacks %s", modelDoc, diagram.line, s)
		}
	}
	for spec, line := range drawn {
		if !want[spec] {
			t.Errorf("%s:%d: the diagram draws %s, which store/model.go does not define", modelDoc, line, spec)
		}
	}
	for _, l := range store.Labels {
		if !labels[string(l)] {
			t.Errorf("%s:%d: the diagram lacks the label %s", modelDoc, diagram.line, l)
		}
	}

	// The overview counts them.
	types := map[string]bool{}
	for _, s := range store.RelSpecs {
		types[s.Type] = true
	}
	data, err := os.ReadFile(modelDoc)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		pattern string
		want    int
	}{
		{`(\d+) labels`, len(store.Labels)},
		{`(\d+) relationship types`, len(types)},
		{`(\d+) relationship specs`, len(store.RelSpecs)},
	} {
		m := regexp.MustCompile(c.pattern).FindSubmatch(data)
		if m == nil {
			t.Errorf("%s: the overview does not say how many %s", modelDoc, strings.TrimPrefix(c.pattern, `(\d+) `))
		} else if string(m[1]) != strconv.Itoa(c.want) {
			t.Errorf("%s: the overview counts %s %s; store/model.go has %d", modelDoc, m[1], strings.TrimPrefix(c.pattern, `(\d+) `), c.want)
		}
	}
}

// headingAnchor is the anchor GitHub gives a heading: lower case, without
// punctuation, spaces as hyphens.
func headingAnchor(h string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(h)) {
		switch {
		case r == ' ':
			b.WriteByte('-')
		case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

var (
	markdownHeading = regexp.MustCompile(`(?m)^#{1,6} (.+)$`)
	sectionLink     = regexp.MustCompile(`\]\(#([^)]+)\)`)
)

func TestDocsSectionLinksResolve(t *testing.T) {
	data, err := os.ReadFile(modelDoc)
	if err != nil {
		t.Fatal(err)
	}
	// Headings inside code blocks (comments of YAML examples) are none.
	text := string(data)
	for _, f := range fences(t, modelDoc) {
		text = strings.Replace(text, f.body, "", 1)
	}
	anchors := map[string]bool{}
	for _, m := range markdownHeading.FindAllStringSubmatch(text, -1) {
		anchors[headingAnchor(m[1])] = true
	}
	for i, line := range strings.Split(string(data), "\n") {
		for _, m := range sectionLink.FindAllStringSubmatch(line, -1) {
			if !anchors[m[1]] {
				t.Errorf("%s:%d: no section has the anchor #%s", modelDoc, i+1, m[1])
			}
		}
	}
}
