package explorer

import (
	"io/fs"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/diplograph/diplograph/web/static/statictest"
)

const indexHTML = `<!doctype html><html><head><script type="module" src="/assets/index-AbC123.js"></script><link rel="stylesheet" href="/assets/index-XyZ789.css"></head><body><div id="app"></div></body></html>`

// builtFS stands in for dist/ after `make web`.
func builtFS() fstest.MapFS {
	return fstest.MapFS{
		"README.txt":              {Data: []byte("built by make web; do not edit\n")},
		"index.html":              {Data: []byte(indexHTML)},
		"favicon.svg":             {Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg"></svg>`)},
		"assets/index-AbC123.js":  {Data: []byte("console.log('app');" + strings.Repeat("/* padding to compress */", 100))},
		"assets/index-XyZ789.css": {Data: []byte("body{margin:0}")},
	}
}

func TestNotBuilt(t *testing.T) {
	h := newHandler(fstest.MapFS{"README.txt": {Data: []byte("placeholder\n")}})
	for _, p := range []string{"/", "/network", "/embed/timeline", "/assets/index-AbC123.js", "/favicon.svg"} {
		resp, b := statictest.Get(t, h, p)
		if resp.StatusCode != http.StatusServiceUnavailable {
			t.Errorf("GET %s: %d, want 503", p, resp.StatusCode)
		}
		if b != "explorer assets are not built: run 'make web'\n" {
			t.Errorf("GET %s: body %q", p, b)
		}
		if ct := resp.Header.Get("Content-Type"); ct != "text/plain; charset=utf-8" {
			t.Errorf("GET %s: Content-Type %q", p, ct)
		}
	}
}

func TestAppRoutesServeIndex(t *testing.T) {
	h := newHandler(builtFS())
	for _, p := range []string{"/", "/search", "/network", "/timeline", "/plan", "/plan/us-russia-ukraine-peace-plan",
		"/actor/witkoff", "/event/call-2025-10-16-trump-putin", "/embed/network", "/embed/timeline",
		"/embed/actor/witkoff", "/embed/event/call-2025-10-16-trump-putin", "/embed/plan/us-russia-ukraine-peace-plan",
		"/dashboard", "/embed/dashboard"} {
		resp, b := statictest.Get(t, h, p+"?from=2025-10-01")
		if resp.StatusCode != http.StatusOK || b != indexHTML {
			t.Errorf("GET %s: %d %q", p, resp.StatusCode, b)
		}
		if cc := resp.Header.Get("Cache-Control"); cc != "no-cache" {
			t.Errorf("GET %s: Cache-Control %q", p, cc)
		}
		if ct := resp.Header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
			t.Errorf("GET %s: Content-Type %q", p, ct)
		}
		if resp.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("GET %s: no nosniff", p)
		}
	}
}

func TestOtherPaths(t *testing.T) {
	h := newHandler(builtFS())
	for p, want := range map[string]int{
		"/actor/Not_A_Slug":      http.StatusNotFound, // the app's not-found page
		"/nowhere":               http.StatusNotFound,
		"/actor":                 http.StatusNotFound,
		"/assets/missing-1.js":   http.StatusNotFound,
		"/assets/":               http.StatusNotFound,
		"/README.txt":            http.StatusNotFound, // the placeholder is not served
		"/index.html":            http.StatusNotFound, // only through the routes
		"/assets/../explorer.go": http.StatusNotFound,
		"/favicon.svg":           http.StatusOK,
	} {
		if resp, _ := statictest.Get(t, h, p); resp.StatusCode != want {
			t.Errorf("GET %s: %d, want %d", p, resp.StatusCode, want)
		}
	}
	// A view that does not exist is drawn by the app (with a 404 status);
	// a file that does not exist is a plain 404.
	if _, b := statictest.Get(t, h, "/nowhere"); b != indexHTML {
		t.Errorf("GET /nowhere: %q, want the app", b)
	}
	if _, b := statictest.Get(t, h, "/assets/missing-1.js"); strings.Contains(b, "<html") {
		t.Errorf("GET a missing asset served the app: %q", b)
	}
	if resp, _ := statictest.Do(t, h, http.MethodPost, "/network"); resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST /network: %d", resp.StatusCode)
	}
	if resp, b := statictest.Do(t, h, http.MethodHead, "/network"); resp.StatusCode != http.StatusOK || b != "" {
		t.Errorf("HEAD /network: %d", resp.StatusCode)
	}
}

// Caching per kind of file; ETags and gzip are web/static's, tested there.
func TestAssets(t *testing.T) {
	h := newHandler(builtFS())
	resp, js := statictest.Get(t, h, "/assets/index-AbC123.js")
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(js, "console.log") {
		t.Fatalf("asset: %d %q", resp.StatusCode, js)
	}
	if cc := resp.Header.Get("Cache-Control"); cc != "public, max-age=31536000, immutable" {
		t.Errorf("hashed asset Cache-Control %q", cc)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/javascript; charset=utf-8" {
		t.Errorf("asset Content-Type %q", ct)
	}
	etag := resp.Header.Get("ETag")
	if etag == "" {
		t.Fatal("no ETag")
	}
	if r, _ := statictest.Get(t, h, "/assets/index-AbC123.js", "If-None-Match", etag); r.StatusCode != http.StatusNotModified {
		t.Errorf("If-None-Match: %d", r.StatusCode)
	}
	if r, _ := statictest.Get(t, h, "/assets/index-AbC123.js", "Accept-Encoding", "br, gzip"); r.Header.Get("Content-Encoding") != "gzip" {
		t.Errorf("asset not gzipped: %v", r.Header)
	}
	fav, _ := statictest.Get(t, h, "/favicon.svg")
	if cc := fav.Header.Get("Cache-Control"); cc != "public, max-age=3600" {
		t.Errorf("favicon Cache-Control %q", cc)
	}
	if ct := fav.Header.Get("Content-Type"); ct != "image/svg+xml" {
		t.Errorf("favicon Content-Type %q", ct)
	}
}

func TestIsAppRoute(t *testing.T) {
	for p, want := range map[string]bool{
		"/": true, "/network": true, "/actor/witkoff": true, "/embed/timeline": true, "/plan": true,
		"/actor/": false, "/actor/witkoff/x": false, "/graphql": false, "/embed/": false, "/oembed": false,
		"/embed/actor/witkoff": true, "/embed/event/x-1": true, "/embed/plan/p": true, "/embed/actor/": false, "/embed/search": false,
		"/dashboard": true, "/embed/dashboard": true, "/dashboard/x": false, "/embed/dashboard/x": false,
	} {
		if got := IsAppRoute(p); got != want {
			t.Errorf("IsAppRoute(%q) = %v", p, got)
		}
	}
}

// The embedded dist/ must hold a real build: `make test` runs `make web`
// first, and a binary without it only answers 503.
func TestEmbeddedBuild(t *testing.T) {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		t.Fatal(err)
	}
	index, err := fs.ReadFile(sub, "index.html")
	if err != nil {
		t.Fatalf("dist/index.html is not embedded (%v): run 'make web' before building or testing", err)
	}
	page := string(index)
	if strings.Contains(page, "http://") || strings.Contains(page, "https://") || strings.Contains(page, "//cdn") {
		t.Errorf("index.html names a remote URL:\n%s", page)
	}
	if regexp.MustCompile(`<script>|<style|\sstyle=`).MatchString(page) {
		t.Errorf("index.html has an inline script or style, which the CSP refuses:\n%s", page)
	}
	h := Handler()
	refs := regexp.MustCompile(`(?:src|href)="(/[^"]*)"`).FindAllStringSubmatch(page, -1)
	var scripts int
	for _, ref := range refs {
		if !strings.Contains(ref[1], ".") {
			continue // a link to a page, such as /graphiql
		}
		if strings.HasSuffix(ref[1], ".js") {
			scripts++
		}
		if r, _ := statictest.Get(t, h, ref[1]); r.StatusCode != http.StatusOK {
			t.Errorf("GET %s (referenced by index.html): %d", ref[1], r.StatusCode)
		}
	}
	if scripts == 0 {
		t.Errorf("index.html loads no script:\n%s", page)
	}
}
