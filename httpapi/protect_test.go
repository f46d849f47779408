package httpapi_test

import (
	"bytes"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/diplograph/diplograph/httpapi"
	"github.com/diplograph/diplograph/neo4jtest"
)

func TestLimits(t *testing.T) {
	db := neo4jtest.Open(t)
	loadFixtures(t, db.Store)
	a := serveWith(t, db, db.Store, httpapi.Options{Limits: httpapi.DefaultLimits})

	deep := `{ actor(id: "trump") { events { nodes { participants { actor { events { nodes { participants { actor { events { nodes { participants { actor { name } } } } } } } } } } } } } }`
	var many strings.Builder
	many.WriteString("{ ")
	for i := range 160 {
		fmt.Fprintf(&many, "a%d: actor(id: \"trump\") { name } ", i)
	}
	many.WriteString("}")
	tests := []struct {
		name, query, code, message string
	}{
		{"too deep", deep, "QUERY_TOO_DEEP", "nests 14 levels deep; the limit is 12"},
		{"too complex", nestedOperation, "QUERY_TOO_COMPLEX", "complexity is"},
		{"too many fields", many.String(), "QUERY_TOO_COMPLEX", "selects 320 fields; the limit is 300"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := a.post(tt.query, nil)
			if len(r.Errors) != 1 || r.Errors[0].code() != tt.code || !strings.Contains(r.Errors[0].Message, tt.message) {
				t.Fatalf("errors = %+v, want %s containing %q", r.Errors, tt.code, tt.message)
			}
			if r.statements() != 0 {
				t.Errorf("a refused operation sent %d statements", r.statements())
			}
		})
	}
	t.Run("documented queries fit", func(t *testing.T) {
		plans, err := os.ReadFile("testdata/queries/plans.graphql")
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range []string{string(plans),
			`{ actor(id: "witkoff") { events(first: 50) { nodes { participants { actor { id } sources { quote } } sources { quote } } } } }`} {
			if r := a.post(q, nil); len(r.Errors) > 0 {
				t.Errorf("refused %s: %+v", q, r.Errors)
			}
		}
	})
	t.Run("body too large", func(t *testing.T) {
		body := gqlBody(`{ actor(id: "trump") { name } }`, map[string]any{"pad": strings.Repeat("x", 70<<10)}, nil)
		r := a.read(a.do("POST", "/graphql", body, nil))
		if r.Status != http.StatusRequestEntityTooLarge || len(r.Errors) != 1 || r.Errors[0].code() != "PAYLOAD_TOO_LARGE" {
			t.Errorf("status %d, errors %+v; want 413 PAYLOAD_TOO_LARGE", r.Status, r.Errors)
		}
	})
}

// TestRequestTimeout gives an operation that sends six statements in turn
// over ten copies of the fixtures 5 ms to run: it is stopped with TIMEOUT.
// (That Neo4j itself stops a query at the deadline is shown in the store's
// tests with a statement that would run for minutes.)
func TestRequestTimeout(t *testing.T) {
	db := neo4jtest.Open(t)
	loadFixtures(t, db.Store, replicateFixtures(t, 10))
	a := serveWith(t, db, db.Store, httpapi.Options{RequestTimeout: 5 * time.Millisecond})
	r := a.post(nestedOperation, nil)
	if len(r.Errors) == 0 {
		t.Fatal("no error")
	}
	for _, e := range r.Errors {
		if e.code() != "TIMEOUT" {
			t.Errorf("error %q (%s), want TIMEOUT", e.Message, e.code())
		}
	}
}

func TestPersistedQueries(t *testing.T) {
	db := neo4jtest.Open(t)
	loadFixtures(t, db.Store)
	registered := `{ actor(id: "trump") { name } }`
	other := `{ actor(id: "putin") { name } }`
	apq := func(hash string) map[string]any {
		return map[string]any{"persistedQuery": map[string]any{"version": 1, "sha256Hash": hash}}
	}
	send := func(a *api, query, hash string) response {
		return a.read(a.do("POST", "/graphql", gqlBody(query, nil, apq(hash)), nil))
	}

	t.Run("automatic", func(t *testing.T) {
		a := serveWith(t, db, db.Store, httpapi.Options{})
		h := httpapi.QueryHash(other)
		if r := send(a, "", h); len(r.Errors) != 1 || r.Errors[0].code() != "PERSISTED_QUERY_NOT_FOUND" {
			t.Fatalf("unknown hash: %+v", r.Errors)
		}
		if r := send(a, other, h); len(r.Errors) > 0 || !strings.Contains(string(r.Data), "Vladimir Putin") {
			t.Fatalf("query with hash: %s %+v", r.Data, r.Errors)
		}
		if r := send(a, "", h); len(r.Errors) > 0 || !strings.Contains(string(r.Data), "Vladimir Putin") {
			t.Fatalf("hash alone after registering: %s %+v", r.Data, r.Errors)
		}
		if r := send(a, other, strings.Repeat("0", 64)); len(r.Errors) != 1 || r.Errors[0].code() != "BAD_USER_INPUT" {
			t.Errorf("mismatched hash: %+v", r.Errors)
		}
		// GET with the hash alone: what a CDN caches for an embed.
		resp := a.do("GET", "/graphql?extensions="+urlQuery(`{"persistedQuery":{"version":1,"sha256Hash":"`+h+`"}}`), nil, nil)
		if r := a.read(resp); len(r.Errors) > 0 || !strings.Contains(string(r.Data), "Vladimir Putin") {
			t.Errorf("GET by hash: %s %+v", r.Data, r.Errors)
		}
	})
	t.Run("locked", func(t *testing.T) {
		a := serveWith(t, db, db.Store, httpapi.Options{Persisted: map[string]string{httpapi.QueryHash(registered): registered}, PersistedOnly: true})
		if r := send(a, "", httpapi.QueryHash(registered)); len(r.Errors) > 0 || !strings.Contains(string(r.Data), "Donald Trump") {
			t.Fatalf("registered hash: %s %+v", r.Data, r.Errors)
		}
		if r := a.post(registered, nil); len(r.Errors) > 0 {
			t.Errorf("the registered text itself should run: %+v", r.Errors)
		}
		if r := a.post(other, nil); len(r.Errors) != 1 || r.Errors[0].code() != "PERSISTED_QUERY_REQUIRED" {
			t.Errorf("unregistered query: %+v", r.Errors)
		}
		if r := send(a, other, httpapi.QueryHash(other)); len(r.Errors) != 1 || r.Errors[0].code() != "PERSISTED_QUERY_REQUIRED" {
			t.Errorf("registering a new query in locked mode: %+v", r.Errors)
		}
	})
}

func TestProductionSwitches(t *testing.T) {
	db := neo4jtest.Open(t)
	a := serveWith(t, db, db.Store, httpapi.Options{NoIntrospection: true, NoGraphiQL: true})
	if r := a.post(`{ __schema { types { name } } }`, nil); len(r.Errors) == 0 || r.Errors[0].code() != "INTROSPECTION_DISABLED" {
		t.Errorf("introspection while switched off: %s %+v", r.Data, r.Errors)
	}
	resp := a.do("GET", "/graphiql", nil, nil)
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("GET /graphiql = %d with GraphiQL off, want 404", resp.StatusCode)
	}
}

func TestAPIKeys(t *testing.T) {
	db := neo4jtest.Open(t)
	loadFixtures(t, db.Store)
	readKey, adminKey := "dg_reader-secret", "dg_admin-secret"
	keys := []httpapi.Key{
		{Name: "dashboard", SHA256: httpapi.HashKey(readKey), Scopes: []string{"read"}},
		{Name: "editor", SHA256: httpapi.HashKey(adminKey), Scopes: []string{"read", "admin"}},
	}
	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logs, nil))
	query := gqlBody(`{ actor(id: "trump") { name } }`, nil, nil)

	t.Run("public reads, keys for admin", func(t *testing.T) {
		a := serveWith(t, db, db.Store, httpapi.Options{Keys: keys, Fixtures: []string{"../fixtures"}, Logger: log})
		expect(t, a, "POST", "/graphql", query, nil, http.StatusOK, "")
		expect(t, a, "POST", "/graphql", query, map[string]string{"Authorization": "Bearer wrong"}, http.StatusUnauthorized, "UNAUTHENTICATED")
		expect(t, a, "POST", "/admin/reload", nil, nil, http.StatusUnauthorized, "UNAUTHENTICATED")
		expect(t, a, "POST", "/admin/reload", nil, map[string]string{"Authorization": "Bearer " + readKey}, http.StatusForbidden, "FORBIDDEN")
		resp := a.do("POST", "/admin/reload", nil, map[string]string{"X-API-Key": adminKey})
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), `"loaded":true`) || !strings.Contains(string(body), `"changed":false`) {
			t.Errorf("reload with the admin key: %d %s", resp.StatusCode, body)
		}
	})
	t.Run("keys required", func(t *testing.T) {
		a := serveWith(t, db, db.Store, httpapi.Options{Keys: keys, RequireKey: true, Logger: log})
		resp := a.do("POST", "/graphql", query, nil)
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnauthorized || !strings.HasPrefix(resp.Header.Get("WWW-Authenticate"), "Bearer") {
			t.Errorf("no key: %d %q", resp.StatusCode, resp.Header.Get("WWW-Authenticate"))
		}
		expect(t, a, "POST", "/graphql", query, map[string]string{"Authorization": "Bearer " + readKey}, http.StatusOK, "")
		expect(t, a, "GET", "/healthz", nil, nil, http.StatusOK, "")
	})
	for _, secret := range []string{readKey, adminKey, "wrong"} {
		if strings.Contains(logs.String(), secret) {
			t.Errorf("the log holds a key: %s", logs.String())
		}
	}
	if !strings.Contains(logs.String(), "refused") {
		t.Errorf("refusals are not logged: %s", logs.String())
	}
}

func TestCORS(t *testing.T) {
	db := neo4jtest.Open(t)
	a := serveWith(t, db, db.Store, httpapi.Options{CORSOrigins: []string{"https://news.example"}})
	check := func(origin string, want string) {
		resp := a.do("POST", "/graphql", gqlBody(`{ plans { id } }`, nil, nil), map[string]string{"Origin": origin})
		resp.Body.Close()
		if got := resp.Header.Get("Access-Control-Allow-Origin"); got != want {
			t.Errorf("origin %s: Access-Control-Allow-Origin %q, want %q", origin, got, want)
		}
	}
	check("https://news.example", "https://news.example")
	check("https://evil.example", "")
	preflight := func(origin string, want int) {
		resp := a.do("OPTIONS", "/graphql", nil, map[string]string{"Origin": origin, "Access-Control-Request-Method": "POST"})
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("preflight from %s = %d, want %d", origin, resp.StatusCode, want)
		}
	}
	preflight("https://news.example", http.StatusNoContent)
	// Another origin's preflight gets no permission: the browser refuses.
	resp := a.do("OPTIONS", "/graphql", nil, map[string]string{"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"})
	resp.Body.Close()
	if got := resp.Header.Get("Access-Control-Allow-Origin"); got != "" {
		t.Errorf("preflight from another origin allowed %q", got)
	}
	// An answer to a request without Origin may be cached and served to a
	// browser later: it says it varies by Origin.
	resp = a.do("GET", "/graphql?query="+url.QueryEscape(`{ plans { id } }`), nil, nil)
	resp.Body.Close()
	if !slices.Contains(resp.Header.Values("Vary"), "Origin") {
		t.Errorf("Vary %q lacks Origin on an answer to a request without one", resp.Header.Values("Vary"))
	}
}

func TestRateLimit(t *testing.T) {
	db := neo4jtest.Open(t)
	a := serveWith(t, db, db.Store, httpapi.Options{RateLimit: httpapi.RateLimit{Rate: 0.5, Burst: 2}})
	body := gqlBody(`{ plans { id } }`, nil, nil)
	for i := range 2 {
		expect(t, a, "POST", "/graphql", body, nil, http.StatusOK, "")
		_ = i
	}
	resp := a.do("POST", "/graphql", body, nil)
	r := a.read(resp)
	if r.Status != http.StatusTooManyRequests || resp.Header.Get("Retry-After") != "2" || r.Errors[0].code() != "RATE_LIMITED" {
		t.Errorf("third request: %d Retry-After %q %+v; want 429, 2 s, RATE_LIMITED", r.Status, resp.Header.Get("Retry-After"), r.Errors)
	}
	expect(t, a, "GET", "/healthz", nil, nil, http.StatusOK, "")
}

// TestInputIsData sends Cypher-looking, Lucene-looking and oversized
// strings through every string argument: each is answered as data (a
// refusal, nothing found, or an empty list), never INTERNAL, and the graph
// is unchanged.
func TestInputIsData(t *testing.T) {
	a := newAPI(t)
	before := a.db.Snapshot()
	hostile := []string{
		`trump"}) DETACH DELETE n //`,
		`' OR 1=1 //`,
		`MATCH (n) DETACH DELETE n`,
		"} RETURN 1 UNION MATCH (n) RETURN n //",
		`*:*`, `name:(a OR b)`, `"unclosed`, `a~~~~^9999`, `\`, "zel\x00ensky",
		strings.Repeat("witkoff ", 2000),
	}
	queries := []string{
		`query($s: String!) { actor(id: $s) { id } }`,
		`query($s: ID!) { node(id: $s) { id } }`,
		`query($s: ID!) { nodes(ids: [$s, "trump"]) { id } }`,
		`query($s: String!) { search(query: $s) { kind } }`,
		`query($s: String!) { actors(filter: { name: $s }) { totalCount } }`,
		`query($s: String!) { events(after: $s) { totalCount } }`,
		`query($s: ID!) { events(filter: { actors: [$s], places: [$s] }) { totalCount } }`,
		`query($s: ID!) { paths(from: $s, to: "trump") { actors { id } } }`,
		`query($s: ID!) { planDiff(from: $s, to: "plan-28-point") { added { id } } }`,
		`query($s: ID!) { planPoints(filter: { stanceBy: $s, territories: [$s] }) { totalCount } }`,
		`query($s: ID!) { network(filter: { actors: [$s] }) { edges { weight } } }`,
		`query($s: ID!) { meetings(between: [$s, "trump"]) { totalCount } }`,
	}
	for _, q := range queries {
		for _, s := range hostile {
			r := a.post(q, map[string]any{"s": s})
			for _, e := range r.Errors {
				if c := e.code(); c == "INTERNAL" || c == "" {
					t.Errorf("%s with %.40q: %s %q", q, s, c, e.Message)
				}
			}
		}
	}
	if after := a.db.Snapshot(); after != before {
		t.Error("the graph changed")
	}
	// The graph answers real questions afterwards.
	if r := a.post(`{ search(query: "Zelensky", kinds: [ACTOR]) { node { ... on Actor { id } } } }`, nil); !strings.Contains(string(r.Data), "zelenskiy") {
		t.Errorf("search after the hostile input: %s %+v", r.Data, r.Errors)
	}
}

func expect(t *testing.T, a *api, method, path string, body []byte, header map[string]string, status int, code string) {
	t.Helper()
	resp := a.do(method, path, body, header)
	raw, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != status || (code != "" && !strings.Contains(string(raw), `"code":"`+code+`"`)) {
		t.Errorf("%s %s: %d %s; want %d %s", method, path, resp.StatusCode, raw, status, code)
	}
}
