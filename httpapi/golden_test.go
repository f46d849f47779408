package httpapi_test

import (
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestQueriesAgainstGolden sends every document in testdata/queries over
// HTTP to the API on the curated fixtures and compares the whole data with
// the reviewed file in testdata/golden.
func TestQueriesAgainstGolden(t *testing.T) {
	queriesAgainstGolden(t, newAPI(t))
}

// queriesAgainstGolden runs every query document as a subtest of its own.
func queriesAgainstGolden(t *testing.T, a *api) {
	t.Helper()
	files, err := filepath.Glob("testdata/queries/*.graphql")
	if err != nil || len(files) == 0 {
		t.Fatalf("no query documents: %v", err)
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".graphql")
		t.Run(name, func(t *testing.T) {
			doc, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			r := a.post(string(doc), nil)
			if r.Status != http.StatusOK || len(r.Errors) > 0 {
				t.Fatalf("status %d, errors %+v", r.Status, r.Errors)
			}
			golden(t, name, r.Data)
		})
	}
}

// TestGetServesQueries checks that a query sent with GET answers as POST does.
func TestGetServesQueries(t *testing.T) {
	a := newAPI(t)
	doc, err := os.ReadFile("testdata/queries/event-full.graphql")
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.Get(a.srv.URL + "/graphql?query=" + url.QueryEscape(string(doc)))
	if err != nil {
		t.Fatal(err)
	}
	r := a.read(resp)
	if r.Status != http.StatusOK || len(r.Errors) > 0 {
		t.Fatalf("GET: status %d, errors %+v", r.Status, r.Errors)
	}
	golden(t, "event-full", r.Data)
}
