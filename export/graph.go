package export

import (
	"bufio"
	"encoding/csv"
	"encoding/xml"
	"strconv"
	"strings"
	"time"

	"github.com/diplograph/diplograph/vocab"
)

// Lists (event ids, source URLs) are written as one value with the items
// separated by single spaces: neither ids nor URLs contain one.
const listSep = " "

func joinList(items []string) string { return strings.Join(items, listSep) }

// Names (of sources without a URL) contain spaces, so they are separated
// by a bar.
const nameSep = " | "

func joinNames(items []string) string { return strings.Join(items, nameSep) }

// Namespaces of the graph formats.
const (
	GEXFNamespace    = "http://gexf.net/1.3"
	GraphMLNamespace = "http://graphml.graphdrawing.org/xmlns"
	xsiNamespace     = "http://www.w3.org/2001/XMLSchema-instance"
)

// xmlWriter writes XML by hand, escaping every value, so that the
// namespace declarations come out exactly as the formats' schemas name them.
type xmlWriter struct {
	w   *bufio.Writer
	err error
}

func (x *xmlWriter) raw(s string) {
	if x.err == nil {
		_, x.err = x.w.WriteString(s)
	}
}

func (x *xmlWriter) text(s string) {
	if x.err == nil {
		x.err = xml.EscapeText(x.w, []byte(s))
	}
}

// open writes <name a="v" ...> (or <name .../> when empty); attrs are
// name/value pairs.
func (x *xmlWriter) open(indent int, name string, empty bool, attrs ...string) {
	x.raw(strings.Repeat("  ", indent) + "<" + name)
	for i := 0; i+1 < len(attrs); i += 2 {
		x.raw(" " + attrs[i] + `="`)
		x.text(attrs[i+1])
		x.raw(`"`)
	}
	if empty {
		x.raw("/>\n")
	} else {
		x.raw(">")
	}
}

// element writes <name attrs...>text</name> on one line.
func (x *xmlWriter) element(indent int, name, text string, attrs ...string) {
	x.open(indent, name, false, attrs...)
	x.text(text)
	x.raw("</" + name + ">\n")
}

func (x *xmlWriter) close(indent int, name string) {
	x.raw(strings.Repeat("  ", indent) + "</" + name + ">\n")
}

func (x *xmlWriter) flush() error {
	if x.err != nil {
		return x.err
	}
	return x.w.Flush()
}

// upper spells a stored enum value as the API does (PHONE_CALL).
func upper(s string) string { return vocab.GraphQLName(s) }

func description(f Filter) string {
	return "diplograph co-participation network (" + f.Describe() + "): actors as nodes; an edge joins two actors " +
		"who took part in the same events (not denied, not cancelled), weighted by their number, with the certainty " +
		"of its strongest link (confirmed, reported, planned, speculated). Lists are space-separated; " +
		"sources without a URL are named in unlinked sources, separated by \" | \"."
}

// gexf writes the network as GEXF 1.3, Gephi's own format.
type gexf struct {
	x         *xmlWriter
	f         Filter
	now       time.Time
	edgeCount int
}

func (g *gexf) begin(nodes, edges int) error {
	x := g.x
	x.raw(xml.Header)
	x.open(0, "gexf", false, "xmlns", GEXFNamespace, "xmlns:xsi", xsiNamespace,
		"xsi:schemaLocation", GEXFNamespace+" http://gexf.net/1.3/gexf.xsd", "version", "1.3")
	x.raw("\n")
	x.open(1, "meta", false, "lastmodifieddate", g.now.UTC().Format(time.DateOnly))
	x.raw("\n")
	x.element(2, "creator", "diplograph")
	x.element(2, "description", description(g.f))
	x.close(1, "meta")
	// Dynamic: each node and edge lives from the earliest possible day of
	// its first event to the latest of its last, so Gephi's timeline plays
	// the network as it formed.
	x.open(1, "graph", false, "mode", "dynamic", "timeformat", "date", "defaultedgetype", "undirected")
	x.raw("\n")
	x.open(2, "attributes", false, "class", "node", "mode", "static")
	x.raw("\n")
	x.open(3, "attribute", true, "id", "kind", "title", "kind", "type", "string")
	x.open(3, "attribute", true, "id", "eventCount", "title", "eventCount", "type", "integer")
	x.open(3, "attribute", true, "id", "events", "title", "events", "type", "string")
	x.open(3, "attribute", true, "id", "sources", "title", "sources", "type", "string")
	x.open(3, "attribute", true, "id", "unlinkedSources", "title", "unlinkedSources", "type", "string")
	x.close(2, "attributes")
	x.open(2, "attributes", false, "class", "edge", "mode", "static")
	x.raw("\n")
	x.open(3, "attribute", true, "id", "certainty", "title", "certainty", "type", "string")
	x.open(3, "attribute", true, "id", "events", "title", "events", "type", "string")
	x.open(3, "attribute", true, "id", "sources", "title", "sources", "type", "string")
	x.open(3, "attribute", true, "id", "unlinkedSources", "title", "unlinkedSources", "type", "string")
	x.close(2, "attributes")
	x.open(2, "nodes", false, "count", strconv.Itoa(nodes))
	x.raw("\n")
	g.edgeCount = edges
	return x.err
}

func (g *gexf) node(n Node) error {
	return g.item("node", append([]string{"id", n.Actor.ID, "label", n.Actor.Name}, interval(n.Start, n.End)...),
		"kind", upper(string(n.Actor.Kind)), "eventCount", strconv.Itoa(n.EventCount), "events", joinList(n.EventIDs),
		"sources", joinList(n.SourceURLs), "unlinkedSources", joinNames(n.Unlinked))
}

// item writes a node or an edge with its attribute values, given as pairs
// of attribute id and value.
func (g *gexf) item(tag string, attrs []string, values ...string) error {
	x := g.x
	x.open(3, tag, false, attrs...)
	x.raw("\n")
	x.open(4, "attvalues", false)
	x.raw("\n")
	for i := 0; i+1 < len(values); i += 2 {
		x.open(5, "attvalue", true, "for", values[i], "value", values[i+1])
	}
	x.close(4, "attvalues")
	x.close(3, tag)
	return x.err
}

func (g *gexf) edges() error {
	g.x.close(2, "nodes")
	g.x.open(2, "edges", false, "count", strconv.Itoa(g.edgeCount))
	g.x.raw("\n")
	return g.x.err
}

func (g *gexf) edge(e Edge) error {
	return g.item("edge", append([]string{"id", e.ID(), "source", e.Source.ID, "target", e.Target.ID, "weight", strconv.Itoa(e.Weight())},
		interval(e.Start, e.End)...),
		"certainty", upper(string(e.Certainty)), "events", joinList(e.EventIDs),
		"sources", joinList(e.SourceURLs), "unlinkedSources", joinNames(e.Unlinked))
}

func (g *gexf) end() error {
	g.x.close(2, "edges")
	g.x.close(1, "graph")
	g.x.close(0, "gexf")
	return g.x.flush()
}

// interval is the start and end attributes of a dynamic GEXF element, none
// when its events are undated.
func interval(start, end time.Time) []string {
	if start.IsZero() {
		return nil
	}
	return []string{"start", start.Format(time.DateOnly), "end", end.Format(time.DateOnly)}
}

// graphML writes the network as GraphML.
type graphML struct {
	x *xmlWriter
	f Filter
}

func (g *graphML) begin(nodes, edges int) error {
	x := g.x
	x.raw(xml.Header)
	x.open(0, "graphml", false, "xmlns", GraphMLNamespace, "xmlns:xsi", xsiNamespace,
		"xsi:schemaLocation", GraphMLNamespace+" http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd")
	x.raw("\n")
	for _, k := range [][4]string{
		{"label", "node", "label", "string"},
		{"kind", "node", "kind", "string"},
		{"eventCount", "node", "eventCount", "int"},
		{"nodeEvents", "node", "events", "string"},
		{"nodeSources", "node", "sources", "string"},
		{"nodeUnlinked", "node", "unlinkedSources", "string"},
		{"weight", "edge", "weight", "double"},
		{"certainty", "edge", "certainty", "string"},
		{"edgeEvents", "edge", "events", "string"},
		{"edgeSources", "edge", "sources", "string"},
		{"edgeUnlinked", "edge", "unlinkedSources", "string"},
	} {
		x.open(1, "key", true, "id", k[0], "for", k[1], "attr.name", k[2], "attr.type", k[3])
	}
	x.open(1, "graph", false, "id", "diplograph", "edgedefault", "undirected")
	x.raw("\n")
	x.element(2, "desc", description(g.f))
	return x.err
}

func (g *graphML) node(n Node) error {
	x := g.x
	x.open(2, "node", false, "id", n.Actor.ID)
	x.raw("\n")
	x.element(3, "data", n.Actor.Name, "key", "label")
	x.element(3, "data", upper(string(n.Actor.Kind)), "key", "kind")
	x.element(3, "data", strconv.Itoa(n.EventCount), "key", "eventCount")
	x.element(3, "data", joinList(n.EventIDs), "key", "nodeEvents")
	x.element(3, "data", joinList(n.SourceURLs), "key", "nodeSources")
	x.element(3, "data", joinNames(n.Unlinked), "key", "nodeUnlinked")
	x.close(2, "node")
	return x.err
}

func (g *graphML) edges() error { return nil }

func (g *graphML) edge(e Edge) error {
	x := g.x
	x.open(2, "edge", false, "id", e.ID(), "source", e.Source.ID, "target", e.Target.ID)
	x.raw("\n")
	x.element(3, "data", strconv.Itoa(e.Weight()), "key", "weight")
	x.element(3, "data", upper(string(e.Certainty)), "key", "certainty")
	x.element(3, "data", joinList(e.EventIDs), "key", "edgeEvents")
	x.element(3, "data", joinList(e.SourceURLs), "key", "edgeSources")
	x.element(3, "data", joinNames(e.Unlinked), "key", "edgeUnlinked")
	x.close(2, "edge")
	return x.err
}

func (g *graphML) end() error {
	g.x.close(1, "graph")
	g.x.close(0, "graphml")
	return g.x.flush()
}

// CSVHeader is the header row of the CSV export. Each row is a node or an
// edge, as its first column says; columns that do not apply stay empty.
// Columns are only ever added at the end.
var CSVHeader = []string{"record", "id", "label", "kind", "source", "target", "weight", "event_count", "event_ids", "source_urls", "certainty", "unlinked_sources"}

// networkCSV writes the network as one CSV table: the nodes, then the edges.
type networkCSV struct{ w *csv.Writer }

func (c networkCSV) begin(nodes, edges int) error { return c.w.Write(CSVHeader) }

func (c networkCSV) node(n Node) error {
	return c.w.Write(sanitizeRow([]string{"node", n.Actor.ID, n.Actor.Name, upper(string(n.Actor.Kind)), "", "", "", strconv.Itoa(n.EventCount),
		joinList(n.EventIDs), joinList(n.SourceURLs), "", joinNames(n.Unlinked)}))
}

func (c networkCSV) edges() error { return nil }

func (c networkCSV) edge(e Edge) error {
	label := e.Source.Name + " – " + e.Target.Name
	return c.w.Write(sanitizeRow([]string{"edge", e.ID(), label, "", e.Source.ID, e.Target.ID, strconv.Itoa(e.Weight()), strconv.Itoa(e.Weight()),
		joinList(e.EventIDs), joinList(e.SourceURLs), upper(string(e.Certainty)), joinNames(e.Unlinked)}))
}

func (c networkCSV) end() error {
	c.w.Flush()
	return c.w.Error()
}

// sanitizeRow defuses cells a spreadsheet would run as a formula (a name
// starting with =, +, - or @), by prefixing an apostrophe.
func sanitizeRow(row []string) []string {
	for i, c := range row {
		if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
			row[i] = "'" + c
		}
	}
	return row
}
