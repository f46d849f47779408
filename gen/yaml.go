package gen

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// emitter writes the YAML of fixture files by hand, in a fixed layout: two
// spaces per level, every free-text value and every date double-quoted (so
// nothing is misread as a number, a boolean or a timestamp), ids, enums,
// integers and flags plain. It holds the text of the current file only.
type emitter struct {
	bytes.Buffer
}

var plainID = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)

// plain returns an id or an enum value to write unquoted; it refuses any
// value YAML could read as something other than that string.
func plain(v string) string {
	if !plainID.MatchString(v) && !isEnum(v) {
		panic(fmt.Sprintf("gen: %q cannot be written unquoted", v))
	}
	switch v {
	case "y", "n", "yes", "no", "on", "off", "true", "false", "null":
		panic(fmt.Sprintf("gen: %q cannot be written unquoted", v))
	}
	return v
}

func isEnum(v string) bool {
	if v == "" {
		return false
	}
	for _, r := range v {
		if (r < 'a' || r > 'z') && (r < 'A' || r > 'Z') && r != '_' {
			return false
		}
	}
	return true
}

// quote writes a string as a YAML double-quoted scalar. Go's escapes for
// the characters it escapes (\", \\, \n, \t, \xNN, \uNNNN, ...) are YAML's too.
func quote(s string) string { return strconv.Quote(s) }

func (e *emitter) indent(n int) {
	for range n {
		e.WriteByte(' ')
	}
}

// key starts "key:" at the given indent; item starts "- key:" with the dash
// at indent, the key two columns to its right.
func (e *emitter) key(indent int, item bool, k string) {
	e.indent(indent)
	if item {
		e.WriteString("- ")
	}
	if k == "on" { // YAML 1.1 reads a bare on as true
		e.WriteString(`"on"`)
	} else {
		e.WriteString(k)
	}
	e.WriteByte(':')
}

// Str writes key: "value" (skipped when empty).
func (e *emitter) Str(indent int, k, v string) { e.str(indent, false, k, v) }

func (e *emitter) str(indent int, item bool, k, v string) {
	if v == "" {
		return
	}
	e.key(indent, item, k)
	e.WriteByte(' ')
	e.WriteString(quote(v))
	e.WriteByte('\n')
}

// ID writes key: id (skipped when empty).
func (e *emitter) ID(indent int, k, v string) { e.id(indent, false, k, v) }

func (e *emitter) id(indent int, item bool, k, v string) {
	if v == "" {
		return
	}
	e.key(indent, item, k)
	e.WriteByte(' ')
	e.WriteString(plain(v))
	e.WriteByte('\n')
}

// Int writes key: n (skipped when zero).
func (e *emitter) Int(indent int, k string, n int) {
	if n == 0 {
		return
	}
	e.key(indent, false, k)
	e.WriteByte(' ')
	e.WriteString(strconv.Itoa(n))
	e.WriteByte('\n')
}

// Flag writes key: true (skipped when false).
func (e *emitter) Flag(indent int, k string, v bool) {
	if v {
		e.key(indent, false, k)
		e.WriteString(" true\n")
	}
}

// IDs writes key: [a, b] (skipped when empty).
func (e *emitter) IDs(indent int, k string, ids []string) {
	if len(ids) == 0 {
		return
	}
	e.key(indent, false, k)
	e.WriteString(" [")
	for i, id := range ids {
		if i > 0 {
			e.WriteString(", ")
		}
		e.WriteString(plain(id))
	}
	e.WriteString("]\n")
}

// Strs writes key: ["a", "b"] (skipped when empty).
func (e *emitter) Strs(indent int, k string, vs []string) {
	if len(vs) == 0 {
		return
	}
	e.key(indent, false, k)
	e.WriteString(" [")
	for i, v := range vs {
		if i > 0 {
			e.WriteString(", ")
		}
		e.WriteString(quote(v))
	}
	e.WriteString("]\n")
}

// Section writes a top-level "name:" line.
func (e *emitter) Section(name string) {
	e.WriteString(name)
	e.WriteString(":\n")
}

// citation is one entry of a sources list.
type citation struct {
	source string
	quote  string
	// confirmation is how the source states the fact; empty for confirmed.
	confirmation string
}

// Citations writes a sources list: bare ids where there is nothing else to
// say, mappings where there is a quote or a flag.
func (e *emitter) Citations(indent int, cs []citation) {
	if len(cs) == 0 {
		return
	}
	e.key(indent, false, "sources")
	bare := true
	for _, c := range cs {
		if c.quote != "" || c.confirmation != "" {
			bare = false
		}
	}
	if bare && len(cs) <= 3 {
		e.WriteString(" [")
		for i, c := range cs {
			if i > 0 {
				e.WriteString(", ")
			}
			e.WriteString(plain(c.source))
		}
		e.WriteString("]\n")
		return
	}
	e.WriteByte('\n')
	for _, c := range cs {
		if c.quote == "" && c.confirmation == "" {
			e.indent(indent + 2)
			e.WriteString("- ")
			e.WriteString(plain(c.source))
			e.WriteByte('\n')
			continue
		}
		e.id(indent+2, true, "source", c.source)
		e.Str(indent+4, "quote", c.quote)
		e.ID(indent+4, "confirmation", c.confirmation)
	}
}

// fileSet writes the files of one kind of content ("events-2021-03"). A
// file that grows past the limit is closed and the next one begun; when
// that happens the parts are numbered (events-2021-03-1.yaml,
// events-2021-03-2.yaml, ...), so they sort in order.
type fileSet struct {
	dir     string
	base    string
	section string
	header  string
	limit   int
	e       emitter
	parts   [][]byte
	written []string
}

func newFileSet(dir, base, section, header string, limit int) *fileSet {
	return &fileSet{dir: dir, base: base, section: section, header: header, limit: limit}
}

// item returns the emitter to write one list item into; call done after.
func (fs *fileSet) item() *emitter {
	if fs.e.Len() == 0 {
		fs.e.WriteString(fs.header)
		fs.e.Section(fs.section)
	} else {
		fs.e.WriteByte('\n') // a blank line between entries
	}
	return &fs.e
}

// done ends an item, and the part when it is full.
func (fs *fileSet) done() error {
	if fs.e.Len() >= fs.limit {
		fs.parts = append(fs.parts, bytes.Clone(fs.e.Bytes()))
		fs.e.Reset()
	}
	return nil
}

// flush writes the parts.
func (fs *fileSet) flush() error {
	if fs.e.Len() > 0 {
		fs.parts = append(fs.parts, bytes.Clone(fs.e.Bytes()))
		fs.e.Reset()
	}
	for i, part := range fs.parts {
		name := fs.base + ".yaml"
		if len(fs.parts) > 1 {
			name = fs.base + "-" + strconv.Itoa(i+1) + ".yaml"
		}
		if err := os.WriteFile(filepath.Join(fs.dir, name), part, 0o644); err != nil {
			return err
		}
		fs.written = append(fs.written, name)
	}
	fs.parts = nil
	return nil
}

// header is the comment every generated file starts with.
func header(cfg Config, what string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# Synthetic %s written by `diplograph gen --scale %s --seed %d`.\n", what, formatScale(cfg.Scale), cfg.Seed)
	b.WriteString("# Deterministic benchmark data, not facts: do not edit, regenerate.\n\n")
	return b.String()
}

func formatScale(s float64) string { return strconv.FormatFloat(s, 'g', -1, 64) }
