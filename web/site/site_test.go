package site

import (
	"bufio"
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
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/diplograph/diplograph/export"
	"github.com/diplograph/diplograph/partialdate"
	"github.com/diplograph/diplograph/store"
	"github.com/diplograph/diplograph/vocab"
)

// fakeApp stands in for the explorer's handler.
var fakeApp = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	io.WriteString(w, "<!doctype html><title>app</title>")
})

// fakeCatalog stands in for the graph: a few nodes by id, and the plans.
type fakeCatalog struct {
	nodes map[string]store.Any
	plans []store.Plan
	err   error
}

func (c fakeCatalog) Lookup(_ context.Context, ids []string) (map[string]store.Any, error) {
	out := map[string]store.Any{}
	for _, id := range ids {
		if n, ok := c.nodes[id]; ok {
			out[id] = n
		}
	}
	return out, c.err
}

func (c fakeCatalog) Plans(context.Context) ([]store.Plan, error) { return c.plans, c.err }

func strp(s string) *string { return &s }

func testCatalog() fakeCatalog {
	actor := func(id, name string) store.Any {
		return store.Any{Label: store.LabelActor, Value: store.Actor{ID: id, ActorFields: store.ActorFields{Name: name}}}
	}
	date, err := partialdate.Parse("2025-11-23")
	if err != nil {
		panic(err)
	}
	plan := store.Plan{ID: "peace-plan", PlanFields: store.PlanFields{Name: "The peace plan"}}
	return fakeCatalog{
		nodes: map[string]store.Any{
			"witkoff":  actor("witkoff", "Steve Witkoff"),
			"dmitriev": actor("dmitriev", "Kirill Dmitriev"),
			"hostile":  actor("hostile", `Mr "<script>alert(1)</script>" & Co`),
			"talks-2025-11-23-geneva": {Label: store.LabelEvent, Value: store.Event{ID: "talks-2025-11-23-geneva", Date: date,
				EventFields: store.EventFields{Title: "Talks in Geneva", Summary: strp("Delegations met on the plan.")}}},
			"peace-plan": {Label: store.LabelPlan, Value: plan},
		},
		plans: []store.Plan{plan},
	}
}

func testSite(opts Options) *Site {
	opts.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	s := newSite(nil, fakeApp, nil, opts)
	s.cat = testCatalog()
	return s
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

	// An actor page embeds the actor's embed; sizes follow the URL and
	// the consumer's bounds.
	_, o = getOEmbed(t, s, "http://example.org:8080/actor/witkoff?theme=dark&height=600", "&maxwidth=500&maxheight=450")
	src, _ = url.Parse(iframeSrc(t, o.HTML))
	if src.Path != "/embed/actor/witkoff" || src.Query().Get("theme") != "dark" || src.Query().Get("height") != "450" {
		t.Errorf("actor embed src %s", src)
	}
	if o.Width != 500 || o.Height != 450 {
		t.Errorf("bounded size %dx%d", o.Width, o.Height)
	}
	// The spec: never larger than maxwidth and maxheight, even below the
	// size a view is made for.
	for _, bounds := range [][2]int{{300, 150}, {120, 90}, {1000, 1000}} {
		_, o = getOEmbed(t, s, "http://example.org:8080/timeline", fmt.Sprintf("&maxwidth=%d&maxheight=%d", bounds[0], bounds[1]))
		if o.Width > bounds[0] || o.Height > bounds[1] || o.Width <= 0 || o.Height <= 0 {
			t.Errorf("maxwidth %d maxheight %d: answered %dx%d", bounds[0], bounds[1], o.Width, o.Height)
		}
		if !strings.Contains(o.HTML, fmt.Sprintf(`width="%d" height="%d"`, o.Width, o.Height)) {
			t.Errorf("iframe size differs from the answer's %dx%d: %s", o.Width, o.Height, o.HTML)
		}
	}
	// The embed URL itself is accepted too.
	if r, _ := getOEmbed(t, s, "http://example.org:8080/embed/timeline?group=type", ""); r.StatusCode != http.StatusOK {
		t.Errorf("embed URL: %d", r.StatusCode)
	}
	// A confirmed-only view embeds confirmed only.
	_, o = getOEmbed(t, s, "http://example.org:8080/network?from=2025-10-01&confirmed=1", "")
	if src, _ := url.Parse(iframeSrc(t, o.HTML)); src.Query().Get("confirmed") != "1" {
		t.Errorf("confirmed-only network embeds %s", src)
	}
	if r, _ := getOEmbed(t, s, "http://example.org:8080/network?confirmed=maybe", ""); r.StatusCode != http.StatusBadRequest {
		t.Errorf("confirmed=maybe: %d, want 400", r.StatusCode)
	}
}

func TestOEmbedRefusals(t *testing.T) {
	s := testSite(Options{})
	for _, c := range []struct {
		url  string
		want int
	}{
		// Nothing to embed: 404, as the spec says.
		{"http://elsewhere.org/network", http.StatusNotFound},
		{"http://example.org:8080/graphql", http.StatusNotFound},
		{"http://example.org:8080/search", http.StatusNotFound},
		{"http://example.org:8080/event/no-such-event", http.StatusNotFound},
		{"http://example.org:8080/actor/no-such-actor", http.StatusNotFound},
		{"http://example.org:8080/plan/no-such-plan", http.StatusNotFound},
		{"http://example.org:8080/embed/actor/talks-2025-11-23-geneva", http.StatusNotFound},
		{"http://example.org:8080/event/witkoff", http.StatusNotFound},
		// Not an address, or a malformed view.
		{"http://example.org:8080/network?asOf=1%20November", http.StatusBadRequest},
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
	if !strings.Contains(o.HTML, `title="diplograph timeline: Steve Witkoff, from 1 Oct 2025"`) {
		t.Errorf("title attribute: %s", o.HTML)
	}
	// A name with markup in it stays text.
	_, o = getOEmbed(t, s, "http://example.org:8080/actor/hostile", "")
	if strings.Contains(o.HTML, "<script") || !strings.Contains(o.HTML, `title="diplograph actor: Mr &#34;&lt;script&gt;alert(1)&lt;/script&gt;&#34; &amp; Co"`) {
		t.Errorf("hostile name: %s", o.HTML)
	}
}

func TestExportEndpoint(t *testing.T) {
	s := testSite(Options{})
	var got struct {
		format export.Format
		filter export.Filter
	}
	s.exportRun = func(ctx context.Context, w io.Writer, f export.Format, filter export.Filter) error {
		got.format, got.filter = f, filter
		fmt.Fprint(w, "exported")
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
	// Pinned to a day, and the events as CSV.
	resp = do(t, s, http.MethodGet, "/export?format=events-csv&asOf=2025-11-01", "")
	if resp.StatusCode != http.StatusOK || got.format != export.EventsCSV || got.filter.AsOf == nil || got.filter.AsOf.Format("2006-01-02") != "2025-11-01" {
		t.Errorf("asOf export: %d, ran %v %+v", resp.StatusCode, got.format, got.filter)
	}
	if cd := resp.Header.Get("Content-Disposition"); cd != `attachment; filename="diplograph-events.csv"` {
		t.Errorf("events CSV Content-Disposition %q", cd)
	}
	for _, bad := range []string{"/export", "/export?format=pdf", "/export?format=csv&from=tomorrow", "/export?format=csv&types=dinner", "/export?format=csv&asOf=1%20November%202025"} {
		if r := do(t, s, http.MethodGet, bad, ""); r.StatusCode != http.StatusBadRequest {
			t.Errorf("GET %s: %d, want 400", bad, r.StatusCode)
		}
	}
	if r := do(t, s, http.MethodPost, "/export?format=csv", ""); r.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST: %d", r.StatusCode)
	}
	s.exportRun = func(context.Context, io.Writer, export.Format, export.Filter) error {
		return fmt.Errorf("network: %w", store.ErrUnavailable)
	}
	if r := do(t, s, http.MethodGet, "/export?format=csv", ""); r.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("Neo4j down: %d, want 503", r.StatusCode)
	}
	// A failure within the first bytes is still an error status, and
	// nothing of the cut export is sent.
	s.exportRun = func(_ context.Context, w io.Writer, _ export.Format, _ export.Filter) error {
		fmt.Fprint(w, "record,id\nnode,trump\n")
		return errors.New("boom")
	}
	r := do(t, s, http.MethodGet, "/export?format=csv", "")
	if b := readBody(t, r); r.StatusCode != http.StatusInternalServerError || strings.Contains(b, "boom") || strings.Contains(b, "trump") {
		t.Errorf("failure: %d %q", r.StatusCode, b)
	}
}

// A large export streams: the client has its first bytes before the export
// ends, and a failure after them cuts the download, which the client sees
// as a failed transfer rather than a short file.
func TestExportStreams(t *testing.T) {
	s := testSite(Options{ExportCacheTTL: -1})
	row := strings.Repeat("x", 1023) + "\n"
	release, fail := make(chan struct{}), make(chan error, 1)
	s.exportRun = func(ctx context.Context, w io.Writer, _ export.Format, _ export.Filter) error {
		for i := 0; i < 128; i++ { // 128 KiB, past what is held back
			if _, err := io.WriteString(w, row); err != nil {
				return err
			}
		}
		<-release
		return <-fail
	}
	srv := httptest.NewServer(s)
	defer srv.Close()
	get := func() (*http.Response, *bufio.Reader) {
		resp, err := http.Get(srv.URL + "/export?format=csv")
		if err != nil {
			t.Fatal(err)
		}
		return resp, bufio.NewReader(resp.Body)
	}

	resp, body := get()
	first, err := body.ReadString('\n')
	if resp.StatusCode != http.StatusOK || err != nil || first != row {
		t.Fatalf("before the export ended: %d %q %v", resp.StatusCode, first, err)
	}
	fail <- nil
	close(release)
	rest, err := io.ReadAll(body)
	resp.Body.Close()
	if err != nil || len(first)+len(rest) != 128*len(row) {
		t.Errorf("whole export: %d bytes, %v", len(first)+len(rest), err)
	}

	release = make(chan struct{})
	resp, body = get()
	if _, err := body.ReadString('\n'); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("%d %v", resp.StatusCode, err)
	}
	fail <- errors.New("neo4j went away")
	close(release)
	if _, err := io.ReadAll(body); err == nil {
		t.Error("a cut export read as complete")
	}
	resp.Body.Close()
}

// The same export asked for again is served from the cache, once written;
// requests arriving while it is being written share it; a failure is not
// kept, and clearing the cache (a reload) writes it anew.
func TestExportCache(t *testing.T) {
	s := testSite(Options{})
	var runs atomic.Int32
	release := make(chan struct{})
	s.exportRun = func(_ context.Context, w io.Writer, f export.Format, _ export.Filter) error {
		runs.Add(1)
		<-release
		_, err := fmt.Fprintf(w, "export %d of %s", runs.Load(), f)
		return err
	}
	srv := httptest.NewServer(s)
	defer srv.Close()
	get := func(path string) (int, string, http.Header) {
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b), resp.Header
	}
	var wg sync.WaitGroup
	bodies := make([]string, 4)
	for i := range bodies {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, bodies[i], _ = get("/export?format=gexf&actors=trump")
		}()
	}
	time.Sleep(200 * time.Millisecond) // all four are waiting on the one run
	close(release)
	wg.Wait()
	for _, b := range bodies {
		if b != "export 1 of gexf" {
			t.Errorf("concurrent requests: %q, want the one export", b)
		}
	}
	code, b, hd := get("/export?format=gexf&actors=trump")
	if code != 200 || b != "export 1 of gexf" || runs.Load() != 1 || hd.Get("Last-Modified") == "" ||
		hd.Get("Content-Disposition") != `attachment; filename="diplograph-network.gexf"` {
		t.Errorf("again: %d %q after %d runs, headers %v", code, b, runs.Load(), hd)
	}
	if _, b, _ := get("/export?format=gexf&actors=witkoff"); b != "export 2 of gexf" {
		t.Errorf("another filter: %q", b)
	}
	s.ClearExports()
	if _, b, _ := get("/export?format=gexf&actors=trump"); b != "export 3 of gexf" {
		t.Errorf("after clearing: %q", b)
	}
	// A load (by any process) raises the graph's version: the export is
	// written anew.
	s.graphVersion = func(context.Context) (int64, error) { return 1, nil }
	if _, b, _ := get("/export?format=gexf&actors=trump"); b != "export 4 of gexf" {
		t.Errorf("after the graph changed: %q", b)
	}
	if _, b, _ := get("/export?format=gexf&actors=trump"); b != "export 4 of gexf" {
		t.Errorf("again at the new version: %q", b)
	}
	s.exportRun = func(context.Context, io.Writer, export.Format, export.Filter) error { return store.ErrUnavailable }
	if code, _, _ := get("/export?format=csv"); code != http.StatusServiceUnavailable {
		t.Errorf("failure: %d", code)
	}
	s.exportRun = func(_ context.Context, w io.Writer, _ export.Format, _ export.Filter) error {
		_, err := io.WriteString(w, "fine now")
		return err
	}
	if code, b, _ := get("/export?format=csv"); code != 200 || b != "fine now" {
		t.Errorf("after a failure: %d %q", code, b)
	}
}

func TestOEmbedViews(t *testing.T) {
	s := testSite(Options{})
	for _, c := range []struct {
		url, path, title string
		height           int
	}{
		{"http://example.org:8080/actor/witkoff", "/embed/actor/witkoff", "diplograph actor: Steve Witkoff", 560},
		{"http://example.org:8080/embed/actor/witkoff?asOf=2025-11-01", "/embed/actor/witkoff", "diplograph actor: Steve Witkoff, as of 1 November 2025", 560},
		{"http://example.org:8080/event/talks-2025-11-23-geneva", "/embed/event/talks-2025-11-23-geneva", "diplograph event: Talks in Geneva", 480},
		{"http://example.org:8080/plan/peace-plan", "/embed/plan/peace-plan", "diplograph plan: The peace plan", 640},
		// /plan shows the first plan.
		{"http://example.org:8080/plan", "/embed/plan/peace-plan", "diplograph plan: The peace plan", 640},
		{"http://example.org:8080/timeline?actors=witkoff,dmitriev&from=2025-10-01&to=2025-11-30", "/embed/timeline",
			"diplograph timeline: Steve Witkoff, Kirill Dmitriev, 1 Oct 2025 – 30 Nov 2025", 420},
		{"http://example.org:8080/timeline?from=2025-10-01&to=2025-11-30&asOf=2025-11-01", "/embed/timeline",
			"diplograph timeline: 1 Oct 2025 – 30 Nov 2025, as of 1 November 2025", 420},
		{"http://example.org:8080/network?types=phone_call,meeting&hops=2&actors=witkoff", "/embed/network",
			"diplograph network: Steve Witkoff, phone call or meeting, 2 hops", 520},
		{"http://example.org:8080/network", "/embed/network", "diplograph network: all events", 520},
	} {
		resp, o := getOEmbed(t, s, c.url, "")
		if resp.StatusCode != http.StatusOK {
			t.Errorf("%s: %d", c.url, resp.StatusCode)
			continue
		}
		src, err := url.Parse(iframeSrc(t, o.HTML))
		if err != nil {
			t.Fatal(err)
		}
		if src.Path != c.path || o.Title != c.title || o.Height != c.height {
			t.Errorf("%s: embeds %s titled %q at height %d, want %s, %q, %d", c.url, src.Path, o.Title, o.Height, c.path, c.title, c.height)
		}
		// asOf is carried to the embed, which pins itself with it.
		in, _ := url.Parse(c.url)
		if src.Query().Get("asOf") != in.Query().Get("asOf") {
			t.Errorf("%s: embed asOf %q", c.url, src.Query().Get("asOf"))
		}
	}
	// The graph cannot be read: not a 404, a failure to say so.
	s.cat = fakeCatalog{err: fmt.Errorf("lookup: %w", store.ErrUnavailable)}
	if r, _ := getOEmbed(t, s, "http://example.org:8080/actor/witkoff", ""); r.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("Neo4j down: %d, want 503", r.StatusCode)
	}
}

// hostileQuery would close the attribute and open a script if a page put it
// in its head unescaped.
const hostileQuery = `?from=2025-10-01&x="><script>alert(1)</script>&y='><img/src/onerror=alert(2)>`

// testIndex is a build's index.html, shaped as Vite writes it.
const testIndex = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="description" content="diplograph explorer: who met whom, when, about what, and on whose word.">
<title>diplograph explorer</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
  <script type="module" crossorigin src="/assets/index-1.js"></script>
</head>
<body><div id="app"></div></body>
</html>
`

// The tags of a page's head. The page is what the site writes, so every
// attribute is double-quoted; what a value holds is escaped, which the
// escaping tests check on the raw body.
var (
	tagPattern   = regexp.MustCompile(`<(title|meta|link|script)\b([^>]*)>`)
	attrPattern  = regexp.MustCompile(`([a-z:-]+)(?:="([^"]*)")?`)
	titlePattern = regexp.MustCompile(`(?s)<title>(.*?)</title>`)
)

// head reads the tags of a page's head: <title>, meta by name or property,
// and the oEmbed link.
func head(t *testing.T, page string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, m := range titlePattern.FindAllStringSubmatch(page, -1) {
		out["title"] += html.UnescapeString(m[1])
		out["titles"] += "|"
	}
	for _, m := range tagPattern.FindAllStringSubmatch(page, -1) {
		a := map[string]string{}
		for _, at := range attrPattern.FindAllStringSubmatch(m[2], -1) {
			a[at[1]] = html.UnescapeString(at[2])
		}
		switch m[1] {
		case "meta":
			if k := a["name"] + a["property"]; k != "" {
				if _, dup := out[k]; dup {
					t.Errorf("%s twice", k)
				}
				out[k] = a["content"]
			}
		case "link":
			if a["type"] == "application/json+oembed" {
				out["oembed"], out["oembed title"] = a["href"], a["title"]
			}
		case "script":
			if a["src"] == "" {
				t.Errorf("an inline script: %s", m[0])
			}
			out["scripts"] += "|"
		}
	}
	return out
}

func pageSite() *Site {
	s := testSite(Options{})
	s.page = newPage([]byte(testIndex))
	return s
}

func TestPageHead(t *testing.T) {
	s := pageSite()
	for _, c := range []struct {
		path, title, description, ogType string
		embed                            bool
	}{
		{"/", "diplograph explorer", "diplograph explorer: who met whom, when, about what, and on whose word.", "website", false},
		{"/search", "Search · diplograph", "diplograph explorer: who met whom, when, about what, and on whose word.", "website", false},
		{"/actor/witkoff", "Steve Witkoff · diplograph", "Steve Witkoff: the events they took part in, whom they met, and on whose word (diplograph).", "website", true},
		{"/embed/actor/witkoff", "Steve Witkoff · diplograph", "Steve Witkoff: the events they took part in, whom they met, and on whose word (diplograph).", "website", true},
		{"/event/talks-2025-11-23-geneva", "Talks in Geneva · diplograph", "23 November 2025: Delegations met on the plan.", "article", true},
		{"/plan/peace-plan", "The peace plan · diplograph", "The peace plan: its versions side by side, what changed, and who took which position (diplograph).", "website", true},
		{"/timeline?actors=witkoff&asOf=2025-11-01", "Timeline: Steve Witkoff, as of 1 November 2025 · diplograph",
			"What happened when, on the sources' word (diplograph): Steve Witkoff, as of 1 November 2025.", "website", true},
		{"/network", "Network · diplograph", "Who met whom, on the sources' word (diplograph): all events.", "website", true},
		// Unknown ids: the app shows its not-found view under a generic title.
		{"/actor/no-such-actor", "diplograph explorer", "diplograph explorer: who met whom, when, about what, and on whose word.", "website", false},
		{"/embed/event/no-such-event", "diplograph explorer", "diplograph explorer: who met whom, when, about what, and on whose word.", "website", false},
	} {
		resp := do(t, s, http.MethodGet, c.path, "example.org:8080")
		body := readBody(t, resp)
		if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "text/html; charset=utf-8" || resp.Header.Get("Cache-Control") != "no-cache" {
			t.Errorf("%s: %d %q %q", c.path, resp.StatusCode, resp.Header.Get("Content-Type"), resp.Header.Get("Cache-Control"))
		}
		h := head(t, body)
		self := "http://example.org:8080" + c.path
		for k, want := range map[string]string{
			"title": c.title, "titles": "|", "description": c.description, "og:title": c.title, "og:description": c.description,
			"og:type": c.ogType, "og:url": self, "og:site_name": "diplograph", "scripts": "|",
		} {
			if h[k] != want {
				t.Errorf("%s: %s %q, want %q", c.path, k, h[k], want)
			}
		}
		if !c.embed {
			if h["oembed"] != "" {
				t.Errorf("%s: an oEmbed link to nothing embeddable: %s", c.path, h["oembed"])
			}
			continue
		}
		// The discovery link leads to this page's oEmbed.
		link, err := url.Parse(h["oembed"])
		if err != nil || link.Host != "example.org:8080" || link.Path != "/oembed" || link.Query().Get("url") != self || link.Query().Get("format") != "json" {
			t.Errorf("%s: oEmbed link %q", c.path, h["oembed"])
			continue
		}
		r := do(t, s, http.MethodGet, link.RequestURI(), "example.org:8080")
		var o oembed
		if err := json.Unmarshal([]byte(readBody(t, r)), &o); r.StatusCode != http.StatusOK || err != nil || o.Title != h["oembed title"] {
			t.Errorf("%s: oEmbed %d %v title %q, link title %q", c.path, r.StatusCode, err, o.Title, h["oembed title"])
		}
	}
}

func TestPageHeadEscaping(t *testing.T) {
	s := pageSite()
	for _, p := range []string{"/timeline" + hostileQuery, "/actor/hostile" + hostileQuery} {
		resp := do(t, s, http.MethodGet, p, "example.org:8080")
		body := readBody(t, resp)
		if strings.Contains(body, "<script>alert") || strings.Contains(body, `<img`) {
			t.Errorf("%s: markup from the URL or a name in the page:\n%s", p, body)
		}
		h := head(t, body)
		if want := "http://example.org:8080" + p; h["og:url"] != want {
			t.Errorf("%s: og:url %q, want %q", p, h["og:url"], want)
		}
		if strings.HasPrefix(p, "/actor/") && h["title"] != `Mr "<script>alert(1)</script>" & Co · diplograph` {
			t.Errorf("%s: title %q", p, h["title"])
		}
	}
}

func TestPageCaching(t *testing.T) {
	s := pageSite()
	get := func(p, inm string) *http.Response {
		req := httptest.NewRequest(http.MethodGet, p, nil)
		req.Host = "example.org:8080"
		if inm != "" {
			req.Header.Set("If-None-Match", inm)
		}
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		return rec.Result()
	}
	a, b := get("/actor/witkoff", ""), get("/actor/dmitriev", "")
	ea, eb := a.Header.Get("ETag"), b.Header.Get("ETag")
	if ea == "" || ea == eb {
		t.Errorf("pages that differ share an ETag: %q %q", ea, eb)
	}
	if r := get("/actor/witkoff", ea); r.StatusCode != http.StatusNotModified {
		t.Errorf("revalidation with its own ETag: %d", r.StatusCode)
	}
	if r := get("/actor/dmitriev", ea); r.StatusCode != http.StatusOK {
		t.Errorf("another page's ETag: %d, want 200", r.StatusCode)
	}
	// The headers of the site stay: the page is framed by no one, the
	// embed by anyone.
	if get("/actor/witkoff", "").Header.Get("X-Frame-Options") != "DENY" || get("/embed/actor/witkoff", "").Header.Get("X-Frame-Options") != "" {
		t.Error("framing headers lost")
	}
	// Not a view: the app answers.
	if body := readBody(t, get("/nothing-here", "")); body != "<!doctype html><title>app</title>" {
		t.Errorf("a path that is not a view: %q", body)
	}
}

// The dashboard is a view with an embed: oEmbed answers its iframe with the
// period and stacking carried over, and its page is named like the others.
func TestDashboardView(t *testing.T) {
	s := pageSite()
	for _, c := range []struct {
		url, title, interval, by string
	}{
		{"http://example.org:8080/dashboard?from=2025-10-01&to=2025-11-30&interval=month&by=modality",
			"diplograph dashboard: 1 Oct 2025 – 30 Nov 2025", "month", "modality"},
		{"http://example.org:8080/embed/dashboard?actors=witkoff&asOf=2025-11-01",
			"diplograph dashboard: Steve Witkoff, as of 1 November 2025", "", ""},
		{"http://example.org:8080/dashboard", "diplograph dashboard: all events", "", ""},
	} {
		resp, o := getOEmbed(t, s, c.url, "")
		if resp.StatusCode != http.StatusOK {
			t.Errorf("%s: %d", c.url, resp.StatusCode)
			continue
		}
		src, err := url.Parse(iframeSrc(t, o.HTML))
		if err != nil {
			t.Fatal(err)
		}
		q := src.Query()
		if src.Path != "/embed/dashboard" || o.Title != c.title || o.Height != 640 || q.Get("interval") != c.interval || q.Get("by") != c.by {
			t.Errorf("%s: embeds %s titled %q at height %d, want /embed/dashboard, %q, 640", c.url, src, o.Title, o.Height, c.title)
		}
	}
	for _, bad := range []string{"interval=day", "by=actor"} {
		if r, _ := getOEmbed(t, s, "http://example.org:8080/dashboard?"+bad, ""); r.StatusCode != http.StatusBadRequest {
			t.Errorf("%s: %d, want 400", bad, r.StatusCode)
		}
	}
	resp := do(t, s, http.MethodGet, "/dashboard?actors=witkoff&by=status", "example.org:8080")
	h := head(t, readBody(t, resp))
	if want := "Dashboard: Steve Witkoff · diplograph"; resp.StatusCode != http.StatusOK || h["title"] != want {
		t.Errorf("/dashboard: %d, title %q, want %q", resp.StatusCode, h["title"], want)
	}
	if link, err := url.Parse(h["oembed"]); err != nil || link.Path != "/oembed" || link.Query().Get("url") != "http://example.org:8080/dashboard?actors=witkoff&by=status" {
		t.Errorf("/dashboard: oEmbed link %q", h["oembed"])
	}
}

// Writing exports is limited; more are refused with 503 and Retry-After at
// once, while an export already written, or being written, is served to
// whoever asks without a slot. A slot is free again when a writing ends.
func TestExportLimit(t *testing.T) {
	var refused atomic.Int32
	s := testSite(Options{MaxExports: 1, MaxDownloads: 2, Refused: func(context.Context) { refused.Add(1) }})
	release := make(chan struct{})
	s.exportRun = func(_ context.Context, w io.Writer, f export.Format, filter export.Filter) error {
		if len(filter.Actors) > 0 && filter.Actors[0] == "trump" {
			<-release
		}
		_, err := fmt.Fprintf(w, "export of %s", f)
		return err
	}
	srv := httptest.NewServer(s)
	defer srv.Close()
	get := func(path string) (*http.Response, string) {
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp, string(b)
	}
	if _, b := get("/export?format=csv"); b != "export of csv" {
		t.Fatalf("first export: %q", b)
	}
	writing := make(chan string, 2)
	for range 2 {
		go func() {
			_, b := get("/export?format=gexf&actors=trump")
			writing <- b
		}()
	}
	time.Sleep(200 * time.Millisecond) // one writes, the other waits for it
	resp, b := get("/export?format=gexf&actors=witkoff")
	if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") != "5" || !strings.Contains(b, "too many exports being written") || refused.Load() != 1 {
		t.Errorf("another export while one is written: %d, Retry-After %q, %q, %d refused", resp.StatusCode, resp.Header.Get("Retry-After"), b, refused.Load())
	}
	if resp, b := get("/export?format=csv"); resp.StatusCode != 200 || b != "export of csv" {
		t.Errorf("a cached export while one is written: %d %q", resp.StatusCode, b)
	}
	close(release)
	for range 2 {
		if b := <-writing; b != "export of gexf" {
			t.Errorf("the export written: %q", b)
		}
	}
	if resp, b := get("/export?format=gexf&actors=witkoff"); resp.StatusCode != 200 || b != "export of gexf" {
		t.Errorf("after the writing ended: %d %q", resp.StatusCode, b)
	}
	// Downloads of written exports have their own limit: one writes and
	// two wait on it here, holding both downloads; another is refused.
	release = make(chan struct{})
	writing = make(chan string, 3)
	for range 3 {
		go func() {
			_, b := get("/export?format=gexf&actors=trump&hops=2")
			writing <- b
		}()
	}
	time.Sleep(200 * time.Millisecond)
	if resp, b := get("/export?format=csv"); resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(b, "too many downloads") {
		t.Errorf("a download beyond the limit: %d %q", resp.StatusCode, b)
	}
	close(release)
	for range 3 {
		<-writing
	}
}
