// Package site serves everything of diplograph's web face that is not the
// API: the explorer (web/explorer) at /, its embeddable views at /embed/*,
// an oEmbed endpoint at /oembed, and downloads of the current view at
// /export. It uses the public GraphQL API's data only: the explorer queries
// /graphql from the browser, and /export reuses the export package, which
// `diplograph export` uses too. Each view's page is served with its own
// title, description, Open Graph tags and oEmbed discovery link, named from
// the store.
//
// Framing: /embed/* pages may be framed by any origin (or only by the
// origins in Options.EmbedOrigins); every other response forbids framing
// (X-Frame-Options: DENY and CSP frame-ancestors 'none').
//
// Mount the handler at /, /embed/ and /oembed:
//
//	s := site.New(st, site.Options{})
//	mux.Handle("/", s)
//	mux.Handle("/embed/", s)
//	mux.Handle("/oembed", s)
package site

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/diplograph/diplograph/export"
	"github.com/diplograph/diplograph/store"
	"github.com/diplograph/diplograph/web/explorer"
)

// Options tune the site.
type Options struct {
	// EmbedOrigins may frame the /embed/* pages (https://news.example.org);
	// empty means any origin.
	EmbedOrigins []string
	// RequestTimeout bounds reading the graph to name a page (default 30 s).
	RequestTimeout time.Duration
	// ExportTimeout bounds one /export download (default 2 minutes): a
	// download streams, so it may run longer than a request.
	ExportTimeout time.Duration
	// ExportCacheTTL is how long an export is served again to whoever asks
	// for the same one while the graph's version stays the same (default
	// 10 minutes; negative: only while it is being written).
	ExportCacheTTL time.Duration
	// MaxExports bounds the exports being written at once (default 1);
	// MaxDownloads those served from the cache, or waiting for one being
	// written (default 4): a written export costs a file's copy, not a read
	// of the graph, but a whole graph's copy is still tens of MB. More are
	// refused with 503 and Retry-After, and Refused is told.
	MaxExports   int
	MaxDownloads int
	Refused      func(context.Context)
	Logger       *slog.Logger
}

// Site is the handler.
type Site struct {
	st            *store.Store
	cat           catalog
	app           http.Handler
	page          *page // nil when the explorer is not built
	log           *slog.Logger
	timeout       time.Duration
	pageCSP       string
	embedCSP      string
	exportTimeout time.Duration
	exports       *exportCache
	writers       chan struct{}
	downloads     chan struct{}
	refused       func(context.Context)
	graphVersion  func(context.Context) (int64, error)
	exportRun     func(ctx context.Context, w io.Writer, f export.Format, filter export.Filter) error
}

// New builds the site over the store.
func New(st *store.Store, opts Options) *Site {
	return newSite(st, explorer.Handler(), explorer.Index(), opts)
}

func newSite(st *store.Store, app http.Handler, index []byte, opts Options) *Site {
	s := &Site{st: st, app: app, page: newPage(index), log: opts.Logger, timeout: opts.RequestTimeout}
	if st != nil {
		s.cat = st
	}
	if s.log == nil {
		s.log = slog.Default()
	}
	if s.timeout == 0 {
		s.timeout = 30 * time.Second
	}
	ancestors := "*"
	if origins := validOrigins(opts.EmbedOrigins, s.log); len(origins) > 0 {
		ancestors = strings.Join(origins, " ")
	}
	s.pageCSP = contentSecurityPolicy("'none'")
	s.embedCSP = contentSecurityPolicy(ancestors)
	s.exportTimeout = opts.ExportTimeout
	if s.exportTimeout == 0 {
		s.exportTimeout = 2 * time.Minute
	}
	ttl := opts.ExportCacheTTL
	if ttl == 0 {
		ttl = 10 * time.Minute
	}
	cache, err := newExportCache(max(ttl, 0))
	if err != nil {
		s.log.Error("exports will not be cached", "err", err)
		cache = &exportCache{entries: map[string]*exportEntry{}}
	}
	s.exports = cache
	s.writers = make(chan struct{}, max(opts.MaxExports, 1))
	if opts.MaxDownloads <= 0 {
		opts.MaxDownloads = 4
	}
	s.downloads = make(chan struct{}, opts.MaxDownloads)
	s.refused = opts.Refused
	s.graphVersion = func(context.Context) (int64, error) { return 0, nil }
	if st != nil {
		s.graphVersion = st.Version
	}
	s.exportRun = func(ctx context.Context, w io.Writer, f export.Format, filter export.Filter) error {
		return export.Write(ctx, st, w, f, filter)
	}
	return s
}

// ClearExports forgets the exports cached: a reload calls it.
func (s *Site) ClearExports() { s.exports.clear() }

// validOrigins keeps the origins that are scheme://host[:port] and nothing
// more, so that none can smuggle another directive into the policy.
func validOrigins(list []string, log *slog.Logger) []string {
	var out []string
	for _, o := range list {
		u, err := url.Parse(o)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.Path != "" || u.RawQuery != "" ||
			u.Fragment != "" || u.User != nil || strings.ContainsAny(o, " ;,'\"") {
			log.Warn("ignoring an embed origin that is not scheme://host[:port]", "origin", o)
			continue
		}
		out = append(out, u.Scheme+"://"+u.Host)
	}
	return out
}

// contentSecurityPolicy allows the explorer's own scripts, styles and
// images and its queries to this server, nothing from elsewhere.
// Styles: the bundles set element styles through the CSSOM only
// (cytoscape, vis-timeline), which style-src does not govern; no <style>
// element or style attribute is needed.
func contentSecurityPolicy(frameAncestors string) string {
	return strings.Join([]string{
		"default-src 'none'",
		"script-src 'self'",
		"style-src 'self'",
		"img-src 'self' data: blob:",
		"font-src 'self'",
		"connect-src 'self'",
		"manifest-src 'self'",
		"base-uri 'none'",
		"form-action 'self'",
		"frame-ancestors " + frameAncestors,
	}, "; ")
}

func (s *Site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p := r.URL.Path
	hd := w.Header()
	hd.Set("Referrer-Policy", "same-origin")
	if explorer.IsEmbed(p) {
		hd.Set("Content-Security-Policy", s.embedCSP)
	} else {
		hd.Set("Content-Security-Policy", s.pageCSP)
		hd.Set("X-Frame-Options", "DENY")
	}
	switch p {
	case "/oembed":
		s.oembed(w, r)
	case "/export":
		s.export(w, r)
	default:
		if s.isView(r) {
			s.serveView(w, r)
			return
		}
		s.app.ServeHTTP(w, r)
	}
}

func writeText(w http.ResponseWriter, code int, msg string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(code)
	w.Write([]byte(msg + "\n"))
}

func allowGet(w http.ResponseWriter, r *http.Request) bool {
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		return true
	}
	w.Header().Set("Allow", "GET, HEAD")
	writeText(w, http.StatusMethodNotAllowed, "method not allowed")
	return false
}
