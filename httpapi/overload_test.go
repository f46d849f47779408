package httpapi_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/diplograph/diplograph/httpapi"
	"github.com/diplograph/diplograph/metrics"
	"github.com/diplograph/diplograph/neo4jtest"
	"github.com/diplograph/diplograph/store"
)

// aliases is one request of n aliases of a field that each send a
// statement of their own.
func aliases(n int, field string) string {
	var b strings.Builder
	b.WriteString("{")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, " a%d: %s", i, field)
	}
	b.WriteString(" }")
	return b.String()
}

// Many aliases in several requests at once run within each request's
// bound, so the driver's pool is never exhausted: every alias is answered
// and none reads as UNAVAILABLE (row 6 of the hardening issue: 100 aliases
// of paths, six requests at once).
func TestAliasesDoNotExhaustThePool(t *testing.T) {
	a := newAPI(t)
	query := aliases(100, `paths(from: "witkoff", to: "zelenskiy", maxHops: 6, first: 20) { certainty }`)
	var wg sync.WaitGroup
	results := make([]response, 6)
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = a.post(query, nil)
		}()
	}
	wg.Wait()
	for i, r := range results {
		if r.Status != 200 || len(r.Errors) > 0 {
			t.Fatalf("request %d: HTTP %d, errors %+v", i, r.Status, r.Errors[:min(3, len(r.Errors))])
		}
		if n := answered(t, r); n != 100 {
			t.Fatalf("request %d: %d answers, want 100", i, n)
		}
	}
}

// When the server runs as many transactions as it takes, what finds no
// slot is OVERLOADED: HTTP 503 with Retry-After, and the refusal counted. Neo4j itself is fine, and /readyz says so.
func TestOverloadedIsNotAnOutage(t *testing.T) {
	db := neo4jtest.Open(t)
	loadFixtures(t, db.Store)
	cfg := db.Config
	cfg.MaxInFlight, cfg.OverloadWait = 1, time.Nanosecond
	st, err := store.Open(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close(context.Background())
	m := metrics.New(metrics.Build{})
	a := serveWith(t, db, st, httpapi.Options{Metrics: m, TransactionsPerRequest: 8})
	r := a.post(aliases(40, `events(first: 1) { totalCount }`), nil)
	var overloaded, other int
	for _, e := range r.Errors {
		if e.code() == "OVERLOADED" {
			overloaded++
		} else {
			other++
		}
	}
	if overloaded == 0 || other > 0 {
		t.Fatalf("errors %+v: want OVERLOADED only", r.Errors)
	}
	if r.Status != 503 || r.Header.Get("Retry-After") != "1" {
		t.Errorf("HTTP %d, Retry-After %q: want 503 and 1", r.Status, r.Header.Get("Retry-After"))
	}
	if got := refusals(t, m)["OVERLOADED"]; got != 1 {
		t.Errorf("counted %v OVERLOADED refusals, want 1 (one per request)", got)
	}
	resp := a.do("GET", "/readyz", nil, nil)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("/readyz %d while only busy", resp.StatusCode)
	}
}

// answered counts the aliases with an answer.
func answered(t *testing.T, r response) int {
	t.Helper()
	var data map[string]json.RawMessage
	if err := json.Unmarshal(r.Data, &data); err != nil {
		t.Fatalf("data: %v: %s", err, r.Data)
	}
	n := 0
	for _, v := range data {
		if string(v) != "null" {
			n++
		}
	}
	return n
}

func refusals(t *testing.T, m *metrics.Metrics) map[string]float64 {
	t.Helper()
	families, err := m.Registry.Gather()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]float64{}
	for _, f := range families {
		if f.GetName() != "diplograph_refusals_total" {
			continue
		}
		for _, s := range f.GetMetric() {
			got[s.GetLabel()[0].GetValue()] = s.GetCounter().GetValue()
		}
	}
	return got
}

// A document refused before it is validated (too many fields, or past the
// parser's token limit) is refused the same way when sent again, from the
// refusals remembered, and counted each time.
func TestRepeatedRefusals(t *testing.T) {
	db := neo4jtest.Open(t)
	m := metrics.New(metrics.Build{})
	a := serveWith(t, db, db.Store, httpapi.Options{Metrics: m, Limits: httpapi.Limits{MaxComplexity: 1 << 20, MaxDepth: 12, MaxFields: 50}})
	wide := aliases(60, `plans { id }`)
	var long strings.Builder
	long.WriteString("{")
	for i := 0; i < 1100; i++ {
		fmt.Fprintf(&long, " p%d: plans { id }", i)
	}
	long.WriteString(" }")
	for _, c := range []struct {
		query, code string
		status      int
	}{{wide, "QUERY_TOO_COMPLEX", 200}, {long.String(), "GRAPHQL_PARSE_FAILED", 422}} {
		var first string
		for i := 0; i < 3; i++ {
			r := a.post(c.query, nil)
			if r.Status != c.status || len(r.Errors) != 1 || r.Errors[0].code() != c.code {
				t.Fatalf("%s, try %d: HTTP %d %+v", c.code, i, r.Status, r.Errors)
			}
			if i == 0 {
				first = r.Errors[0].Message
			} else if r.Errors[0].Message != first {
				t.Errorf("%s, try %d: %q, first %q", c.code, i, r.Errors[0].Message, first)
			}
		}
	}
	got := refusals(t, m)
	if got["QUERY_TOO_COMPLEX"] != 3 || got["GRAPHQL_PARSE_FAILED"] != 3 {
		t.Errorf("refusals counted: %v, want 3 of each", got)
	}
}

// Refusals remembered are answered to many clients at once, each with its
// own request id (run with -race to see the sharing this rules out).
func TestRepeatedRefusalsConcurrently(t *testing.T) {
	db := neo4jtest.Open(t)
	a := serveWith(t, db, db.Store, httpapi.Options{Limits: httpapi.Limits{MaxComplexity: 1 << 20, MaxDepth: 12, MaxFields: 50}})
	wide := aliases(60, `plans { id }`)
	ids := make(chan any, 64)
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 8; j++ {
				r := a.post(wide, nil)
				if len(r.Errors) != 1 || r.Errors[0].code() != "QUERY_TOO_COMPLEX" {
					t.Errorf("%+v", r.Errors)
					return
				}
				ids <- r.Errors[0].Extensions["requestId"]
			}
		}()
	}
	wg.Wait()
	close(ids)
	seen := map[any]bool{}
	for id := range ids {
		if seen[id] {
			t.Fatalf("request id %v answered twice", id)
		}
		seen[id] = true
	}
}
