// Package export writes a slice of the graph in formats other tools read:
// TimelineJS JSON (Knight Lab's timeline), GEXF 1.3 and GraphML (Gephi, yEd,
// networkx, igraph), CSV of the network, and CSV of the events.
//
// The timeline and the events CSV hold events; the graph formats and CSV hold the
// co-participation network: actors as nodes, and an edge between two actors
// for the events they shared, weighted by their number. The filter means what
// it means in the explorer's views: for the timeline, Actors are actors who
// all took part in each event; for the network, they name a neighbourhood
// (Hops shared events away).
//
// Both `diplograph export` and the explorer's download links (/export) use
// this package, so each format has one implementation.
package export

import (
	"bufio"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/diplograph/diplograph/store"
	"github.com/diplograph/diplograph/vocab"
)

// Format is an export format.
type Format string

const (
	TimelineJS Format = "timelinejs"
	GEXF       Format = "gexf"
	GraphML    Format = "graphml"
	CSV        Format = "csv"
	EventsCSV  Format = "events-csv"
)

// Formats lists every format, in the order help texts show them.
var Formats = []Format{TimelineJS, GEXF, GraphML, CSV, EventsCSV}

// ParseFormat reads a format name, case-insensitively.
func ParseFormat(s string) (Format, error) {
	f := Format(strings.ToLower(strings.TrimSpace(s)))
	for _, known := range Formats {
		if f == known {
			return f, nil
		}
	}
	names := make([]string, len(Formats))
	for i, k := range Formats {
		names[i] = string(k)
	}
	return "", fmt.Errorf("unknown format %q: want one of %s", s, strings.Join(names, ", "))
}

// ContentType is the media type of the format.
func (f Format) ContentType() string {
	switch f {
	case TimelineJS:
		return "application/json; charset=utf-8"
	case GEXF:
		return "application/gexf+xml; charset=utf-8"
	case GraphML:
		return "application/graphml+xml; charset=utf-8"
	case CSV, EventsCSV:
		return "text/csv; charset=utf-8"
	}
	return "application/octet-stream"
}

// FileName is a name to save the export under.
func (f Format) FileName() string {
	switch f {
	case TimelineJS:
		return "diplograph-timeline.json"
	case GEXF:
		return "diplograph-network.gexf"
	case GraphML:
		return "diplograph-network.graphml"
	case CSV:
		return "diplograph-network.csv"
	case EventsCSV:
		return "diplograph-events.csv"
	}
	return "diplograph-export"
}

// Graph reports whether the format holds the network rather than events.
func (f Format) Graph() bool { return f != TimelineJS && f != EventsCSV }

// Filter selects what to export.
type Filter struct {
	// From and To bound the dates; events match by overlap, as in the API.
	From, To *time.Time
	// Types are event types; ParseFilter reads the API's spelling
	// (PHONE_CALL) and the stored one (phone_call).
	Types []vocab.EventType
	// Actors: for the timeline, actors who all took part; for the network,
	// whose neighbourhood to export.
	Actors []string
	// Hops: how far the neighbourhood of Actors reaches (1 to 3; default 1).
	Hops int
	// AsOf pins the export to what the graph could show on that day, as
	// the API's EventFilter.asOf does (docs/model.md, "As of a day").
	AsOf *time.Time
}

// ParseFilter reads a filter from the text form the command line and the
// explorer's URLs share: dates as YYYY-MM-DD, types and actors as
// comma-separated lists, hops as a number; empty strings mean no filter.
func ParseFilter(from, to, types, actors, hops, asOf string) (Filter, error) {
	var f Filter
	for _, d := range []struct {
		name, text string
		dst        **time.Time
	}{{"from", from, &f.From}, {"to", to, &f.To}, {"asOf", asOf, &f.AsOf}} {
		if strings.TrimSpace(d.text) == "" {
			continue
		}
		t, err := time.Parse(time.DateOnly, strings.TrimSpace(d.text))
		if err != nil {
			return f, fmt.Errorf("%s: %q is not a date (YYYY-MM-DD)", d.name, d.text)
		}
		*d.dst = &t
	}
	if f.From != nil && f.To != nil && f.To.Before(*f.From) {
		return f, fmt.Errorf("the date range ends (%s) before it starts (%s)", to, from)
	}
	for _, t := range SplitList(types) {
		et, err := vocab.ParseEventType(strings.ToLower(t))
		if err != nil {
			return f, fmt.Errorf("types: unknown event type %q (known: %s)", strings.ToLower(t), strings.Join(vocab.Stored(vocab.AllEventType), ", "))
		}
		f.Types = append(f.Types, et)
	}
	for _, a := range SplitList(actors) {
		if !vocab.ValidID(a) {
			return f, fmt.Errorf("actors: %q is not a diplograph id", a)
		}
		f.Actors = append(f.Actors, a)
	}
	if h := strings.TrimSpace(hops); h != "" {
		var n int
		if _, err := fmt.Sscanf(h, "%d", &n); err != nil || fmt.Sprint(n) != h || n < 1 || n > 3 {
			return f, fmt.Errorf("hops: %q is not a number from 1 to 3", hops)
		}
		f.Hops = n
	}
	return f, nil
}

// SplitList reads a comma-separated list, leaving out empty items.
func SplitList(s string) []string {
	var out []string
	for _, part := range strings.Split(s, ",") {
		if p := strings.TrimSpace(part); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// eventFilter is the store's filter on events; withActors keeps the actors
// as "all took part" (the timeline's meaning).
func (f Filter) eventFilter(withActors bool) store.EventFilter {
	ev := store.EventFilter{From: f.From, To: f.To, Types: f.Types, AsOf: f.AsOf}
	if withActors {
		ev.Actors = f.Actors
	}
	return ev
}

// Describe says in words what the filter selects, for titles and metadata.
func (f Filter) Describe() string {
	var parts []string
	switch {
	case f.From != nil && f.To != nil:
		parts = append(parts, fmt.Sprintf("from %s to %s", f.From.Format(time.DateOnly), f.To.Format(time.DateOnly)))
	case f.From != nil:
		parts = append(parts, "from "+f.From.Format(time.DateOnly))
	case f.To != nil:
		parts = append(parts, "up to "+f.To.Format(time.DateOnly))
	}
	if len(f.Types) > 0 {
		parts = append(parts, "types "+strings.Join(vocab.Stored(f.Types), ", "))
	}
	if len(f.Actors) > 0 {
		parts = append(parts, "actors "+strings.Join(f.Actors, ", "))
	}
	if f.AsOf != nil {
		parts = append(parts, "as of "+f.AsOf.Format(time.DateOnly))
	}
	if len(parts) == 0 {
		return "all events"
	}
	return strings.Join(parts, "; ")
}

// Write exports what the filter selects in the given format, writing rows
// as it reads them (see load.go). On an error, w holds a cut export: a
// caller that must not show one writes to a file it renames, or aborts
// the download.
func Write(ctx context.Context, st *store.Store, w io.Writer, format Format, f Filter) error {
	switch format {
	case TimelineJS, EventsCSV:
		var sink eventSink
		if format == EventsCSV {
			c, err := newEventsCSV(w)
			if err != nil {
				return err
			}
			sink = c
		} else {
			sink = newTimelineJS(w, f)
		}
		n, err := eachEvent(ctx, st, f, sink.event)
		if err != nil {
			return err
		}
		return sink.end(n)
	case GEXF:
		return writeNetwork(ctx, st, f, &gexf{x: &xmlWriter{w: bufio.NewWriter(w)}, f: f, now: time.Now()})
	case GraphML:
		return writeNetwork(ctx, st, f, &graphML{x: &xmlWriter{w: bufio.NewWriter(w)}, f: f})
	case CSV:
		return writeNetwork(ctx, st, f, networkCSV{csv.NewWriter(w)})
	}
	return fmt.Errorf("export: unknown format %q", format)
}
