package httpapi

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"

	"github.com/diplograph/diplograph/graph"
)

// fieldTimer is the kind of extension a tracer of fields would be.
type fieldTimer struct{}

func (fieldTimer) ExtensionName() string                          { return "FieldTimer" }
func (fieldTimer) Validate(schema graphql.ExecutableSchema) error { return nil }
func (fieldTimer) InterceptField(ctx context.Context, next graphql.Resolver) (any, error) {
	return next(ctx)
}

// Plain scalar fields skip gqlgen's per-field middleware
// (graph/internal/inorder), so a field interceptor would see some fields
// and not others: the server refuses one, naming it.
func TestFieldInterceptorRefused(t *testing.T) {
	gql := handler.New(graph.NewExecutableSchema(graph.Config{Resolvers: &graph.Resolver{}}))
	use(gql, extension.Introspection{})
	defer func() {
		if r := recover(); r == nil || !strings.Contains(fmt.Sprint(r), "FieldTimer") {
			t.Fatalf("a field interceptor was installed (%v), want a refusal naming it", r)
		}
	}()
	use(gql, fieldTimer{})
}
