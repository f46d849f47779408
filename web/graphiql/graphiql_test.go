package graphiql

import (
	"io/fs"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/diplograph/diplograph/web/static/statictest"
)

// builtFS stands in for dist/ after `make web`.
func builtFS() fstest.MapFS {
	m := fstest.MapFS{"README.txt": {Data: []byte("built by make web; do not edit\n")}}
	for _, name := range assets {
		m[name] = &fstest.MapFile{Data: []byte("/* " + name + " */\n")}
	}
	return m
}

// The embedded dist/ must hold the real builds: `make test` runs `make web`
// first, and a binary without them would only ever answer 503.
func TestEmbeddedAssetsAreBuilt(t *testing.T) {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range assets {
		info, err := fs.Stat(sub, name)
		if err != nil {
			t.Fatalf("dist/%s is not embedded (%v): run 'make web' before building or testing", name, err)
		}
		if info.Size() < 1000 {
			t.Errorf("dist/%s is %d bytes: not a real build; run 'make web'", name, info.Size())
		}
	}
}

func TestPageReferencesOnlyLocalAssets(t *testing.T) {
	h := Handler("/graphql")
	for _, path := range []string{"/graphiql", "/graphiql/"} {
		resp, page := statictest.Get(t, h, path)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %d %s", path, resp.StatusCode, page)
		}
		if ct := resp.Header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
			t.Errorf("GET %s: Content-Type %q", path, ct)
		}
		if strings.Contains(page, "http://") || strings.Contains(page, "https://") || strings.Contains(page, "//cdn") {
			t.Errorf("GET %s: page names a remote URL:\n%s", path, page)
		}
		if strings.Contains(page, "<style") || regexp.MustCompile(`<script>`).MatchString(page) || strings.Contains(page, " style=") {
			t.Errorf("GET %s: page has inline script or style, which the CSP blocks:\n%s", path, page)
		}

		refs := regexp.MustCompile(`(?:src|href)="([^"]*)"`).FindAllStringSubmatch(page, -1)
		want := []string{"graphiql.min.css", "page.css", "react.production.min.js", "react-dom.production.min.js", "graphiql.min.js", "init.js"}
		if len(refs) != len(want) {
			t.Fatalf("GET %s: %d src/href references, want %d:\n%s", path, len(refs), len(want), page)
		}
		for i, ref := range refs {
			u := strings.ReplaceAll(ref[1], "&amp;", "&")
			if !strings.HasPrefix(u, "/graphiql/assets/"+want[i]+"?v=") {
				t.Errorf("GET %s: reference %d is %q, want /graphiql/assets/%s?v=…", path, i, u, want[i])
				continue
			}
			// Every reference must resolve on the same handler.
			if r, _ := statictest.Get(t, h, u); r.StatusCode != http.StatusOK {
				t.Errorf("GET %s (referenced by the page): %d", u, r.StatusCode)
			}
		}
	}
}

func TestPageSecurityHeaders(t *testing.T) {
	resp, _ := statictest.Get(t, newHandler(builtFS(), "/graphql"), "/graphiql")
	csp := resp.Header.Get("Content-Security-Policy")
	directives := map[string]string{}
	for _, d := range strings.Split(csp, ";") {
		name, value, _ := strings.Cut(strings.TrimSpace(d), " ")
		directives[name] = value
	}
	for name, want := range map[string]string{
		"default-src":     "'none'",
		"script-src":      "'self'",
		"style-src":       "'self'", // so style attributes stay blocked
		"style-src-elem":  "'self' 'unsafe-inline'",
		"connect-src":     "'self'",
		"img-src":         "'self' data:",
		"font-src":        "'self' data:",
		"base-uri":        "'none'",
		"frame-ancestors": "'none'",
	} {
		if got := directives[name]; got != want {
			t.Errorf("CSP %s is %q, want %q (full policy: %q)", name, got, want, csp)
		}
	}
	if strings.Contains(csp, "unsafe-eval") {
		t.Errorf("CSP %q allows eval", csp)
	}
	if got := resp.Header.Get("X-Content-Type-Options"); got != "nosniff" {
		t.Errorf("X-Content-Type-Options %q", got)
	}
}

func TestCSPAllowsAbsoluteEndpointOrigin(t *testing.T) {
	resp, _ := statictest.Get(t, newHandler(builtFS(), "https://api.example.org:8443/graphql?x=1"), "/graphiql")
	csp := resp.Header.Get("Content-Security-Policy")
	if !strings.Contains(csp, "connect-src 'self' https://api.example.org:8443;") {
		t.Errorf("CSP %q does not allow the endpoint's origin", csp)
	}
}

func TestEmbeddedAssetsServed(t *testing.T) {
	h := Handler("/graphql")
	for _, name := range assets {
		resp, b := statictest.Get(t, h, "/graphiql/assets/"+name)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %d %s (run 'make web')", name, resp.StatusCode, b)
		}
		wantCT := "text/javascript; charset=utf-8"
		if strings.HasSuffix(name, ".css") {
			wantCT = "text/css; charset=utf-8"
		}
		if ct := resp.Header.Get("Content-Type"); ct != wantCT {
			t.Errorf("GET %s: Content-Type %q, want %q", name, ct, wantCT)
		}
		if cc := resp.Header.Get("Cache-Control"); cc != "public, max-age=86400" {
			t.Errorf("GET %s: Cache-Control %q", name, cc)
		}
		if got := resp.Header.Get("X-Content-Type-Options"); got != "nosniff" {
			t.Errorf("GET %s: X-Content-Type-Options %q", name, got)
		}
		if len(b) < 1000 {
			t.Errorf("GET %s: %d bytes, not a real build", name, len(b))
		}
		etag := resp.Header.Get("ETag")
		if etag == "" {
			t.Errorf("GET %s: no ETag", name)
		} else if r, _ := statictest.Get(t, h, "/graphiql/assets/"+name, "If-None-Match", etag); r.StatusCode != http.StatusNotModified {
			t.Errorf("GET %s with If-None-Match: %d, want 304", name, r.StatusCode)
		}
	}
	// The UMD build reads React from globals, as the page loads them.
	_, js := statictest.Get(t, h, "/graphiql/assets/graphiql.min.js")
	if !strings.Contains(js, `window["React"]`) || !strings.Contains(js, "window.GraphiQL") {
		t.Error("graphiql.min.js is not the UMD build that uses window.React and sets window.GraphiQL")
	}
}

func TestEndpointInjected(t *testing.T) {
	h := newHandler(builtFS(), "/graphql")
	resp, js := statictest.Get(t, h, "/graphiql/assets/init.js")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("init.js: %d %s", resp.StatusCode, js)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/javascript; charset=utf-8" {
		t.Errorf("init.js: Content-Type %q", ct)
	}
	if cc := resp.Header.Get("Cache-Control"); cc != "no-cache" {
		t.Errorf("init.js: Cache-Control %q", cc)
	}
	for _, want := range []string{`var endpoint = "/graphql";`, "GraphiQL.createFetcher({ url: endpoint })", "ReactDOM.createRoot"} {
		if !strings.Contains(js, want) {
			t.Errorf("init.js lacks %q:\n%s", want, js)
		}
	}

	// A hostile endpoint stays a JSON string: no way out of the literal or
	// the script.
	evil := "/x\";alert(1);//</script><script>alert(2)</script>\u2028"
	_, js = statictest.Get(t, newHandler(builtFS(), evil), "/graphiql/assets/init.js")
	if !strings.Contains(js, `var endpoint = "/x\";alert(1);//\u003c/script\u003e\u003cscript\u003ealert(2)\u003c/script\u003e\u2028";`) {
		t.Errorf("hostile endpoint not escaped:\n%s", js)
	}
	// Nor does it reach the page.
	if _, page := statictest.Get(t, newHandler(builtFS(), evil), "/graphiql"); strings.Contains(page, "alert") {
		t.Errorf("endpoint leaked into the page:\n%s", page)
	}
}

func TestNotBuilt(t *testing.T) {
	for name, files := range map[string]fs.FS{
		"placeholder only": fstest.MapFS{"README.txt": {Data: []byte("built by make web; do not edit\n")}},
		"one asset missing": func() fs.FS {
			m := builtFS()
			delete(m, "graphiql.min.js")
			return m
		}(),
	} {
		h := newHandler(files, "/graphql")
		for _, path := range []string{"/graphiql", "/graphiql/", "/graphiql/assets/react.production.min.js", "/graphiql/assets/init.js"} {
			resp, b := statictest.Get(t, h, path)
			if resp.StatusCode != http.StatusServiceUnavailable {
				t.Errorf("%s: GET %s: %d, want 503", name, path, resp.StatusCode)
			}
			if b != "GraphiQL assets are not built: run 'make web'\n" {
				t.Errorf("%s: GET %s: body %q", name, path, b)
			}
			if ct := resp.Header.Get("Content-Type"); ct != "text/plain; charset=utf-8" {
				t.Errorf("%s: GET %s: Content-Type %q", name, path, ct)
			}
		}
	}
}

func TestRouting(t *testing.T) {
	h := newHandler(builtFS(), "/graphql")
	for path, want := range map[string]int{
		"/graphiql/assets/README.txt":       http.StatusNotFound, // the placeholder is not an asset
		"/graphiql/assets/":                 http.StatusNotFound, // no folder listing
		"/graphiql/assets/../graphiql.go":   http.StatusNotFound,
		"/graphiql/other":                   http.StatusNotFound,
		"/graphiql/assets/page.css":         http.StatusOK,
		"/graphiql/assets/graphiql.min.css": http.StatusOK,
	} {
		if resp, _ := statictest.Get(t, h, path); resp.StatusCode != want {
			t.Errorf("GET %s: %d, want %d", path, resp.StatusCode, want)
		}
	}
	if resp, _ := statictest.Do(t, h, http.MethodPost, "/graphiql"); resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST /graphiql: %d, want 405", resp.StatusCode)
	}
	if resp, b := statictest.Do(t, h, http.MethodHead, "/graphiql"); resp.StatusCode != http.StatusOK || b != "" {
		t.Errorf("HEAD /graphiql: %d with %d bytes", resp.StatusCode, len(b))
	}
}
