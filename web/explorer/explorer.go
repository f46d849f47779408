// Package explorer serves diplograph's web explorer: a single-page app over
// the public GraphQL API, with every asset embedded in the binary, so no
// request leaves the machine.
//
// The app is a TypeScript + Vite project in this folder (src/, index.html);
// `make web` installs its packages from npm and builds it into dist/, which
// is embedded here. Only dist/README.txt is committed: a binary built
// without the build answers 503 with a message saying how to build it.
//
// The handler serves index.html for the app's routes (the app draws the view
// the URL names), the hashed files of dist/assets/ with a year-long cache,
// the build's other files (the icon) with an hour's, and nothing else;
// web/static does the serving (ETags, gzip, 503 when not built). Security
// headers that depend on where a page may be framed are the caller's
// (web/site).
package explorer

import (
	"embed"
	"io/fs"
	"net/http"
	"path"
	"regexp"
	"strings"

	"github.com/diplograph/diplograph/web/static"
)

//go:embed dist
var dist embed.FS

const (
	// NotBuiltMessage is the body of the 503 served when dist/ holds only
	// its placeholder.
	NotBuiltMessage = "explorer assets are not built: run 'make web'\n"

	// AssetPrefix is where Vite puts the hashed build files.
	AssetPrefix = "/assets/"

	// Hashed files never change under the same name.
	assetCacheControl = "public, max-age=31536000, immutable"
	// Other top-level files (the icon) keep their names across builds.
	staticCacheControl = "public, max-age=3600"
	// The page names the hashed files of the latest build.
	indexCacheControl = "no-cache"
)

var idSegment = `[a-z0-9][a-z0-9-]{0,255}`

// appRoutes are the paths the app draws; keep in step with src/router.ts.
var appRoutes = regexp.MustCompile(`^/(?:|search|network|timeline|dashboard|plan|plan/` + idSegment +
	`|actor/` + idSegment + `|event/` + idSegment + `|embed/network|embed/timeline|embed/dashboard` +
	`|embed/actor/` + idSegment + `|embed/event/` + idSegment + `|embed/plan/` + idSegment + `)$`)

// IsAppRoute reports whether path names a view of the explorer.
func IsAppRoute(p string) bool { return appRoutes.MatchString(p) }

// IsEmbed reports whether path is one of the compact views made for iframes.
func IsEmbed(p string) bool { return strings.HasPrefix(p, "/embed/") }

// Index is the built index.html, nil when the explorer is not built.
// web/site serves it for each view with the view's own title, description
// and link tags.
func Index() []byte {
	data, err := fs.ReadFile(dist, "dist/index.html")
	if err != nil || len(data) == 0 {
		return nil
	}
	return data
}

// Handler serves the explorer from the embedded build.
func Handler() http.Handler {
	sub, err := fs.Sub(dist, "dist")
	if err != nil { // cannot happen: dist is embedded
		panic(err)
	}
	return newHandler(sub)
}

// newHandler reads every file of a build (dist/ in the binary; an
// fstest.MapFS in tests) into memory.
func newHandler(files fs.FS) http.Handler {
	index, err := static.ReadFile(files, "index.html", indexCacheControl)
	if err != nil {
		return &static.Handler{NotBuilt: NotBuiltMessage}
	}
	h := &static.Handler{Files: map[string]*static.File{}}
	_ = fs.WalkDir(files, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || p == "index.html" || p == "README.txt" {
			return nil
		}
		cache := staticCacheControl
		if strings.HasPrefix(p, "assets/") {
			cache = assetCacheControl
		}
		if data, err := fs.ReadFile(files, p); err == nil {
			h.Files["/"+p] = static.NewFile(p, data, cache)
		}
		return nil
	})
	h.Fallback = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch p := r.URL.Path; {
		case IsAppRoute(p):
			index.ServeHTTP(w, r)
		case strings.HasPrefix(p, AssetPrefix) || strings.Contains(path.Base(p), "."):
			// A file that is not in the build: no page in its place.
			http.NotFound(w, r)
		default:
			// Not a view: the app says so, with its navigation.
			index.ServeStatus(w, r, http.StatusNotFound)
		}
	})
	return h
}
