package httpapi

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"io"
	"net/http"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// Refusals are remembered by the request that earned them. What decides a
// refusal before anything runs (the document's size, depth and cost, the
// parser's token limit, locked persisted queries) depends on the request's
// bytes alone, so the same bytes sent again are refused from memory: a
// hash, not a JSON decode, a parse and a walk. A client repeating 600
// aliases of introspection cost 2.6 ms of CPU a request before; the
// decoding of large bodies was most of what a flood of refused requests
// cost the server (profiled).

// refusalMemoBytes bounds the refusals remembered.
const refusalMemoBytes = 1 << 20

type refusalMemo struct {
	cache *byteCache[*gqlerror.Error]
}

func newRefusalMemo() refusalMemo {
	return refusalMemo{newByteCache(refusalMemoBytes, func(_ string, e *gqlerror.Error) int64 {
		return int64(128 + len(e.Message))
	})}
}

type memoKey struct{}

// middleware answers a request refused before from memory, and lets the
// refusals made further in (remember) find the request's key. It runs
// after limitBody, which holds the body in memory.
func (m refusalMemo) middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Answers of the GraphQL-over-HTTP media type have statuses of
		// their own; those requests are not remembered.
		if strings.Contains(r.Header.Get("Accept"), "application/graphql-response+json") {
			next.ServeHTTP(w, r)
			return
		}
		h := sha256.New()
		io.WriteString(h, r.Method+"\n"+r.Header.Get("Content-Type")+"\n"+r.URL.RawQuery+"\n")
		if r.Body != nil && r.Method == http.MethodPost {
			body, err := heldBody(r)
			if err != nil {
				writeGraphQLError(w, http.StatusBadRequest, CodeBadRequest, "could not read the request body")
				return
			}
			h.Write(body)
		}
		key := string(h.Sum(nil))
		if e, ok := m.cache.Get(r.Context(), key); ok {
			countRefusal(r.Context(), e.Extensions["code"].(string))
			writeRefusal(w, r, e)
			return
		}
		ctx := context.WithValue(r.Context(), memoKey{}, memo{m, key})
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

type memo struct {
	m   refusalMemo
	key string
}

// remember keeps a refusal for the request under ctx; it returns a copy to
// answer with, since the error presenter adds to its extensions.
func remember(ctx context.Context, e *gqlerror.Error) *gqlerror.Error {
	if mk, ok := ctx.Value(memoKey{}).(memo); ok {
		mk.m.cache.Add(ctx, mk.key, e)
	}
	return cloneError(e)
}

// writeRefusal answers as gqlgen does for an error before execution: 422
// for a document that does not parse or validate, 200 otherwise.
func writeRefusal(w http.ResponseWriter, r *http.Request, e *gqlerror.Error) {
	e = cloneError(e)
	if id := RequestID(r.Context()); id != "" {
		e.Extensions["requestId"] = id
	}
	status := http.StatusOK
	if errcode.GetErrorKind(gqlerror.List{e}) == errcode.KindProtocol {
		status = http.StatusUnprocessableEntity
	}
	body, err := json.Marshal(&graphql.Response{Errors: gqlerror.List{e}})
	if err != nil {
		writeGraphQLError(w, http.StatusInternalServerError, "INTERNAL", "internal error")
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

func cloneError(e *gqlerror.Error) *gqlerror.Error {
	c := *e
	c.Extensions = make(map[string]any, len(e.Extensions))
	for k, v := range e.Extensions {
		c.Extensions[k] = v
	}
	return &c
}
