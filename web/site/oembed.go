package site

import (
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// oEmbed (oembed.com): given the URL of an explorer view or embed of this
// server, answers a "rich" response whose html is an iframe of the view's
// embed. Per the spec (section 2.3), a URL with nothing to embed answers
// 404, an unsupported format 501, and the size never exceeds maxwidth and
// maxheight.

// Default and bounding sizes of the iframe, in CSS pixels.
const (
	defaultWidth = 800
	minHeight    = 200
	maxHeight    = 2000
)

type oembedResponse struct {
	Version      string `json:"version"`
	Type         string `json:"type"`
	Title        string `json:"title"`
	ProviderName string `json:"provider_name"`
	ProviderURL  string `json:"provider_url"`
	HTML         string `json:"html"`
	Width        int    `json:"width"`
	Height       int    `json:"height"`
	CacheAge     int    `json:"cache_age"`
}

// errNotFound: the URL names an actor, event or plan the graph lacks.
var errNotFound = errors.New("no such actor, event or plan")

func (s *Site) oembed(w http.ResponseWriter, r *http.Request) {
	if !allowGet(w, r) {
		return
	}
	q := r.URL.Query()
	if f := q.Get("format"); f != "" && f != "json" {
		writeText(w, http.StatusNotImplemented, "only format=json is supported")
		return
	}
	raw := q.Get("url")
	if raw == "" {
		writeText(w, http.StatusBadRequest, "url is required: the address of an explorer view of this server")
		return
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil {
		writeText(w, http.StatusBadRequest, "url must be an http(s) address of this server")
		return
	}
	if !strings.EqualFold(u.Host, r.Host) {
		writeText(w, http.StatusNotFound, "url is not an address of this server ("+r.Host+")")
		return
	}
	v, ok := parseView(u.Path)
	if !ok {
		writeText(w, http.StatusNotFound, "url is not an explorer view that can be embedded (network, timeline, dashboard, an actor, event or plan page, or their /embed/ forms)")
		return
	}
	params, filter, err := embedQuery(u.Query())
	if err != nil {
		writeText(w, http.StatusBadRequest, "url: "+err.Error())
		return
	}
	width, height := defaultWidth, v.defaultHeight()
	if h := params.Get("height"); h != "" {
		n, err := strconv.Atoi(h)
		if err != nil || n < minHeight || n > maxHeight {
			writeText(w, http.StatusBadRequest, fmt.Sprintf("url: height must be a number of pixels from %d to %d", minHeight, maxHeight))
			return
		}
		height = n
	}
	// The consumer's bounds win over the view's own size, even below the
	// size the view is made for: the spec allows no larger answer.
	if mw, err := strconv.Atoi(q.Get("maxwidth")); err == nil && mw > 0 && mw < width {
		width = mw
	}
	if mh, err := strconv.Atoi(q.Get("maxheight")); err == nil && mh > 0 && mh < height {
		height = mh
	}
	params.Set("height", strconv.Itoa(height))

	ctx, cancel := s.lookupContext(r)
	defer cancel()
	d, err := s.describe(ctx, v, filter)
	if errors.Is(err, errNotFound) {
		writeText(w, http.StatusNotFound, "url: "+err.Error())
		return
	}
	if err != nil {
		s.unavailable(w, "oembed", err)
		return
	}
	origin := u.Scheme + "://" + u.Host
	src := origin + d.view.embedPath() + "?" + params.Encode()
	// The page may be framed by other sites; it needs its own origin to
	// query the API, and opens the explorer in a new tab.
	frame := fmt.Sprintf(`<iframe src="%s" width="%d" height="%d" title="%s" loading="lazy" style="border:0;max-width:100%%" sandbox="allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox"></iframe>`,
		html.EscapeString(src), width, height, html.EscapeString(d.embedTitle))

	resp := oembedResponse{
		Version: "1.0", Type: "rich", Title: d.embedTitle,
		ProviderName: "diplograph", ProviderURL: origin + "/",
		HTML: frame, Width: width, Height: height, CacheAge: 3600,
	}
	body, err := json.Marshal(resp) // escapes <, > and & in strings too
	if err != nil {
		writeText(w, http.StatusInternalServerError, "oembed failed")
		return
	}
	hd := w.Header()
	hd.Set("Content-Type", "application/json; charset=utf-8")
	hd.Set("Cache-Control", "public, max-age=3600")
	hd.Set("Access-Control-Allow-Origin", "*")
	hd.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(append(body, '\n'))
	}
}
