package httpapi_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/diplograph/diplograph/httpapi"
)

// TestPostAnswersAsGQLGen: the POST transport writes an answer's data
// without checking it again, and must answer every request as gqlgen's
// transport.POST does, byte for byte, with the same status and type:
// every golden query, text with the characters json.Marshal escapes,
// answers with errors beside data, documents that do not parse or
// validate under each Accept header, and variables that do not fit.
func TestPostAnswersAsGQLGen(t *testing.T) {
	ours := newAPI(t, "../fixtures", "testdata/post")
	theirs := serveWith(t, ours.db, ours.db.Store, httpapi.WithGQLGenPOST(httpapi.Options{}))

	type request struct {
		name, body, accept string
	}
	var reqs []request
	files, err := filepath.Glob("testdata/queries/*.graphql")
	if err != nil || len(files) == 0 {
		t.Fatalf("no query documents: %v", err)
	}
	for _, f := range files {
		doc, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		reqs = append(reqs, request{name: filepath.Base(f), body: string(gql("", string(doc)))})
	}
	// Each document starts with its own comment: the refusal memo answers
	// a body it has refused before without reaching the transport.
	doc := func(name, query string) string { return string(gql("", "# "+name+"\n"+query)) }
	const escapes = `{ actor(id: "escapes-envoy") { name aliases sources { quote source { title publisher } } } }`
	const broken = `{ actor(`
	reqs = append(reqs,
		request{name: "escapes", body: doc("escapes", escapes)},
		request{name: "escapes, graphql-response+json", body: doc("escapes 2", escapes), accept: "application/graphql-response+json"},
		// A cursor that is not one, under a nullable field: an error beside
		// the rest of the data.
		request{name: "error beside data", body: doc("error", `{ a: actor(id: "witkoff") { name } b: actor(id: "witkoff") { events(first: 2, after: "not-a-cursor") { totalCount } } }`)},
		request{name: "does not parse", body: doc("parse 1", broken)},
		request{name: "does not parse, graphql-response+json", body: doc("parse 2", broken), accept: "application/graphql-response+json"},
		request{name: "does not parse, any type", body: doc("parse 3", broken), accept: "*/*"},
		request{name: "does not parse, any application type", body: doc("parse 4", broken), accept: "application/*"},
		request{name: "does not parse, a type not served", body: doc("parse 5", broken), accept: "text/html"},
		request{name: "does not parse, a list of types", body: doc("parse 6", broken), accept: "text/html;q=0.9, application/json"},
		request{name: "does not parse, escapes in the error", body: doc("parse 7", `{ actor(id: "witkoff") { name <&> } }`)},
		request{name: "unknown field", body: doc("unknown 1", `{ actor(id: "witkoff") { nom } }`)},
		request{name: "unknown field, graphql-response+json", body: doc("unknown 2", `{ actor(id: "witkoff") { nom } }`), accept: "application/graphql-response+json"},
		request{name: "variable of the wrong type", body: `{"query": "query($id: ID!) { actor(id: $id) { name } }", "variables": {"id": {"a": 1}}}`},
		request{name: "variable missing", body: `{"query": "query($id: ID!) { actor(id: $id) { name } }"}`},
		request{name: "no operation of that name", body: `{"query": "query A { actors(first: 1) { totalCount } }", "operationName": "B"}`},
		request{name: "no query", body: `{}`},
		request{name: "persisted query not known", body: `{"extensions": {"persistedQuery": {"version": 1, "sha256Hash": "0000000000000000000000000000000000000000000000000000000000000000"}}}`},
	)

	escaped := 0
	for _, r := range reqs {
		got, want := postRaw(t, ours, r.body, r.accept), postRaw(t, theirs, r.body, r.accept)
		if got.status != want.status || got.contentType != want.contentType {
			t.Errorf("%s: status %d, %s; gqlgen's %d, %s", r.name, got.status, got.contentType, want.status, want.contentType)
		}
		if !bytes.Equal(got.body, want.body) {
			t.Errorf("%s: the answer differs from gqlgen's:\n%s\ngqlgen's:\n%s", r.name, got.body, want.body)
		}
		if !json.Valid(got.body) {
			t.Errorf("%s: not JSON: %s", r.name, got.body)
		}
		if bytes.Contains(got.body, []byte(`\u0026`)) && bytes.Contains(got.body, []byte(`\u2028`)) {
			escaped++
		}
	}
	// Without an escaped answer, the comparison above says nothing of the
	// escaping.
	if escaped < 2 {
		t.Errorf("%d answers held escaped characters; the escapes requests should", escaped)
	}
}

type rawAnswer struct {
	status      int
	contentType string
	body        []byte
}

// postRaw sends body as a POST with a fixed request id, which answers
// with errors carry.
func postRaw(t *testing.T, a *api, body, accept string) rawAnswer {
	t.Helper()
	h := map[string]string{"X-Request-Id": "post-transport"}
	if accept != "" {
		h["Accept"] = accept
	}
	resp := a.do(http.MethodPost, "/graphql", []byte(body), h)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return rawAnswer{status: resp.StatusCode, contentType: resp.Header.Get("Content-Type"), body: b}
}
