// Package tracing is diplograph's OpenTelemetry tracing: a span per HTTP
// request (joining the caller's trace through W3C traceparent), per GraphQL
// operation and per Neo4j statement, with the statement's registered name
// and row count and never a parameter's value. Spans are exported with OTLP
// over HTTP when OTEL_EXPORTER_OTLP_ENDPOINT (or ..._TRACES_ENDPOINT) is
// set, and nothing is recorded otherwise.
package tracing

import (
	"context"
	"fmt"
	"net/http"
	"os"

	"github.com/99designs/gqlgen/graphql"
	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracehttp"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	semconv "go.opentelemetry.io/otel/semconv/v1.37.0"
	"go.opentelemetry.io/otel/trace"

	"github.com/diplograph/diplograph/store"
)

const scope = "github.com/diplograph/diplograph"

// Tracer makes diplograph's spans; a server without one makes none.
type Tracer struct {
	provider   trace.TracerProvider
	tracer     trace.Tracer
	propagator propagation.TextMapPropagator
	shutdown   func(context.Context) error
}

// FromEnv exports spans with OTLP over HTTP when the standard
// OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is set
// (the exporter reads the rest of its settings from the environment too);
// otherwise it returns nil: no tracer, rather than one making no-op spans on
// every request.
func FromEnv(ctx context.Context, service, version string) (*Tracer, error) {
	if !configured() {
		return nil, nil
	}
	exp, err := otlptracehttp.New(ctx)
	if err != nil {
		return nil, fmt.Errorf("otlp trace exporter: %w", err)
	}
	return New(sdktrace.NewBatchSpanProcessor(exp), service, version), nil
}

func configured() bool {
	return os.Getenv("OTEL_EXPORTER_OTLP_ENDPOINT") != "" || os.Getenv("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") != ""
}

// New records spans into the processor (an exporter's batcher, or a test's
// in-memory recorder).
func New(p sdktrace.SpanProcessor, service, version string) *Tracer {
	res := resource.NewWithAttributes(semconv.SchemaURL, semconv.ServiceName(service), semconv.ServiceVersion(version))
	tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(p), sdktrace.WithResource(res))
	return &Tracer{provider: tp, tracer: tp.Tracer(scope), propagator: propagation.TraceContext{}, shutdown: tp.Shutdown}
}

// Shutdown flushes the spans not yet exported.
func (t *Tracer) Shutdown(ctx context.Context) error { return t.shutdown(ctx) }

// HTTP starts a span per request under route (the server's pattern, never
// the request's path), as a child of the caller's traceparent if any.
func (t *Tracer) HTTP(route string, h http.Handler) http.Handler {
	return otelhttp.NewHandler(h, route, otelhttp.WithTracerProvider(t.provider), otelhttp.WithPropagators(t.propagator),
		otelhttp.WithSpanNameFormatter(func(_ string, r *http.Request) string { return r.Method + " " + route }))
}

// Statement starts a span per Neo4j statement (store.Observer): its name
// and the records it returned, never its parameters.
func (t *Tracer) Statement(ctx context.Context, name string) (context.Context, func(rows int, err error)) {
	ctx, span := t.tracer.Start(ctx, "neo4j "+name, trace.WithSpanKind(trace.SpanKindClient),
		trace.WithAttributes(attribute.String("db.system.name", "neo4j"), attribute.String("db.operation.name", name)))
	return ctx, func(rows int, err error) {
		span.SetAttributes(attribute.Int("db.response.returned_rows", rows))
		if err != nil {
			span.RecordError(err)
			span.SetStatus(codes.Error, err.Error())
		}
		span.End()
	}
}

var _ store.Observer = (*Tracer)(nil)

// GraphQL is the gqlgen extension that starts a span per operation.
func (t *Tracer) GraphQL() graphql.HandlerExtension { return operations{t} }

type operations struct{ t *Tracer }

var (
	_ graphql.HandlerExtension     = operations{}
	_ graphql.OperationInterceptor = operations{}
)

func (operations) ExtensionName() string                          { return "Tracing" }
func (operations) Validate(schema graphql.ExecutableSchema) error { return nil }

// InterceptOperation wraps the whole operation, so the statements its
// resolvers send are its children.
func (o operations) InterceptOperation(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	oc := graphql.GetOperationContext(ctx)
	name := oc.OperationName
	if name == "" {
		name = "unnamed"
	}
	kind := "query"
	if oc.Operation != nil {
		kind = string(oc.Operation.Operation)
	}
	ctx, span := o.t.tracer.Start(ctx, "graphql "+kind+" "+name,
		trace.WithAttributes(attribute.String("graphql.operation.name", oc.OperationName), attribute.String("graphql.operation.type", kind)))
	handler := next(ctx)
	return func(ctx context.Context) *graphql.Response {
		resp := handler(ctx)
		if resp == nil {
			span.End()
			return nil
		}
		if len(resp.Errors) > 0 {
			span.SetStatus(codes.Error, resp.Errors[0].Message)
			if c, ok := resp.Errors[0].Extensions["code"].(string); ok {
				span.SetAttributes(attribute.String("graphql.error.code", c))
			}
		}
		span.End()
		return resp
	}
}
