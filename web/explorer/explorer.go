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
// and nothing else. Security headers that depend on where a page may be
// framed are the caller's (web/site).
package explorer

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"regexp"
	"strconv"
	"strings"
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
)

var idSegment = `[a-z0-9][a-z0-9-]{0,255}`

// appRoutes are the paths the app draws; keep in step with src/router.ts.
var appRoutes = regexp.MustCompile(`^/(?:|search|network|timeline|plan|plan/` + idSegment +
	`|actor/` + idSegment + `|event/` + idSegment + `|embed/network|embed/timeline)$`)

// IsAppRoute reports whether path names a view of the explorer.
func IsAppRoute(p string) bool { return appRoutes.MatchString(p) }

// IsEmbed reports whether path is one of the compact views made for iframes.
func IsEmbed(p string) bool { return strings.HasPrefix(p, "/embed/") }

// Handler serves the explorer from the embedded build.
func Handler() http.Handler {
	sub, err := fs.Sub(dist, "dist")
	if err != nil { // cannot happen: dist is embedded
		panic(err)
	}
	return newHandler(sub)
}

type file struct {
	data        []byte
	gz          []byte // gzip-compressed data, when it is worth it
	etag        string
	contentType string
	cache       string
}

type handler struct {
	built bool
	index *file
	files map[string]*file // URL path -> file
}

// newHandler reads every file of a build (dist/ in the binary; an
// fstest.MapFS in tests) into memory, compressing what compresses.
func newHandler(files fs.FS) *handler {
	h := &handler{files: map[string]*file{}}
	index, err := fs.ReadFile(files, "index.html")
	if err != nil || len(index) == 0 {
		return h
	}
	h.built = true
	h.index = newFile("index.html", index, "no-cache")
	_ = fs.WalkDir(files, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || p == "index.html" || p == "README.txt" {
			return nil
		}
		data, err := fs.ReadFile(files, p)
		if err != nil {
			return nil
		}
		cache := staticCacheControl
		if strings.HasPrefix(p, "assets/") {
			cache = assetCacheControl
		}
		h.files["/"+p] = newFile(p, data, cache)
		return nil
	})
	return h
}

func newFile(name string, data []byte, cache string) *file {
	sum := sha256.Sum256(data)
	f := &file{data: data, etag: `"` + hex.EncodeToString(sum[:8]) + `"`, contentType: contentType(name), cache: cache}
	if compressible(f.contentType) && len(data) > 1024 {
		var b bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
		zw.Write(data)
		zw.Close()
		if b.Len() < len(data)*9/10 {
			f.gz = b.Bytes()
		}
	}
	return f
}

func contentType(name string) string {
	switch path.Ext(name) {
	case ".html":
		return "text/html; charset=utf-8"
	case ".js", ".mjs":
		return "text/javascript; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".svg":
		return "image/svg+xml"
	case ".json", ".map":
		return "application/json; charset=utf-8"
	case ".txt":
		return "text/plain; charset=utf-8"
	case ".woff2":
		return "font/woff2"
	case ".png":
		return "image/png"
	}
	if t := mime.TypeByExtension(path.Ext(name)); t != "" {
		return t
	}
	return "application/octet-stream"
}

func compressible(ct string) bool {
	return strings.HasPrefix(ct, "text/") || strings.HasPrefix(ct, "application/json") || ct == "image/svg+xml"
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if !h.built {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(http.StatusServiceUnavailable)
		w.Write([]byte(NotBuiltMessage))
		return
	}
	p := r.URL.Path
	if f, ok := h.files[p]; ok {
		serve(w, r, f, http.StatusOK)
		return
	}
	switch {
	case IsAppRoute(p):
		serve(w, r, h.index, http.StatusOK)
	case strings.HasPrefix(p, AssetPrefix) || strings.Contains(path.Base(p), "."):
		// A file that is not in the build: no page in its place.
		http.NotFound(w, r)
	default:
		// Not a view: the app says so, with its navigation.
		serve(w, r, h.index, http.StatusNotFound)
	}
}

func serve(w http.ResponseWriter, r *http.Request, f *file, status int) {
	hd := w.Header()
	hd.Set("Content-Type", f.contentType)
	hd.Set("Cache-Control", f.cache)
	body, etag := f.data, f.etag
	if f.gz != nil {
		hd.Add("Vary", "Accept-Encoding")
		if acceptsGzip(r) {
			body, etag = f.gz, strings.TrimSuffix(f.etag, `"`)+`-gz"`
			hd.Set("Content-Encoding", "gzip")
		}
	}
	if status == http.StatusOK {
		hd.Set("ETag", etag)
		if match := r.Header.Get("If-None-Match"); match != "" && etagMatches(match, etag) {
			w.WriteHeader(http.StatusNotModified)
			return
		}
	}
	hd.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(name), "gzip") && strings.ReplaceAll(strings.TrimSpace(params), " ", "") != "q=0" {
			return true
		}
	}
	return false
}

func etagMatches(header, etag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == etag || t == "*" {
			return true
		}
	}
	return false
}
