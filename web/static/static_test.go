package static

import (
	"bytes"
	"compress/gzip"
	"io"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/diplograph/diplograph/web/static/statictest"
)

// script compresses well and is large enough to be worth it.
var script = []byte("console.log('app');" + strings.Repeat("/* padding to compress */", 100))

func testHandler() *Handler {
	page := NewFile("index.html", []byte("<!doctype html><title>page</title>"), "no-cache")
	page.Header.Set("Content-Security-Policy", "default-src 'self'")
	return &Handler{Files: map[string]*File{
		"/":                 page,
		"/assets/app-1.js":  NewFile("app-1.js", script, "public, max-age=31536000, immutable"),
		"/assets/app-1.css": NewFile("app-1.css", []byte("body{margin:0}"), "public, max-age=31536000, immutable"),
		"/favicon.svg":      NewFile("favicon.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg"></svg>`), "public, max-age=3600"),
	}}
}

func TestServesFiles(t *testing.T) {
	h := testHandler()
	for path, want := range map[string]struct{ body, contentType, cache string }{
		"/":                 {"<!doctype html><title>page</title>", "text/html; charset=utf-8", "no-cache"},
		"/assets/app-1.js":  {string(script), "text/javascript; charset=utf-8", "public, max-age=31536000, immutable"},
		"/assets/app-1.css": {"body{margin:0}", "text/css; charset=utf-8", "public, max-age=31536000, immutable"},
		"/favicon.svg":      {`<svg xmlns="http://www.w3.org/2000/svg"></svg>`, "image/svg+xml", "public, max-age=3600"},
	} {
		resp, b := statictest.Get(t, h, path+"?v=1")
		if resp.StatusCode != http.StatusOK || b != want.body {
			t.Errorf("GET %s: %d %q", path, resp.StatusCode, b)
		}
		for name, value := range map[string]string{
			"Content-Type":           want.contentType,
			"Cache-Control":          want.cache,
			"Content-Length":         strconv.Itoa(len(want.body)),
			"X-Content-Type-Options": "nosniff",
			"Last-Modified":          "", // embedded files have no time; the ETag serves
			"Content-Encoding":       "",
		} {
			if got := resp.Header.Get(name); got != value {
				t.Errorf("GET %s: %s %q, want %q", path, name, got, value)
			}
		}
		if etag := resp.Header.Get("ETag"); !strings.HasPrefix(etag, `"`) || !strings.HasSuffix(etag, `"`) || len(etag) < 10 {
			t.Errorf("GET %s: ETag %q is not a strong one", path, etag)
		}
	}
	// Extra headers go with their file only.
	if resp, _ := statictest.Get(t, h, "/"); resp.Header.Get("Content-Security-Policy") != "default-src 'self'" {
		t.Errorf("page without its CSP: %v", resp.Header)
	}
	if resp, _ := statictest.Get(t, h, "/favicon.svg"); resp.Header.Get("Content-Security-Policy") != "" {
		t.Errorf("favicon with the page's CSP: %v", resp.Header)
	}
}

func TestContentType(t *testing.T) {
	for name, want := range map[string]string{
		"index.html":   "text/html; charset=utf-8",
		"a.js":         "text/javascript; charset=utf-8",
		"a.mjs":        "text/javascript; charset=utf-8",
		"a.css":        "text/css; charset=utf-8",
		"a.svg":        "image/svg+xml",
		"a.json":       "application/json; charset=utf-8",
		"a.js.map":     "application/json; charset=utf-8",
		"README.txt":   "text/plain; charset=utf-8",
		"font.woff2":   "font/woff2",
		"icon.png":     "image/png",
		"no-extension": "application/octet-stream",
	} {
		if got := contentType(name); got != want {
			t.Errorf("contentType(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestIfNoneMatch(t *testing.T) {
	h := testHandler()
	resp, _ := statictest.Get(t, h, "/assets/app-1.js")
	etag := resp.Header.Get("ETag")
	for _, match := range []string{etag, `"other", ` + etag, "W/" + etag, "*"} {
		for _, method := range []string{http.MethodGet, http.MethodHead} {
			r, b := statictest.Do(t, h, method, "/assets/app-1.js", "If-None-Match", match)
			if r.StatusCode != http.StatusNotModified || b != "" {
				t.Errorf("%s If-None-Match %s: %d with %d bytes, want 304", method, match, r.StatusCode, len(b))
			}
			if r.Header.Get("ETag") != etag {
				t.Errorf("%s If-None-Match %s: 304 with ETag %q", method, match, r.Header.Get("ETag"))
			}
		}
	}
	if r, _ := statictest.Get(t, h, "/assets/app-1.js", "If-None-Match", `"other"`); r.StatusCode != http.StatusOK {
		t.Errorf("If-None-Match another tag: %d, want 200", r.StatusCode)
	}
	// The gzip variant is another representation: the plain ETag does not
	// validate it, its own does.
	gz, _ := statictest.Get(t, h, "/assets/app-1.js", "Accept-Encoding", "gzip")
	if r, _ := statictest.Get(t, h, "/assets/app-1.js", "Accept-Encoding", "gzip", "If-None-Match", etag); r.StatusCode != http.StatusOK {
		t.Errorf("gzip with the plain ETag: %d, want 200", r.StatusCode)
	}
	if r, _ := statictest.Get(t, h, "/assets/app-1.js", "Accept-Encoding", "gzip", "If-None-Match", gz.Header.Get("ETag")); r.StatusCode != http.StatusNotModified {
		t.Errorf("gzip with its ETag: %d, want 304", r.StatusCode)
	}
}

func TestGzip(t *testing.T) {
	h := testHandler()
	plain, _ := statictest.Get(t, h, "/assets/app-1.js")
	if !strings.Contains(plain.Header.Get("Vary"), "Accept-Encoding") {
		t.Errorf("plain answer of a compressible file without Vary: Accept-Encoding: %v", plain.Header)
	}
	for _, accept := range []string{"gzip", "br, gzip", "deflate, GZIP;q=0.5", "gzip; q=1"} {
		resp, raw := statictest.Get(t, h, "/assets/app-1.js", "Accept-Encoding", accept)
		if resp.Header.Get("Content-Encoding") != "gzip" || !strings.Contains(resp.Header.Get("Vary"), "Accept-Encoding") {
			t.Fatalf("Accept-Encoding %q: encoding %q vary %q", accept, resp.Header.Get("Content-Encoding"), resp.Header.Get("Vary"))
		}
		if resp.Header.Get("Content-Length") != strconv.Itoa(len(raw)) {
			t.Errorf("Accept-Encoding %q: Content-Length %q for %d bytes", accept, resp.Header.Get("Content-Length"), len(raw))
		}
		zr, err := gzip.NewReader(bytes.NewReader([]byte(raw)))
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := io.ReadAll(zr); !bytes.Equal(got, script) {
			t.Errorf("Accept-Encoding %q: gzip body differs from the file", accept)
		}
		if etag := resp.Header.Get("ETag"); etag == plain.Header.Get("ETag") || !strings.HasSuffix(etag, `-gz"`) {
			t.Errorf("Accept-Encoding %q: ETag %q (plain %q)", accept, etag, plain.Header.Get("ETag"))
		}
	}
	for _, accept := range []string{"", "br", "gzip;q=0", "gzip; q=0.000", "identity"} {
		if resp, b := statictest.Get(t, h, "/assets/app-1.js", "Accept-Encoding", accept); resp.Header.Get("Content-Encoding") != "" || b != string(script) {
			t.Errorf("Accept-Encoding %q: encoding %q", accept, resp.Header.Get("Content-Encoding"))
		}
	}
	// Not worth it: small files, types that are compressed already, data
	// that does not shrink.
	noise := make([]byte, 4096)
	rng := rand.NewChaCha8([32]byte{})
	rng.Read(noise)
	h.Files["/noise.txt"] = NewFile("noise.txt", noise, "no-cache")
	h.Files["/big.png"] = NewFile("big.png", script, "no-cache")
	for _, path := range []string{"/assets/app-1.css", "/favicon.svg", "/noise.txt", "/big.png"} {
		resp, b := statictest.Get(t, h, path, "Accept-Encoding", "gzip")
		if resp.Header.Get("Content-Encoding") != "" || b != string(h.Files[path].data) {
			t.Errorf("GET %s: encoding %q, want none", path, resp.Header.Get("Content-Encoding"))
		}
		// Only text that may compress varies (noise.txt is found out when
		// first asked for gzip).
		if vary := resp.Header.Get("Vary"); (vary != "") != (path == "/noise.txt") {
			t.Errorf("GET %s: Vary %q", path, vary)
		}
	}
}

func TestRange(t *testing.T) {
	resp, b := statictest.Get(t, testHandler(), "/assets/app-1.js", "Range", "bytes=0-6")
	if resp.StatusCode != http.StatusPartialContent || b != "console" {
		t.Errorf("Range: %d %q", resp.StatusCode, b)
	}
}

func TestServeStatus(t *testing.T) {
	page := NewFile("index.html", []byte("<html>"+strings.Repeat("not found ", 200)+"</html>"), "no-cache")
	h := &Handler{Fallback: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		page.ServeStatus(w, r, http.StatusNotFound)
	})}
	resp, b := statictest.Get(t, h, "/nowhere", "If-None-Match", page.ETag())
	if resp.StatusCode != http.StatusNotFound || b != string(page.data) {
		t.Errorf("fallback page: %d %q", resp.StatusCode, b)
	}
	if resp.Header.Get("ETag") != "" || resp.Header.Get("Content-Type") != "text/html; charset=utf-8" || resp.Header.Get("Cache-Control") != "no-cache" {
		t.Errorf("fallback page headers: %v", resp.Header)
	}
	gz, raw := statictest.Get(t, h, "/nowhere", "Accept-Encoding", "gzip")
	if gz.StatusCode != http.StatusNotFound || gz.Header.Get("Content-Encoding") != "gzip" || len(raw) >= len(b) {
		t.Errorf("fallback page with gzip: %d %q, %d bytes", gz.StatusCode, gz.Header.Get("Content-Encoding"), len(raw))
	}
	if head, b := statictest.Do(t, h, http.MethodHead, "/nowhere"); head.StatusCode != http.StatusNotFound || b != "" ||
		head.Header.Get("Content-Length") != strconv.Itoa(len(page.data)) {
		t.Errorf("HEAD fallback page: %d, %d bytes, Content-Length %q", head.StatusCode, len(b), head.Header.Get("Content-Length"))
	}
}

func TestHandlerRouting(t *testing.T) {
	h := testHandler()
	for path, want := range map[string]int{
		"/":                      http.StatusOK,
		"/assets/app-1.js?v=2":   http.StatusOK,
		"/assets/":               http.StatusNotFound, // no folder listings
		"/assets/../favicon.svg": http.StatusNotFound,
		"/index.html":            http.StatusNotFound, // only where the owner put it
		"/missing.js":            http.StatusNotFound,
	} {
		resp, b := statictest.Get(t, h, path)
		if resp.StatusCode != want {
			t.Errorf("GET %s: %d, want %d", path, resp.StatusCode, want)
		}
		if want == http.StatusNotFound && strings.Contains(b, "<html") {
			t.Errorf("GET %s: 404 with a page: %q", path, b)
		}
		if resp.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("GET %s: no nosniff", path)
		}
	}
	for _, method := range []string{http.MethodPost, http.MethodPut, http.MethodDelete} {
		resp, _ := statictest.Do(t, h, method, "/")
		if resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Allow") != "GET, HEAD" {
			t.Errorf("%s /: %d, Allow %q", method, resp.StatusCode, resp.Header.Get("Allow"))
		}
	}
	resp, b := statictest.Do(t, h, http.MethodHead, "/assets/app-1.js")
	if resp.StatusCode != http.StatusOK || b != "" || resp.Header.Get("Content-Length") != strconv.Itoa(len(script)) {
		t.Errorf("HEAD: %d with %d bytes, Content-Length %q", resp.StatusCode, len(b), resp.Header.Get("Content-Length"))
	}
	resp, b = statictest.Do(t, h, http.MethodHead, "/assets/app-1.js", "Accept-Encoding", "gzip")
	if resp.StatusCode != http.StatusOK || b != "" || resp.Header.Get("Content-Encoding") != "gzip" || resp.Header.Get("Content-Length") == "" {
		t.Errorf("HEAD with gzip: %d with %d bytes, %v", resp.StatusCode, len(b), resp.Header)
	}
}

func TestNotBuilt(t *testing.T) {
	const msg = "assets are not built: run 'make web'\n"
	h := &Handler{NotBuilt: msg, Fallback: http.NotFoundHandler()}
	for _, path := range []string{"/", "/assets/app-1.js", "/nowhere"} {
		for _, method := range []string{http.MethodGet, http.MethodHead} {
			resp, b := statictest.Do(t, h, method, path)
			if resp.StatusCode != http.StatusServiceUnavailable {
				t.Errorf("%s %s: %d, want 503", method, path, resp.StatusCode)
			}
			if method == http.MethodGet && b != msg {
				t.Errorf("%s %s: body %q", method, path, b)
			}
			for name, want := range map[string]string{
				"Content-Type":           "text/plain; charset=utf-8",
				"Cache-Control":          "no-store",
				"X-Content-Type-Options": "nosniff",
			} {
				if got := resp.Header.Get(name); got != want {
					t.Errorf("%s %s: %s %q, want %q", method, path, name, got, want)
				}
			}
		}
	}
	if resp, _ := statictest.Do(t, h, http.MethodPost, "/"); resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST: %d, want 405", resp.StatusCode)
	}
}

func TestReadFile(t *testing.T) {
	fsys := fstest.MapFS{
		"app.js":   {Data: script},
		"empty.js": {Data: nil},
	}
	f, err := ReadFile(fsys, "app.js", "no-cache")
	if err != nil || !bytes.Equal(f.data, script) || f.contentType != "text/javascript; charset=utf-8" || f.cacheControl != "no-cache" {
		t.Errorf("ReadFile(app.js): %v", err)
	}
	if f.ETag() != NewFile("other.js", script, "").ETag() {
		t.Error("the ETag depends on more than the content")
	}
	for _, name := range []string{"empty.js", "missing.js"} {
		if _, err := ReadFile(fsys, name, "no-cache"); err == nil {
			t.Errorf("ReadFile(%s): no error", name)
		}
	}
}
