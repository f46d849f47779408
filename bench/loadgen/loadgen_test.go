package loadgen_test

import (
	"context"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/diplograph/diplograph/bench/loadgen"
	"github.com/diplograph/diplograph/httpapi"
	"github.com/diplograph/diplograph/loader"
	"github.com/diplograph/diplograph/neo4jtest"
)

// TestDashboardMixSmoke sends the soak's mix eight times over against the API
// on the fixtures, so the load generator and its operations cannot rot. It is
// bounded by count, not time, so a slow machine only makes it slower.
func TestDashboardMixSmoke(t *testing.T) {
	db := neo4jtest.Open(t)
	in, err := loader.Read([]string{"../../fixtures"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := in.Write(context.Background(), db.Store, loader.Options{}); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(httpapi.New(db.Store, httpapi.Options{}))
	defer srv.Close()
	results, err := loadgen.Run(context.Background(), loadgen.Config{URL: srv.URL + "/graphql", Ops: loadgen.DashboardMix, Concurrency: 4, Duration: time.Minute, MaxRequests: 8 * len(loadgen.DashboardMix)})
	if err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + loadgen.Table(results))
	for _, r := range results {
		if r.OK == 0 || r.Failures() > 0 {
			t.Errorf("%s: %d ok, %d failures (first: %s)", r.Op, r.OK, r.Failures(), r.FirstError)
		}
	}
}
