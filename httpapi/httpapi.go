// Package httpapi serves diplograph over HTTP: the GraphQL endpoint,
// GraphiQL, the health checks an orchestrator probes, and the protections a
// public service needs (limits, keys, CORS, rate limits).
package httpapi

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/diplograph/diplograph/graph"
	"github.com/diplograph/diplograph/store"
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
	RateLimit   RateLimit
	// EmbedOrigins may frame /embed/* (all origins when empty); no other
	// page may be framed.
	EmbedOrigins []string
	// Fixtures are reloaded by POST /admin/reload (admin keys only).
	Fixtures []string
	Logger   *slog.Logger
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
	limits := opts.Limits.withDefaults()

	gql := handler.New(graph.NewExecutableSchema(graph.Config{Resolvers: &graph.Resolver{Store: st}}))
	// GET serves queries only (gqlgen refuses mutations over GET), so GET
	// responses are safe to cache and to link to.
	gql.AddTransport(transport.GET{})
	gql.AddTransport(transport.POST{})
	gql.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	if !opts.NoIntrospection {
		gql.Use(extension.Introspection{})
	}
	gql.Use(persisted{registry: opts.Persisted, locked: opts.PersistedOnly, cache: lru.New[string](1000)})
	gql.Use(costLimit{limits: limits})
	gql.AroundResponses(deadline(opts.RequestTimeout))
	gql.SetErrorPresenter(graph.PresentError(log))
	gql.SetRecoverFunc(graph.Recover(log))
	if opts.ReportStatements {
		gql.AroundResponses(reportStatements)
	}

	acc := access{keys: opts.Keys, requireKey: opts.RequireKey, log: log}
	rate := newLimiter(opts.RateLimit)
	api := func(scope string, h http.Handler) http.Handler {
		return cors(opts.CORSOrigins, acc.require(scope, rate.middleware(h)))
	}

	mux := http.NewServeMux()
	mux.Handle("/graphql", api("", limitBody(withStatementCount(gql), limits.MaxBodyBytes)))
	mux.Handle("POST /admin/reload", api(ScopeAdmin, &reloader{st: st, paths: opts.Fixtures, log: log}))
	if !opts.NoGraphiQL {
		gi := graphiql.Handler("/graphql")
		mux.Handle("/graphiql", gi)
		mux.Handle("/graphiql/", gi)
	}
	// The explorer and embeds are pages; exports read the graph, so they
	// pass the same keys and rate limits as /graphql.
	web := site.New(st, site.Options{EmbedOrigins: opts.EmbedOrigins, RequestTimeout: opts.RequestTimeout, Logger: log})
	mux.Handle("/", web)
	mux.Handle("/embed/", web)
	mux.Handle("/oembed", web)
	mux.Handle("/export", api("", web))
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		writeStatus(w, http.StatusOK, "ok")
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		if err := st.Ping(ctx); err != nil {
			log.Warn("not ready", "err", err)
			writeStatus(w, http.StatusServiceUnavailable, "neo4j unavailable")
			return
		}
		writeStatus(w, http.StatusOK, "ready")
	})
	return mux
}

func writeStatus(w http.ResponseWriter, code int, msg string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	_, _ = w.Write([]byte(msg + "\n"))
}

type statementCountKey struct{}

// withStatementCount counts the statements each request sends to Neo4j.
func withStatementCount(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, count := store.WithQueryCount(r.Context())
		ctx = context.WithValue(ctx, statementCountKey{}, count)
		next.ServeHTTP(w, r.WithContext(ctx))
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

// deadline bounds the execution of an operation. It starts once the
// operation is parsed and validated, and the store passes what is left of it
// to Neo4j as the transaction timeout.
func deadline(d time.Duration) graphql.ResponseMiddleware {
	return func(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
		ctx, cancel := context.WithTimeout(ctx, d)
		defer cancel()
		return next(ctx)
	}
}
