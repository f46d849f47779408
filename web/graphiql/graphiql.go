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
	"embed"
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"strings"

	"github.com/diplograph/diplograph/web/static"
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

	// The page versions the URLs of the copied files by their content.
	assetCacheControl = "public, max-age=86400"
	// The page and the files the handler writes are revalidated on every
	// load: init.js carries the endpoint, which is not part of any build.
	generatedCacheControl = "no-cache"
)

// assets are the files copied from node_modules by copy-assets.mjs, in the
// order the page loads them; keep in step with copy-assets.mjs. React and
// ReactDOM come first: the GraphiQL UMD build reads them from window.React
// and window.ReactDOM.
var assets = []string{
	"graphiql.min.css",
	"react.production.min.js",
	"react-dom.production.min.js",
	"graphiql.min.js",
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

// newHandler builds the handler over files, a folder holding the assets at
// its top level (dist/ in the binary; an fstest.MapFS in tests). The page
// is served at Prefix and Prefix+"/", the files under AssetPrefix.
func newHandler(files fs.FS, endpoint string) http.Handler {
	h := &static.Handler{Files: map[string]*static.File{}}
	var page struct{ Styles, Scripts []string }
	add := func(f *static.File, name string) {
		h.Files[AssetPrefix+name] = f
		// Versioned by content, so that the day-long cache never serves a
		// stale build after an upgrade.
		u := AssetPrefix + name + "?v=" + strings.Trim(f.ETag(), `"`)
		if strings.HasSuffix(name, ".css") {
			page.Styles = append(page.Styles, u)
		} else {
			page.Scripts = append(page.Scripts, u)
		}
	}
	for _, name := range assets {
		f, err := static.ReadFile(files, name, assetCacheControl)
		if err != nil { // only the placeholder, or a copy missing
			return &static.Handler{NotBuilt: NotBuiltMessage}
		}
		add(f, name)
	}
	add(static.NewFile(pageCSSName, []byte(pageCSS), generatedCacheControl), pageCSSName)

	quoted, err := json.Marshal(endpoint) // escapes <, >, &, U+2028 and U+2029 too
	if err != nil {
		panic(err) // a string always marshals
	}
	add(static.NewFile(initJSName, fmt.Appendf(nil, initJSTemplate, quoted), generatedCacheControl), initJSName)

	var b strings.Builder
	if err := pageTemplate.Execute(&b, page); err != nil {
		panic(err)
	}
	index := static.NewFile("index.html", []byte(b.String()), generatedCacheControl)
	index.Header.Set("Content-Security-Policy", contentSecurityPolicy(endpoint))
	index.Header.Set("Referrer-Policy", "no-referrer")
	h.Files[Prefix] = index
	h.Files[Prefix+"/"] = index
	return h
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
