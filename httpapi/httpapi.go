// Package httpapi serves diplograph over HTTP: the GraphQL endpoint,
// GraphiQL, and the health checks an orchestrator probes.
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
)

// Options tune the API.
type Options struct {
	// RequestTimeout bounds one GraphQL request.
	RequestTimeout time.Duration
	// ReportStatements adds extensions.neo4jStatements, the number of
	// statements a request sent to Neo4j, to every response.
	ReportStatements bool
	Logger           *slog.Logger
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
	gql := handler.New(graph.NewExecutableSchema(graph.Config{Resolvers: &graph.Resolver{Store: st}}))
	// GET serves queries only (gqlgen refuses mutations over GET), so GET
	// responses are safe to cache and to link to.
	gql.AddTransport(transport.GET{})
	gql.AddTransport(transport.POST{})
	gql.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	gql.Use(extension.Introspection{})
	gql.SetErrorPresenter(graph.PresentError(log))
	gql.SetRecoverFunc(graph.Recover(log))
	if opts.ReportStatements {
		gql.AroundResponses(func(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
			resp := next(ctx)
			if count, ok := ctx.Value(statementCountKey{}).(func() int64); ok && resp != nil {
				if resp.Extensions == nil {
					resp.Extensions = map[string]any{}
				}
				resp.Extensions["neo4jStatements"] = count()
			}
			return resp
		})
	}

	mux := http.NewServeMux()
	mux.Handle("/graphql", withStatementCount(withTimeout(gql, opts.RequestTimeout)))
	gi := graphiql.Handler("/graphql")
	mux.Handle("/graphiql", gi)
	mux.Handle("/graphiql/", gi)
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

func withTimeout(next http.Handler, d time.Duration) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), d)
		defer cancel()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}
