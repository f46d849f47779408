package httpapi

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// Exports beyond the limit are refused at once with 503 and Retry-After;
// a slot is free again when a download ends, even one cut short.
func TestLimitExports(t *testing.T) {
	started, release := make(chan struct{}), make(chan struct{})
	h := limitExports(2, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		started <- struct{}{}
		<-release
		if r.URL.Query().Get("cut") != "" {
			panic(http.ErrAbortHandler)
		}
		io.WriteString(w, "export")
	}))
	srv := httptest.NewServer(h)
	defer srv.Close()
	done := make(chan int, 2)
	for _, q := range []string{"?cut=1", ""} {
		go func() {
			resp, err := http.Get(srv.URL + "/export" + q)
			if err != nil {
				done <- 0 // the cut one
				return
			}
			resp.Body.Close()
			done <- resp.StatusCode
		}()
		<-started
	}
	resp, err := http.Get(srv.URL + "/export")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") != "5" || !strings.Contains(string(body), "too many exports") {
		t.Errorf("third export: %d, Retry-After %q, %q", resp.StatusCode, resp.Header.Get("Retry-After"), body)
	}
	close(release)
	<-done
	<-done
	go func() { <-started }()
	resp, err = http.Get(srv.URL + "/export")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("after the others ended: %d, want 200", resp.StatusCode)
	}
}
