package site

import (
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/diplograph/diplograph/export"
)

// oEmbed (oembed.com): given the URL of an explorer view or embed of this
// server, answers a "rich" response whose html is an iframe of the view's
// embed.

// Default and bounding sizes of the iframe, in CSS pixels.
const (
	defaultWidth          = 800
	defaultNetworkHeight  = 520
	defaultTimelineHeight = 420
	minHeight             = 200
	maxHeight             = 2000
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

// embedTarget is the embed a view's URL maps to.
type embedTarget struct {
	path          string // /embed/network or /embed/timeline
	what          string // network or timeline
	defaultHeight int
	actor         string // an actor page: the timeline of that actor
}

// embedFor maps the path of an explorer view to its embed.
func embedFor(p string) (embedTarget, bool) {
	network := embedTarget{path: "/embed/network", what: "network", defaultHeight: defaultNetworkHeight}
	timeline := embedTarget{path: "/embed/timeline", what: "timeline", defaultHeight: defaultTimelineHeight}
	switch p {
	case "/network", "/embed/network":
		return network, true
	case "/timeline", "/embed/timeline":
		return timeline, true
	}
	if id, ok := strings.CutPrefix(p, "/actor/"); ok && idPattern(id) {
		timeline.actor = id
		return timeline, true
	}
	return embedTarget{}, false
}

func idPattern(s string) bool {
	if s == "" || len(s) > 256 || s[0] == '-' {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}

// The query parameters an embed takes: the filters, and its own options.
var embedParams = []string{"from", "to", "types", "actors", "hops", "group", "theme", "height"}

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
		writeText(w, http.StatusBadRequest, "url is not an address of this server ("+r.Host+")")
		return
	}
	target, ok := embedFor(u.Path)
	if !ok {
		writeText(w, http.StatusBadRequest, "url is not an explorer view that can be embedded (network, timeline, an actor page, or their /embed/ forms)")
		return
	}
	in := u.Query()
	params := url.Values{}
	for _, k := range embedParams {
		if v := in.Get(k); v != "" {
			params.Set(k, v)
		}
	}
	if target.actor != "" {
		params.Set("actors", target.actor)
	}
	filter, err := export.ParseFilter(params.Get("from"), params.Get("to"), params.Get("types"), params.Get("actors"), params.Get("hops"))
	if err != nil {
		writeText(w, http.StatusBadRequest, "url: "+err.Error())
		return
	}
	switch params.Get("theme") {
	case "", "light", "dark":
	default:
		writeText(w, http.StatusBadRequest, "url: theme must be light or dark")
		return
	}
	switch params.Get("group") {
	case "", "actor", "type", "none":
	default:
		writeText(w, http.StatusBadRequest, "url: group must be actor, type or none")
		return
	}

	width, height := defaultWidth, target.defaultHeight
	if h := params.Get("height"); h != "" {
		n, err := strconv.Atoi(h)
		if err != nil || n < minHeight || n > maxHeight {
			writeText(w, http.StatusBadRequest, fmt.Sprintf("url: height must be a number of pixels from %d to %d", minHeight, maxHeight))
			return
		}
		height = n
	}
	if mw, err := strconv.Atoi(q.Get("maxwidth")); err == nil && mw > 0 && mw < width {
		width = mw
	}
	if mh, err := strconv.Atoi(q.Get("maxheight")); err == nil && mh > 0 && mh < height {
		height = max(mh, minHeight)
	}
	params.Set("height", strconv.Itoa(height))

	origin := u.Scheme + "://" + u.Host
	src := origin + target.path + "?" + params.Encode()
	title := "diplograph " + target.what + " (" + filter.Describe() + ")"
	// The page may be framed by other sites; it needs its own origin to
	// query the API, and opens the explorer in a new tab.
	frame := fmt.Sprintf(`<iframe src="%s" width="%d" height="%d" title="%s" loading="lazy" style="border:0;max-width:100%%" sandbox="allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox"></iframe>`,
		html.EscapeString(src), width, height, html.EscapeString(title))

	resp := oembedResponse{
		Version: "1.0", Type: "rich", Title: title,
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
