package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	"github.com/diplograph/diplograph/httpapi"
	"github.com/diplograph/diplograph/metrics"
	"github.com/diplograph/diplograph/neo4jtest"
	"github.com/diplograph/diplograph/store"
	"github.com/diplograph/diplograph/tracing"
)

func gql(name, query string) []byte {
	b, _ := json.Marshal(map[string]any{"query": query, "operationName": name})
	return b
}

// After known traffic, /metrics shows it: operations by name and code,
// requests by route and status, statements by their registered names.
func TestMetricsAfterKnownTraffic(t *testing.T) {
	db := neo4jtest.Open(t)
	loadFixtures(t, db.Store, "testdata/fidelity")
	m := metrics.New(metrics.Build{Version: "test"})
	a := serveWith(t, db, db.Store, httpapi.Options{Metrics: m, MetricsOnAPI: true})
	for range 2 {
		a.do(http.MethodPost, "/graphql", gql("Timeline", `query Timeline { timeline(first: 5) { nodes { id } } }`), nil).Body.Close()
	}
	a.do(http.MethodPost, "/graphql", gql("Missing", `query Missing { event(id: "BAD ID") { id } }`), nil).Body.Close()

	resp := a.do(http.MethodGet, "/metrics", nil, nil)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	text := string(body)
	for _, want := range []string{
		`diplograph_graphql_operations_total{code="ok",operation="Timeline"} 2`,
		`diplograph_graphql_operations_total{code="BAD_USER_INPUT",operation="Missing"} 1`,
		`diplograph_http_requests_total{code="200",method="post",route="/graphql"} 3`,
		`diplograph_neo4j_statements_per_request_count 3`,
		`diplograph_build_info{commit="",goversion=`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	if !strings.Contains(text, `diplograph_neo4j_statements_total{outcome="ok",statement="events"}`) {
		t.Errorf("/metrics counts no events statement:\n%s", grep(text, "neo4j_statements_total"))
	}
	problems, err := testutil.GatherAndLint(m.Registry)
	if err != nil || len(problems) > 0 {
		t.Errorf("lint: %v %v", err, problems)
	}
}

func grep(text, s string) string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		if strings.Contains(l, s) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// One request's spans: the HTTP request, its GraphQL operation under it,
// and the operation's statements under that.
func TestOneRequestsSpanTree(t *testing.T) {
	db := neo4jtest.Open(t)
	loadFixtures(t, db.Store, "testdata/fidelity")
	rec := tracetest.NewSpanRecorder()
	tr := tracing.New(rec, "diplograph", "test")
	a := serveWith(t, db, db.Store, httpapi.Options{Tracer: tr})
	a.do(http.MethodPost, "/graphql", gql("Page", `query Page { event(id: "meeting-miami") { id participants { actor { id } } sources { quote } } }`), nil).Body.Close()
	_ = tr.Shutdown(context.Background())

	byID := map[string]sdktrace.ReadOnlySpan{}
	var root, op sdktrace.ReadOnlySpan
	var statements []sdktrace.ReadOnlySpan
	for _, s := range rec.Ended() {
		byID[s.SpanContext().SpanID().String()] = s
		switch {
		case s.Name() == "POST /graphql":
			root = s
		case s.Name() == "graphql query Page":
			op = s
		case strings.HasPrefix(s.Name(), "neo4j "):
			statements = append(statements, s)
		}
	}
	if root == nil || op == nil || len(statements) == 0 {
		t.Fatalf("spans: root %v, operation %v, %d statements", root != nil, op != nil, len(statements))
	}
	if op.Parent().SpanID() != root.SpanContext().SpanID() {
		t.Error("the operation's span is not under the request's")
	}
	for _, s := range statements {
		if s.Parent().SpanID() != op.SpanContext().SpanID() {
			t.Errorf("%s is under %v, not the operation", s.Name(), byID[s.Parent().SpanID().String()])
		}
	}
}

// The request id: the client's when it sends one, else made up; in the
// response, in GraphQL errors and on the log lines about the request.
func TestRequestIDReachesErrorsAndLogs(t *testing.T) {
	db := neo4jtest.Open(t)
	var logs bytes.Buffer
	log := slog.New(httpapi.RequestIDLogs(slog.NewJSONHandler(&logs, nil)))
	a := serveWith(t, db, db.Store, httpapi.Options{Logger: log})

	resp := a.do(http.MethodPost, "/graphql", gql("", `{ node(id: "x") { id } }`), map[string]string{"X-Request-Id": "reader-report-42"})
	var body struct {
		Errors []struct{ Extensions map[string]any }
	}
	_ = json.NewDecoder(resp.Body).Decode(&body)
	resp.Body.Close()
	if got := resp.Header.Get("X-Request-Id"); got != "reader-report-42" {
		t.Errorf("X-Request-Id %q", got)
	}
	if len(body.Errors) == 0 || body.Errors[0].Extensions["requestId"] != "reader-report-42" {
		t.Errorf("errors %+v lack the request id", body.Errors)
	}

	// A hostile id is replaced, not echoed.
	resp = a.do(http.MethodGet, "/healthz", nil, map[string]string{"X-Request-Id": "<script>" + strings.Repeat("x", 80)})
	resp.Body.Close()
	if got := resp.Header.Get("X-Request-Id"); len(got) != 16 || strings.Contains(got, "<") {
		t.Errorf("generated X-Request-Id %q", got)
	}

	// A failing resolver logs with the id (a closed store fails every read).
	closed := db.Config
	closed.URI = "bolt://127.0.0.1:1"
	closed.ConnectTimeout, closed.RetryTime = time.Second, time.Second
	st2, err := store.New(closed)
	if err != nil {
		t.Fatal(err)
	}
	b := serveWith(t, db, st2, httpapi.Options{Logger: log})
	b.do(http.MethodPost, "/graphql", gql("", `{ actors { nodes { id } } }`), map[string]string{"X-Request-Id": "outage-7"}).Body.Close()
	if !strings.Contains(logs.String(), `"request_id":"outage-7"`) {
		t.Errorf("no log line carries the request id:\n%s", logs.String())
	}
}

// Refusals are counted by code: a limit gqlgen's extensions enforce, and a
// rate limit the HTTP layer enforces.
func TestRefusalsAreCounted(t *testing.T) {
	db := neo4jtest.Open(t)
	m := metrics.New(metrics.Build{})
	a := serveWith(t, db, db.Store, httpapi.Options{Metrics: m, MetricsOnAPI: true,
		Limits:    httpapi.Limits{MaxComplexity: 1 << 20, MaxDepth: 3, MaxFields: 500},
		RateLimit: httpapi.RateLimit{Rate: 0.001, Burst: 2}})
	deep := gql("", `{ actor(id: "x") { roles { for { roles { id } } } } }`)
	codes := []int{}
	for range 3 {
		resp := a.do(http.MethodPost, "/graphql", deep, nil)
		codes = append(codes, resp.StatusCode)
		resp.Body.Close()
	}
	if codes[2] != http.StatusTooManyRequests {
		t.Fatalf("statuses %v: the third request should be rate limited", codes)
	}
	got := refusals(t, m)
	if got["QUERY_TOO_DEEP"] != 2 || got["RATE_LIMITED"] != 1 {
		t.Errorf("refusals %v, want 2 QUERY_TOO_DEEP and 1 RATE_LIMITED", got)
	}
}

// Without MetricsOnAPI (production, or a separate metrics address) the
// public handler does not serve /metrics.
func TestMetricsOffThePublicHandler(t *testing.T) {
	db := neo4jtest.Open(t)
	a := serveWith(t, db, db.Store, httpapi.Options{Metrics: metrics.New(metrics.Build{})})
	resp := a.do(http.MethodGet, "/metrics", nil, nil)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode == http.StatusOK || strings.Contains(string(body), "diplograph_build_info") {
		t.Errorf("/metrics answered %d with the series on the public handler", resp.StatusCode)
	}
}
