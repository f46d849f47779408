package httpapi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// post answers GraphQL over POST exactly as gqlgen's transport.POST (the
// zero value) does, byte for byte, but writes the answer's data without
// validating it again. Hand-written because transport.POST puts every
// answer through json.Marshal, which re-scans the executor's already
// valid bytes (9% of the server's CPU on the actor page), and gqlgen has
// no hook to skip that. A body it cannot decode is left to transport.POST,
// for its answer; checkRequest refuses those before they get here.
type post struct{ transport.POST }

var _ graphql.Transport = post{}

func (p post) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	start := graphql.Now()
	body, readErr := heldBody(r)
	params := &graphql.RawParams{}
	err := readErr
	if err == nil {
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.UseNumber() // as gqlgen: variables keep their numbers' text
		err = dec.Decode(params)
	}
	if err != nil {
		// transport.POST reads what was read, and then meets the same
		// error, if reading failed.
		var again io.Reader = bytes.NewReader(body)
		if readErr != nil {
			again = io.MultiReader(again, errReader{readErr})
		}
		r.Body = io.NopCloser(again)
		p.POST.Do(w, r, exec)
		return
	}
	contentType := responseContentType(r)
	w.Header().Set("Content-Type", contentType)
	params.Headers = r.Header
	params.ReadTime = graphql.TraceTiming{Start: start, End: graphql.Now()}

	ctx := r.Context()
	rc, opErr := exec.CreateOperationContext(ctx, params)
	if opErr != nil {
		w.WriteHeader(statusForErrors(contentType, opErr))
		writeResponse(w, exec.DispatchError(graphql.WithOperationContext(ctx, rc), opErr))
		return
	}
	responses, ctx := exec.DispatchOperation(ctx, rc)
	writeResponse(w, responses(ctx))
}

// errReader fails a read with the error the body's first read met, so
// transport.POST answers it as it would have.
type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

const (
	mediaJSON            = "application/json"
	mediaGraphQLResponse = "application/graphql-response+json"
)

// responseContentType is the first type of the Accept header that
// transport.POST serves, application/json when there is none, and
// application/graphql-response+json when none is one it serves.
func responseContentType(r *http.Request) string {
	accept := r.Header.Get("Accept")
	if accept == "" {
		return mediaJSON
	}
	for part := range strings.SplitSeq(accept, ",") {
		mt, _, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		switch mt {
		case "*/*", "application/*", mediaJSON:
			return mediaJSON
		case mediaGraphQLResponse:
			return mediaGraphQLResponse
		}
	}
	return mediaGraphQLResponse
}

// statusForErrors is the status of an operation refused before it ran:
// a protocol error (a document that does not parse or validate) is 422
// under application/json and 400 under application/graphql-response+json,
// as the GraphQL over HTTP draft has it; anything else 200.
func statusForErrors(contentType string, errs gqlerror.List) int {
	if errcode.GetErrorKind(errs) != errcode.KindProtocol {
		return http.StatusOK
	}
	if contentType == mediaGraphQLResponse {
		return http.StatusBadRequest
	}
	return http.StatusUnprocessableEntity
}

// writeResponse writes resp as json.Marshal does. Its data is escaped for
// HTML as json.Marshal's check of a RawMessage would, in one pass that
// does not parse it; the rest is small and goes through json.Marshal.
func writeResponse(w io.Writer, resp *graphql.Response) {
	b, err := marshalResponse(resp)
	if err != nil {
		// As transport.POST: the recover function answers it.
		panic(fmt.Errorf("unable to marshal %s: %w", string(resp.Data), err))
	}
	_, _ = w.Write(b)
}

func marshalResponse(resp *graphql.Response) ([]byte, error) {
	// What follows the data, marshalled without the errors before it:
	// {"data":null,...} in the struct's field order.
	rest := *resp
	rest.Errors, rest.Data = nil, nil
	tail, err := json.Marshal(&rest)
	if err != nil {
		return nil, err
	}
	const head = `{"data":null`
	if !bytes.HasPrefix(tail, []byte(head)) {
		return nil, fmt.Errorf("json.Marshal no longer writes a response's data first: %.40s", tail)
	}
	out := bytes.NewBuffer(make([]byte, 0, len(resp.Data)+len(tail)+64))
	out.WriteByte('{')
	if len(resp.Errors) > 0 {
		errs, err := json.Marshal(resp.Errors)
		if err != nil {
			return nil, err
		}
		out.WriteString(`"errors":`)
		out.Write(errs)
		out.WriteByte(',')
	}
	out.WriteString(`"data":`)
	if len(resp.Data) == 0 {
		out.WriteString("null")
	} else {
		json.HTMLEscape(out, resp.Data)
	}
	out.Write(tail[len(head):])
	return out.Bytes(), nil
}
