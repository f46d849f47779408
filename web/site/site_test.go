package site

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/diplograph/diplograph/export"
	"github.com/diplograph/diplograph/store"
	"github.com/diplograph/diplograph/vocab"
)

// fakeApp stands in for the explorer's handler.
var fakeApp = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	io.WriteString(w, "<!doctype html><title>app</title>")
})

func testSite(opts Options) *Site {
	opts.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	return newSite(nil, fakeApp, opts)
}

func do(t *testing.T, h http.Handler, method, target, host string) *http.Response {
	t.Helper()
	req := httptest.NewRequest(method, target, nil)
	if host != "" {
		req.Host = host
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Result()
}

func readBody(t *testing.T, r *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(r.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func directives(csp string) map[string]string {
	out := map[string]string{}
	for _, d := range strings.Split(csp, ";") {
		name, value, _ := strings.Cut(strings.TrimSpace(d), " ")
		out[name] = value
	}
	return out
}

func TestFraming(t *testing.T) {
	s := testSite(Options{})
	for _, p := range []string{"/", "/network", "/actor/witkoff", "/oembed", "/export", "/assets/index-1.js"} {
		resp := do(t, s, http.MethodGet, p, "")
		if got := resp.Header.Get("X-Frame-Options"); got != "DENY" {
			t.Errorf("GET %s: X-Frame-Options %q, want DENY", p, got)
		}
		if got := directives(resp.Header.Get("Content-Security-Policy"))["frame-ancestors"]; got != "'none'" {
			t.Errorf("GET %s: frame-ancestors %q, want 'none'", p, got)
		}
	}
	for _, p := range []string{"/embed/network", "/embed/timeline?theme=dark"} {
		resp := do(t, s, http.MethodGet, p, "")
		if got := resp.Header.Get("X-Frame-Options"); got != "" {
			t.Errorf("GET %s: X-Frame-Options %q, want none", p, got)
		}
		if got := directives(resp.Header.Get("Content-Security-Policy"))["frame-ancestors"]; got != "*" {
			t.Errorf("GET %s: frame-ancestors %q, want *", p, got)
		}
	}
	// Configured origins; anything that is not a bare origin is dropped.
	s = testSite(Options{EmbedOrigins: []string{"https://news.example.org", "http://localhost:8000", "https://x.org; script-src *", "javascript:alert(1)", "https://a.org/path"}})
	csp := do(t, s, http.MethodGet, "/embed/network", "").Header.Get("Content-Security-Policy")
	if got := directives(csp)["frame-ancestors"]; got != "https://news.example.org http://localhost:8000" {
		t.Errorf("frame-ancestors %q (policy %q)", got, csp)
	}
	if strings.Count(csp, "script-src") != 1 {
		t.Errorf("an origin smuggled a directive: %q", csp)
	}
}

func TestContentSecurityPolicy(t *testing.T) {
	d := directives(do(t, testSite(Options{}), http.MethodGet, "/network", "").Header.Get("Content-Security-Policy"))
	for name, want := range map[string]string{
		"default-src": "'none'",
		"script-src":  "'self'",
		"style-src":   "'self'",
		"connect-src": "'self'",
		"img-src":     "'self' data: blob:",
		"font-src":    "'self'",
		"base-uri":    "'none'",
	} {
		if d[name] != want {
			t.Errorf("%s %q, want %q", name, d[name], want)
		}
	}
}

type oembed struct {
	Version, Type, Title, HTML string
	ProviderName               string `json:"provider_name"`
	ProviderURL                string `json:"provider_url"`
	Width, Height              int
}

func getOEmbed(t *testing.T, s http.Handler, u string, extra string) (*http.Response, oembed) {
	t.Helper()
	format := "format=json&"
	if strings.Contains(extra, "format=") {
		format = ""
	}
	resp := do(t, s, http.MethodGet, "/oembed?"+format+"url="+url.QueryEscape(u)+extra, "example.org:8080")
	var o oembed
	b := readBody(t, resp)
	if resp.StatusCode == http.StatusOK {
		if err := json.Unmarshal([]byte(b), &o); err != nil {
			t.Fatalf("oembed %s: not JSON: %v\n%s", u, err, b)
		}
	}
	return resp, o
}

// iframeSrc pulls the src out of the html and unescapes it.
func iframeSrc(t *testing.T, frame string) string {
	t.Helper()
	_, rest, ok := strings.Cut(frame, `src="`)
	if !ok {
		t.Fatalf("no src in %q", frame)
	}
	src, _, _ := strings.Cut(rest, `"`)
	return html.UnescapeString(src)
}

func TestOEmbed(t *testing.T) {
	s := testSite(Options{})
	resp, o := getOEmbed(t, s, "http://example.org:8080/network?from=2025-10-01&to=2025-11-30&types=phone_call&edge=putin--trump", "")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d", resp.StatusCode)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	if o.Version != "1.0" || o.Type != "rich" || o.ProviderName != "diplograph" || o.ProviderURL != "http://example.org:8080/" {
		t.Errorf("oembed %+v", o)
	}
	if o.Width != 800 || o.Height != 520 {
		t.Errorf("size %dx%d", o.Width, o.Height)
	}
	if !strings.HasPrefix(o.HTML, "<iframe ") || !strings.Contains(o.HTML, `width="800" height="520"`) {
		t.Errorf("html %q", o.HTML)
	}
	src, err := url.Parse(iframeSrc(t, o.HTML))
	if err != nil {
		t.Fatal(err)
	}
	if src.Scheme != "http" || src.Host != "example.org:8080" || src.Path != "/embed/network" {
		t.Errorf("iframe src %s", src)
	}
	q := src.Query()
	if q.Get("from") != "2025-10-01" || q.Get("to") != "2025-11-30" || q.Get("types") != "phone_call" || q.Get("height") != "520" || q.Has("edge") {
		t.Errorf("iframe query %v", q)
	}

	// An actor page embeds the actor's timeline; sizes follow the URL and
	// the consumer's bounds.
	_, o = getOEmbed(t, s, "http://example.org:8080/actor/witkoff?theme=dark&height=600", "&maxwidth=500&maxheight=450")
	src, _ = url.Parse(iframeSrc(t, o.HTML))
	if src.Path != "/embed/timeline" || src.Query().Get("actors") != "witkoff" || src.Query().Get("theme") != "dark" || src.Query().Get("height") != "450" {
		t.Errorf("actor embed src %s", src)
	}
	if o.Width != 500 || o.Height != 450 {
		t.Errorf("bounded size %dx%d", o.Width, o.Height)
	}
	// The embed URL itself is accepted too.
	if r, _ := getOEmbed(t, s, "http://example.org:8080/embed/timeline?group=type", ""); r.StatusCode != http.StatusOK {
		t.Errorf("embed URL: %d", r.StatusCode)
	}
}

func TestOEmbedRefusals(t *testing.T) {
	s := testSite(Options{})
	for _, c := range []struct {
		url  string
		want int
	}{
		{"http://elsewhere.org/network", http.StatusBadRequest},
		{"http://example.org:8080/event/call-2025-10-16-trump-putin", http.StatusBadRequest},
		{"http://example.org:8080/graphql", http.StatusBadRequest},
		{"javascript:alert(1)", http.StatusBadRequest},
		{"/network", http.StatusBadRequest},
		{"http://user:pw@example.org:8080/network", http.StatusBadRequest},
		{"http://example.org:8080/network?from=yesterday", http.StatusBadRequest},
		{"http://example.org:8080/network?theme=%22%3E%3Cscript%3E", http.StatusBadRequest},
		{"http://example.org:8080/timeline?height=99999", http.StatusBadRequest},
		{"", http.StatusBadRequest},
	} {
		if r, _ := getOEmbed(t, s, c.url, ""); r.StatusCode != c.want {
			t.Errorf("url %q: %d, want %d", c.url, r.StatusCode, c.want)
		}
	}
	if r, _ := getOEmbed(t, s, "http://example.org:8080/network", "&format=xml"); r.StatusCode != http.StatusNotImplemented {
		t.Errorf("format=xml: %d, want 501", r.StatusCode)
	}
}

func TestOEmbedEscaping(t *testing.T) {
	s := testSite(Options{})
	hostile := `http://example.org:8080/timeline?actors=witkoff&group=type&from=2025-10-01&"><script>alert(1)</script>=1`
	resp := do(t, s, http.MethodGet, "/oembed?url="+url.QueryEscape(hostile), "example.org:8080")
	raw := readBody(t, resp)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%d %s", resp.StatusCode, raw)
	}
	if strings.Contains(raw, "<script") || strings.Contains(raw, "<iframe") {
		t.Errorf("raw JSON carries unescaped markup: %s", raw)
	}
	var o oembed
	if err := json.Unmarshal([]byte(raw), &o); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(o.HTML, "<script") || strings.Count(o.HTML, `"`) != 14 {
		t.Errorf("html is not one well-quoted iframe: %s", o.HTML)
	}
	// A title with markup in it stays text.
	if strings.Contains(o.HTML, "title=\"diplograph timeline (from 2025-10-01; actors witkoff)\"") == false {
		t.Errorf("title attribute: %s", o.HTML)
	}
}

func TestExportEndpoint(t *testing.T) {
	s := testSite(Options{})
	var got struct {
		format export.Format
		filter export.Filter
	}
	s.exportRun = func(ctx context.Context, buf *bytes.Buffer, f export.Format, filter export.Filter) error {
		got.format, got.filter = f, filter
		fmt.Fprint(buf, "exported")
		return nil
	}
	resp := do(t, s, http.MethodGet, "/export?format=gexf&from=2025-10-01&to=2025-11-30&types=phone_call,MEETING&actors=trump", "")
	if b := readBody(t, resp); resp.StatusCode != http.StatusOK || b != "exported" {
		t.Fatalf("%d %q", resp.StatusCode, b)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/gexf+xml; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	if cd := resp.Header.Get("Content-Disposition"); cd != `attachment; filename="diplograph-network.gexf"` {
		t.Errorf("Content-Disposition %q", cd)
	}
	if got.format != export.GEXF || got.filter.From.Format("2006-01-02") != "2025-10-01" || strings.Join(vocab.Stored(got.filter.Types), ",") != "phone_call,meeting" || strings.Join(got.filter.Actors, ",") != "trump" {
		t.Errorf("ran %v %+v", got.format, got.filter)
	}
	for _, bad := range []string{"/export", "/export?format=pdf", "/export?format=csv&from=tomorrow", "/export?format=csv&types=dinner"} {
		if r := do(t, s, http.MethodGet, bad, ""); r.StatusCode != http.StatusBadRequest {
			t.Errorf("GET %s: %d, want 400", bad, r.StatusCode)
		}
	}
	if r := do(t, s, http.MethodPost, "/export?format=csv", ""); r.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST: %d", r.StatusCode)
	}
	s.exportRun = func(context.Context, *bytes.Buffer, export.Format, export.Filter) error {
		return fmt.Errorf("network: %w", store.ErrUnavailable)
	}
	if r := do(t, s, http.MethodGet, "/export?format=csv", ""); r.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("Neo4j down: %d, want 503", r.StatusCode)
	}
	s.exportRun = func(context.Context, *bytes.Buffer, export.Format, export.Filter) error { return errors.New("boom") }
	r := do(t, s, http.MethodGet, "/export?format=csv", "")
	if b := readBody(t, r); r.StatusCode != http.StatusInternalServerError || strings.Contains(b, "boom") {
		t.Errorf("failure: %d %q", r.StatusCode, b)
	}
}
