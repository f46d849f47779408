package site

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/diplograph/diplograph/export"
	"github.com/diplograph/diplograph/store"
	"github.com/diplograph/diplograph/vocab"
)

// The views of the explorer that have an embed, what they are called and
// how they are described: oEmbed and the pages' own titles say the same.

// catalog is what the site reads from the graph to name views: nodes by id
// and the plans (the first is what /plan shows). *store.Store is one.
type catalog interface {
	Lookup(ctx context.Context, ids []string) (map[string]store.Any, error)
	Plans(ctx context.Context) ([]store.Plan, error)
}

// lookupTimeout bounds the reads that name a page: a page is still served,
// with a generic title, when they fail.
const lookupTimeout = 3 * time.Second

// view is an explorer view that has an embed.
type view struct {
	kind string // network, timeline, dashboard, actor, event or plan
	// id is the actor, event or plan shown; empty for /plan (the first
	// plan).
	id string
}

// parseView reads the view a path names, in its explorer or embed form.
func parseView(p string) (view, bool) {
	p = strings.TrimPrefix(p, "/embed")
	switch p {
	case "/network", "/timeline", "/dashboard":
		return view{kind: p[1:]}, true
	case "/plan":
		return view{kind: "plan"}, true
	}
	for _, kind := range []string{"actor", "event", "plan"} {
		if id, ok := strings.CutPrefix(p, "/"+kind+"/"); ok && vocab.ValidID(id) {
			return view{kind: kind, id: id}, true
		}
	}
	return view{}, false
}

func (v view) embedPath() string {
	if v.id == "" {
		return "/embed/" + v.kind
	}
	return "/embed/" + v.kind + "/" + v.id
}

// defaultHeight is what the embed needs to show its view without a
// scrollbar at the default width.
func (v view) defaultHeight() int {
	switch v.kind {
	case "network":
		return 520
	case "timeline":
		return 420
	case "actor":
		return 560
	case "event":
		return 480
	case "dashboard":
		return 640 // the chart, its legend and the top actors and pairs
	}
	return 640 // plan: versions side by side
}

// The query parameters an embed takes: the filters, and its own options.
var embedParams = []string{"from", "to", "types", "actors", "hops", "asOf", "confirmed", "group", "interval", "by", "theme", "height"}

// embedQuery keeps the parameters of a view's URL that its embed takes, and
// checks them.
func embedQuery(in url.Values) (url.Values, export.Filter, error) {
	params := url.Values{}
	for _, k := range embedParams {
		if v := in.Get(k); v != "" {
			params.Set(k, v)
		}
	}
	filter, err := export.ParseFilter(params.Get("from"), params.Get("to"), params.Get("types"), params.Get("actors"), params.Get("hops"), params.Get("asOf"))
	if err != nil {
		return nil, filter, err
	}
	switch params.Get("theme") {
	case "", "light", "dark":
	default:
		return nil, filter, errors.New("theme must be light or dark")
	}
	switch params.Get("group") {
	case "", "actor", "type", "none":
	default:
		return nil, filter, errors.New("group must be actor, type or none")
	}
	// The dashboard's period and stacking.
	switch params.Get("interval") {
	case "", "week", "month":
	default:
		return nil, filter, errors.New("interval must be week or month")
	}
	switch params.Get("by") {
	case "", "type", "modality", "status":
	default:
		return nil, filter, errors.New("by must be type, modality or status")
	}
	// Confirmed only: the explorer's own spelling is 1.
	switch params.Get("confirmed") {
	case "", "1":
	case "true":
		params.Set("confirmed", "1")
	default:
		return nil, filter, errors.New("confirmed must be 1 (confirmed links only) or absent")
	}
	return params, filter, nil
}

// described is a view with what it shows named.
type described struct {
	view view // with the plan's id filled in for /plan
	// name is the actor's name, the event's title or the plan's name.
	name, summary string
	// embedTitle: "diplograph timeline: Steve Witkoff, Kirill Dmitriev,
	// 1 Oct 2025 – 30 Nov 2025".
	embedTitle string
	// words is the filter in words, "" when it selects everything.
	words string
}

// describe names what a view shows: errNotFound when its actor, event or
// plan is not in the graph.
func (s *Site) describe(ctx context.Context, v view, f export.Filter) (described, error) {
	d := described{view: v}
	if s.cat == nil {
		return d, errors.New("no graph to read names from")
	}
	if v.kind == "plan" && v.id == "" {
		plans, err := s.cat.Plans(ctx)
		if err != nil {
			return d, err
		}
		if len(plans) == 0 {
			return d, errNotFound
		}
		d.view.id = plans[0].ID
	}
	ids := append([]string(nil), f.Actors...)
	if d.view.id != "" {
		ids = append(ids, d.view.id)
	}
	nodes, err := s.cat.Lookup(ctx, ids)
	if err != nil {
		return d, err
	}
	if d.view.id != "" {
		n, ok := nodes[d.view.id]
		if !ok {
			return d, fmt.Errorf("%w: %s", errNotFound, d.view.id)
		}
		switch x := n.Value.(type) {
		case store.Actor:
			if v.kind == "actor" {
				d.name, d.summary = x.Name, deref(x.Description)
			}
		case store.Event:
			if v.kind == "event" {
				d.name, d.summary = x.Title, export.DisplayDate(x)
				if x.Summary != nil {
					d.summary += ": " + *x.Summary
				}
			}
		case store.Plan:
			if v.kind == "plan" {
				d.name, d.summary = x.Name, deref(x.Summary)
			}
		}
		if d.name == "" {
			return d, fmt.Errorf("%w: %s", errNotFound, d.view.id)
		}
	}
	var names []string
	if v.kind == "network" || v.kind == "timeline" || v.kind == "dashboard" {
		for _, id := range f.Actors {
			if a, ok := nodes[id].Value.(store.Actor); ok {
				names = append(names, a.Name)
			} else {
				names = append(names, id)
			}
		}
	}
	d.words = filterWords(f, names)
	switch {
	case d.name != "" && d.words != "":
		d.embedTitle = "diplograph " + v.kind + ": " + d.name + ", " + d.words
	case d.name != "":
		d.embedTitle = "diplograph " + v.kind + ": " + d.name
	case d.words != "":
		d.embedTitle = "diplograph " + v.kind + ": " + d.words
	default:
		d.embedTitle = "diplograph " + v.kind + ": all events"
	}
	return d, nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// filterWords says what a filter selects, with the actors' names:
// "Steve Witkoff, Kirill Dmitriev, 1 Oct 2025 – 30 Nov 2025, as of
// 1 November 2025".
func filterWords(f export.Filter, actorNames []string) string {
	parts := append([]string(nil), actorNames...)
	const short = "2 Jan 2006"
	switch {
	case f.From != nil && f.To != nil:
		parts = append(parts, f.From.Format(short)+" – "+f.To.Format(short))
	case f.From != nil:
		parts = append(parts, "from "+f.From.Format(short))
	case f.To != nil:
		parts = append(parts, "until "+f.To.Format(short))
	}
	if len(f.Types) > 0 {
		types := make([]string, len(f.Types))
		for i, t := range f.Types {
			types[i] = export.Humanize(string(t))
		}
		parts = append(parts, strings.Join(types, " or "))
	}
	if f.Hops > 1 {
		parts = append(parts, strconv.Itoa(f.Hops)+" hops")
	}
	if f.AsOf != nil {
		parts = append(parts, "as of "+f.AsOf.Format("2 January 2006"))
	}
	return strings.Join(parts, ", ")
}

func (s *Site) lookupContext(r *http.Request) (context.Context, context.CancelFunc) {
	return context.WithTimeout(r.Context(), lookupTimeout)
}

// unavailable answers a failed read of the graph.
func (s *Site) unavailable(w http.ResponseWriter, what string, err error) {
	if errors.Is(err, store.ErrUnavailable) || errors.Is(err, context.DeadlineExceeded) {
		s.log.Warn(what+": neo4j unavailable", "err", err)
		writeText(w, http.StatusServiceUnavailable, "the graph database is unavailable; try again shortly")
		return
	}
	s.log.Error(what+" failed", "err", err)
	writeText(w, http.StatusInternalServerError, what+" failed")
}
