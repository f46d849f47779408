package export

import (
	"encoding/csv"
	"io"
	"time"
)

// EventsCSVHeader is the header row of the events CSV: one row per event.
// The date is as the sources state it ("late October 2025"), with the
// earliest and latest days it may denote for sorting and filtering.
// Places, participants and sources are lists separated by " | "; a source
// is its name, then its URL when it has one, so sources without a URL are
// kept. Columns are only ever added at the end.
var EventsCSVHeader = []string{"id", "title", "type", "status", "modality", "date", "earliest_day", "latest_day",
	"precision", "certainty", "places", "participants", "sources"}

// eventSink writes events as they are read; end follows the last, with
// their number.
type eventSink interface {
	event(Event) error
	end(count int) error
}

// eventsCSV writes events as one CSV table, a row each.
type eventsCSV struct{ w *csv.Writer }

func newEventsCSV(w io.Writer) (eventsCSV, error) {
	cw := csv.NewWriter(w)
	return eventsCSV{cw}, cw.Write(EventsCSVHeader)
}

func (c eventsCSV) event(e Event) error {
	{
		var status, modality, earliest, latest, precision string
		if e.Status != nil {
			status = upper(string(*e.Status))
		}
		if e.Modality != nil {
			modality = upper(string(*e.Modality))
		}
		if !e.Date.IsZero() {
			first, last := EventDays(e.Event)
			earliest, latest = first.Format(time.DateOnly), last.Format(time.DateOnly)
			precision = upper(string(e.Date.Precision()))
		}
		places := make([]string, len(e.Places))
		for i, p := range e.Places {
			places[i] = p.Name
		}
		parts := make([]string, len(e.Participants))
		for i, p := range e.Participants {
			parts[i] = p.Actor.Name + " (" + Humanize(string(p.Role)) + ")"
		}
		var sources []string
		seen := map[string]bool{}
		for _, c := range e.Sources {
			if seen[c.Source.ID] {
				continue
			}
			seen[c.Source.ID] = true
			s := SourceName(c.Source)
			if c.Source.URL != nil && *c.Source.URL != "" && s != *c.Source.URL {
				s += " <" + *c.Source.URL + ">"
			}
			sources = append(sources, s)
		}
		row := []string{e.ID, e.Title, upper(string(e.Type)), status, modality, DisplayDate(e.Event), earliest, latest,
			precision, upper(string(e.Certainty)), joinNames(places), joinNames(parts), joinNames(sources)}
		return c.w.Write(sanitizeRow(row))
	}
}

func (c eventsCSV) end(int) error {
	c.w.Flush()
	return c.w.Error()
}
