package store

import (
	"bytes"
	"context"
	"embed"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"text/template"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

//go:embed cypher/*.cypher cypher/read/*.cypher
var cypherFiles embed.FS

// Statement is one Cypher statement the store may send. Only the
// definitions below make statements, and every one registers itself where
// it is defined; run is the only place a statement is sent. So the set of
// statements the binary can send is exactly what Registered lists, and the
// test that has Neo4j compile each of them cannot miss one.
type Statement struct {
	name, text string
}

// Name is the name the statement is registered under.
func (s Statement) Name() string { return s.name }

// Text is the Cypher.
func (s Statement) Text() string { return s.text }

// definition is a registered source of statements: one statement, or a
// template rendered per key.
type definition interface {
	defName() string
	statements() []Statement
}

var registry struct {
	mu   sync.Mutex
	defs []definition
	seen map[string]bool
}

func register(d definition) {
	registry.mu.Lock()
	defer registry.mu.Unlock()
	if registry.seen == nil {
		registry.seen = map[string]bool{}
	}
	if registry.seen[d.defName()] {
		panic("store: statement " + d.defName() + " defined twice")
	}
	registry.seen[d.defName()] = true
	registry.defs = append(registry.defs, d)
}

// Registered returns every statement the store can send, sorted by name:
// each plain statement, and each template in every variant it can be
// rendered in.
func Registered() []Statement {
	registry.mu.Lock()
	defs := append([]definition(nil), registry.defs...)
	registry.mu.Unlock()
	var out []Statement
	for _, d := range defs {
		out = append(out, d.statements()...)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out
}

type single struct{ st Statement }

func (s single) defName() string         { return s.st.name }
func (s single) statements() []Statement { return []Statement{s.st} }

// explain prefixes a statement that Neo4j is to plan, not run.
const explain = "EXPLAIN "

// explained is the statement for Neo4j to plan only, as warming up does:
// the same statement, so it needs no registering of its own.
func (st Statement) explained() Statement { return Statement{name: st.name, text: explain + st.text} }

// define registers a statement rendered once from a file of cypher/.
func define(name, file string, data any) Statement {
	st := Statement{name: name, text: render(file, data)}
	register(single{st})
	return st
}

// defineText registers a statement written in Go, for the one-line
// procedure calls that need no file of their own.
func defineText(name, text string) Statement {
	st := Statement{name: name, text: text}
	register(single{st})
	return st
}

// Template is a statement rendered per key: a filter's shape, the parts of
// a row a query selects, a label or a relationship spec. Its keys list every
// key the code can ask for; asking for another is a programming error that
// get refuses, so rendering every listed key covers all the template can send.
type Template[K comparable] struct {
	name, file string
	keys       func() []K
	// prepare fixes the parts of a key that the template, not the caller,
	// decides.
	prepare func(K) K

	once  sync.Once
	valid map[K]bool
	mu    sync.Mutex
	byKey map[K]Statement
}

func defineTemplate[K comparable](name, file string, keys func() []K, prepare func(K) K) *Template[K] {
	t := &Template[K]{name: name, file: file, keys: keys, prepare: prepare}
	register(t)
	return t
}

func (t *Template[K]) defName() string { return t.name }

func (t *Template[K]) index() {
	t.valid = map[K]bool{}
	for _, k := range t.keys() {
		t.valid[t.fix(k)] = true
	}
}

func (t *Template[K]) fix(k K) K {
	if t.prepare != nil {
		return t.prepare(k)
	}
	return k
}

// get renders the statement for k on first use.
func (t *Template[K]) get(k K) Statement {
	t.once.Do(t.index)
	k = t.fix(k)
	if !t.valid[k] {
		panic(fmt.Sprintf("store: statement %s has no variant %+v", t.name, k))
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if st, ok := t.byKey[k]; ok {
		return st
	}
	if t.byKey == nil {
		t.byKey = map[K]Statement{}
	}
	st := Statement{name: fmt.Sprintf("%s/%+v", t.name, k), text: render(t.file, k)}
	t.byKey[k] = st
	return st
}

func (t *Template[K]) statements() []Statement {
	t.once.Do(t.index)
	out := make([]Statement, 0, len(t.valid))
	for k := range t.valid {
		out = append(out, t.get(k))
	}
	return out
}

// labelKey renders a statement per label: its file names {{.Label}}.
type labelKey struct{ Label Label }

func labelKeys(labels []Label) func() []labelKey {
	return func() []labelKey {
		out := make([]labelKey, len(labels))
		for i, l := range labels {
			out[i] = labelKey{l}
		}
		return out
	}
}

// render fills a statement file with names from the model's closed set of
// labels and relationship types and the key's flags; values always travel
// as parameters. Read statements may use the shared fragments of
// read/fragments.cypher.
func render(name string, data any) string {
	t := template.Must(template.New("fragments").Funcs(cypherFuncs).Parse(mustRead("read/fragments.cypher")))
	t = template.Must(t.New(name).Parse(mustRead(name)))
	var b bytes.Buffer
	if err := t.Execute(&b, data); err != nil {
		panic(fmt.Sprintf("render cypher %s: %v", name, err))
	}
	return b.String()
}

// cypherFuncs write the staging mark's checks, and the two shapes of a
// citation that statements return, for the variables a statement names.
var cypherFuncs = template.FuncMap{
	// staging is the label of a staged node, mark the property that holds
	// its token, and published the label of a published token (stage.go).
	"staging":   func() string { return StagingLabel },
	"mark":      func() string { return StagedMark },
	"published": func() string { return PublishedStageLabel },
	// visible leaves out node n if it is staged and not published.
	"visible": Visible,
	// values lists of node or relationship v the properties that the
	// store's type typ decodes (listed), in the order of its fields.
	"values": values,
	// cite is the citation a CITES relationship rel makes of source src:
	// a list of the source's values and the citation's (decodeCitations).
	// Lists, not maps: a map and a string for each of its keys is what the
	// driver allocates for each citation of each event on a page.
	"cite": func(rel, src string) string { return cite(rel, values(src, "Source")) },
	// citeSelected is cite with only the source's properties $sourceProps
	// (Page.SourceProps, EventParts.SourceProps), for the citations of a
	// page's events and of an event page's.
	"citeSelected": func(rel, src string) string {
		return cite(rel, fmt.Sprintf("[k IN $sourceProps | %s[k]]", src))
	},
	// relCites lists the citations a relationship rel keeps as parallel
	// lists (sources, quotes, confirmations, translations, languages,
	// notes; an empty entry is none), joined to their sources as src, in
	// cite's shape.
	"relCites": func(rel, src string) string { return relCites(rel, src, values(src, "Source")) },
	// relCitesSelected is relCites with only the sources' properties
	// $partSourceProps (ParticipantFields.SourceProps), for participations.
	"relCitesSelected": func(rel, src string) string {
		return relCites(rel, src, fmt.Sprintf("[k IN $partSourceProps | %s[k]]", src))
	},
}

func relCites(rel, src, srcValues string) string {
	return fmt.Sprintf(`COLLECT {
      UNWIND range(0, size(coalesce(%[1]s.sources, [])) - 1) AS %[2]si
      MATCH (%[2]s:Source {id: %[1]s.sources[%[2]si]}) WHERE %[3]s
      RETURN [%[4]s, nullIf(%[1]s.quotes[%[2]si], ''), nullIf(%[1]s.translations[%[2]si], ''),
        nullIf(%[1]s.languages[%[2]si], ''), nullIf(%[1]s.notes[%[2]si], ''),
        coalesce(nullIf(%[1]s.confirmations[%[2]si], ''), 'confirmed')]
    }`, rel, src, Visible(src), srcValues)
}

// cite is the list a citation comes back as: the source's values, then the
// citation's (decodeCitations).
func cite(rel, source string) string {
	return fmt.Sprintf("[%[2]s, %[1]s.quote, %[1]s.translation, %[1]s.language, "+
		"%[1]s.note, coalesce(%[1]s.confirmation, 'confirmed')]", rel, source)
}

// listed are the types a statement can return as a list of values (the
// values template function): those of the parts of an event that repeat on
// a page, its places and the sources cited. The participants and the actors
// they represent come back as the properties the query reads
// (ParticipantFields).
var listed = map[string]listedType{
	"Place":  listable[Place](),
	"Source": listable[Source](),
}

// listedType is a type statements can list: its fields, and its decoder.
type listedType struct {
	t      reflect.Type
	decode func(v any) (any, error)
}

func listable[T any]() listedType {
	return listedType{t: reflect.TypeFor[T](), decode: func(v any) (any, error) { return decode[T](v) }}
}

// values writes the list of v's properties that type typ's fields name
// (their prop tags), in their order, which decode reads back by position.
// A whole node costs Neo4j the serialization of every property, its
// element id and labels, and the driver their decoding; a map projection
// repeats each key, and a null for each property a node lacks. The actor
// page, with hundreds of participants and sources, answered 10-11% more
// requests a second at concurrency 16 with lists, its server allocating 13%
// less (bench/RESULTS.md); events and places listed gained nothing.
func values(v, typ string) string {
	lt, ok := listed[typ]
	if !ok {
		panic(fmt.Sprintf("values %s: no type %q to list (store/statement.go, listed)", v, typ))
	}
	fields := fieldsOf(lt.t)
	props := make([]string, len(fields))
	for i, f := range fields {
		props[i] = v + "." + f.prop
	}
	return "[" + strings.Join(props, ", ") + "]"
}

func mustRead(name string) string {
	b, err := cypherFiles.ReadFile("cypher/" + name)
	if err != nil {
		panic(fmt.Sprintf("embedded cypher %s: %v", name, err))
	}
	return string(b)
}

// splitStatements splits a file of ';'-terminated statements, dropping
// comment lines.
func splitStatements(src string) []string {
	var out []string
	var cur strings.Builder
	for _, line := range strings.Split(src, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "//") {
			continue
		}
		cur.WriteString(line)
		cur.WriteByte('\n')
		if strings.HasSuffix(strings.TrimSpace(line), ";") {
			if stmt := strings.TrimSuffix(strings.TrimSpace(cur.String()), ";"); stmt != "" {
				out = append(out, stmt)
			}
			cur.Reset()
		}
	}
	if stmt := strings.TrimSpace(cur.String()); stmt != "" {
		out = append(out, stmt)
	}
	return out
}

type queryCountKey struct{}

// WithQueryCount returns a context under which every statement the store
// sends is counted, and a function that reads the count. The API uses it to
// prove that a request sends a number of statements bounded by its shape.
func WithQueryCount(ctx context.Context) (context.Context, func() int64) {
	var n atomic.Int64
	return context.WithValue(ctx, queryCountKey{}, &n), n.Load
}

// run sends a statement: the one place the store does.
func run(ctx context.Context, tx neo4j.ManagedTransaction, st Statement, params map[string]any) (neo4j.ResultWithContext, error) {
	if n, ok := ctx.Value(queryCountKey{}).(*atomic.Int64); ok {
		n.Add(1)
	}
	if _, ok := sent.Load(st.name); !ok && !strings.HasPrefix(st.text, explain) {
		sent.Store(st.name, st)
	}
	o := observerOf(ctx)
	if o == nil {
		return tx.Run(ctx, st.text, params)
	}
	ctx, finish := o.Statement(ctx, st.family())
	res, err := tx.Run(ctx, st.text, params)
	if err != nil {
		finish(0, err)
		return nil, err
	}
	return &observed{ResultWithContext: res, finish: finish}, nil
}

// records runs one statement and collects its records.
//
// A statement that returns a single column named rows, a list of maps, is
// read as one record per map: streaming a record costs Neo4j and the driver
// far more than a list element (228 participations: 7.4 ms as records,
// 4.0 ms as one list), so statements that return many rows collect them.
func records(ctx context.Context, tx neo4j.ManagedTransaction, st Statement, params map[string]any) ([]*neo4j.Record, error) {
	res, err := run(ctx, tx, st, params)
	if err != nil {
		return nil, err
	}
	recs, err := res.Collect(ctx)
	if err != nil || len(recs) != 1 || len(recs[0].Keys) != 1 || recs[0].Keys[0] != "rows" {
		return recs, err
	}
	return expandRows(recs[0].Values[0])
}

// expandRows turns a list of maps into records with the maps' keys.
func expandRows(v any) ([]*neo4j.Record, error) {
	if v == nil {
		return nil, nil
	}
	l, ok := v.([]any)
	if !ok {
		return nil, fmt.Errorf("rows: a list expected, got %T", v)
	}
	out := make([]*neo4j.Record, len(l))
	for i, item := range l {
		m, ok := item.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("rows: a map expected, got %T", item)
		}
		r := &neo4j.Record{Keys: make([]string, 0, len(m)), Values: make([]any, 0, len(m))}
		for k, v := range m {
			r.Keys = append(r.Keys, k)
			r.Values = append(r.Values, v)
		}
		out[i] = r
	}
	return out, nil
}

// read runs fn in one read transaction, so a cluster can route it to a
// follower; retries of transient failures are the driver's.
func (s *Store) read(ctx context.Context, fn func(ctx context.Context, tx neo4j.ManagedTransaction) error) error {
	if err := ctx.Err(); err != nil {
		return classifyIn(ctx, err) // the caller has given up: start nothing
	}
	release, err := s.acquire(ctx)
	if err != nil {
		return err
	}
	defer release()
	txCtx, done, err := s.guard(ctx)
	if err != nil {
		return err
	}
	defer done()
	sess := s.session(txCtx, neo4j.AccessModeRead)
	defer sess.Close(context.WithoutCancel(txCtx))
	_, err = sess.ExecuteRead(txCtx, func(tx neo4j.ManagedTransaction) (any, error) {
		return nil, fn(txCtx, tx)
	}, txTimeout(txCtx)...)
	if cause := context.Cause(txCtx); err != nil && errors.Is(cause, ErrUnavailable) {
		return cause // Neo4j stopped answering during the read
	}
	return classifyIn(ctx, err)
}

// query runs one statement in its own read transaction.
func (s *Store) query(ctx context.Context, st Statement, params map[string]any) ([]*neo4j.Record, error) {
	var recs []*neo4j.Record
	err := s.read(ctx, func(ctx context.Context, tx neo4j.ManagedTransaction) error {
		var err error
		recs, err = records(ctx, tx, st, params)
		return err
	})
	return recs, err
}

// queryRows runs one statement and decodes each record with row, in the
// statement's order.
func queryRows[T any](ctx context.Context, s *Store, st Statement, params map[string]any, row func(*neo4j.Record) (T, error)) ([]T, error) {
	recs, err := s.query(ctx, st, params)
	if err != nil {
		return nil, err
	}
	return rows(recs, row)
}

func rows[T any](recs []*neo4j.Record, row func(*neo4j.Record) (T, error)) ([]T, error) {
	out := make([]T, 0, len(recs))
	for _, r := range recs {
		v, err := row(r)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// byParent groups rows that carry their parent's id under the key id.
func byParent[T any](recs []*neo4j.Record, row func(*neo4j.Record) (T, error)) (map[string][]T, error) {
	out := map[string][]T{}
	for _, r := range recs {
		id, err := value[string](r, "id")
		if err != nil {
			return nil, err
		}
		v, err := row(r)
		if err != nil {
			return nil, err
		}
		out[id] = append(out[id], v)
	}
	return out, nil
}
