// Package httpapi serves diplograph over HTTP: the GraphQL endpoint,
// GraphiQL, the health checks an orchestrator probes, and the protections a
// public service needs (limits, keys, CORS, rate limits).
package httpapi

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/netip"
	"sync/atomic"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/diplograph/diplograph/feed"
	"github.com/diplograph/diplograph/graph"
	"github.com/diplograph/diplograph/metrics"
	"github.com/diplograph/diplograph/store"
	"github.com/diplograph/diplograph/tracing"
	"github.com/diplograph/diplograph/web/graphiql"
	"github.com/diplograph/diplograph/web/site"
)

// Options tune the API. The zero value serves with safe defaults: public
// reads, limits as DefaultLimits, introspection and GraphiQL on, no CORS.
type Options struct {
	// RequestTimeout bounds one GraphQL request; Neo4j is told the same
	// deadline, so a runaway query is stopped there too.
	RequestTimeout time.Duration
	Limits         Limits
	// ReportStatements adds extensions.neo4jStatements, the number of
	// statements a request sent to Neo4j, to every response.
	ReportStatements bool
	// ReadAllProperties reads every property of the nodes a query returns
	// (graph.Resolver).
	ReadAllProperties bool
	// NoIntrospection and NoGraphiQL switch those off for production.
	NoIntrospection bool
	NoGraphiQL      bool
	// Persisted is a manifest of registered operations (LoadPersisted);
	// PersistedOnly refuses every other operation.
	Persisted     map[string]string
	PersistedOnly bool
	// Keys are the API keys; RequireKey makes every read need one.
	Keys       []Key
	RequireKey bool
	// CORSOrigins may call the API from a browser ("*" for any).
	CORSOrigins []string
	// RateLimit applies to each API key (unless its entry sets its own)
	// and to each client address without a key.
	RateLimit RateLimit
	// TrustedProxies are the peers whose ForwardedHeader ("X-Forwarded-For",
	// the default, or "Forwarded") names the client; from anyone else it is
	// ignored.
	TrustedProxies  []netip.Prefix
	ForwardedHeader string
	// EmbedOrigins may frame /embed/* (all origins when empty); no other
	// page may be framed.
	EmbedOrigins []string
	// Fixtures are reloaded by POST /admin/reload (admin keys only).
	Fixtures []string
	Logger   *slog.Logger
	// Metrics, when set, counts and times requests, operations, statements
	// and reloads; MetricsOnAPI also serves them at /metrics on this
	// handler (otherwise the caller serves Metrics.Handler elsewhere).
	Metrics      *metrics.Metrics
	MetricsOnAPI bool
	// Tracer, when set, makes a span per request, operation and statement.
	Tracer *tracing.Tracer
	// TransactionsPerRequest bounds the Neo4j transactions one request
	// runs at once (default store.DefaultPerRequest); its other fields
	// wait their turn.
	TransactionsPerRequest int
	// MaxExports bounds the exports from /export being written at once
	// (default 1; one served from the cache takes no slot); ExportTimeout
	// bounds one (default 2 minutes).
	MaxExports    int
	ExportTimeout time.Duration
	// MaxDownloads bounds the exports served from the cache at once
	// (default 4).
	MaxDownloads int
	// ExportCacheTTL is how long an export is served again to whoever asks
	// for the same one while the graph's version stays the same (default
	// 10 minutes; negative: only while it is being written).
	ExportCacheTTL time.Duration
	// AnswerCacheBytes bounds the answer cache (answers.go): the answers to
	// queries, kept while the graph's version stays the same. 0: no cache.
	AnswerCacheBytes int64
	// Feed serves subscriptions (nil: they are refused as UNAVAILABLE);
	// Streams bounds them.
	Feed    *feed.Feed
	Streams StreamLimits
	// post serves POST requests; nil is post{}. Tests set gqlgen's
	// transport.POST, the answers it must match (export_test.go).
	post graphql.Transport
}

// New builds the HTTP handler.
func New(st *store.Store, opts Options) http.Handler {
	log := opts.Logger
	if log == nil {
		log = slog.Default()
	}
	if opts.RequestTimeout == 0 {
		opts.RequestTimeout = 30 * time.Second
	}
	if opts.TransactionsPerRequest == 0 {
		opts.TransactionsPerRequest = store.DefaultPerRequest
	}
	if opts.MaxExports == 0 {
		opts.MaxExports = 1
	}
	limits := opts.Limits.withDefaults()
	tel := telemetry{metrics: opts.Metrics, tracer: opts.Tracer}

	schema := graph.NewExecutableSchema(graph.Config{Resolvers: &graph.Resolver{Store: st, Feed: opts.Feed,
		ReadAllProperties: opts.ReadAllProperties}})
	// Parsed documents are cached by the memory they take, not by their
	// number; both servers share the cache.
	queries := newByteCache(queryCacheBytes, func(query string, _ *ast.QueryDocument) int64 {
		return parsedBytesPerByte * int64(len(query))
	})
	var apq graphql.HandlerExtension
	if !opts.PersistedOnly {
		apq = extension.AutomaticPersistedQuery{Cache: newByteCache(persistedCacheBytes, func(hash, query string) int64 {
			return int64(len(hash) + len(query))
		})}
	}
	// One server for single answers and one for streams, with the same
	// limits, keys and telemetry.
	server := func(streams bool, transports ...graphql.Transport) *handler.Server {
		gql := handler.New(schema)
		for _, t := range transports {
			gql.AddTransport(t)
		}
		gql.SetParserTokenLimit(parserTokenLimit)
		gql.SetQueryCache(queries)
		if !opts.NoIntrospection {
			use(gql, extension.Introspection{})
		}
		use(gql, persisted{registry: opts.Persisted, locked: opts.PersistedOnly})
		if apq != nil {
			use(gql, apq)
		}
		use(gql, operationKinds{streams: streams})
		use(gql, documentLimit{maxFields: limits.MaxFields, cache: queries})
		use(gql, costLimit{limits: limits})
		if tel.tracer != nil {
			use(gql, tel.tracer.GraphQL())
		}
		if tel.metrics != nil {
			use(gql, tel.metrics.GraphQL())
		}
		gql.SetErrorPresenter(withRequestIDExtension(graph.PresentError(log)))
		gql.SetRecoverFunc(graph.Recover(log))
		return gql
	}
	// GET serves queries only (gqlgen refuses mutations over GET), so GET
	// responses are safe to cache and to link to.
	posts := opts.post
	if posts == nil {
		posts = post{}
	}
	gql := server(false, transport.GET{}, posts)
	if opts.ReportStatements {
		gql.AroundResponses(reportStatements)
	}
	gql.AroundResponses(retryLater)
	if opts.AnswerCacheBytes > 0 {
		// Last, so the statement count and telemetry see answers from
		// the cache too.
		use(gql, newAnswerCache(st, opts.AnswerCacheBytes, opts.Metrics))
	}
	streamLimits := opts.Streams.withDefaults()
	subs := server(true, streamTransports(streamLimits)...)

	acc := newAccess(opts.Keys, opts.RequireKey, proxies{trusted: opts.TrustedProxies, header: opts.ForwardedHeader}, log)
	rate := newRateLimiter(opts.RateLimit, opts.Keys)
	api := func(scope string, h http.Handler) http.Handler {
		return cors(opts.CORSOrigins, acc.require(scope, rate.middleware(h)))
	}

	mux := http.NewServeMux()
	// Each route is instrumented under its own pattern, never the path.
	handle := func(pattern string, h http.Handler) { mux.Handle(pattern, tel.route(pattern, h)) }
	memo := newRefusalMemo()
	answers := limitBody(memo.middleware(checkRequest(deadline(opts.RequestTimeout, withRequestLimit(opts.TransactionsPerRequest, withStatementCount(tel, conditional(opts.RequireKey, withWriter(gql))))))), limits.MaxBodyBytes)
	// Streams are instrumented apart: their durations are not latencies.
	streams := limitBody(memo.middleware(checkStream(newStreamLimit(streamLimits, opts.Metrics).middleware(subs))), limits.MaxBodyBytes)
	mux.Handle("/graphql", byTransport(tel.route("/graphql", api("", answers)), tel.route("/graphql stream", api("", streams))))

	if !opts.NoGraphiQL {
		gi := graphiql.Handler("/graphql")
		handle("/graphiql", gi)
		handle("/graphiql/", gi)
	}
	if opts.Metrics != nil && opts.MetricsOnAPI {
		handle("GET /metrics", opts.Metrics.Handler())
	}
	// The explorer and embeds are pages; exports read the graph, so they
	// pass the same keys and rate limits as /graphql.
	web := site.New(st, site.Options{EmbedOrigins: opts.EmbedOrigins, RequestTimeout: opts.RequestTimeout, ExportTimeout: opts.ExportTimeout,
		ExportCacheTTL: opts.ExportCacheTTL, MaxExports: opts.MaxExports, MaxDownloads: opts.MaxDownloads, Logger: log,
		Refused: func(ctx context.Context) { countRefusal(ctx, CodeOverloaded) }})
	handle("POST /admin/reload", api(ScopeAdmin, &reloader{st: st, paths: opts.Fixtures, log: log, metrics: opts.Metrics, reloaded: func() {
		web.ClearExports()
		if opts.Feed != nil {
			opts.Feed.Poke()
		}
	}}))
	handle("/", web)
	handle("/embed/", web)
	handle("/oembed", web)
	handle("/export", api("", web))
	handle("GET /healthz", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeStatus(w, http.StatusOK, "ok")
	}))
	// Readiness is the store's probe, on a connection of its own, when the
	// store monitors Neo4j: a saturated pool never reads as an outage.
	// Only changes are logged: an orchestrator polls every few seconds.
	var wasReady atomic.Bool
	wasReady.Store(true)
	handle("GET /readyz", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		if err := st.Ready(ctx); err != nil {
			if wasReady.Swap(false) {
				log.Warn("not ready", "err", err)
			}
			msg := "neo4j unavailable"
			if errors.Is(err, store.ErrWarming) {
				msg = "neo4j is back; warming up"
			}
			writeStatus(w, http.StatusServiceUnavailable, msg)
			return
		}
		if !wasReady.Swap(true) {
			log.Info("ready again")
		}
		writeStatus(w, http.StatusOK, "ready")
	}))
	return withRequestID(mux)
}

func writeStatus(w http.ResponseWriter, code int, msg string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	_, _ = w.Write([]byte(msg + "\n"))
}

type statementCountKey struct{}

// withStatementCount counts the statements each request sends to Neo4j,
// and has them observed by the server's telemetry.
func withStatementCount(tel telemetry, next http.Handler) http.Handler {
	obs := tel.observer()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, count := store.WithQueryCount(r.Context())
		ctx = context.WithValue(ctx, statementCountKey{}, count)
		if obs != nil {
			ctx = store.WithObserver(ctx, obs)
		}
		next.ServeHTTP(w, r.WithContext(ctx))
		if tel.metrics != nil {
			tel.metrics.StatementsPerRequest(count())
		}
	})
}

func reportStatements(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	resp := next(ctx)
	if count, ok := ctx.Value(statementCountKey{}).(func() int64); ok && resp != nil {
		if resp.Extensions == nil {
			resp.Extensions = map[string]any{}
		}
		resp.Extensions["neo4jStatements"] = count()
	}
	return resp
}

// deadline bounds a whole request: parsing, measuring its cost and
// executing it. The store passes what is left of it to Neo4j as the
// transaction timeout, and it ends early when the client goes away.
func deadline(d time.Duration, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), d)
		defer cancel()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// Bounds of the parser and of its caches. A parsed document takes about
// 27 times its text in memory (measured on a 15 KB query of 200 aliases).
const (
	parserTokenLimit    = 5000
	queryCacheBytes     = 32 << 20
	parsedBytesPerByte  = 32
	persistedCacheBytes = 8 << 20
)

// use adds an extension to a server. Plain scalar fields are marshalled
// without gqlgen's per-field work (graph/internal/inorder), so a field
// interceptor would silently miss them: one is refused outright.
func use(gql *handler.Server, ext graphql.HandlerExtension) {
	if _, ok := ext.(graphql.FieldInterceptor); ok {
		panic(fmt.Sprintf("httpapi: extension %s intercepts fields, which plain fields skip (graph/internal/inorder)", ext.ExtensionName()))
	}
	gql.Use(ext)
}
