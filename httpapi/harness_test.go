package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/diplograph/diplograph/httpapi"
	"github.com/diplograph/diplograph/loader"
	"github.com/diplograph/diplograph/neo4jtest"
	"github.com/diplograph/diplograph/store"
)

var update = flag.Bool("update", false, "rewrite the golden files from the responses")

// api is a running diplograph API over the test database.
type api struct {
	t   *testing.T
	srv *httptest.Server
	db  *neo4jtest.DB
}

// newAPI empties the test database, loads the given fixture paths and
// serves the API over it, reporting statement counts.
func newAPI(t *testing.T, fixturePaths ...string) *api {
	t.Helper()
	db := neo4jtest.Open(t)
	loadFixtures(t, db.Store, fixturePaths...)
	return serve(t, db, db.Store)
}

func serve(t *testing.T, db *neo4jtest.DB, st *store.Store) *api {
	t.Helper()
	return serveWith(t, db, st, httpapi.Options{})
}

// serveWith serves with options; statement counts are always reported and,
// unless the test sets them, neither rate limits nor cost limits get in the
// way of what the test measures.
func serveWith(t *testing.T, db *neo4jtest.DB, st *store.Store, opts httpapi.Options) *api {
	t.Helper()
	opts.ReportStatements = true
	if opts.Limits == (httpapi.Limits{}) {
		opts.Limits = httpapi.Limits{MaxComplexity: 1 << 30, MaxDepth: 50, MaxFields: 5000}
	}
	srv := httptest.NewServer(httpapi.New(st, opts))
	t.Cleanup(srv.Close)
	return &api{t: t, srv: srv, db: db}
}

// do sends a request with headers and returns the raw response.
func (a *api) do(method, path string, body []byte, header map[string]string) *http.Response {
	a.t.Helper()
	req, err := http.NewRequest(method, a.srv.URL+path, bytes.NewReader(body))
	if err != nil {
		a.t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		a.t.Fatalf("%s %s: %v", method, path, err)
	}
	return resp
}

func gqlBody(query string, vars map[string]any, extensions map[string]any) []byte {
	b, _ := json.Marshal(map[string]any{"query": query, "variables": vars, "extensions": extensions})
	return b
}

func loadFixtures(t *testing.T, st *store.Store, paths ...string) {
	t.Helper()
	if len(paths) == 0 {
		paths = []string{"../fixtures"}
	}
	in, err := loader.Read(paths)
	if err != nil {
		t.Fatalf("read fixtures: %v", err)
	}
	if _, err := in.Write(context.Background(), st, loader.Options{}); err != nil {
		t.Fatalf("load fixtures: %v", err)
	}
}

// response is a GraphQL response with its parts kept raw for comparison.
type response struct {
	Status     int
	Data       json.RawMessage `json:"data"`
	Errors     []responseError `json:"errors"`
	Extensions map[string]any  `json:"extensions"`
	Raw        []byte          `json:"-"`
	Header     http.Header     `json:"-"`
}

type responseError struct {
	Message    string         `json:"message"`
	Path       []any          `json:"path"`
	Extensions map[string]any `json:"extensions"`
}

func (e responseError) code() string {
	c, _ := e.Extensions["code"].(string)
	return c
}

// post sends a GraphQL request as JSON.
func (a *api) post(query string, variables map[string]any) response {
	a.t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": variables})
	resp, err := http.Post(a.srv.URL+"/graphql", "application/json", bytes.NewReader(body))
	if err != nil {
		a.t.Fatalf("POST /graphql: %v", err)
	}
	return a.read(resp)
}

func (a *api) read(resp *http.Response) response {
	a.t.Helper()
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		a.t.Fatalf("read response: %v", err)
	}
	var r response
	if err := json.Unmarshal(raw, &r); err != nil {
		a.t.Fatalf("response is not JSON (%d): %s", resp.StatusCode, raw)
	}
	r.Status, r.Raw, r.Header = resp.StatusCode, raw, resp.Header
	return r
}

func (r response) statements() int64 {
	n, _ := r.Extensions["neo4jStatements"].(float64)
	return int64(n)
}

// golden compares v, as indented JSON, with testdata/golden/NAME.json, or
// rewrites the file under -update.
func golden(t *testing.T, name string, data json.RawMessage) {
	t.Helper()
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatalf("%s: data is not JSON: %v", name, err)
	}
	got, _ := json.MarshalIndent(v, "", "  ")
	got = append(got, '\n')
	path := filepath.Join("testdata", "golden", name+".json")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run 'go test ./httpapi -update' to create it, then review it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from %s (rerun with -update to accept, then review the diff):\n%s", name, path, diffLines(string(want), string(got)))
	}
}

// diffLines shows the first lines where two texts differ, with context.
func diffLines(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		if i < len(w) && i < len(g) && w[i] == g[i] {
			continue
		}
		from := max(0, i-3)
		var b strings.Builder
		for j := from; j < i+6; j++ {
			if j < len(w) {
				fmt.Fprintf(&b, "- %4d %s\n", j+1, w[j])
			}
			if j < len(g) {
				fmt.Fprintf(&b, "+ %4d %s\n", j+1, g[j])
			}
		}
		return b.String()
	}
	return ""
}

func urlQuery(s string) string { return url.QueryEscape(s) }
