package httpapi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"

	"github.com/diplograph/diplograph/graph"
)

// Limits bound what one request may ask of the server. Zero means the
// default; DefaultLimits documents them.
type Limits struct {
	MaxComplexity int
	MaxDepth      int
	// MaxFields bounds the fields of one operation, aliases included.
	MaxFields    int
	MaxBodyBytes int64
}

// DefaultLimits leave room for every documented dashboard, researcher and
// newsroom query (the heaviest, every plan version with its points and
// their stances, costs about 72,000; an actor page of 50 events with their
// participants and sources about 25,000) and refuse what is far larger,
// such as 100 actors with 50 events each and all their participants.
var DefaultLimits = Limits{MaxComplexity: 100000, MaxDepth: 12, MaxFields: 300, MaxBodyBytes: 64 << 10}

func (l Limits) withDefaults() Limits {
	if l.MaxComplexity == 0 {
		l.MaxComplexity = DefaultLimits.MaxComplexity
	}
	if l.MaxDepth == 0 {
		l.MaxDepth = DefaultLimits.MaxDepth
	}
	if l.MaxFields == 0 {
		l.MaxFields = DefaultLimits.MaxFields
	}
	if l.MaxBodyBytes == 0 {
		l.MaxBodyBytes = DefaultLimits.MaxBodyBytes
	}
	return l
}

// Error codes of refused requests.
const (
	CodeQueryTooComplex = "QUERY_TOO_COMPLEX"
	CodeQueryTooDeep    = "QUERY_TOO_DEEP"
	CodePayloadTooLarge = "PAYLOAD_TOO_LARGE"
	CodeTimeout         = "TIMEOUT"
)

// costLimit refuses operations over the limits before any resolver runs,
// saying in the refusal what it measured.
type costLimit struct{ limits Limits }

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = costLimit{}

func (costLimit) ExtensionName() string                          { return "CostLimit" }
func (costLimit) Validate(schema graphql.ExecutableSchema) error { return nil }

func (c costLimit) MutateOperationContext(ctx context.Context, op *graphql.OperationContext) *gqlerror.Error {
	if op.Operation == nil {
		return nil
	}
	cost, err := graph.MeasureCostContext(ctx, op.Operation, op.Variables)
	switch {
	case err != nil:
		return refusal(CodeTimeout, "the request took too long and was stopped before it ran")
	case cost.Depth > c.limits.MaxDepth:
		return refuse(ctx, CodeQueryTooDeep, "the operation nests %d levels deep; the limit is %d", cost.Depth, c.limits.MaxDepth)
	case cost.Fields > c.limits.MaxFields:
		return refuse(ctx, CodeQueryTooComplex, "the operation selects %d fields; the limit is %d", cost.Fields, c.limits.MaxFields)
	case cost.Complexity > c.limits.MaxComplexity:
		return refuse(ctx, CodeQueryTooComplex, "the operation's complexity is %d; the limit is %d (ask for smaller pages)", cost.Complexity, c.limits.MaxComplexity)
	}
	return nil
}

// refuse is refusal for a limit the request broke, counted as a refusal
// and remembered (refusals.go).
func refuse(ctx context.Context, code, format string, args ...any) *gqlerror.Error {
	countRefusal(ctx, code)
	return remember(ctx, refusal(code, format, args...))
}

func refusal(code, format string, args ...any) *gqlerror.Error {
	return &gqlerror.Error{Message: fmt.Sprintf(format, args...), Extensions: map[string]any{"code": code}}
}

// limitBody refuses request bodies over the limit with 413 and a GraphQL
// error, before anything parses them.
func limitBody(next http.Handler, max int64) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet {
			// A GET carries its operation in the URL: the same cap, and
			// 414 as HTTP names it.
			if n := int64(len(r.URL.RawQuery)); n > max {
				writeGraphQLError(w, http.StatusRequestURITooLong, CodePayloadTooLarge, fmt.Sprintf("the query string is %d bytes; the limit is %d (send long operations by POST)", n, max))
				return
			}
			next.ServeHTTP(w, r)
			return
		}
		if r.Body == nil {
			next.ServeHTTP(w, r)
			return
		}
		if r.ContentLength > max {
			writeGraphQLError(w, http.StatusRequestEntityTooLarge, CodePayloadTooLarge, fmt.Sprintf("the request body is %d bytes; the limit is %d", r.ContentLength, max))
			return
		}
		body, err := io.ReadAll(io.LimitReader(r.Body, max+1))
		if err != nil {
			writeGraphQLError(w, http.StatusBadRequest, CodeBadRequest, "could not read the request body")
			return
		}
		if int64(len(body)) > max {
			writeGraphQLError(w, http.StatusRequestEntityTooLarge, CodePayloadTooLarge, fmt.Sprintf("the request body is over the limit of %d bytes", max))
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), heldBodyKey{}, body)))
	})
}

type heldBodyKey struct{}

// heldBody is the request body limitBody read, so that what checks it
// further in reads it once rather than again from r.Body.
func heldBody(r *http.Request) ([]byte, error) {
	if body, ok := r.Context().Value(heldBodyKey{}).([]byte); ok {
		return body, nil
	}
	body, err := io.ReadAll(r.Body)
	r.Body = io.NopCloser(bytes.NewReader(body))
	return body, err
}

// writeGraphQLError answers outside gqlgen in the GraphQL response shape.
func writeGraphQLError(w http.ResponseWriter, status int, code, msg string) {
	if rw, ok := w.(refusalWriter); ok && status >= 400 && status < 500 {
		rw.m.Refused(code)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{
		"errors": []map[string]any{{"message": msg, "extensions": map[string]any{"code": code}}},
	})
}

// documentLimit refuses, before gqlgen validates it, a document with more
// field selections than its operations may select between them. Validation
// compares fields of the same name pairwise, so three thousand copies of
// one field took half a second to refuse; the count is one linear parse.
// Documents in the query cache have passed already.
type documentLimit struct {
	maxFields int
	cache     graphql.Cache[*ast.QueryDocument]
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationParameterMutator
} = documentLimit{}

func (documentLimit) ExtensionName() string                          { return "DocumentLimit" }
func (documentLimit) Validate(schema graphql.ExecutableSchema) error { return nil }

func (d documentLimit) MutateOperationParameters(ctx context.Context, raw *graphql.RawParams) *gqlerror.Error {
	if _, ok := d.cache.Get(ctx, raw.Query); ok {
		return nil
	}
	doc, err := parser.ParseQueryWithTokenLimit(&ast.Source{Input: raw.Query}, parserTokenLimit)
	if err != nil {
		var parseErr *gqlerror.Error
		if !errors.As(err, &parseErr) {
			return nil // gqlgen parses it again and reports the error
		}
		// As gqlgen reports it (HTTP 422), remembered like the others.
		e := *parseErr
		e.Extensions = map[string]any{"code": errcode.ParseFailed}
		countRefusal(ctx, errcode.ParseFailed)
		return remember(ctx, &e)
	}
	n := 0
	for _, op := range doc.Operations {
		n += literalFields(op.SelectionSet)
	}
	for _, f := range doc.Fragments {
		n += literalFields(f.SelectionSet)
	}
	// Each field is in an operation or a fragment that an operation uses
	// (validation refuses unused fragments), so some operation selects
	// more than maxFields when the document holds more than this.
	if limit := d.maxFields * max(len(doc.Operations), 1); n > limit {
		return refuse(ctx, CodeQueryTooComplex, "the document selects %d fields; the limit is %d", n, limit)
	}
	return nil
}

// literalFields counts the fields written in a selection set, without
// following fragment spreads.
func literalFields(set ast.SelectionSet) int {
	n := 0
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			n += 1 + literalFields(s.SelectionSet)
		case *ast.InlineFragment:
			n += literalFields(s.SelectionSet)
		}
	}
	return n
}
