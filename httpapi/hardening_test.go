package httpapi_test

import (
	"bytes"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/99designs/gqlgen/graphql/introspection"

	"github.com/diplograph/diplograph/httpapi"
	"github.com/diplograph/diplograph/neo4jtest"
)

// fragmentBomb is about a kilobyte: n fragments, each spreading the next
// twice, the last selecting plans { id }; a walk that does not memoise
// fragments visits 2^n fields.
func fragmentBomb(n int) string {
	var b strings.Builder
	b.WriteString("{ ...F0 }\n")
	for i := range n {
		fmt.Fprintf(&b, "fragment F%d on Query { ...F%d ...F%d }\n", i, i+1, i+1)
	}
	fmt.Fprintf(&b, "fragment F%d on Query { plans { id } }\n", n)
	return b.String()
}

func TestLimitsCannotBeBypassed(t *testing.T) {
	db := neo4jtest.Open(t)
	loadFixtures(t, db.Store)
	a := serveWith(t, db, db.Store, httpapi.Options{Limits: httpapi.DefaultLimits})

	t.Run("fragment spreads are measured in linear time", func(t *testing.T) {
		start := time.Now()
		r := a.post(fragmentBomb(27), nil)
		elapsed := time.Since(start)
		if len(r.Errors) != 1 || r.Errors[0].code() != "QUERY_TOO_COMPLEX" {
			t.Errorf("errors = %+v, want QUERY_TOO_COMPLEX", r.Errors)
		}
		if elapsed > time.Second {
			t.Errorf("refusing took %s", elapsed)
		}
		if r.statements() != 0 {
			t.Errorf("a refused operation sent %d statements", r.statements())
		}
	})

	t.Run("introspection is measured", func(t *testing.T) {
		var b strings.Builder
		// 600 aliases (the size of the report) are over the token limit;
		// 100 are over the field limit.
		for n, code := range map[int]string{600: "GRAPHQL_PARSE_FAILED", 100: "QUERY_TOO_COMPLEX"} {
			b.Reset()
			b.WriteString("{ ")
			for i := range n {
				fmt.Fprintf(&b, "a%d: __schema { types { name fields { name type { name } } } } ", i)
			}
			b.WriteString("}")
			if r := a.post(b.String(), nil); len(r.Errors) != 1 || r.Errors[0].code() != code || r.Data != nil && string(r.Data) != "null" {
				t.Errorf("%d aliases of __schema: errors %+v, %d bytes of data; want %s", n, r.Errors, len(r.Data), code)
			}
		}
		b.Reset()
		b.WriteString("{ ")
		for i := range 20 {
			fmt.Fprintf(&b, "a%d: __schema { types { fields { args { name } type { fields { args { name } } } } } } ", i)
		}
		b.WriteString("}")
		if r := a.post(b.String(), nil); len(r.Errors) != 1 || !strings.Contains(r.Errors[0].Message, "complexity") {
			t.Errorf("20 aliases of __schema (under the field limit): errors %+v, %d bytes of data", r.Errors, len(r.Data))
		}
	})

	t.Run("GraphiQL's introspection passes", func(t *testing.T) {
		// graphiql.graphql is graphql-js 16's getIntrospectionQuery({
		// inputValueDeprecation: true }), what GraphiQL sends.
		graphiql, err := os.ReadFile("testdata/introspection/graphiql.graphql")
		if err != nil {
			t.Fatal(err)
		}
		for name, q := range map[string]string{"graphql-js (GraphiQL)": string(graphiql), "gqlgen": introspection.Query} {
			r := a.post(q, nil)
			if len(r.Errors) > 0 || !strings.Contains(string(r.Data), `"queryType"`) {
				t.Errorf("%s introspection: %+v", name, r.Errors)
			}
		}
	})

	t.Run("GET has the body's cap", func(t *testing.T) {
		q := `{ actor(id: "trump") { name } } # ` + strings.Repeat("x", 70<<10)
		r := a.read(a.do("GET", "/graphql?query="+urlQuery(q), nil, nil))
		if r.Status != http.StatusRequestURITooLong || len(r.Errors) != 1 || r.Errors[0].code() != "PAYLOAD_TOO_LARGE" {
			t.Errorf("status %d, errors %+v; want 414 PAYLOAD_TOO_LARGE", r.Status, r.Errors)
		}
	})

	t.Run("copies of one field are refused before validation", func(t *testing.T) {
		// Validation compares same-named fields pairwise: this took two
		// seconds to validate, and __typename was not counted.
		start := time.Now()
		r := a.post("{ "+strings.Repeat("__typename ", 4990)+"}", nil)
		if len(r.Errors) != 1 || r.Errors[0].code() != "QUERY_TOO_COMPLEX" {
			t.Errorf("errors = %+v, want QUERY_TOO_COMPLEX", r.Errors)
		}
		if elapsed := time.Since(start); elapsed > 500*time.Millisecond {
			t.Errorf("refusing took %s", elapsed)
		}
	})

	t.Run("parsing stops at the token limit", func(t *testing.T) {
		q := "{ " + strings.Repeat("a ", 20000) + "}"
		r := a.post(q, nil)
		if len(r.Errors) != 1 || r.Errors[0].code() != "GRAPHQL_PARSE_FAILED" {
			t.Errorf("errors = %+v, want GRAPHQL_PARSE_FAILED", r.Errors)
		}
	})
}

// TestClientErrorsAreClientErrors sends what is not a GraphQL request: each
// gets a 4xx with BAD_REQUEST, and nothing of the body reaches the log.
func TestClientErrorsAreClientErrors(t *testing.T) {
	db := neo4jtest.Open(t)
	var logs bytes.Buffer
	a := serveWith(t, db, db.Store, httpapi.Options{Logger: slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))})
	const secret = "dg_s3cr3tS3CR3Ts3cr3tS3CR3T"
	batch := `[{"query":"{ plans { id } }","variables":{"key":"` + secret + `"}}` + strings.Repeat(`,{"query":"{plans{id}}"}`, 999) + "]"
	json := map[string]string{"Content-Type": "application/json"}
	tests := []struct {
		name, method, path, body string
		header                   map[string]string
		status                   int
	}{
		{"malformed JSON", "POST", "/graphql", `{"query": "{ plans { id } }", "variables": {"key": "` + secret + `"`, json, 400},
		{"batch", "POST", "/graphql", batch, json, 400},
		{"NUL in the body", "POST", "/graphql", "{\"query\": \"{ plans { id } }\x00\", \"key\": \"" + secret + "\"}", json, 400},
		{"variables as a string", "POST", "/graphql", `{"query": "{ plans { id } }", "variables": "{\"key\": \"` + secret + `\"}"}`, json, 400},
		{"query as a number", "POST", "/graphql", `{"query": 7}`, json, 400},
		{"wrong content type", "POST", "/graphql", `{"query": "{ plans { id } }"}`, map[string]string{"Content-Type": "text/plain"}, 400},
		{"form", "POST", "/graphql", `query=%7B+plans+%7B+id+%7D+%7D`, map[string]string{"Content-Type": "application/x-www-form-urlencoded"}, 400},
		{"GET variables as a string", "GET", "/graphql?query=" + urlQuery(`{ plans { id } }`) + "&variables=" + urlQuery(`"`+secret+`"`), "", nil, 400},
		{"GET malformed variables", "GET", "/graphql?query=" + urlQuery(`{ plans { id } }`) + "&variables=" + urlQuery(`{"key": `), "", nil, 400},
		{"PUT", "PUT", "/graphql", `{"query": "{ plans { id } }"}`, json, 405},
		{"DELETE", "DELETE", "/graphql", "", nil, 405},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var body []byte
			if tt.body != "" {
				body = []byte(tt.body)
			}
			req, err := http.NewRequest(tt.method, a.srv.URL+tt.path, bytes.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			for k, v := range tt.header {
				req.Header.Set(k, v)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			r := a.read(resp)
			if r.Status != tt.status || len(r.Errors) != 1 || r.Errors[0].code() != "BAD_REQUEST" {
				t.Errorf("status %d, errors %+v; want %d BAD_REQUEST", r.Status, r.Errors, tt.status)
			}
			if tt.status == http.StatusMethodNotAllowed && r.Header.Get("Allow") != "GET, POST" {
				t.Errorf("Allow = %q, want GET, POST", r.Header.Get("Allow"))
			}
			if strings.Contains(string(r.Raw), secret) {
				t.Errorf("the answer quotes the body: %s", r.Raw)
			}
		})
	}
	if strings.Contains(logs.String(), secret) || strings.Contains(logs.String(), "plans { id }") {
		t.Errorf("the log quotes request bodies:\n%.2000s", logs.String())
	}
}

// TestEmptyPageEndsPaging: first: 0 has no cursor to continue from, so it
// says there is no next page rather than sending the client back to the
// start.
func TestEmptyPageEndsPaging(t *testing.T) {
	a := newAPI(t)
	for _, q := range []string{
		`{ events(first: 0) { nodes { id } pageInfo { hasNextPage endCursor } } }`,
		`{ actors(first: 0) { nodes { id } pageInfo { hasNextPage endCursor } } }`,
		`{ actor(id: "trump") { events(first: 0) { nodes { id } pageInfo { hasNextPage endCursor } } } }`,
	} {
		r := a.post(q, nil)
		if len(r.Errors) > 0 {
			t.Fatalf("%s: %+v", q, r.Errors)
		}
		if !strings.Contains(string(r.Data), `"nodes":[]`) || !strings.Contains(string(r.Data), `"pageInfo":{"hasNextPage":false,"endCursor":null}`) {
			t.Errorf("%s: %s, want an empty page with hasNextPage false", q, r.Data)
		}
	}
}
