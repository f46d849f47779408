package site

import (
	"bytes"
	"context"
	"errors"
	"html/template"
	"net/http"
	"net/url"
	"regexp"
	"strings"

	"github.com/diplograph/diplograph/export"
	"github.com/diplograph/diplograph/web/explorer"
	"github.com/diplograph/diplograph/web/static"
)

// Each view of the explorer is served its own <title>, description, Open
// Graph tags and, when it can be embedded, an oEmbed discovery link, so a
// link to it previews with what it shows and CMSs find its embed without
// running the app. The app still sets document.title as it draws.

const (
	siteName           = "diplograph"
	genericTitle       = "diplograph explorer"
	genericDescription = "diplograph explorer: who met whom, when, about what, and on whose word."
)

// The build's own title and description, replaced per page.
var (
	indexTitle       = regexp.MustCompile(`(?s)<title>.*?</title>\n?`)
	indexDescription = regexp.MustCompile(`<meta name="description"[^>]*>\n?`)
)

// pageTemplate escapes every value for where it stands.
var pageTemplate = template.Must(template.New("head").Parse(`<title>{{.Title}}</title>
<meta name="description" content="{{.Description}}">
<meta property="og:title" content="{{.Title}}">
<meta property="og:description" content="{{.Description}}">
<meta property="og:type" content="{{.Type}}">
<meta property="og:url" content="{{.URL}}">
<meta property="og:site_name" content="` + siteName + `">
{{if .OEmbed}}<link rel="alternate" type="application/json+oembed" href="{{.OEmbed}}" title="{{.OEmbedTitle}}">
{{end}}`))

type pageMeta struct {
	Title, Description, Type, URL string
	OEmbed, OEmbedTitle           string
}

// page is index.html cut where the head's title goes.
type page struct{ before, after []byte }

func newPage(index []byte) *page {
	if len(index) == 0 {
		return nil
	}
	index = indexDescription.ReplaceAll(index, nil)
	if loc := indexTitle.FindIndex(index); loc != nil {
		return &page{before: index[:loc[0]], after: index[loc[1]:]}
	}
	at := bytes.Index(index, []byte("</head>"))
	if at < 0 {
		return nil
	}
	return &page{before: index[:at], after: index[at:]}
}

// serveView serves index.html for a view of the explorer with the view's
// head. The body differs per URL, so each answer gets the ETag of its own
// content; like the build's index it is revalidated on every use.
func (s *Site) serveView(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := s.lookupContext(r)
	defer cancel()
	m := s.pageMeta(ctx, r)
	var b bytes.Buffer
	b.Write(s.page.before)
	if err := pageTemplate.Execute(&b, m); err != nil {
		s.log.Error("page head", "err", err)
		writeText(w, http.StatusInternalServerError, "page failed")
		return
	}
	b.Write(s.page.after)
	static.NewFile("index.html", b.Bytes(), "no-cache").ServeHTTP(w, r)
}

// pageMeta names the view a request shows; a view whose actor, event or
// plan the graph lacks (the app shows it is not found), or a graph that
// cannot be read, gets the generic title.
func (s *Site) pageMeta(ctx context.Context, r *http.Request) pageMeta {
	origin := requestOrigin(r)
	self := origin + r.URL.Path
	if r.URL.RawQuery != "" {
		self += "?" + r.URL.RawQuery
	}
	m := pageMeta{Title: genericTitle, Description: genericDescription, Type: "website", URL: self}
	p := r.URL.Path
	if p == "/search" {
		m.Title = "Search · " + siteName
		return m
	}
	v, ok := parseView(p)
	if !ok {
		return m
	}
	_, filter, err := embedQuery(r.URL.Query())
	if err != nil {
		// The app says what is wrong with the filters; the page names
		// the view without them.
		filter = export.Filter{}
	}
	d, err := s.describe(ctx, v, filter)
	if err != nil {
		if !errors.Is(err, errNotFound) {
			s.log.Warn("page title: cannot read the graph", "path", p, "err", err)
		}
		return m
	}
	switch {
	case d.name != "":
		m.Title = d.name + " · " + siteName
	case d.words != "":
		m.Title = strings.ToUpper(v.kind[:1]) + v.kind[1:] + ": " + d.words + " · " + siteName
	default:
		m.Title = strings.ToUpper(v.kind[:1]) + v.kind[1:] + " · " + siteName
	}
	m.Description = viewDescription(d)
	if v.kind == "event" {
		m.Type = "article"
	}
	m.OEmbed = origin + "/oembed?url=" + url.QueryEscape(self) + "&format=json"
	m.OEmbedTitle = d.embedTitle
	return m
}

func viewDescription(d described) string {
	words := d.words
	if words == "" {
		words = "all events"
	}
	switch d.view.kind {
	case "network":
		return "Who met whom, on the sources' word (diplograph): " + words + "."
	case "timeline":
		return "What happened when, on the sources' word (diplograph): " + words + "."
	case "dashboard":
		return "Events per week, the most active actors and pairs, and places, on the sources' word (diplograph): " + words + "."
	}
	if d.summary != "" {
		return d.summary
	}
	switch d.view.kind {
	case "actor":
		return d.name + ": the events they took part in, whom they met, and on whose word (diplograph)."
	case "plan":
		return d.name + ": its versions side by side, what changed, and who took which position (diplograph)."
	}
	return d.name + " (diplograph)."
}

// requestOrigin is the scheme and host the client used; behind a proxy that
// ends TLS, X-Forwarded-Proto says it was https. A forged header changes
// only the links of the forger's own answer.
func requestOrigin(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil || strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https") {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// isView reports whether the request is for a view of the explorer that
// gets its own head.
func (s *Site) isView(r *http.Request) bool {
	return s.page != nil && (r.Method == http.MethodGet || r.Method == http.MethodHead) && explorer.IsAppRoute(r.URL.Path)
}
