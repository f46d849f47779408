package httpapi_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/diplograph/diplograph/httpapi"
	"github.com/diplograph/diplograph/neo4jtest"
)

const planTitle = `query($id: ID!) { event(id: $id) { title } }`

func title(t *testing.T, r response) string {
	t.Helper()
	var d struct {
		Event *struct{ Title string } `json:"event"`
	}
	if err := json.Unmarshal(r.Data, &d); err != nil || d.Event == nil {
		t.Fatalf("no event in %s (%v)", r.Raw, err)
	}
	return d.Event.Title
}

// A repeated query is answered from the cache with one statement (the
// graph's version), until a load changes the graph; answers with errors
// are never kept.
func TestAnswerCache(t *testing.T) {
	db := neo4jtest.Open(t)
	loadFixtures(t, db.Store)
	a := serveWith(t, db, db.Store, httpapi.Options{AnswerCacheBytes: 1 << 20})
	vars := map[string]any{"id": "release-2025-20-point-plan"}

	first := a.post(planTitle, vars)
	if title(t, first) != "20-point Trump peace plan" || first.statements() < 2 {
		t.Fatalf("first answer: %s, %d statements", first.Raw, first.statements())
	}
	again := a.post(planTitle, vars)
	if !bytes.Equal(again.Data, first.Data) || again.statements() != 1 {
		t.Fatalf("repeated: %s with %d statements, want the first answer with 1 (the version)", again.Raw, again.statements())
	}
	other := a.post(planTitle, map[string]any{"id": "meeting-2025-08-06-putin-witkoff"})
	if bytes.Equal(other.Data, first.Data) || other.statements() < 2 {
		t.Fatalf("other variables: %s with %d statements, want another answer from Neo4j", other.Raw, other.statements())
	}

	loadFixtures(t, db.Store, editedFixtures(t))
	after := a.post(planTitle, vars)
	if title(t, after) != "The 20-point Trump peace plan" || after.statements() < 2 {
		t.Fatalf("after a load: %s with %d statements, want the new title from Neo4j", after.Raw, after.statements())
	}
	if again := a.post(planTitle, vars); !bytes.Equal(again.Data, after.Data) || again.statements() != 1 {
		t.Fatalf("repeated after the load: %s with %d statements", again.Raw, again.statements())
	}

	for i := 0; i < 2; i++ {
		r := a.post(`{ event(id: "no-such-event") { title } }`, nil)
		if len(r.Errors) == 0 || r.statements() < 2 {
			t.Fatalf("an answer with errors, sent twice: %s with %d statements, want errors from Neo4j each time", r.Raw, r.statements())
		}
	}
}

// GET answers carry an ETag; the same tag is answered 304 with no body
// until a load changes the graph. POST answers carry none.
func TestAnswerETag(t *testing.T) {
	db := neo4jtest.Open(t)
	loadFixtures(t, db.Store)
	a := serveWith(t, db, db.Store, httpapi.Options{AnswerCacheBytes: 1 << 20})
	path := "/graphql?query=" + urlQuery(`{ event(id: "release-2025-20-point-plan") { title } }`)
	get := func(ifNoneMatch string) (*http.Response, []byte) {
		t.Helper()
		h := map[string]string{}
		if ifNoneMatch != "" {
			h["If-None-Match"] = ifNoneMatch
		}
		resp := a.do(http.MethodGet, path, nil, h)
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp, body
	}

	resp, body := get("")
	tag := resp.Header.Get("ETag")
	if resp.StatusCode != http.StatusOK || tag == "" || resp.Header.Get("Cache-Control") != "no-cache" || !strings.Contains(string(body), "20-point") {
		t.Fatalf("GET: %d, ETag %q, Cache-Control %q: %s", resp.StatusCode, tag, resp.Header.Get("Cache-Control"), body)
	}
	resp, body = get(`"other", ` + tag)
	if resp.StatusCode != http.StatusNotModified || len(body) != 0 || resp.Header.Get("ETag") != tag {
		t.Fatalf("GET with If-None-Match naming the tag: %d, ETag %q, body %q; want 304 with the tag and no body", resp.StatusCode, resp.Header.Get("ETag"), body)
	}
	if resp, _ := get(`"other"`); resp.StatusCode != http.StatusOK {
		t.Fatalf("GET with another tag: %d, want 200", resp.StatusCode)
	}
	if r := a.read(a.do(http.MethodPost, "/graphql", gqlBody(planTitle, map[string]any{"id": "release-2025-20-point-plan"}, nil), nil)); r.Header.Get("ETag") != "" {
		t.Fatalf("POST carries an ETag %q", r.Header.Get("ETag"))
	}

	loadFixtures(t, db.Store, editedFixtures(t))
	resp, body = get(tag)
	if resp.StatusCode != http.StatusOK || resp.Header.Get("ETag") == tag || !strings.Contains(string(body), "The 20-point") {
		t.Fatalf("GET with the old tag after a load: %d, ETag %q: %s; want 200, a new tag and the new title", resp.StatusCode, resp.Header.Get("ETag"), body)
	}

	// Answers that need a key are the caller's own.
	keys := []httpapi.Key{{Name: "reader", SHA256: httpapi.HashKey("read-secret"), Scopes: []string{httpapi.ScopeRead}}}
	private := serveWith(t, db, db.Store, httpapi.Options{AnswerCacheBytes: 1 << 20, Keys: keys, RequireKey: true})
	pr := private.do(http.MethodGet, path, nil, map[string]string{"X-API-Key": "read-secret"})
	pr.Body.Close()
	if pr.StatusCode != http.StatusOK || pr.Header.Get("Cache-Control") != "private, no-cache" {
		t.Fatalf("GET with a required key: %d, Cache-Control %q; want private, no-cache", pr.StatusCode, pr.Header.Get("Cache-Control"))
	}
}
