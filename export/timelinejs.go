package export

import (
	"bufio"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"net/url"
	"strings"

	"github.com/diplograph/diplograph/partialdate"
	"github.com/diplograph/diplograph/store"
	"github.com/diplograph/diplograph/vocab"
)

// The TimelineJS JSON format (Knight Lab, timeline.knightlab.com/docs/json-format.html):
// a title slide and one slide per event. A date gives only the parts the
// sources give (a month-precision date has no day); display_date says it in
// words, so "late October 2025" is never shown as 1 October.

type tlDate struct {
	Year  int `json:"year"`
	Month int `json:"month,omitempty"`
	Day   int `json:"day,omitempty"`
}

type tlText struct {
	Headline string `json:"headline,omitempty"`
	Text     string `json:"text,omitempty"`
}

type tlSlide struct {
	StartDate   *tlDate `json:"start_date,omitempty"`
	EndDate     *tlDate `json:"end_date,omitempty"`
	DisplayDate string  `json:"display_date,omitempty"`
	Text        *tlText `json:"text,omitempty"`
	Group       string  `json:"group,omitempty"`
	UniqueID    string  `json:"unique_id,omitempty"`
}

// timelineDate keeps the parts of a date its precision gives.
func timelineDate(d partialdate.Date) *tlDate {
	if d.IsZero() {
		return nil
	}
	first := d.Earliest()
	out := &tlDate{Year: first.Year()}
	switch d.Precision() {
	case partialdate.Day:
		out.Month, out.Day = int(first.Month()), first.Day()
	case partialdate.Month:
		out.Month = int(first.Month())
	}
	return out
}

// DisplayDate is the date of an event in words, with its end if it has one.
func DisplayDate(e store.Event) string {
	s := e.Date.Display()
	if e.End != nil && !e.End.IsZero() && e.End.String() != e.Date.String() {
		s += " – " + e.End.Display()
	}
	return s
}

// timelineJS writes events as a TimelineJS timeline, a slide at a time:
// the events first, then the title slide, which counts them (JSON objects
// are unordered, so TimelineJS reads them the same).
type timelineJS struct {
	w   *bufio.Writer
	f   Filter
	err error
	// started: a slide has been written, so the next needs a comma.
	started bool
}

func newTimelineJS(w io.Writer, f Filter) *timelineJS {
	t := &timelineJS{w: bufio.NewWriter(w), f: f}
	t.raw("{\n  \"events\": [")
	return t
}

func (t *timelineJS) raw(s string) {
	if t.err == nil {
		_, t.err = t.w.WriteString(s)
	}
}

// value writes v as JSON indented to sit at the given depth.
func (t *timelineJS) value(v any, prefix string) {
	if t.err != nil {
		return
	}
	b, err := json.MarshalIndent(v, prefix, "  ")
	if err != nil {
		t.err = err
		return
	}
	_, t.err = t.w.Write(b)
}

func (t *timelineJS) event(e Event) error {
	s := tlSlide{
		StartDate: timelineDate(e.Date),
		Text:      &tlText{Headline: e.Title, Text: slideText(e)},
		Group:     TypeLabel(string(e.Type)),
		UniqueID:  e.ID,
	}
	if e.End != nil {
		s.EndDate = timelineDate(*e.End)
	}
	if e.Date.Precision() != partialdate.Day || e.Date.Qualifier() != partialdate.NoQualifier ||
		(e.End != nil && e.End.Precision() != partialdate.Day) {
		s.DisplayDate = DisplayDate(e.Event)
	}
	if t.started {
		t.raw(",")
	}
	t.started = true
	t.raw("\n    ")
	t.value(s, "    ")
	return t.err
}

func (t *timelineJS) end(count int) error {
	title := tlSlide{Text: &tlText{
		Headline: "diplograph timeline",
		Text:     "<p>" + html.EscapeString(fmt.Sprintf("%d events (%s). Source: diplograph.", count, t.f.Describe())) + "</p>",
	}}
	if t.started {
		t.raw("\n  ")
	}
	t.raw("],\n  \"scale\": \"human\",\n  \"title\": ")
	t.value(title, "  ")
	t.raw("\n}\n")
	if t.err != nil {
		return t.err
	}
	return t.w.Flush()
}

// slideText is the slide's HTML: summary, place, participants and sources,
// every value escaped.
func slideText(e Event) string {
	var b strings.Builder
	esc := html.EscapeString
	if e.Summary != nil {
		b.WriteString("<p>" + esc(*e.Summary) + "</p>")
	}
	if e.Certainty != vocab.CertaintyConfirmed {
		b.WriteString("<p><em>" + esc(CertaintyNote(e.Certainty)) + "</em></p>")
	}
	if e.Status != nil && *e.Status != vocab.EventStatusHeld {
		b.WriteString("<p><strong>Status:</strong> " + esc(Humanize(string(*e.Status))) + "</p>")
	}
	// A disputed field has no value to show: say that the sources
	// disagree rather than leave it out as if unknown.
	if len(e.DisputedFields) > 0 {
		b.WriteString("<p><strong>The sources disagree on:</strong> " + esc(strings.Join(disputedNames(e), ", ")) + "</p>")
	}
	if len(e.Places) > 0 {
		names := make([]string, len(e.Places))
		for i, p := range e.Places {
			names[i] = esc(p.Name)
		}
		b.WriteString("<p><strong>Place:</strong> " + strings.Join(names, "; ") + "</p>")
	}
	if e.Duration != nil {
		b.WriteString("<p><strong>Duration:</strong> " + esc(e.Duration.Display()) + "</p>")
	}
	if len(e.Participants) > 0 {
		parts := make([]string, len(e.Participants))
		for i, p := range e.Participants {
			s := esc(p.Actor.Name) + " (" + esc(Humanize(string(p.Role)))
			if p.Represents != nil {
				s += ", for " + esc(p.Represents.Name)
			}
			if p.Certainty != vocab.CertaintyConfirmed {
				s += ", " + string(p.Certainty)
			}
			parts[i] = s + ")"
		}
		b.WriteString("<p><strong>Participants:</strong> " + strings.Join(parts, "; ") + "</p>")
	}
	if len(e.Sources) > 0 {
		b.WriteString("<p><strong>Sources:</strong></p><ul>")
		for _, c := range e.Sources {
			b.WriteString("<li>" + citationHTML(c) + "</li>")
		}
		b.WriteString("</ul>")
	}
	return b.String()
}

// disputedNames names an event's disputed fields for readers: "duration",
// "the role of Steve Witkoff".
func disputedNames(e Event) []string {
	names := map[string]string{}
	for _, p := range e.Participants {
		names[p.Actor.ID] = p.Actor.Name
	}
	out := make([]string, len(e.DisputedFields))
	for i, f := range e.DisputedFields {
		out[i] = f
		if actor, part, ok := store.IsParticipantField(f); ok {
			name := names[actor]
			if name == "" {
				name = actor
			}
			out[i] = "the " + part + " of " + name
		}
	}
	return out
}

func citationHTML(c store.Citation) string {
	esc := html.EscapeString
	s := esc(SourceName(c.Source))
	if c.Source.URL != nil && isWebURL(*c.Source.URL) {
		s = `<a href="` + esc(*c.Source.URL) + `">` + s + "</a>"
	}
	// A source without a title is labelled by its publisher and date.
	if c.Source.Published != nil && c.Source.Title != nil {
		s += ", " + esc(c.Source.Published.Display())
	}
	if c.Quote != nil {
		s += ": “" + esc(*c.Quote) + "”"
	}
	if c.Confirmation != vocab.CertaintyConfirmed {
		s += " (" + string(c.Confirmation) + ")"
	}
	return s
}

// CertaintyNote says in words how certain a fact that is not confirmed is.
func CertaintyNote(c vocab.Certainty) string {
	switch c {
	case vocab.CertaintyReported:
		return "Reported: the sources only report this event."
	case vocab.CertaintyPlanned:
		return "Planned: the sources say it was planned."
	case vocab.CertaintySpeculated:
		return "Speculated: the sources only speculate about it."
	case vocab.CertaintyDenied:
		return "Denied: the sources deny it."
	}
	return ""
}

func isWebURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// Humanize turns a stored enum value (delegation_head) into words
// (delegation head).
func Humanize(s string) string { return strings.ReplaceAll(strings.ToLower(s), "_", " ") }

// TypeLabel is an event type for people: "Phone call".
func TypeLabel(t string) string {
	h := Humanize(t)
	if h == "" {
		return ""
	}
	return strings.ToUpper(h[:1]) + h[1:]
}
