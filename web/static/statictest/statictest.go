// Package statictest runs requests through the web packages' handlers in
// tests.
package statictest

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

// Do serves one request to h with the given method and target and header
// pairs (name, value, name, value...), and returns the response with its
// body read.
func Do(t testing.TB, h http.Handler, method, target string, header ...string) (*http.Response, string) {
	t.Helper()
	if len(header)%2 != 0 {
		t.Fatalf("statictest.Do: header %q is not name/value pairs", header)
	}
	req := httptest.NewRequest(method, target, nil)
	for i := 0; i < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	resp := rec.Result()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(b)
}

// Get is Do with GET.
func Get(t testing.TB, h http.Handler, target string, header ...string) (*http.Response, string) {
	t.Helper()
	return Do(t, h, http.MethodGet, target, header...)
}
