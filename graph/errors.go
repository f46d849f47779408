package graph

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"regexp"
	"runtime/debug"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/diplograph/diplograph/graph/model"
	"github.com/diplograph/diplograph/store"
	"github.com/diplograph/diplograph/vocab"
)

// Stable error codes, in every error's extensions.code. Clients may rely on
// them; messages are for people.
const (
	CodeNotFound     = "NOT_FOUND"
	CodeBadUserInput = "BAD_USER_INPUT"
	CodeUnavailable  = "UNAVAILABLE"
	// CodeOverloaded: the server had as much work in flight as it takes;
	// the request was not at fault and may be retried shortly (HTTP 503
	// with Retry-After).
	CodeOverloaded = "OVERLOADED"
	CodeInternal   = "INTERNAL"
	CodeTimeout    = "TIMEOUT"
	CodeCancelled  = "CANCELLED"
	// CodeBadRequest is a request that is not a GraphQL request at all,
	// such as a body that is not JSON.
	CodeBadRequest = "BAD_REQUEST"

	CodeIntrospectionDisabled = "INTROSPECTION_DISABLED"
)

func coded(code, format string, args ...any) *gqlerror.Error {
	return &gqlerror.Error{Message: fmt.Sprintf(format, args...), Extensions: map[string]any{"code": code}}
}

func badInput(format string, args ...any) error { return coded(CodeBadUserInput, format, args...) }

func notFound(what, id string) error { return coded(CodeNotFound, "%s %q not found", what, id) }

func checkID(id string) error {
	if !vocab.ValidID(id) {
		return badInput("%q is not a diplograph id (ids are lower-case slugs such as \"witkoff\")", truncate(id, 64))
	}
	return nil
}

func checkIDs(ids []string) error {
	for _, id := range ids {
		if err := checkID(id); err != nil {
			return err
		}
	}
	return nil
}

// logExcerptBytes bounds what one error puts in the log.
const logExcerptBytes = 200

var (
	apiKeyPattern = regexp.MustCompile(`dg_[A-Za-z0-9_-]{8,}`)
	secretPattern = regexp.MustCompile(`(?i)((?:password|passwd|secret|token|api[_-]?key|authorization)["']?\s*[:=]\s*["']?(?:bearer\s+)?|bearer\s+)[^"'\s,}&]+`)
)

// LogExcerpt is what the log may keep of a text that can quote a request:
// its first logExcerptBytes bytes, with API keys and the values of fields
// named like secrets redacted.
func LogExcerpt(s string) string {
	s = apiKeyPattern.ReplaceAllString(s, "dg_[redacted]")
	s = secretPattern.ReplaceAllString(s, "${1}[redacted]")
	if len(s) > logExcerptBytes {
		s = strings.ToValidUTF8(s[:logExcerptBytes], "") + "…"
	}
	return s
}

func truncate(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// PresentError gives every error a stable code. Errors the API did not
// anticipate become INTERNAL with a generic message: their text, which may
// hold Cypher or driver detail, goes to the log only.
func PresentError(log *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		gerr := graphql.DefaultErrorPresenter(ctx, err)
		var inputErr *store.InputError
		var notFoundErr *store.NotFoundError
		var coded *gqlerror.Error
		var panicked *model.PanicError
		switch {
		case errors.As(err, &panicked):
			log.ErrorContext(ctx, "panic while loading a field", "path", gerr.Path.String(), "panic", fmt.Sprint(panicked.Value), "stack", string(panicked.Stack))
			gerr.Message = "internal error"
			gerr.Extensions = map[string]any{"code": CodeInternal}
		case errors.As(err, &coded) && coded.Extensions["code"] != nil:
			gerr.Message, gerr.Extensions = coded.Message, coded.Extensions
			return gerr
		case errors.As(err, &inputErr):
			gerr.Message = inputErr.Msg
			gerr.Extensions = map[string]any{"code": CodeBadUserInput}
		case errors.As(err, &notFoundErr):
			gerr.Message = notFoundErr.Error()
			gerr.Extensions = map[string]any{"code": CodeNotFound}
		case errors.Is(err, context.Canceled):
			// The client went away; nobody reads this answer.
			log.DebugContext(ctx, "request cancelled", "path", gerr.Path.String())
			gerr.Message = "the request was cancelled"
			gerr.Extensions = map[string]any{"code": CodeCancelled}
		case errors.Is(err, store.ErrTimeout), errors.Is(err, context.DeadlineExceeded):
			log.WarnContext(ctx, "request timed out", "path", gerr.Path.String(), "err", err)
			gerr.Message = "the request took too long and was stopped; ask for less (smaller pages, narrower filters)"
			gerr.Extensions = map[string]any{"code": CodeTimeout}
		case errors.Is(err, store.ErrOverloaded):
			log.DebugContext(ctx, "overloaded", "path", gerr.Path.String(), "err", err)
			gerr.Message = "the server is busy; try again shortly"
			gerr.Extensions = map[string]any{"code": CodeOverloaded}
		case errors.Is(err, store.ErrUnavailable):
			log.WarnContext(ctx, "neo4j unavailable", "path", gerr.Path.String(), "err", err)
			gerr.Message = "the graph database is unavailable; try again shortly"
			gerr.Extensions = map[string]any{"code": CodeUnavailable}
		case strings.HasPrefix(err.Error(), "json request body could not be decoded"):
			// gqlgen quotes the whole body in this error: neither the
			// client nor the log needs it back.
			gerr.Message = "the request body is not a JSON object"
			gerr.Extensions = map[string]any{"code": CodeBadRequest}
		case gerr.Extensions["code"] != nil:
			// gqlgen's own validation and parsing errors carry their code.
		case strings.HasSuffix(err.Error(), "introspection disabled"):
			// gqlgen reports switched-off introspection as a plain error.
			gerr.Message = "introspection is switched off on this server"
			gerr.Extensions = map[string]any{"code": CodeIntrospectionDisabled}
		default:
			log.ErrorContext(ctx, "resolver failed", "path", gerr.Path.String(), "err", LogExcerpt(err.Error()))
			gerr.Message = "internal error"
			gerr.Extensions = map[string]any{"code": CodeInternal}
		}
		return gerr
	}
}

// Recover turns a panic into an INTERNAL error, logged with its value and
// the stack of the goroutine that panicked (gqlgen recovers in the
// panicking goroutine, so debug.Stack is the panic's).
func Recover(log *slog.Logger) graphql.RecoverFunc {
	return func(ctx context.Context, v any) error {
		log.ErrorContext(ctx, "panic in resolver", "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
		return coded(CodeInternal, "internal error")
	}
}
