package tracing_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	"github.com/diplograph/diplograph/neo4jtest"
	"github.com/diplograph/diplograph/store"
	"github.com/diplograph/diplograph/tracing"
)

// A request that carries a W3C traceparent gets a span in the caller's
// trace, and each statement it sends to Neo4j a child span with the
// statement's name and row count, and no parameter.
func TestRequestSpansJoinTheCallersTrace(t *testing.T) {
	db := neo4jtest.Open(t)
	rec := tracetest.NewSpanRecorder()
	tr := tracing.New(rec, "diplograph", "test")
	t.Cleanup(func() { _ = tr.Shutdown(context.Background()) })
	h := tr.HTTP("/thing", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := store.WithObserver(r.Context(), tr)
		if _, err := db.Store.Overlapping(ctx, []string{"secret-parameter-value"}, 5); err != nil {
			t.Error(err)
		}
		// One record, always: the histogram's single row of lists.
		if _, err := db.Store.DatedEvents(ctx, store.EventFilter{}, ""); err != nil {
			t.Error(err)
		}
	}))
	srv := httptest.NewServer(h)
	defer srv.Close()
	req, _ := http.NewRequest(http.MethodGet, srv.URL, nil)
	const traceID, parentID = "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7"
	req.Header.Set("traceparent", "00-"+traceID+"-"+parentID+"-01")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()

	spans := rec.Ended()
	var httpSpan, stmt, counted sdktrace.ReadOnlySpan
	for _, s := range spans {
		switch s.Name() {
		case "GET /thing":
			httpSpan = s
		case "neo4j overlapping":
			stmt = s
		case "neo4j activity":
			counted = s
		}
	}
	if httpSpan == nil || stmt == nil || counted == nil {
		names := []string{}
		for _, s := range spans {
			names = append(names, s.Name())
		}
		t.Fatalf("spans %v, want GET /thing and neo4j overlapping", names)
	}
	if httpSpan.SpanContext().TraceID().String() != traceID || httpSpan.Parent().SpanID().String() != parentID {
		t.Errorf("the request's span is in trace %s under %s, want the caller's", httpSpan.SpanContext().TraceID(), httpSpan.Parent().SpanID())
	}
	if stmt.Parent().SpanID() != httpSpan.SpanContext().SpanID() {
		t.Error("the statement's span is not a child of the request's")
	}
	attrs := map[string]any{}
	for _, a := range stmt.Attributes() {
		attrs[string(a.Key)] = a.Value.AsInterface()
		if a.Value.AsString() == "secret-parameter-value" {
			t.Errorf("a parameter's value is on the span: %s", a.Key)
		}
	}
	if attrs["db.operation.name"] != "overlapping" || attrs["db.response.returned_rows"] != int64(0) {
		t.Errorf("statement attributes %v", attrs)
	}
	for _, a := range counted.Attributes() {
		if a.Key == "db.response.returned_rows" && a.Value.AsInt64() != 1 {
			t.Errorf("the histogram's statement returned %d rows, want 1", a.Value.AsInt64())
		}
	}
}
