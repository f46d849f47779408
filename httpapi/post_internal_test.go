package httpapi

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/executor"
	"github.com/99designs/gqlgen/graphql/handler/transport"

	"github.com/diplograph/diplograph/graph"
)

// TestPostLeavesUndecodableBodiesToGQLGen: a body post cannot read or
// decode is answered as transport.POST answers it. checkRequest refuses
// these before they reach the transport, so the server cannot show it;
// nothing is resolved, so no store is needed.
func TestPostLeavesUndecodableBodiesToGQLGen(t *testing.T) {
	exec := executor.New(graph.NewExecutableSchema(graph.Config{Resolvers: &graph.Resolver{}}))
	bodies := map[string]func() io.Reader{
		"not JSON":    func() io.Reader { return strings.NewReader(`{"query": `) },
		"not a query": func() io.Reader { return strings.NewReader(`{"query": 42}`) },
		"a read that fails": func() io.Reader {
			return io.MultiReader(strings.NewReader(`{"query": "{ __typename }"`), iotest.ErrReader(errors.New("connection reset")))
		},
	}
	for name, body := range bodies {
		answer := func(tr graphql.Transport) *httptest.ResponseRecorder {
			r := httptest.NewRequest(http.MethodPost, "/graphql", body())
			r.Header.Set("Content-Type", "application/json")
			w := httptest.NewRecorder()
			tr.Do(w, r, exec)
			return w
		}
		got, want := answer(post{}), answer(transport.POST{})
		if got.Code != want.Code || got.Header().Get("Content-Type") != want.Header().Get("Content-Type") || got.Body.String() != want.Body.String() {
			t.Errorf("%s: %d %s %s\ngqlgen's: %d %s %s", name, got.Code, got.Header().Get("Content-Type"), got.Body,
				want.Code, want.Header().Get("Content-Type"), want.Body)
		}
		if got.Body.Len() == 0 || !strings.Contains(got.Body.String(), `"errors"`) {
			t.Errorf("%s: no error in %q", name, got.Body)
		}
	}
}
