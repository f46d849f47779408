// Package metrics is diplograph's Prometheus instrumentation: one registry
// per server (or load) with the HTTP, GraphQL, Neo4j and loader series, the
// build's identity and the Go runtime's, served by Handler on /metrics.
//
// Label values are bounded: routes are the server's own patterns, statement
// names the store's registered ones, and GraphQL operation names are kept
// only for the first MaxOperationNames seen (then "other"); unnamed and
// persisted operations are grouped.
package metrics

import (
	"context"
	"errors"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	dto "github.com/prometheus/client_model/go"

	"github.com/diplograph/diplograph/store"
)

// MaxOperationNames bounds the operation label: a client choosing a new name
// per request must not grow the registry without end.
const MaxOperationNames = 200

// Build names the running binary.
type Build struct{ Version, Commit string }

// Metrics holds the registry and every series.
type Metrics struct {
	Registry *prometheus.Registry

	httpRequests     *prometheus.CounterVec
	httpDuration     *prometheus.HistogramVec
	operations       *prometheus.CounterVec
	operationSeconds *prometheus.HistogramVec
	statements       *prometheus.CounterVec
	statementSeconds *prometheus.HistogramVec
	perRequest       prometheus.Histogram
	inFlight         prometheus.Gauge
	refusals         *prometheus.CounterVec
	loadRows         *prometheus.CounterVec
	loadRuns         *prometheus.CounterVec
	loadSeconds      prometheus.Histogram
	streams          prometheus.Gauge
	streamsDropped   prometheus.Counter
	answers          *prometheus.CounterVec

	mu    sync.Mutex
	names map[string]bool
}

// New registers every series, with the build's identity and the Go
// runtime's and the process's collectors.
func New(b Build) *Metrics {
	reg := prometheus.NewRegistry()
	f := func(c prometheus.Collector) { reg.MustRegister(c) }
	m := &Metrics{Registry: reg, names: map[string]bool{}}
	m.httpRequests = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "diplograph_http_requests_total",
		Help: "HTTP requests by route and status code."}, []string{"route", "code", "method"})
	m.httpDuration = prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "diplograph_http_request_duration_seconds",
		Help: "HTTP request duration by route.", Buckets: prometheus.DefBuckets}, []string{"route", "code", "method"})
	m.operations = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "diplograph_graphql_operations_total",
		Help: "GraphQL operations by operation name and error code (ok when none)."}, []string{"operation", "code"})
	m.operationSeconds = prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "diplograph_graphql_operation_duration_seconds",
		Help: "GraphQL operation duration by operation name.", Buckets: prometheus.DefBuckets}, []string{"operation"})
	m.statements = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "diplograph_neo4j_statements_total",
		Help: "Statements sent to Neo4j by registered name and outcome (ok or error)."}, []string{"statement", "outcome"})
	m.statementSeconds = prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "diplograph_neo4j_statement_duration_seconds",
		Help:    "Time from sending a statement to reading its last record, by registered name.",
		Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10}}, []string{"statement"})
	m.perRequest = prometheus.NewHistogram(prometheus.HistogramOpts{Name: "diplograph_neo4j_statements_per_request",
		Help: "Statements one GraphQL request sent to Neo4j.", Buckets: []float64{0, 1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 64}})
	m.inFlight = prometheus.NewGauge(prometheus.GaugeOpts{Name: "diplograph_neo4j_statements_in_flight",
		Help: "Statements sent and not yet read to the end: the connections the server is using."})
	m.refusals = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "diplograph_refusals_total",
		Help: "Requests refused before execution (limits, rate limits, keys) by error code."}, []string{"code"})
	m.loadRows = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "diplograph_load_rows_total",
		Help: "Rows loads wrote, by label (or relationship type) and outcome (created, updated, unchanged, deleted)."}, []string{"label", "outcome"})
	m.loadRuns = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "diplograph_load_runs_total",
		Help: "Loads by result (changed, unchanged, failed)."}, []string{"result"})
	m.loadSeconds = prometheus.NewHistogram(prometheus.HistogramOpts{Name: "diplograph_load_duration_seconds",
		Help: "Duration of loads.", Buckets: []float64{.1, .25, .5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600}})
	m.streams = prometheus.NewGauge(prometheus.GaugeOpts{Name: "diplograph_subscription_streams",
		Help: "Subscription connections open (websockets and event streams)."})
	m.streamsDropped = prometheus.NewCounter(prometheus.CounterOpts{Name: "diplograph_subscribers_dropped_total",
		Help: "Subscribers dropped for falling behind the change feed."})
	m.answers = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "diplograph_answer_cache_total",
		Help: "Queries looked up in the answer cache, by result: hit, miss (answered and kept), or pass (answered, not kept: errors, or the graph changed meanwhile)."}, []string{"result"})
	build := prometheus.NewGauge(prometheus.GaugeOpts{Name: "diplograph_build_info",
		Help:        "The running build: always 1, with its version, commit and Go version as labels.",
		ConstLabels: prometheus.Labels{"version": b.Version, "commit": b.Commit, "goversion": runtime.Version()}})
	build.Set(1)
	for _, c := range []prometheus.Collector{m.httpRequests, m.httpDuration, m.operations, m.operationSeconds,
		m.statements, m.statementSeconds, m.perRequest, m.inFlight, m.refusals, m.loadRows, m.loadRuns, m.loadSeconds, m.streams, m.streamsDropped, m.answers, build,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{})} {
		f(c)
	}
	return m
}

// Handler serves the registry in the Prometheus exposition format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.Registry, promhttp.HandlerOpts{Registry: m.Registry})
}

// HTTP counts and times the requests h serves under route, a pattern of
// the server's own (never the request's path).
func (m *Metrics) HTTP(route string, h http.Handler) http.Handler {
	labels := prometheus.Labels{"route": route}
	return promhttp.InstrumentHandlerDuration(m.httpDuration.MustCurryWith(labels),
		promhttp.InstrumentHandlerCounter(m.httpRequests.MustCurryWith(labels), h))
}

// Statement observes one Neo4j statement (store.Observer).
func (m *Metrics) Statement(ctx context.Context, name string) (context.Context, func(rows int, err error)) {
	start := time.Now()
	m.inFlight.Inc()
	return ctx, func(_ int, err error) {
		m.inFlight.Dec()
		outcome := "ok"
		if err != nil {
			outcome = "error"
		}
		m.statements.WithLabelValues(name, outcome).Inc()
		m.statementSeconds.WithLabelValues(name).Observe(time.Since(start).Seconds())
	}
}

var _ store.Observer = (*Metrics)(nil)

// StatementsPerRequest records how many statements one request sent.
func (m *Metrics) StatementsPerRequest(n int64) { m.perRequest.Observe(float64(n)) }

// Refused counts a request refused with code.
func (m *Metrics) Refused(code string) { m.refusals.WithLabelValues(code).Inc() }

// operationLabel bounds the operation label.
func (m *Metrics) operationLabel(name string, persisted bool) string {
	switch {
	case persisted:
		return "persisted"
	case name == "":
		return "unnamed"
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.names[name] {
		return name
	}
	if len(m.names) >= MaxOperationNames {
		return "other"
	}
	m.names[name] = true
	return name
}

// Operation records one GraphQL operation: its name (bounded), the first
// error code of its answer (ok when none) and its duration.
func (m *Metrics) Operation(name string, persisted bool, code string, d time.Duration) {
	op := m.operationLabel(name, persisted)
	if code == "" {
		code = "ok"
	}
	m.operations.WithLabelValues(op, code).Inc()
	m.operationSeconds.WithLabelValues(op).Observe(d.Seconds())
}

// Load records one load: rows by label and outcome, its result and duration.
func (m *Metrics) Load(sum store.Summary, d time.Duration, err error) {
	m.loadSeconds.Observe(d.Seconds())
	switch {
	case err != nil && !errors.Is(err, context.Canceled):
		m.loadRuns.WithLabelValues("failed").Inc()
		return
	case err != nil:
		m.loadRuns.WithLabelValues("cancelled").Inc()
		return
	case sum.Changed():
		m.loadRuns.WithLabelValues("changed").Inc()
	default:
		m.loadRuns.WithLabelValues("unchanged").Inc()
	}
	add := func(label string, c store.Counts) {
		for outcome, n := range map[string]int{"created": c.Created, "updated": c.Updated, "unchanged": c.Unchanged, "deleted": c.Deleted} {
			if n > 0 {
				m.loadRows.WithLabelValues(label, outcome).Add(float64(n))
			}
		}
	}
	for l, c := range sum.Nodes {
		add(string(l), c)
	}
	for r, c := range sum.Rels {
		add(r.String(), c)
	}
}

// WriteFile writes diplograph's own series (not the Go runtime's, which a
// collector of text files has of its own) to path in the text format,
// atomically, for node_exporter's textfile collector.
func (m *Metrics) WriteFile(path string) error {
	own := prometheus.GathererFunc(func() ([]*dto.MetricFamily, error) {
		all, err := m.Registry.Gather()
		var out []*dto.MetricFamily
		for _, f := range all {
			if strings.HasPrefix(f.GetName(), "diplograph_") {
				out = append(out, f)
			}
		}
		return out, err
	})
	return prometheus.WriteToTextfile(path, own)
}

// StreamOpened and StreamClosed count the subscription connections open.
func (m *Metrics) StreamOpened() { m.streams.Inc() }
func (m *Metrics) StreamClosed() { m.streams.Dec() }

// SubscriberDropped counts a subscriber dropped for falling behind.
func (m *Metrics) SubscriberDropped() { m.streamsDropped.Inc() }

// Answer counts a query looked up in the answer cache: hit, miss or pass.
func (m *Metrics) Answer(result string) { m.answers.WithLabelValues(result).Inc() }
