package metrics

import (
	"context"
	"time"

	"github.com/99designs/gqlgen/graphql"
)

// GraphQL is the gqlgen extension that records each operation.
func (m *Metrics) GraphQL() graphql.HandlerExtension { return operations{m} }

type operations struct{ m *Metrics }

var (
	_ graphql.HandlerExtension    = operations{}
	_ graphql.ResponseInterceptor = operations{}
)

func (operations) ExtensionName() string                          { return "Metrics" }
func (operations) Validate(schema graphql.ExecutableSchema) error { return nil }

// InterceptResponse times the operation from its parsed parameters to its
// answer, and labels it with its name and its first error's code.
func (o operations) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	start := time.Now()
	resp := next(ctx)
	name, persisted := "", false
	if graphql.HasOperationContext(ctx) {
		oc := graphql.GetOperationContext(ctx)
		name = oc.OperationName
		if oc.RawQuery == "" || oc.Extensions["persistedQuery"] != nil {
			persisted = oc.Extensions["persistedQuery"] != nil
		}
		start = oc.Stats.OperationStart
	}
	code := ""
	if resp != nil && len(resp.Errors) > 0 {
		code = "error"
		if c, ok := resp.Errors[0].Extensions["code"].(string); ok {
			code = c
		}
	}
	o.m.Operation(name, persisted, code, time.Since(start))
	return resp
}
