package metrics_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"
	dto "github.com/prometheus/client_model/go"

	"github.com/diplograph/diplograph/metrics"
	"github.com/diplograph/diplograph/neo4jtest"
	"github.com/diplograph/diplograph/store"
)

func TestExpositionIsLintClean(t *testing.T) {
	m := metrics.New(metrics.Build{Version: "test", Commit: "abc"})
	m.Operation("Timeline", false, "", time.Millisecond)
	problems, err := testutil.GatherAndLint(m.Registry)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Errorf("lint: %s: %s", p.Metric, p.Text)
	}
	if n := testutil.CollectAndCount(m.Registry, "diplograph_build_info"); n != 1 {
		t.Errorf("build info series: %d", n)
	}
}

// A client naming every request anew must not grow the registry.
func TestOperationNamesAreBounded(t *testing.T) {
	m := metrics.New(metrics.Build{})
	for i := range metrics.MaxOperationNames + 50 {
		m.Operation(fmt.Sprintf("Op%d", i), false, "", time.Millisecond)
	}
	m.Operation("", false, "BAD_USER_INPUT", time.Millisecond)
	m.Operation("Named", true, "", time.Millisecond)
	if n := testutil.CollectAndCount(m.Registry, "diplograph_graphql_operations_total"); n != metrics.MaxOperationNames+3 {
		t.Errorf("%d operation series, want %d named, other, unnamed and persisted", n, metrics.MaxOperationNames+3)
	}
	for _, c := range []struct {
		labels map[string]string
		want   float64
	}{
		{map[string]string{"operation": "other", "code": "ok"}, 50},
		{map[string]string{"operation": "unnamed", "code": "BAD_USER_INPUT"}, 1},
		{map[string]string{"operation": "persisted", "code": "ok"}, 1},
	} {
		if got := value(t, m, "diplograph_graphql_operations_total", c.labels); got != c.want {
			t.Errorf("%v: %v, want %v", c.labels, got, c.want)
		}
	}
}

// value reads one series from the registry: a counter's or gauge's value,
// or a histogram's sample count.
func value(t *testing.T, m *metrics.Metrics, name string, labels map[string]string) float64 {
	t.Helper()
	families, err := m.Registry.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range families {
		if f.GetName() != name {
			continue
		}
	series:
		for _, s := range f.GetMetric() {
			got := map[string]string{}
			for _, l := range s.GetLabel() {
				got[l.GetName()] = l.GetValue()
			}
			for k, v := range labels {
				if got[k] != v {
					continue series
				}
			}
			switch {
			case s.Counter != nil:
				return s.GetCounter().GetValue()
			case s.Gauge != nil:
				return s.GetGauge().GetValue()
			case s.Histogram != nil:
				return float64(s.GetHistogram().GetSampleCount())
			}
		}
	}
	return 0
}

// Every statement sent under the observer is counted by its registered
// name, against the real Neo4j.
func TestStatementsAreObserved(t *testing.T) {
	db := neo4jtest.Open(t)
	m := metrics.New(metrics.Build{})
	ctx := store.WithObserver(context.Background(), m)
	if _, _, err := db.Store.Neighbours(ctx, []string{"no-such-event"}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Store.Overlapping(ctx, []string{"no-such-event"}, 3); err != nil {
		t.Fatal(err)
	}
	if _, _, err := db.Store.Neighbours(ctx, []string{"another"}); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]float64{"neighbours": 2, "overlapping": 1} {
		if got := value(t, m, "diplograph_neo4j_statements_total", map[string]string{"statement": name, "outcome": "ok"}); got != want {
			t.Errorf("%s: %v statements counted, want %v", name, got, want)
		}
		if got := value(t, m, "diplograph_neo4j_statement_duration_seconds", map[string]string{"statement": name}); got != want {
			t.Errorf("%s: %v durations observed, want %v", name, got, want)
		}
	}
	if n := testutil.CollectAndCount(m.Registry, "diplograph_neo4j_statement_duration_seconds"); n != 2 {
		t.Errorf("%d duration series, want one per statement name", n)
	}
	if got := value(t, m, "diplograph_neo4j_statements_in_flight", nil); got != 0 {
		t.Errorf("%v statements still in flight after all were read", got)
	}
}

func TestLoadsAreCounted(t *testing.T) {
	m := metrics.New(metrics.Build{})
	sum := store.Summary{Nodes: map[store.Label]store.Counts{store.LabelEvent: {Created: 3, Unchanged: 2}}, Rels: map[store.RelSpec]store.Counts{}}
	m.Load(sum, time.Second, nil)
	m.Load(store.Summary{}, time.Second, context.DeadlineExceeded)
	if got := value(t, m, "diplograph_load_rows_total", map[string]string{"label": "Event", "outcome": "created"}); got != 3 {
		t.Errorf("created events: %v", got)
	}
	if got := value(t, m, "diplograph_load_runs_total", map[string]string{"result": "changed"}); got != 1 {
		t.Errorf("changed runs: %v", got)
	}
	if got := value(t, m, "diplograph_load_runs_total", map[string]string{"result": "failed"}); got != 1 {
		t.Errorf("failed runs: %v", got)
	}
}

// The Grafana dashboard in docs/ draws only series the server exposes.
func TestDashboardUsesExposedSeries(t *testing.T) {
	m := metrics.New(metrics.Build{})
	m.Operation("Q", false, "", time.Millisecond)
	_, finish := m.Statement(context.Background(), "events")
	finish(1, nil)
	m.StatementsPerRequest(2)
	m.Refused("RATE_LIMITED")
	m.Load(store.Summary{Nodes: map[store.Label]store.Counts{store.LabelEvent: {Created: 1}}}, time.Second, nil)
	srv := httptest.NewServer(m.HTTP("/graphql", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {})))
	defer srv.Close()
	if _, err := http.Get(srv.URL); err != nil {
		t.Fatal(err)
	}
	families, err := m.Registry.Gather()
	if err != nil {
		t.Fatal(err)
	}
	exposed := map[string]bool{}
	for _, f := range families {
		exposed[f.GetName()] = true
		if f.GetType() == dto.MetricType_HISTOGRAM {
			for _, suffix := range []string{"_bucket", "_sum", "_count"} {
				exposed[f.GetName()+suffix] = true
			}
		}
	}
	raw, err := os.ReadFile("../docs/grafana-dashboard.json")
	if err != nil {
		t.Fatal(err)
	}
	var dash struct {
		Panels []struct {
			Title   string
			Targets []struct{ Expr string }
		}
	}
	if err := json.Unmarshal(raw, &dash); err != nil {
		t.Fatalf("docs/grafana-dashboard.json: %v", err)
	}
	names := regexp.MustCompile(`\b(diplograph|process|go)_[a-z_]+\b`)
	used := 0
	for _, p := range dash.Panels {
		for _, target := range p.Targets {
			for _, name := range names.FindAllString(target.Expr, -1) {
				used++
				if !exposed[name] {
					t.Errorf("panel %q uses %s, which the server does not expose", p.Title, name)
				}
			}
		}
	}
	if used == 0 {
		t.Error("the dashboard uses no series")
	}
}
