// Package static serves the files of an embedded web build (the explorer's,
// GraphiQL's) from memory, with what browsers and caches need: a content
// type, a Cache-Control chosen per file by its owner, a strong ETag that
// answers If-None-Match with 304, and a gzip variant, with an ETag of its
// own, for text files that compress.
//
// Conditional and range requests are left to http.ServeContent. A Handler
// maps URL paths to Files; its owner chooses the paths, each file's caching
// and what answers the other paths. When the build is missing (go:embed
// found only the placeholder), a Handler answers 503 with a message saying
// how to build it.
//
// Hand-written rather than http.FileServerFS plus a compression handler:
// over an embed.FS, FileServerFS sends no validator (embedded files have no
// modification time and it computes no ETag), so every revalidation would
// download the file again, and a per-request compressor gzips the same
// bytes on every request; here both are computed once, at start.
package static

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Handler serves Files by URL path to GET and HEAD requests; other methods
// get 405. Every response says X-Content-Type-Options: nosniff.
type Handler struct {
	// Files maps URL paths (no query) to the files served there.
	Files map[string]*File
	// Fallback answers the paths with no file; nil means a plain 404.
	Fallback http.Handler
	// NotBuilt, when not empty, says the build is missing: every GET and
	// HEAD answers 503 with this text.
	NotBuilt string
}

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if h.NotBuilt != "" {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(http.StatusServiceUnavailable)
		w.Write([]byte(h.NotBuilt))
		return
	}
	if f, ok := h.Files[r.URL.Path]; ok {
		f.ServeHTTP(w, r)
		return
	}
	if h.Fallback != nil {
		h.Fallback.ServeHTTP(w, r)
		return
	}
	http.NotFound(w, r)
}

// File is one file held in memory. Its ETag is a hash of its content, so a
// rebuilt file gets a new one.
type File struct {
	// Header holds headers sent with every response serving the file, such
	// as a page's Content-Security-Policy.
	Header http.Header

	data         []byte
	etag         string
	contentType  string
	cacheControl string

	gzipOnce sync.Once
	gz       []byte // gzip of data, when that is worth sending instead
}

// NewFile holds data, served as a file called name (which gives its
// content type) with the Cache-Control header cacheControl.
func NewFile(name string, data []byte, cacheControl string) *File {
	sum := sha256.Sum256(data)
	return &File{
		Header:       http.Header{},
		data:         data,
		etag:         `"` + hex.EncodeToString(sum[:8]) + `"`,
		contentType:  contentType(name),
		cacheControl: cacheControl,
	}
}

// ReadFile reads name from fsys into a File; a missing or empty file is an
// error (an unbuilt build).
func ReadFile(fsys fs.FS, name, cacheControl string) (*File, error) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, err
	}
	if len(data) == 0 {
		return nil, fmt.Errorf("%s is empty", name)
	}
	return NewFile(name, data, cacheControl), nil
}

// ETag is the file's quoted ETag (that of its uncompressed form). Pages use
// it to version the URLs of the files they load.
func (f *File) ETag() string { return f.etag }

// ServeHTTP serves the file with status 200, answering conditional and range
// requests through http.ServeContent.
func (f *File) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, etag := f.negotiate(w, r)
	w.Header().Set("ETag", etag)
	// A zero modification time keeps Last-Modified out: embedded files have
	// none, and the ETag does its work.
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(body))
}

// ServeStatus serves the whole file with another status than 200, such as an
// app's page for a path that names nothing (404). Such an answer has no
// ETag: it is not the representation of the path.
func (f *File) ServeStatus(w http.ResponseWriter, r *http.Request, status int) {
	if status == http.StatusOK {
		f.ServeHTTP(w, r)
		return
	}
	body, _ := f.negotiate(w, r)
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

// negotiate sets the headers common to every answer serving f and returns
// the body to send, with its ETag: gzip-compressed when the client accepts
// gzip and the file is text larger than 1 KiB that compresses.
func (f *File) negotiate(w http.ResponseWriter, r *http.Request) (body []byte, etag string) {
	hd := w.Header()
	for k, v := range f.Header {
		hd[k] = slices.Clone(v)
	}
	hd.Set("Content-Type", f.contentType)
	hd.Set("Cache-Control", f.cacheControl)
	if !compressible(f.contentType) || len(f.data) <= 1024 {
		return f.data, f.etag
	}
	hd.Add("Vary", "Accept-Encoding")
	if !acceptsGzip(r) {
		return f.data, f.etag
	}
	gz := f.gzipped()
	if gz == nil {
		return f.data, f.etag
	}
	hd.Set("Content-Encoding", "gzip")
	// http.ServeContent leaves Content-Length out when Content-Encoding is
	// set; the compressed body is whole and known, so say it.
	hd.Set("Content-Length", strconv.Itoa(len(gz)))
	return gz, strings.TrimSuffix(f.etag, `"`) + `-gz"`
}

// gzipped compresses the file the first time a client asks for gzip (so
// that a server starts without compressing every file of a build; the
// largest, GraphiQL's, takes a quarter of a second) and returns the result
// when it is worth sending: when it shrinks the file by a tenth or more.
func (f *File) gzipped() []byte {
	f.gzipOnce.Do(func() {
		var b bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
		zw.Write(f.data)
		zw.Close()
		if b.Len() < len(f.data)*9/10 {
			f.gz = b.Bytes()
		}
	})
	return f.gz
}

// contentType is the Content-Type of a file called name: the web's own types
// are fixed here rather than read from the system's MIME tables, which may
// differ (text/plain for .js on some systems).
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

// acceptsGzip reports whether r's Accept-Encoding lists gzip with a
// non-zero q-value.
func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		name, params, _ := strings.Cut(part, ";")
		if !strings.EqualFold(strings.TrimSpace(name), "gzip") {
			continue
		}
		q := 1.0
		for _, p := range strings.Split(params, ";") {
			k, v, _ := strings.Cut(strings.TrimSpace(p), "=")
			if strings.EqualFold(strings.TrimSpace(k), "q") {
				if f, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil {
					q = f
				}
			}
		}
		return q > 0
	}
	return false
}
