package httpapi

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/http"
	"regexp"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/diplograph/diplograph/metrics"
	"github.com/diplograph/diplograph/store"
	"github.com/diplograph/diplograph/tracing"
)

// observers tells every observer of each statement, the first one's
// context (a span) passed on to the next.
type observers []store.Observer

func (obs observers) Statement(ctx context.Context, name string) (context.Context, func(rows int, err error)) {
	done := make([]func(int, error), len(obs))
	for i, o := range obs {
		ctx, done[i] = o.Statement(ctx, name)
	}
	return ctx, func(rows int, err error) {
		for i := len(done) - 1; i >= 0; i-- {
			done[i](rows, err)
		}
	}
}

// telemetry is the server's metrics and tracer, either of which may be
// absent.
type telemetry struct {
	metrics *metrics.Metrics
	tracer  *tracing.Tracer
}

// route instruments a handler under the server's own pattern for it.
func (t telemetry) route(pattern string, h http.Handler) http.Handler {
	h = t.withRefusals(h)
	if t.metrics != nil {
		h = t.metrics.HTTP(pattern, h)
	}
	if t.tracer != nil {
		h = t.tracer.HTTP(pattern, h)
	}
	return h
}

func (t telemetry) observer() store.Observer {
	var obs observers
	if t.tracer != nil {
		obs = append(obs, t.tracer)
	}
	if t.metrics != nil {
		obs = append(obs, t.metrics)
	}
	if len(obs) == 0 {
		return nil
	}
	return obs
}

// RequestIDHeader carries a request's id: the client's if it sent a
// reasonable one, else one made here. It comes back in the response's
// headers, in GraphQL errors' extensions.requestId and on every log line
// about the request, so a reader's bug report can be matched to the log.
const RequestIDHeader = "X-Request-Id"

var requestIDPattern = regexp.MustCompile(`^[A-Za-z0-9._:-]{1,64}$`)

type requestIDKey struct{}

// RequestID is the id of the request ctx belongs to, or "".
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}

func withRequestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get(RequestIDHeader)
		if !requestIDPattern.MatchString(id) {
			var b [8]byte
			_, _ = rand.Read(b[:])
			id = hex.EncodeToString(b[:])
		}
		w.Header().Set(RequestIDHeader, id)
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), requestIDKey{}, id)))
	})
}

// RequestIDLogs adds the request id to every record logged with a request's
// context (the *Context logging methods, or slog.Logger.Log with ctx).
func RequestIDLogs(h slog.Handler) slog.Handler { return requestIDHandler{h} }

type requestIDHandler struct{ slog.Handler }

func (h requestIDHandler) Handle(ctx context.Context, r slog.Record) error {
	if id := RequestID(ctx); id != "" {
		r.AddAttrs(slog.String("request_id", id))
	}
	return h.Handler.Handle(ctx, r)
}

func (h requestIDHandler) WithAttrs(as []slog.Attr) slog.Handler {
	return requestIDHandler{h.Handler.WithAttrs(as)}
}

func (h requestIDHandler) WithGroup(name string) slog.Handler {
	return requestIDHandler{h.Handler.WithGroup(name)}
}

// withRequestIDExtension adds the request's id to every GraphQL error, so
// a reader who reports one can be matched to the server's log.
func withRequestIDExtension(present graphql.ErrorPresenterFunc) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		e := present(ctx, err)
		if id := RequestID(ctx); id != "" && e != nil {
			if e.Extensions == nil {
				e.Extensions = map[string]any{}
			}
			e.Extensions["requestId"] = id
		}
		return e
	}
}

// Refusals are counted where they are made: writeGraphQLError answers 4xx
// through a refusalWriter, and the GraphQL limits find the metrics in the
// request's context.
type refusalKey struct{}

type refusalWriter struct {
	http.ResponseWriter
	m *metrics.Metrics
}

// Unwrap lets http.ResponseController reach the connection's writer.
func (w refusalWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (t telemetry) withRefusals(h http.Handler) http.Handler {
	if t.metrics == nil {
		return h
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := context.WithValue(r.Context(), refusalKey{}, t.metrics)
		h.ServeHTTP(refusalWriter{ResponseWriter: w, m: t.metrics}, r.WithContext(ctx))
	})
}

func countRefusal(ctx context.Context, code string) {
	if m, ok := ctx.Value(refusalKey{}).(*metrics.Metrics); ok {
		m.Refused(code)
	}
}
