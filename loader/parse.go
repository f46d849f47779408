package loader

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"go.yaml.in/yaml/v3"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/diplograph/diplograph/fixtures"
)

// MaxFileSize bounds one fixture file so a stray dump cannot exhaust memory.
const MaxFileSize = 32 << 20

type position struct{ line, col int }

// parsedFile is one fixture file after the schema check: its content and,
// for every JSON pointer into it, where that value (and, for mapping
// entries, its key) stands in the text.
type parsedFile struct {
	name   string
	doc    document
	values map[string]position
	keys   map[string]position
	// tree is the file as JSON values, kept when located: a review walks
	// it (Review).
	tree any
	// defines holds, for a file that could not be read, the ids it would
	// have defined and where: references to them are consequences of its
	// problems, reported after them.
	defines map[string]Diagnostic
	// rec, when not nil, records what the file defines and looks up in
	// other files, for a later load that skips it (fileRecord).
	rec *fileRecord
}

// at locates a JSON pointer, falling back to its nearest located parent.
func (f *parsedFile) at(ptr string, msg string, args ...any) Diagnostic {
	for {
		if p, ok := f.values[ptr]; ok {
			return Diagnostic{File: f.name, Line: p.line, Col: p.col, Message: fmt.Sprintf(msg, args...)}
		}
		i := strings.LastIndexByte(ptr, '/')
		if i < 0 {
			return Diagnostic{File: f.name, Line: 1, Col: 1, Message: fmt.Sprintf(msg, args...)}
		}
		ptr = ptr[:i]
	}
}

var (
	compileOnce sync.Once
	schema      *jsonschema.Schema
	// quickSchema accepts exactly what schema does, faster, with errors
	// that say less: for the check of a valid load, whose problems are
	// reported by a located read against schema.
	quickSchema *jsonschema.Schema
	schemaErr   error
)

// fixtureSchema is the compiled fixture schema: quickSchema, unless the
// errors are to be reported.
func fixtureSchema(reported bool) (*jsonschema.Schema, error) {
	compileOnce.Do(func() {
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(fixtures.Schema))
		if err != nil {
			schemaErr = fmt.Errorf("read fixture schema: %w", err)
			return
		}
		if schema, schemaErr = compileSchema(doc); schemaErr != nil {
			return
		}
		quickSchema = schema
		if exclusiveOneOfs(doc) == nil {
			quickSchema, schemaErr = compileSchema(oneOfAsAnyOf(doc))
		}
	})
	if reported {
		return schema, schemaErr
	}
	return quickSchema, schemaErr
}

func compileSchema(doc any) (*jsonschema.Schema, error) {
	c := jsonschema.NewCompiler()
	if err := c.AddResource("schema.json", doc); err != nil {
		return nil, fmt.Errorf("add fixture schema: %w", err)
	}
	s, err := c.Compile("schema.json")
	if err != nil {
		return nil, fmt.Errorf("compile fixture schema: %w", err)
	}
	return s, nil
}

// parseFile reads one fixture file. It returns the diagnostics of everything
// wrong with the file on its own; the parsed file is nil when it could not be
// checked at all.
func parseFile(name string, data []byte) (*parsedFile, []Diagnostic) {
	return parse(name, data, true)
}

// parse is parseFile. With located false it records no positions: the file
// is checked the same, but a diagnostic says only the file (at 1:1), and
// the cross-file checks cannot place theirs either. Read checks that way
// first, since recording where every value stands takes more memory than
// the data itself, and reads again located when anything is wrong.
func parse(name string, data []byte, located bool) (*parsedFile, []Diagnostic) {
	if len(data) > MaxFileSize {
		return nil, []Diagnostic{{File: name, Line: 1, Col: 1, Message: fmt.Sprintf("file is %d bytes, over the limit of %d", len(data), MaxFileSize)}}
	}
	if !utf8.Valid(data) {
		line, col := firstInvalidUTF8(data)
		return nil, []Diagnostic{{File: name, Line: line, Col: col, Message: "invalid UTF-8 byte sequence"}}
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, []Diagnostic{yamlSyntaxDiagnostic(name, err)}
	}
	f := &parsedFile{name: name}
	if located {
		f.values, f.keys = map[string]position{}, map[string]position{}
	}
	if root.Kind == 0 { // empty file: nothing to load, nothing wrong
		return f, nil
	}
	doc := &root
	if doc.Kind == yaml.DocumentNode && len(doc.Content) == 1 {
		doc = doc.Content[0]
	}
	instance, diags := f.toJSON(doc, "")
	if located {
		f.tree = instance
	}
	if len(diags) > 0 {
		return f.failed(instance), diags
	}
	s, err := fixtureSchema(located)
	if err != nil {
		return nil, []Diagnostic{{File: name, Line: 1, Col: 1, Message: err.Error()}}
	}
	if err := s.Validate(instance); err != nil {
		var ve *jsonschema.ValidationError
		if !errors.As(err, &ve) {
			return nil, []Diagnostic{{File: name, Line: 1, Col: 1, Message: err.Error()}}
		}
		return f.failed(instance), f.schemaDiagnostics(ve)
	}
	if err := doc.Decode(&f.doc); err != nil {
		return nil, []Diagnostic{{File: name, Line: 1, Col: 1, Message: "decode: " + err.Error()}}
	}
	return f, nil
}

// failed keeps of a file that could not be read only the ids it defines,
// found in its value as far as it was read (every `id` under a section, a
// version or a point).
func (f *parsedFile) failed(instance any) *parsedFile {
	f.defines = map[string]Diagnostic{}
	var walk func(v any, ptr string)
	walk = func(v any, ptr string) {
		switch x := v.(type) {
		case map[string]any:
			if id, ok := x["id"].(string); ok && ptr != "" {
				f.defines[id] = f.at(ptr, "")
			}
			for k, child := range x {
				switch k {
				case "sources", "actors", "places", "events", "plans", "stances", "versions", "points", "subpoints":
					walk(child, ptr+"/"+k)
				}
			}
		case []any:
			for i, child := range x {
				walk(child, ptr+"/"+strconv.Itoa(i))
			}
		}
	}
	walk(instance, "")
	f.doc = document{}
	return f
}

func firstInvalidUTF8(data []byte) (line, col int) {
	line, col = 1, 1
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		if r == utf8.RuneError && size <= 1 {
			return line, col
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		data = data[size:]
	}
	return line, col
}

// yamlSyntaxDiagnostic turns "yaml: line 7: did not find expected key" into
// a located diagnostic; yaml.v3 gives a line but no column.
func yamlSyntaxDiagnostic(name string, err error) Diagnostic {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 1
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if n, after, ok := strings.Cut(rest, ": "); ok {
			if l, convErr := strconv.Atoi(n); convErr == nil {
				line, msg = l, after
			}
		}
	}
	return Diagnostic{File: name, Line: line, Col: 1, Message: "YAML syntax: " + msg}
}

// toJSON converts a YAML node to the value model the schema validator reads,
// recording positions by JSON pointer. Scalars keep YAML's typing except
// timestamps, which stay strings: dates are ours to parse, with their
// precision.
func (f *parsedFile) toJSON(n *yaml.Node, ptr string) (any, []Diagnostic) {
	located := f.values != nil
	if located {
		f.values[ptr] = position{n.Line, n.Column}
	}
	switch n.Kind {
	case yaml.AliasNode:
		return nil, []Diagnostic{{File: f.name, Line: n.Line, Col: n.Column, Message: "YAML aliases are not allowed in fixtures"}}
	case yaml.MappingNode:
		obj := make(map[string]any, len(n.Content)/2)
		var diags []Diagnostic
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Kind != yaml.ScalarNode {
				diags = append(diags, Diagnostic{File: f.name, Line: k.Line, Col: k.Column, Message: "mapping keys must be plain strings"})
				continue
			}
			if k.Value == "<<" {
				diags = append(diags, Diagnostic{File: f.name, Line: k.Line, Col: k.Column, Message: "YAML merge keys are not allowed in fixtures"})
				continue
			}
			if _, dup := obj[k.Value]; dup {
				diags = append(diags, Diagnostic{File: f.name, Line: k.Line, Col: k.Column, Message: fmt.Sprintf("key %q appears twice", k.Value)})
				continue
			}
			var child string
			if located {
				child = ptr + "/" + escapePointer(k.Value)
				f.keys[child] = position{k.Line, k.Column}
			}
			val, d := f.toJSON(v, child)
			diags = append(diags, d...)
			obj[k.Value] = val
		}
		return obj, diags
	case yaml.SequenceNode:
		arr := make([]any, len(n.Content))
		var diags []Diagnostic
		for i, c := range n.Content {
			var child string
			if located {
				child = ptr + "/" + strconv.Itoa(i)
			}
			val, d := f.toJSON(c, child)
			diags = append(diags, d...)
			arr[i] = val
		}
		return arr, diags
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!null":
			return nil, nil
		case "!!bool":
			var b bool
			if err := n.Decode(&b); err == nil {
				return b, nil
			}
		case "!!int":
			var i int64
			if err := n.Decode(&i); err != nil {
				return nil, []Diagnostic{{File: f.name, Line: n.Line, Col: n.Column, Message: fmt.Sprintf("integer %s is out of range", n.Value)}}
			}
			return i, nil
		case "!!float":
			if isIntegerText(n.Value) { // YAML reads integers beyond int64 as floats
				return nil, []Diagnostic{{File: f.name, Line: n.Line, Col: n.Column, Message: fmt.Sprintf("integer %s is out of range", n.Value)}}
			}
			var x float64
			if err := n.Decode(&x); err == nil {
				return x, nil
			}
		}
		return n.Value, nil
	}
	return nil, nil
}

func isIntegerText(s string) bool {
	s = strings.TrimLeft(s, "+-")
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

func escapePointer(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

var printer = message.NewPrinter(language.English)

// schemaDiagnostics flattens the validator's error tree to one diagnostic per
// leaf. Where a value may take one of several forms (oneOf), a branch that
// failed only because the value has another type says nothing useful and is
// dropped in favour of the branches that matched the type.
func (f *parsedFile) schemaDiagnostics(ve *jsonschema.ValidationError) []Diagnostic {
	var out []Diagnostic
	seen := map[string]bool{}
	var walk func(e *jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		causes := e.Causes
		if _, ok := e.ErrorKind.(*kind.OneOf); ok {
			causes = informativeBranches(e)
			if len(causes) == 0 {
				f.addSchemaDiag(&out, seen, e, "has none of the allowed forms"+formsOf(e.SchemaURL))
				return
			}
		}
		if len(causes) == 0 {
			f.addSchemaDiag(&out, seen, e, "")
			return
		}
		for _, c := range causes {
			walk(c)
		}
	}
	walk(ve)
	sortDiagnostics(out)
	return out
}

func informativeBranches(e *jsonschema.ValidationError) []*jsonschema.ValidationError {
	var keep []*jsonschema.ValidationError
	for _, branch := range e.Causes {
		if !onlyTypeMismatch(branch) {
			keep = append(keep, branch)
		}
	}
	return keep
}

func onlyTypeMismatch(e *jsonschema.ValidationError) bool {
	if len(e.Causes) == 0 {
		_, ok := e.ErrorKind.(*kind.Type)
		return ok
	}
	for _, c := range e.Causes {
		if !onlyTypeMismatch(c) {
			return false
		}
	}
	return true
}

func (f *parsedFile) addSchemaDiag(out *[]Diagnostic, seen map[string]bool, e *jsonschema.ValidationError, override string) {
	ptr := ""
	for _, tok := range e.InstanceLocation {
		ptr += "/" + escapePointer(tok)
	}
	field := "document"
	if len(e.InstanceLocation) > 0 {
		field = describePath(e.InstanceLocation)
	}
	var ds []Diagnostic
	switch k := e.ErrorKind.(type) {
	case *kind.AdditionalProperties:
		props := append([]string(nil), k.Properties...)
		sort.Strings(props)
		for _, p := range props {
			d := f.at(ptr, "%s: unknown field %q", field, p)
			if pos, ok := f.keys[ptr+"/"+escapePointer(p)]; ok {
				d.Line, d.Col = pos.line, pos.col
			}
			ds = append(ds, d)
		}
	case *kind.Required:
		missing := append([]string(nil), k.Missing...)
		sort.Strings(missing)
		for _, m := range missing {
			ds = append(ds, f.at(ptr, "%s: missing required field %q", field, m))
		}
	case *kind.Pattern:
		ds = append(ds, f.at(ptr, "%s: %s", field, patternMessage(e.SchemaURL, k)))
	case *kind.Minimum:
		ds = append(ds, f.at(ptr, "%s: must be at least %s, got %s", field, k.Want.RatString(), k.Got.RatString()))
	case *kind.Maximum:
		ds = append(ds, f.at(ptr, "%s: must be at most %s, got %s", field, k.Want.RatString(), k.Got.RatString()))
	default:
		msg := override
		if msg == "" {
			msg = e.ErrorKind.LocalizedString(printer)
		}
		ds = append(ds, f.at(ptr, "%s: %s", field, msg))
	}
	for _, d := range ds {
		if key := d.String(); !seen[key] {
			seen[key] = true
			*out = append(*out, d)
		}
	}
}

// formsOf names the forms a value with several (oneOf) may take, from the
// description the fixture schema gives it: ": a number, ...".
func formsOf(schemaURL string) string {
	if d := descriptionOf(strings.TrimSuffix(schemaURL, "/oneOf")); d != "" {
		return " (" + strings.TrimSuffix(d, ".") + ")"
	}
	return ""
}

// descriptionOf is the description the fixture schema gives the node at
// schemaURL, if any.
func descriptionOf(schemaURL string) string {
	descriptionsOnce.Do(func() {
		var raw any
		if err := json.Unmarshal(fixtures.Schema, &raw); err == nil {
			descriptions = raw
		}
	})
	_, frag, ok := strings.Cut(schemaURL, "#")
	if !ok {
		return ""
	}
	node := descriptions
	for _, tok := range strings.Split(strings.TrimPrefix(frag, "/"), "/") {
		m, ok := node.(map[string]any)
		if !ok {
			return ""
		}
		node = m[strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")]
	}
	if m, ok := node.(map[string]any); ok {
		if d, ok := m["description"].(string); ok {
			return d
		}
	}
	return ""
}

var (
	descriptionsOnce sync.Once
	descriptions     any
)

// patternMessage explains a pattern in words rather than as a regular
// expression: ids and dates in so many words, any other by its description
// in the fixture schema.
func patternMessage(schemaURL string, k *kind.Pattern) string {
	switch {
	case strings.Contains(schemaURL, "$defs/partialDate"):
		return fmt.Sprintf("invalid date %q: write YYYY-MM-DD, YYYY-MM or YYYY, optionally after early, mid or late (\"late 2025-10\"), or two of those joined by \"..\" (\"2025-10-24..2025-11\")", k.Got)
	case strings.Contains(schemaURL, "$defs/id"):
		return fmt.Sprintf("invalid id %q: use lower-case letters, digits and single hyphens (\"dan-driscoll\")", k.Got)
	}
	if d := descriptionOf(strings.TrimSuffix(schemaURL, "/pattern")); d != "" {
		return fmt.Sprintf("invalid value %q: %s", k.Got, strings.TrimSuffix(d, "."))
	}
	return k.LocalizedString(printer)
}

// describePath renders ["events", "3", "date"] as "events[3].date".
func describePath(tokens []string) string {
	var b strings.Builder
	for _, t := range tokens {
		if _, err := strconv.Atoi(t); err == nil {
			b.WriteString("[" + t + "]")
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(t)
	}
	return b.String()
}
