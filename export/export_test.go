package export_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/diplograph/diplograph/export"
	"github.com/diplograph/diplograph/loader"
	"github.com/diplograph/diplograph/neo4jtest"
	"github.com/diplograph/diplograph/store"
	"github.com/diplograph/diplograph/vocab"
)

// openFixtures empties the test database and loads the curated fixtures.
func openFixtures(t *testing.T) *store.Store {
	t.Helper()
	db := neo4jtest.Open(t)
	in, err := loader.Read([]string{"../fixtures"})
	if err != nil {
		t.Fatalf("read fixtures: %v", err)
	}
	if _, err := in.Write(context.Background(), db.Store, loader.Options{}); err != nil {
		t.Fatalf("load fixtures: %v", err)
	}
	return db.Store
}

func run(t *testing.T, st *store.Store, format export.Format, from, to, types, actors string) []byte {
	t.Helper()
	f, err := export.ParseFilter(from, to, types, actors, "")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := export.Write(context.Background(), st, &buf, format, f); err != nil {
		t.Fatalf("export %s: %v", format, err)
	}
	return buf.Bytes()
}

// A TimelineJS-shaped struct, after timeline.knightlab.com/docs/json-format.html.
type timelineJS struct {
	Title *struct {
		Text struct{ Headline, Text string } `json:"text"`
	} `json:"title"`
	Events []struct {
		StartDate   *tjsDate `json:"start_date"`
		EndDate     *tjsDate `json:"end_date"`
		DisplayDate string   `json:"display_date"`
		Text        struct {
			Headline string `json:"headline"`
			Text     string `json:"text"`
		} `json:"text"`
		Group    string `json:"group"`
		UniqueID string `json:"unique_id"`
	} `json:"events"`
}

type tjsDate struct {
	Year  *int `json:"year"`
	Month *int `json:"month"`
	Day   *int `json:"day"`
}

func (d *tjsDate) String() string {
	if d == nil {
		return "<nil>"
	}
	var parts []string
	for _, p := range []*int{d.Year, d.Month, d.Day} {
		if p == nil {
			parts = append(parts, "-")
		} else {
			parts = append(parts, strconv.Itoa(*p))
		}
	}
	return strings.Join(parts, "/")
}

func TestTimelineJS(t *testing.T) {
	st := openFixtures(t)
	raw := run(t, st, export.TimelineJS, "2025-10-01", "2025-11-30", "", "")
	var tl timelineJS
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&tl); err != nil && !strings.Contains(err.Error(), "unknown field \"scale\"") {
		t.Fatalf("not TimelineJS JSON: %v\n%s", err, raw)
	}
	if tl.Title == nil || tl.Title.Text.Headline == "" {
		t.Error("no title slide")
	}
	// The README's timeline for October and November 2025: every event of
	// the fixtures overlaps it (the 2025 ones may fall in it).
	if len(tl.Events) != 16 {
		t.Errorf("%d events, want 16", len(tl.Events))
	}
	byID := map[string]int{}
	for i, e := range tl.Events {
		byID[e.UniqueID] = i
		if e.StartDate == nil || e.StartDate.Year == nil {
			t.Errorf("%s: start_date without a year", e.UniqueID)
		}
		if e.Text.Headline == "" {
			t.Errorf("%s: no headline", e.UniqueID)
		}
	}
	for id, want := range map[string]struct {
		start, end, display, group string
	}{
		"call-2025-10-16-trump-putin":       {"2025/10/16", "<nil>", "", "Phone call"},
		"call-2025-10-trump-putin":          {"2025/10/-", "<nil>", "October 2025", "Phone call"},
		"warnings-2025-10-driscoll-ukraine": {"2025/10/-", "2025/11/-", "late October 2025 – November 2025", "Briefing"},
		"release-2025-20-point-plan":        {"2025/-/-", "<nil>", "2025", "Plan release"},
		"drafting-2025-28-point-plan":       {"2025/-/-", "<nil>", "late 2025", "Plan release"},
		"meeting-2025-10-24-miami":          {"2025/10/24", "2025/10/26", "", "Meeting"},
	} {
		i, ok := byID[id]
		if !ok {
			t.Errorf("%s missing", id)
			continue
		}
		e := tl.Events[i]
		if got := e.StartDate.String(); got != want.start {
			t.Errorf("%s: start_date %s, want %s", id, got, want.start)
		}
		if got := e.EndDate.String(); got != want.end {
			t.Errorf("%s: end_date %s, want %s", id, got, want.end)
		}
		if e.DisplayDate != want.display {
			t.Errorf("%s: display_date %q, want %q", id, e.DisplayDate, want.display)
		}
		if e.Group != want.group {
			t.Errorf("%s: group %q, want %q", id, e.Group, want.group)
		}
	}
	// Chronological, and the text carries participants and linked sources.
	if byID["call-2025-10-16-trump-putin"] > byID["talks-2025-11-23-geneva"] {
		t.Error("events are not in chronological order")
	}
	call := tl.Events[byID["call-2025-10-16-trump-putin"]].Text.Text
	for _, want := range []string{"Donald Trump (participant, for United States)", "Vladimir Putin", "“culminating in the high-profile Trump-Putin call on October 16”", "Duration:</strong> 2.5 hours"} {
		if !strings.Contains(call, want) {
			t.Errorf("call text lacks %q:\n%s", want, call)
		}
	}
	if m := tl.Events[byID["meeting-2025-10-24-miami"]].Text.Text; !strings.Contains(m, `<a href="https://b2bnews.co.nz/?p=41812">`) || !strings.Contains(m, "Place:</strong> Miami") {
		t.Errorf("Miami meeting text lacks its linked source or place:\n%s", m)
	}
	if u := tl.Events[byID["narrowing-2025-11-19-points"]].Text.Text; !strings.Contains(u, "Reported: the sources only report this event.") ||
		!strings.Contains(u, "Status:</strong> unverified") {
		t.Errorf("a reported, unverified event not marked:\n%s", u)
	}

	// Actors filter: events in which all of them took part.
	raw = run(t, st, export.TimelineJS, "", "", "phone_call", "trump,putin")
	tl = timelineJS{}
	if err := json.Unmarshal(raw, &tl); err != nil {
		t.Fatal(err)
	}
	if len(tl.Events) != 2 {
		t.Errorf("Trump-Putin calls: %d events, want 2", len(tl.Events))
	}
}

// GEXF 1.3, read back with its namespace.
type gexfDoc struct {
	XMLName xml.Name `xml:"http://gexf.net/1.3 gexf"`
	Version string   `xml:"version,attr"`
	Meta    struct {
		Creator string `xml:"http://gexf.net/1.3 creator"`
	} `xml:"http://gexf.net/1.3 meta"`
	Graph struct {
		DefaultEdgeType string `xml:"defaultedgetype,attr"`
		Attributes      []struct {
			Class string `xml:"class,attr"`
			Attrs []struct {
				ID    string `xml:"id,attr"`
				Title string `xml:"title,attr"`
				Type  string `xml:"type,attr"`
			} `xml:"http://gexf.net/1.3 attribute"`
		} `xml:"http://gexf.net/1.3 attributes"`
		Nodes []struct {
			ID     string     `xml:"id,attr"`
			Label  string     `xml:"label,attr"`
			Values []gexfAttr `xml:"http://gexf.net/1.3 attvalues>attvalue"`
		} `xml:"http://gexf.net/1.3 nodes>node"`
		Edges []struct {
			ID     string     `xml:"id,attr"`
			Source string     `xml:"source,attr"`
			Target string     `xml:"target,attr"`
			Weight float64    `xml:"weight,attr"`
			Values []gexfAttr `xml:"http://gexf.net/1.3 attvalues>attvalue"`
		} `xml:"http://gexf.net/1.3 edges>edge"`
	} `xml:"http://gexf.net/1.3 graph"`
}

type gexfAttr struct {
	For   string `xml:"for,attr"`
	Value string `xml:"value,attr"`
}

func attr(vals []gexfAttr, name string) string {
	for _, v := range vals {
		if v.For == name {
			return v.Value
		}
	}
	return ""
}

func TestGEXF(t *testing.T) {
	st := openFixtures(t)
	raw := run(t, st, export.GEXF, "2025-10-01", "2025-11-30", "", "")
	var doc gexfDoc
	if err := xml.Unmarshal(raw, &doc); err != nil {
		t.Fatalf("not GEXF: %v\n%s", err, raw)
	}
	if doc.Version != "1.3" || doc.Meta.Creator != "diplograph" || doc.Graph.DefaultEdgeType != "undirected" {
		t.Errorf("header: version %q creator %q edge type %q", doc.Version, doc.Meta.Creator, doc.Graph.DefaultEdgeType)
	}
	if len(doc.Graph.Attributes) != 2 {
		t.Errorf("%d attribute declarations, want node and edge", len(doc.Graph.Attributes))
	}
	labels := map[string]string{}
	for _, n := range doc.Graph.Nodes {
		labels[n.ID] = n.Label
		if n.ID == "trump" {
			if attr(n.Values, "kind") != "PERSON" || attr(n.Values, "eventCount") == "" {
				t.Errorf("trump's attributes: %+v", n.Values)
			}
		}
	}
	if labels["trump"] != "Donald Trump" || labels["putin"] != "Vladimir Putin" {
		t.Errorf("node labels: %v", labels)
	}
	found := false
	for _, e := range doc.Graph.Edges {
		if _, ok := labels[e.Source]; !ok {
			t.Errorf("edge %s: unknown source %q", e.ID, e.Source)
		}
		if _, ok := labels[e.Target]; !ok {
			t.Errorf("edge %s: unknown target %q", e.ID, e.Target)
		}
		if e.Source == "putin" && e.Target == "trump" {
			found = true
			if e.Weight != 2 {
				t.Errorf("Trump-Putin weight %v, want 2", e.Weight)
			}
			ev := strings.Fields(attr(e.Values, "events"))
			if len(ev) != 2 || !strings.Contains(attr(e.Values, "events"), "call-2025-10-16-trump-putin") {
				t.Errorf("Trump-Putin events %q", ev)
			}
		}
		if e.Source == "dmitriev" && e.Target == "witkoff" && !strings.Contains(attr(e.Values, "sources"), "https://b2bnews.co.nz/?p=41812") {
			t.Errorf("Dmitriev-Witkoff sources %q", attr(e.Values, "sources"))
		}
	}
	if !found {
		t.Error("no Trump-Putin edge")
	}
}

// GraphML, read back with its namespace.
type graphMLDoc struct {
	XMLName xml.Name `xml:"http://graphml.graphdrawing.org/xmlns graphml"`
	Keys    []struct {
		ID   string `xml:"id,attr"`
		For  string `xml:"for,attr"`
		Name string `xml:"attr.name,attr"`
		Type string `xml:"attr.type,attr"`
	} `xml:"http://graphml.graphdrawing.org/xmlns key"`
	Graph struct {
		EdgeDefault string `xml:"edgedefault,attr"`
		Nodes       []struct {
			ID   string        `xml:"id,attr"`
			Data []graphMLData `xml:"http://graphml.graphdrawing.org/xmlns data"`
		} `xml:"http://graphml.graphdrawing.org/xmlns node"`
		Edges []struct {
			ID     string        `xml:"id,attr"`
			Source string        `xml:"source,attr"`
			Target string        `xml:"target,attr"`
			Data   []graphMLData `xml:"http://graphml.graphdrawing.org/xmlns data"`
		} `xml:"http://graphml.graphdrawing.org/xmlns edge"`
	} `xml:"http://graphml.graphdrawing.org/xmlns graph"`
}

type graphMLData struct {
	Key   string `xml:"key,attr"`
	Value string `xml:",chardata"`
}

func data(ds []graphMLData, key string) string {
	for _, d := range ds {
		if d.Key == key {
			return d.Value
		}
	}
	return ""
}

func TestGraphML(t *testing.T) {
	st := openFixtures(t)
	// The neighbourhood of Witkoff: the network's meaning of actors.
	raw := run(t, st, export.GraphML, "", "", "", "witkoff")
	var doc graphMLDoc
	if err := xml.Unmarshal(raw, &doc); err != nil {
		t.Fatalf("not GraphML: %v\n%s", err, raw)
	}
	if doc.Graph.EdgeDefault != "undirected" {
		t.Errorf("edgedefault %q", doc.Graph.EdgeDefault)
	}
	keys := map[string]string{}
	for _, k := range doc.Keys {
		keys[k.ID] = k.For + ":" + k.Name + ":" + k.Type
	}
	if keys["weight"] != "edge:weight:double" || keys["label"] != "node:label:string" {
		t.Errorf("keys: %v", keys)
	}
	nodes := map[string]string{}
	for _, n := range doc.Graph.Nodes {
		nodes[n.ID] = data(n.Data, "label")
	}
	for _, id := range []string{"witkoff", "dmitriev", "kushner", "driscoll", "ushakov"} {
		if nodes[id] == "" {
			t.Errorf("Witkoff's neighbourhood lacks %s: %v", id, nodes)
		}
	}
	if _, ok := nodes["putin"]; ok {
		t.Errorf("Putin is not Witkoff's neighbour, yet exported: %v", nodes)
	}
	var witkoffDmitriev string
	for _, e := range doc.Graph.Edges {
		if e.Source == "dmitriev" && e.Target == "witkoff" {
			witkoffDmitriev = data(e.Data, "weight") + " " + data(e.Data, "edgeEvents")
		}
	}
	if !strings.HasPrefix(witkoffDmitriev, "2 ") || !strings.Contains(witkoffDmitriev, "meeting-2025-10-24-miami") {
		t.Errorf("Dmitriev-Witkoff edge: %q", witkoffDmitriev)
	}
}

func TestCSV(t *testing.T) {
	st := openFixtures(t)
	raw := run(t, st, export.CSV, "2025-10-01", "2025-11-30", "PHONE_CALL,meeting", "")
	rows, err := csv.NewReader(bytes.NewReader(raw)).ReadAll()
	if err != nil {
		t.Fatalf("not CSV: %v\n%s", err, raw)
	}
	if strings.Join(rows[0], ",") != strings.Join(export.CSVHeader, ",") {
		t.Errorf("header %v", rows[0])
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	var nodes, edges int
	for _, r := range rows[1:] {
		switch r[col["record"]] {
		case "node":
			nodes++
			if r[col["id"]] == "trump" && (r[col["label"]] != "Donald Trump" || r[col["event_count"]] != "2") {
				t.Errorf("trump row %v", r)
			}
		case "edge":
			edges++
			if r[col["source"]] == "putin" && r[col["target"]] == "trump" {
				if r[col["weight"]] != "2" || len(strings.Fields(r[col["event_ids"]])) != 2 {
					t.Errorf("Trump-Putin row %v", r)
				}
			}
			if r[col["source"]] == "dmitriev" && r[col["target"]] == "witkoff" {
				urls := strings.Fields(r[col["source_urls"]])
				if len(urls) == 0 {
					t.Errorf("Dmitriev-Witkoff edge has no source URLs: %v", r)
				}
				for _, u := range urls {
					if !strings.HasPrefix(u, "https://") {
						t.Errorf("source URL %q", u)
					}
				}
			}
		default:
			t.Errorf("row of unknown record %v", r)
		}
	}
	// Calls and meetings: Trump-Putin, US-Russia, and the Miami trio.
	if nodes != 7 || edges != 5 {
		t.Errorf("%d nodes and %d edges, want 7 and 5:\n%s", nodes, edges, raw)
	}
}

func TestParseFilter(t *testing.T) {
	f, err := export.ParseFilter("2025-10-01", "2025-11-30", "PHONE_CALL, meeting", "trump,putin", "2")
	if err != nil {
		t.Fatal(err)
	}
	if f.From.Format(time.DateOnly) != "2025-10-01" || f.To.Format(time.DateOnly) != "2025-11-30" ||
		strings.Join(vocab.Stored(f.Types), ",") != "phone_call,meeting" || strings.Join(f.Actors, ",") != "trump,putin" || f.Hops != 2 {
		t.Errorf("parsed %+v", f)
	}
	for _, bad := range [][5]string{
		{"2025-13-01", "", "", "", ""},
		{"2025-11-01", "2025-10-01", "", "", ""},
		{"", "", "dinner", "", ""},
		{"", "", "", "Not An Id", ""},
		{"", "", "", "", "4"},
		{"", "", "", "", "1x"},
	} {
		if _, err := export.ParseFilter(bad[0], bad[1], bad[2], bad[3], bad[4]); err == nil {
			t.Errorf("ParseFilter%q: no error", bad)
		}
	}
	if _, err := export.ParseFormat("GEXF"); err != nil {
		t.Error(err)
	}
	if _, err := export.ParseFormat("pdf"); err == nil {
		t.Error("pdf: no error")
	}
}
