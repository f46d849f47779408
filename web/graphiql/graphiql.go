// Package graphiql serves the GraphiQL IDE with every asset embedded in the
// binary: no CDN, no request leaves the machine.
//
// The third-party builds (React, ReactDOM, GraphiQL) are installed from npm
// by web/graphiql/package.json and copied into dist/ by `make web`; only
// dist/README.txt is committed. A binary built without them answers 503 at
// /graphiql.
//
// Mount the handler at both /graphiql and /graphiql/:
//
//	h := graphiql.Handler("/graphql")
//	mux.Handle("/graphiql", h)
//	mux.Handle("/graphiql/", h)
package graphiql

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"strings"
)

//go:embed dist
var dist embed.FS

const (
	// Prefix is where the caller mounts the handler.
	Prefix = "/graphiql"
	// AssetPrefix is where the page's scripts and styles are served.
	AssetPrefix = Prefix + "/assets/"

	// NotBuiltMessage is the body of the 503 served when dist/ holds only
	// its placeholder.
	NotBuiltMessage = "GraphiQL assets are not built: run 'make web'\n"

	assetCacheControl = "public, max-age=86400"
)

// asset is one file copied from node_modules by copy-assets.mjs.
type asset struct {
	name        string
	contentType string
}

// assets, in the order the page loads them; keep in step with
// copy-assets.mjs. React and ReactDOM come first: the GraphiQL UMD build
// reads them from window.React and window.ReactDOM.
var assets = []asset{
	{"graphiql.min.css", "text/css; charset=utf-8"},
	{"react.production.min.js", "text/javascript; charset=utf-8"},
	{"react-dom.production.min.js", "text/javascript; charset=utf-8"},
	{"graphiql.min.js", "text/javascript; charset=utf-8"},
}

// Files the handler writes itself rather than reading from dist/.
const (
	initJSName  = "init.js"
	pageCSSName = "page.css"
)

// pageCSS gives GraphiQL the whole window; it is a served file, not an
// inline style, so that style-src needs no 'unsafe-inline' for it.
const pageCSS = `body { margin: 0; }
#graphiql { height: 100vh; height: 100dvh; }
`

// initJSTemplate renders GraphiQL. %s is the endpoint as a JSON string.
const initJSTemplate = `(function () {
  "use strict";
  var endpoint = %s;
  var root = ReactDOM.createRoot(document.getElementById("graphiql"));
  root.render(React.createElement(GraphiQL, {
    fetcher: GraphiQL.createFetcher({ url: endpoint }),
    defaultEditorToolsVisibility: true
  }));
})();
`

var pageTemplate = template.Must(template.New("page").Parse(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>diplograph · GraphiQL</title>
{{range .Styles}}<link rel="stylesheet" href="{{.}}">
{{end}}</head>
<body>
<div id="graphiql">Loading GraphiQL…</div>
<noscript>GraphiQL needs JavaScript.</noscript>
{{range .Scripts}}<script src="{{.}}"></script>
{{end}}</body>
</html>
`))

// Handler serves GraphiQL at /graphiql and its assets under
// /graphiql/assets/, querying endpoint (a path on this server such as
// "/graphql", or an absolute http(s) URL).
func Handler(endpoint string) http.Handler {
	sub, err := fs.Sub(dist, "dist")
	if err != nil { // cannot happen: dist is embedded
		panic(err)
	}
	return newHandler(sub, endpoint)
}

type handler struct {
	files   fs.FS
	built   bool
	page    []byte
	csp     string
	initJS  []byte
	etags   map[string]string // served name -> quoted ETag
	entries map[string]asset  // served name -> embedded asset
}

// newHandler builds the handler over files, a folder holding the assets at
// its top level (dist/ in the binary; an fstest.MapFS in tests).
func newHandler(files fs.FS, endpoint string) *handler {
	h := &handler{
		files:   files,
		built:   true,
		csp:     contentSecurityPolicy(endpoint),
		etags:   make(map[string]string),
		entries: make(map[string]asset),
	}
	for _, a := range assets {
		data, err := fs.ReadFile(files, a.name)
		if err != nil || len(data) == 0 {
			h.built = false
			return h
		}
		h.etags[a.name] = etag(data)
		h.entries[a.name] = a
	}

	quoted, err := json.Marshal(endpoint) // escapes <, >, &, U+2028 and U+2029 too
	if err != nil {
		panic(err) // a string always marshals
	}
	h.initJS = fmt.Appendf(nil, initJSTemplate, quoted)
	h.etags[initJSName] = etag(h.initJS)
	h.etags[pageCSSName] = etag([]byte(pageCSS))

	var page struct{ Styles, Scripts []string }
	page.Styles = append(page.Styles, h.assetURL("graphiql.min.css"), h.assetURL(pageCSSName))
	for _, a := range assets {
		if strings.HasSuffix(a.name, ".js") {
			page.Scripts = append(page.Scripts, h.assetURL(a.name))
		}
	}
	page.Scripts = append(page.Scripts, h.assetURL(initJSName))
	var b strings.Builder
	if err := pageTemplate.Execute(&b, page); err != nil {
		panic(err)
	}
	h.page = []byte(b.String())
	return h
}

// assetURL is the local URL of a served file, versioned by its content so
// that the day-long cache never serves a stale build after an upgrade.
func (h *handler) assetURL(name string) string {
	return AssetPrefix + name + "?v=" + strings.Trim(h.etags[name], `"`)
}

func etag(data []byte) string {
	sum := sha256.Sum256(data)
	return `"` + hex.EncodeToString(sum[:8]) + `"`
}

// contentSecurityPolicy allows scripts and stylesheets from this server
// only, checked in headless Chromium against GraphiQL 3.8.3:
//
//   - script-src 'self': the UMD builds need no eval, and the page's own
//     code is the served init.js.
//   - style-src-elem adds 'unsafe-inline' for <style> elements only: the
//     dialogs (settings, short keys) lock scrolling through
//     react-remove-scroll, which injects a <style> whose text depends on the
//     scrollbar width (so no stable hash) and whose nonce the bundle cannot
//     be given. Without it the dialogs still open but every opening logs a
//     CSP violation. Style attributes stay blocked (style-src 'self'); no
//     inline style attribute was seen to be needed.
//   - img-src and font-src allow data: for the fonts and icons that
//     graphiql.min.css embeds.
//
// Queries go to this server, or to endpoint's origin when endpoint is an
// absolute URL elsewhere.
func contentSecurityPolicy(endpoint string) string {
	connect := "'self'"
	if u, err := url.Parse(endpoint); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
		connect += " " + u.Scheme + "://" + u.Host
	}
	return strings.Join([]string{
		"default-src 'none'",
		"script-src 'self'",
		"style-src 'self'",
		"style-src-elem 'self' 'unsafe-inline'",
		"connect-src " + connect,
		"img-src 'self' data:",
		"font-src 'self' data:",
		"base-uri 'none'",
		"form-action 'none'",
		"frame-ancestors 'none'",
	}, "; ")
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	switch p := r.URL.Path; {
	case p == Prefix || p == Prefix+"/":
		h.servePage(w, r)
	case strings.HasPrefix(p, AssetPrefix):
		h.serveAsset(w, r, strings.TrimPrefix(p, AssetPrefix))
	default:
		http.NotFound(w, r)
	}
}

func (h *handler) servePage(w http.ResponseWriter, r *http.Request) {
	if !h.built {
		notBuilt(w)
		return
	}
	hd := w.Header()
	hd.Set("Content-Type", "text/html; charset=utf-8")
	hd.Set("Content-Security-Policy", h.csp)
	hd.Set("Referrer-Policy", "no-referrer")
	hd.Set("Cache-Control", "no-cache")
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(h.page)
	}
}

func (h *handler) serveAsset(w http.ResponseWriter, r *http.Request, name string) {
	if !h.built {
		notBuilt(w)
		return
	}
	hd := w.Header()
	switch name {
	case initJSName:
		h.serveGenerated(w, r, name, "text/javascript; charset=utf-8", h.initJS)
		return
	case pageCSSName:
		h.serveGenerated(w, r, name, "text/css; charset=utf-8", []byte(pageCSS))
		return
	}
	a, ok := h.entries[name]
	if !ok { // only the listed files: not README.txt, no folder listings
		http.NotFound(w, r)
		return
	}
	hd.Set("Content-Type", a.contentType)
	hd.Set("Cache-Control", assetCacheControl)
	hd.Set("ETag", h.etags[name]) // ServeFileFS answers If-None-Match with it
	http.ServeFileFS(w, r, h.files, a.name)
}

// serveGenerated serves a file the handler wrote. It is revalidated on every
// load: init.js carries the endpoint, which is not part of any build.
func (h *handler) serveGenerated(w http.ResponseWriter, r *http.Request, name, contentType string, body []byte) {
	hd := w.Header()
	hd.Set("Content-Type", contentType)
	hd.Set("Cache-Control", "no-cache")
	hd.Set("ETag", h.etags[name])
	if match := r.Header.Get("If-None-Match"); match != "" && match == h.etags[name] {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

func notBuilt(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusServiceUnavailable)
	w.Write([]byte(NotBuiltMessage))
}
