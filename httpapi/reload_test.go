package httpapi_test

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/diplograph/diplograph/httpapi"
)

// TestReloadRefusesNotRegularFiles puts a FIFO and a symlink to /dev/zero
// among the fixtures: a reload names them and answers at once, instead of
// blocking on the FIFO or reading the device until memory runs out.
func TestReloadRefusesNotRegularFiles(t *testing.T) {
	keys := []httpapi.Key{{Name: "ops", SHA256: httpapi.HashKey("admin-secret"), Scopes: []string{httpapi.ScopeAdmin}}}
	for name, mk := range map[string]func(string) error{
		"fifo":      func(p string) error { return syscall.Mkfifo(p, 0o644) },
		"/dev/zero": func(p string) error { return os.Symlink("/dev/zero", p) },
	} {
		dir := t.TempDir()
		bad := filepath.Join(dir, "zz.yaml")
		if err := mk(bad); err != nil {
			t.Skipf("cannot make a %s here: %v", name, err)
		}
		h := httpapi.New(nil, httpapi.Options{Keys: keys, Fixtures: []string{dir}})
		req := httptest.NewRequest("POST", "/admin/reload", nil)
		req.Header.Set("X-API-Key", "admin-secret")
		rec := httptest.NewRecorder()
		done := make(chan struct{})
		go func() {
			h.ServeHTTP(rec, req)
			close(done)
		}()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: the reload still blocked after 10 s", name)
		}
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), bad+": not a regular file") {
			t.Errorf("%s: %d %s, want 422 naming %s as not a regular file", name, rec.Code, rec.Body, bad)
		}
	}
}
