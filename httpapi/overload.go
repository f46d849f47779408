package httpapi

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/99designs/gqlgen/graphql"

	"github.com/diplograph/diplograph/graph"
	"github.com/diplograph/diplograph/store"
)

// CodeOverloaded is the code of work refused because the server is busy.
const CodeOverloaded = graph.CodeOverloaded

// Retry-After for answers that failed because the server was busy or Neo4j
// unavailable.
const (
	retryOverloaded  = time.Second
	retryUnavailable = 2 * time.Second
)

type writerKey struct{}

// withWriter lets the GraphQL layer reach the response's status line, which
// gqlgen writes only once the answer is complete.
func withWriter(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), writerKey{}, w)))
	})
}

// retryLater answers 503 with Retry-After when part of an answer failed
// because the server was busy (OVERLOADED) or Neo4j unavailable: neither is
// the request's fault, and the same request will do later. The body still
// holds whatever data was read.
func retryLater(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	resp := next(ctx)
	if resp == nil {
		return resp
	}
	var overloaded, unavailable bool
	for _, e := range resp.Errors {
		switch e.Extensions["code"] {
		case CodeOverloaded:
			overloaded = true
		case graph.CodeUnavailable:
			unavailable = true
		}
	}
	w, ok := ctx.Value(writerKey{}).(http.ResponseWriter)
	if !ok || !(overloaded || unavailable) {
		return resp
	}
	after := retryOverloaded
	if unavailable {
		after = retryUnavailable
	}
	if overloaded {
		countRefusal(ctx, CodeOverloaded)
	}
	w.Header().Set("Retry-After", strconv.Itoa(int(after.Seconds())))
	w.WriteHeader(http.StatusServiceUnavailable)
	return resp
}

// withRequestLimit bounds the transactions one request runs at once.
func withRequestLimit(n int, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r.WithContext(store.WithRequestLimit(r.Context(), n)))
	})
}
