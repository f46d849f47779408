package httpapi

import (
	"bytes"
	"encoding/json"
	"mime"
	"net/http"
	"net/url"

	"github.com/diplograph/diplograph/graph"
)

// CodeBadRequest is the code of a request that is not a GraphQL request at
// all: not JSON, the wrong method or content type, a batch.
const CodeBadRequest = graph.CodeBadRequest

// checkRequest answers what gqlgen's transports would answer without a code
// (or with INTERNAL, the request body quoted in the message and the log):
// anything but one operation sent by GET, or by POST as a JSON object.
func checkRequest(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var msg string
		switch {
		case r.Method == http.MethodGet:
			msg = checkGet(r)
		case r.Method == http.MethodPost:
			msg = checkPost(r)
		default:
			w.Header().Set("Allow", "GET, POST")
			writeGraphQLError(w, http.StatusMethodNotAllowed, CodeBadRequest, "send GraphQL requests with GET or POST")
			return
		}
		if msg != "" {
			writeGraphQLError(w, http.StatusBadRequest, CodeBadRequest, msg)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func checkGet(r *http.Request) string {
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return "the query string is not URL-encoded"
	}
	for _, name := range []string{"variables", "extensions"} {
		if v := q.Get(name); v != "" && !isObject([]byte(v)) {
			return name + " must be a JSON object"
		}
	}
	return ""
}

// checkPost reads the body, which limitBody has already bounded, and puts it
// back for gqlgen.
func checkPost(r *http.Request) string {
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		return "send the operation as Content-Type: application/json"
	}
	body, err := heldBody(r)
	if err != nil {
		return "could not read the request body"
	}
	if trimmed := bytes.TrimLeft(body, " \t\r\n"); len(trimmed) > 0 && trimmed[0] == '[' {
		return "batched operations are not supported; send one operation per request"
	}
	var req struct {
		Query, OperationName, Variables, Extensions json.RawMessage
	}
	// The decoder's errors name a character or a type, never the body.
	if err := json.Unmarshal(body, &req); err != nil {
		return "the request body is not a JSON object (" + err.Error() + ")"
	}
	switch {
	case !isNullOr(req.Query, '"'):
		return "query must be a string"
	case !isNullOr(req.OperationName, '"'):
		return "operationName must be a string"
	case !isNullOr(req.Variables, '{'):
		return "variables must be a JSON object"
	case !isNullOr(req.Extensions, '{'):
		return "extensions must be a JSON object"
	}
	return ""
}

// isNullOr reports whether a JSON value is absent, null, or starts with the
// byte that opens the wanted kind.
func isNullOr(v json.RawMessage, open byte) bool {
	return len(v) == 0 || string(v) == "null" || v[0] == open
}

func isObject(v []byte) bool {
	v = bytes.TrimLeft(v, " \t\r\n")
	return len(v) > 0 && v[0] == '{' && json.Valid(v)
}
