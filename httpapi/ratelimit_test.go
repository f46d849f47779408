package httpapi_test

import (
	"bytes"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/diplograph/diplograph/httpapi"
)

// from sends one GraphQL request that needs no Neo4j, as the peer at addr,
// with the headers given, and returns the status.
func from(t *testing.T, h http.Handler, addr string, header map[string]string) int {
	t.Helper()
	req := httptest.NewRequest("POST", "/graphql", strings.NewReader(`{"query":"{ __typename }"}`))
	req.Header.Set("Content-Type", "application/json")
	req.RemoteAddr = addr + ":40000"
	for k, v := range header {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Code
}

// One request each, then nothing for a very long time.
var oneEach = httpapi.RateLimit{Rate: 0.0001, Burst: 1}

// TestTrustedProxies checks that clients behind a trusted proxy each have
// their own limit, named by the rightmost address the proxies did not add
// themselves, while the header from anyone else is ignored.
func TestTrustedProxies(t *testing.T) {
	proxies, err := httpapi.ParseTrustedProxies("10.0.0.0/8, 192.0.2.7")
	if err != nil {
		t.Fatal(err)
	}
	h := httpapi.New(nil, httpapi.Options{RateLimit: oneEach, TrustedProxies: proxies})
	xff := func(v string) map[string]string { return map[string]string{"X-Forwarded-For": v} }
	steps := []struct {
		peer, header string
		want         int
	}{
		// Two clients of one proxy: each its own limit.
		{"10.1.2.3", "198.51.100.1", http.StatusOK},
		{"10.1.2.3", "198.51.100.2", http.StatusOK},
		{"10.1.2.3", "198.51.100.1", http.StatusTooManyRequests},
		// Through two trusted proxies; what the client wrote on the left
		// does not make it someone else.
		{"192.0.2.7", "203.0.113.50, 198.51.100.1, 10.9.9.9", http.StatusTooManyRequests},
		{"10.1.2.3", "198.51.100.9, 198.51.100.3", http.StatusOK},
		{"10.1.2.3", "198.51.100.8, 198.51.100.3", http.StatusTooManyRequests},
		// An untrusted peer's header is ignored: it is limited as itself.
		{"203.0.113.9", "198.51.100.4", http.StatusOK},
		{"203.0.113.9", "198.51.100.5", http.StatusTooManyRequests},
	}
	for _, s := range steps {
		if got := from(t, h, s.peer, xff(s.header)); got != s.want {
			t.Errorf("from %s, X-Forwarded-For %q: %d, want %d", s.peer, s.header, got, s.want)
		}
	}

	h = httpapi.New(nil, httpapi.Options{RateLimit: oneEach, TrustedProxies: proxies, ForwardedHeader: "Forwarded"})
	fwd := func(v string) map[string]string { return map[string]string{"Forwarded": v} }
	for _, s := range []struct {
		header map[string]string
		want   int
	}{
		{fwd(`for="[2001:db8::1]:4711";proto=https`), http.StatusOK},
		{fwd(`for=198.51.100.1, for=192.0.2.7`), http.StatusOK},
		{fwd(`for=2001:db8::1`), http.StatusTooManyRequests},
		// With Forwarded configured, X-Forwarded-For is the client's own.
		{xff("198.51.100.77"), http.StatusOK},
		{xff("198.51.100.78"), http.StatusTooManyRequests},
	} {
		if got := from(t, h, "10.0.0.1", s.header); got != s.want {
			t.Errorf("Forwarded mode, %v: %d, want %d", s.header, got, s.want)
		}
	}
}

func TestParseTrustedProxies(t *testing.T) {
	if _, err := httpapi.ParseTrustedProxies("10.0.0.0/8,nonsense"); err == nil {
		t.Error("a malformed entry was accepted")
	}
	if p, err := httpapi.ParseTrustedProxies(""); err != nil || len(p) != 0 {
		t.Errorf("empty list: %v %v", p, err)
	}
}

// writeKeys writes a key file and loads it.
func writeKeys(t *testing.T, content string) ([]httpapi.Key, error) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "keys.json")
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return httpapi.LoadKeys(path)
}

// TestKeyRateLimits checks that a key's entry may set its own limit, above
// or below the server's, and that the others keep the server's.
func TestKeyRateLimits(t *testing.T) {
	keys, err := writeKeys(t, `[
		{"name": "dashboard", "sha256": "`+httpapi.HashKey("dash")+`", "scopes": ["read"], "rateLimit": {"rate": 1000, "burst": 50}},
		{"name": "batch", "sha256": "`+httpapi.HashKey("batch")+`", "scopes": ["read"], "rateLimit": {"rate": 0}},
		{"name": "reader", "sha256": "`+httpapi.HashKey("read")+`", "scopes": ["read"]}
	]`)
	if err != nil {
		t.Fatal(err)
	}
	h := httpapi.New(nil, httpapi.Options{RateLimit: oneEach, Keys: keys})
	count := func(secret string) int {
		ok := 0
		for range 60 {
			if from(t, h, "198.51.100.1", map[string]string{"X-API-Key": secret}) == http.StatusOK {
				ok++
			}
		}
		return ok
	}
	if got := count("dash"); got < 50 {
		t.Errorf("dashboard key: %d of 60 answered, want at least its burst of 50", got)
	}
	if got := count("batch"); got != 60 {
		t.Errorf("key without a limit: %d of 60 answered, want all", got)
	}
	if got := count("read"); got != 1 {
		t.Errorf("key with the server's limit: %d of 60 answered, want 1", got)
	}

	for _, bad := range []string{`{"rate": 5, "burst": 0}`, `{"rate": -1, "burst": 5}`} {
		_, err := writeKeys(t, `[{"name": "x", "sha256": "`+httpapi.HashKey("x")+`", "scopes": ["read"], "rateLimit": `+bad+`}]`)
		if err == nil || !strings.Contains(err.Error(), "rateLimit") {
			t.Errorf("rateLimit %s: error %v, want it refused", bad, err)
		}
	}
}

// TestUnknownKeysThrottled sends a flood of made-up keys from one address:
// after a few the address is told to wait (429), and the log stays small.
// Another address is not affected.
func TestUnknownKeysThrottled(t *testing.T) {
	var logs bytes.Buffer
	h := httpapi.New(nil, httpapi.Options{Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	codes := map[int]int{}
	for i := range 2000 {
		codes[from(t, h, "203.0.113.9", map[string]string{"X-API-Key": "guess-" + strings.Repeat("x", i%7)})]++
	}
	if codes[http.StatusUnauthorized] > 20 || codes[http.StatusTooManyRequests] < 1900 {
		t.Errorf("2000 unknown keys from one address: %v, want most refused with 429", codes)
	}
	if lines := strings.Count(logs.String(), "\n"); lines > 25 {
		t.Errorf("%d log lines for 2000 refusals, want at most 25", lines)
	}
	if got := from(t, h, "203.0.113.10", map[string]string{"X-API-Key": "guess"}); got != http.StatusUnauthorized {
		t.Errorf("another address: %d, want 401", got)
	}
}
