package httpapi

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/diplograph/diplograph/metrics"
	"github.com/diplograph/diplograph/store"
)

// answerCache keeps whole answers to queries, keyed on the graph's version
// and on the request (query, operation name, variables). An answer depends
// on nothing else: not on the caller, not on the clock. So an answer kept
// under the graph's version is the answer until a load changes the graph,
// whichever process loads; entries of older versions are dropped once a
// newer version is seen.
//
// A lookup reads the version (one small statement). An answer is kept only
// when it has no errors and the version read again after answering is the
// same: a load that lands while a query runs may change part of an answer,
// and such an answer is not kept.
type answerCache struct {
	st      *store.Store
	cache   *byteCache[json.RawMessage]
	metrics *metrics.Metrics

	mu     sync.Mutex
	latest int64
}

func newAnswerCache(st *store.Store, bytes int64, m *metrics.Metrics) *answerCache {
	return &answerCache{st: st, metrics: m, cache: newByteCache(bytes, func(key string, data json.RawMessage) int64 {
		return int64(len(key)+len(data)) + 64
	})}
}

func (*answerCache) ExtensionName() string                   { return "AnswerCache" }
func (*answerCache) Validate(graphql.ExecutableSchema) error { return nil }

func (a *answerCache) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	oc := graphql.GetOperationContext(ctx)
	if oc == nil || oc.Operation == nil || oc.Operation.Operation != ast.Query {
		return next(ctx)
	}
	before, err := a.st.Version(ctx)
	if err != nil {
		// Neo4j is unavailable or the server busy: the query itself says so.
		return next(ctx)
	}
	a.seen(before)
	key, err := answerKey(before, oc)
	if err != nil {
		return next(ctx)
	}
	if data, ok := a.cache.Get(ctx, key); ok {
		a.count("hit")
		tagAnswer(ctx, key)
		// A response of its own: later interceptors add extensions to it.
		return &graphql.Response{Data: data}
	}
	resp := next(ctx)
	if resp == nil || len(resp.Errors) > 0 || resp.Data == nil || resp.HasNext != nil {
		a.count("pass")
		return resp
	}
	if after, err := a.st.Version(ctx); err != nil || after != before {
		a.count("pass")
		return resp
	}
	a.cache.Add(ctx, key, resp.Data)
	a.count("miss")
	tagAnswer(ctx, key)
	return resp
}

// seen drops every answer once a newer version is seen: none of them can
// be asked for again.
func (a *answerCache) seen(version int64) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if version > a.latest {
		if a.latest != 0 {
			a.cache.Purge()
		}
		a.latest = version
	}
}

func (a *answerCache) count(result string) {
	if a.metrics != nil {
		a.metrics.Answer(result)
	}
}

// answerKey names an answer: the graph's version and what the request
// asks, with the variables as coerced (encoding/json sorts map keys).
func answerKey(version int64, oc *graphql.OperationContext) (string, error) {
	vars, err := json.Marshal(oc.Variables)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	h.Write([]byte(oc.RawQuery))
	h.Write([]byte{0})
	h.Write([]byte(oc.OperationName))
	h.Write([]byte{0})
	h.Write(vars)
	return strconv.FormatInt(version, 10) + "-" + hex.EncodeToString(h.Sum(nil)[:16]), nil
}

// An answer's tag travels from the cache to the HTTP layer through the
// request's context: the cache knows the answer, the HTTP layer the headers.
type answerTagKey struct{}

type answerTag struct{ etag string }

func tagAnswer(ctx context.Context, key string) {
	if t, ok := ctx.Value(answerTagKey{}).(*answerTag); ok {
		t.etag = `"` + key + `"`
	}
}

// conditional gives an answer to GET that the cache holds an ETag and
// Cache-Control (no-cache: keep it, but ask again each time, since any load
// may change it), and answers a request whose If-None-Match names the
// current tag with 304 Not Modified and no body. private marks answers that
// need a key, which shared caches must not keep.
func conditional(private bool, next http.Handler) http.Handler {
	cacheControl := "no-cache"
	if private {
		cacheControl = "private, no-cache"
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet {
			next.ServeHTTP(w, r)
			return
		}
		tag := &answerTag{}
		tw := &taggedWriter{ResponseWriter: w, tag: tag, ifNoneMatch: r.Header.Get("If-None-Match"), cacheControl: cacheControl}
		next.ServeHTTP(tw, r.WithContext(context.WithValue(r.Context(), answerTagKey{}, tag)))
	})
}

type taggedWriter struct {
	http.ResponseWriter
	tag                       *answerTag
	ifNoneMatch, cacheControl string
	wrote, notModified        bool
}

func (w *taggedWriter) WriteHeader(code int) {
	if w.wrote {
		return
	}
	w.wrote = true
	if code == http.StatusOK && w.tag.etag != "" {
		h := w.Header()
		h.Set("ETag", w.tag.etag)
		h.Set("Cache-Control", w.cacheControl)
		if etagListed(w.ifNoneMatch, w.tag.etag) {
			h.Del("Content-Type")
			h.Del("Content-Length")
			w.notModified = true
			code = http.StatusNotModified
		}
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *taggedWriter) Write(b []byte) (int, error) {
	if !w.wrote {
		w.WriteHeader(http.StatusOK)
	}
	if w.notModified {
		return len(b), nil
	}
	return w.ResponseWriter.Write(b)
}

func (w *taggedWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// etagListed reports whether an If-None-Match header names etag, by the
// weak comparison RFC 9110 asks of it.
func etagListed(header, etag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == "*" || t == etag {
			return true
		}
	}
	return false
}
