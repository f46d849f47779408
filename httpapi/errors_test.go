package httpapi_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/diplograph/diplograph/neo4jtest"
	"github.com/diplograph/diplograph/store"
)

func TestErrorCodes(t *testing.T) {
	a := newAPI(t)
	endCursor := func() string {
		r := a.post(`{ events(first: 1) { pageInfo { endCursor } } }`, nil)
		c := strings.Split(string(r.Data), `"endCursor":"`)
		return strings.Split(c[1], `"`)[0]
	}()
	tests := []struct {
		name, query string
		vars        map[string]any
		code        string
		message     string
	}{
		{"unknown actor", `{ actor(id: "nobody") { id } }`, nil, "NOT_FOUND", `actor "nobody" not found`},
		{"unknown node", `{ node(id: "nobody") { id } }`, nil, "NOT_FOUND", `node "nobody" not found`},
		{"unknown plan version in a diff", `{ planDiff(from: "plan-28-point", to: "nope") { added { id } } }`, nil, "NOT_FOUND", `plan version "nope" not found`},
		{"unknown actor in a path", `{ paths(from: "trump", to: "nope") { actors { id } } }`, nil, "NOT_FOUND", `actor "nope" not found`},
		{"unknown first actor in a path", `{ paths(from: "nope", to: "trump") { actors { id } } }`, nil, "NOT_FOUND", `actor "nope" not found`},
		{"bad cursor", `query($c: String) { events(after: $c) { nodes { id } } }`, map[string]any{"c": "not-a-cursor"}, "BAD_USER_INPUT", "invalid cursor"},
		{"cursor of another list", `query($c: String) { actors(after: $c) { nodes { id } } }`, map[string]any{"c": endCursor}, "BAD_USER_INPUT", "for this list"},
		{"page size over the maximum", `{ events(first: 101) { nodes { id } } }`, nil, "BAD_USER_INPUT", "first must be between 0 and 100"},
		{"negative page size", `{ actor(id: "trump") { events(first: -1) { nodes { id } } } }`, nil, "BAD_USER_INPUT", "first must be between 0 and 100"},
		{"unknown id format", `{ event(id: "Trump Putin call") { id } }`, nil, "BAD_USER_INPUT", "is not a diplograph id"},
		{"inverted date range", `{ timeline(filter: { dates: { from: "2025-11-30", to: "2025-10-01" } }) { nodes { id } } }`, nil, "BAD_USER_INPUT", "date range ends (2025-10-01) before it starts (2025-11-30)"},
		{"malformed date", `{ timeline(filter: { dates: { from: "October 2025" } }) { nodes { id } } }`, nil, "BAD_USER_INPUT", "Date must be YYYY-MM-DD"},
		{"one actor is no meeting", `{ meetings(between: ["trump"]) { nodes { id } } }`, nil, "BAD_USER_INPUT", "at least two actors"},
		{"hops out of range", `{ network(filter: { actors: ["trump"], hops: 9 }) { nodes { actor { id } } } }`, nil, "BAD_USER_INPUT", "hops must be between 1 and 3"},
		{"path to oneself", `{ paths(from: "trump", to: "trump") { actors { id } } }`, nil, "BAD_USER_INPUT", "the same actor"},
		{"search text too long", `query($q: String!) { search(query: $q) { kind } }`, map[string]any{"q": strings.Repeat("a", 201)}, "BAD_USER_INPUT", "over the limit of 200"},
		{"search with no words", `{ search(query: "  ?!  ") { kind } }`, nil, "BAD_USER_INPUT", "at least one word"},
		{"unknown field", `{ actor(id: "trump") { shoeSize } }`, nil, "GRAPHQL_VALIDATION_FAILED", "Cannot query field"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := a.post(tt.query, tt.vars)
			if len(r.Errors) == 0 {
				t.Fatalf("no error; data %s", r.Data)
			}
			e := r.Errors[0]
			if e.code() != tt.code || !strings.Contains(e.Message, tt.message) {
				t.Errorf("error = %q (%s), want code %s and a message containing %q", e.Message, e.code(), tt.code, tt.message)
			}
		})
	}
}

// TestUnavailableIsQuick points the API at an address where no Neo4j
// listens: queries answer UNAVAILABLE within a couple of seconds, and the
// readiness check says 503 while liveness stays 200.
func TestUnavailableIsQuick(t *testing.T) {
	cfg := neo4jtest.Config(t)
	cfg.URI = "bolt://127.0.0.1:1"
	cfg.ConnectTimeout, cfg.RetryTime = time.Second, time.Second
	st, err := store.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	a := serve(t, nil, st)
	start := time.Now()
	r := a.post(`{ actor(id: "trump") { name } }`, nil)
	elapsed := time.Since(start)
	if len(r.Errors) != 1 || r.Errors[0].code() != "UNAVAILABLE" {
		t.Fatalf("errors = %+v, want one UNAVAILABLE", r.Errors)
	}
	if elapsed > 3*time.Second {
		t.Errorf("UNAVAILABLE took %s; want it within a couple of seconds", elapsed)
	}
	if strings.Contains(string(r.Raw), "127.0.0.1:1") || strings.Contains(string(r.Raw), "connect") {
		t.Errorf("the response leaks connection detail: %s", r.Raw)
	}
	for path, want := range map[string]int{"/healthz": http.StatusOK, "/readyz": http.StatusServiceUnavailable} {
		resp, err := http.Get(a.srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("%s = %d, want %d", path, resp.StatusCode, want)
		}
	}
}

// TestInternalErrorsLeakNothing makes Neo4j fail in a way no client can
// cause (a database that does not exist) and checks the client sees
// INTERNAL and a generic message, not the driver's words.
func TestInternalErrorsLeakNothing(t *testing.T) {
	db := neo4jtest.Open(t)
	cfg := db.Config
	cfg.Database = "nosuchdatabase"
	st, err := store.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	a := serve(t, db, st)
	r := a.post(`{ actor(id: "trump") { name } }`, nil)
	if len(r.Errors) != 1 || r.Errors[0].code() != "INTERNAL" || r.Errors[0].Message != "internal error" {
		t.Fatalf("errors = %+v, want one INTERNAL 'internal error'", r.Errors)
	}
	for _, leak := range []string{"nosuchdatabase", "Neo", "MATCH", "goroutine", ".go:"} {
		if strings.Contains(string(r.Raw), leak) {
			t.Errorf("response leaks %q: %s", leak, r.Raw)
		}
	}
}

func TestGetRefusesMutations(t *testing.T) {
	a := newAPI(t)
	resp, err := http.Get(a.srv.URL + "/graphql?query=" + url.QueryEscape(`mutation { load(path: "x") }`))
	if err != nil {
		t.Fatal(err)
	}
	r := a.read(resp)
	if r.Data != nil && string(r.Data) != "null" {
		t.Errorf("a mutation over GET returned data: %s", r.Data)
	}
	if len(r.Errors) == 0 || !strings.Contains(strings.ToLower(r.Errors[0].Message), "mutation") {
		t.Errorf("errors = %+v, want a refusal that names the mutation", r.Errors)
	}
	if r.Status == http.StatusOK {
		t.Errorf("status 200 for a refused mutation")
	}
}
