// Package e2e tests the explorer end to end in a real browser: it serves
// the API and the explorer over the test database loaded with the curated
// fixtures, serves a page on another origin that frames an embed, and runs
// web/explorer/e2e/run.mjs, which drives Debian's Chromium with
// playwright-core.
//
// It needs node, the explorer built and its packages installed (`make web`),
// and /usr/bin/chromium (`apt-get install -y chromium`); without any of them
// it fails, it never skips. `go test ./e2e -screenshots` also writes the
// screenshots in docs/.
package e2e_test

import (
	"context"
	"encoding/json"
	"flag"
	"html/template"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/diplograph/diplograph/httpapi"
	"github.com/diplograph/diplograph/loader"
	"github.com/diplograph/diplograph/neo4jtest"
)

var screenshots = flag.Bool("screenshots", false, "write the explorer's screenshots to docs/")

const chromiumPath = "/usr/bin/chromium"

// The page on another origin: an embed from the oEmbed answer, a dark
// timeline embed, and the explorer itself, which must refuse to be framed.
var otherPage = template.Must(template.New("page").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A newsroom article</title></head>
<body>
<h1>How the peace talks unfolded</h1>
<p>An article on another site, embedding diplograph's views.</p>
<div id="oembed">{{.OEmbed}}</div>
<iframe id="timeline" src="{{.Timeline}}" width="800" height="380" title="diplograph timeline"></iframe>
<iframe name="page" src="{{.Page}}" width="400" height="200" title="the explorer, which refuses to be framed"></iframe>
</body></html>
`))

func TestExplorerInBrowser(t *testing.T) {
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatal("node is not installed: the browser tests need Node.js (and `make web`)")
	}
	if _, err := os.Stat(chromiumPath); err != nil {
		t.Fatalf("%s is missing: install it with `apt-get install -y chromium`", chromiumPath)
	}
	if _, err := os.Stat(filepath.Join(root, "web/explorer/node_modules/playwright-core/package.json")); err != nil {
		t.Fatal("playwright-core is not installed in web/explorer/node_modules: run `make web`")
	}

	db := neo4jtest.Open(t)
	in, err := loader.Read([]string{filepath.Join(root, "fixtures")})
	if err != nil {
		t.Fatalf("read fixtures: %v", err)
	}
	if _, err := in.Write(context.Background(), db.Store, loader.Options{}); err != nil {
		t.Fatalf("load fixtures: %v", err)
	}
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	srv := httptest.NewServer(httpapi.New(db.Store, httpapi.Options{Logger: quiet}))
	t.Cleanup(srv.Close)

	resp, err := http.Get(srv.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /: %d: the explorer is not built into the binary; run `make web`", resp.StatusCode)
	}

	// The embed the other page shows is what oEmbed answers for a view.
	view := srv.URL + "/network?from=2025-10-01&to=2025-11-30"
	resp, err = http.Get(srv.URL + "/oembed?format=json&maxheight=420&url=" + url.QueryEscape(view))
	if err != nil {
		t.Fatal(err)
	}
	var oembed struct {
		Type string `json:"type"`
		HTML string `json:"html"`
	}
	err = json.NewDecoder(resp.Body).Decode(&oembed)
	resp.Body.Close()
	if err != nil || resp.StatusCode != http.StatusOK || oembed.Type != "rich" {
		t.Fatalf("oembed for %s: %d %+v %v", view, resp.StatusCode, oembed, err)
	}
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/":
		case "/favicon.ico":
			w.WriteHeader(http.StatusNoContent)
			return
		default:
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		otherPage.Execute(w, map[string]any{
			"OEmbed":   template.HTML(oembed.HTML), // the provider's markup, as a consumer embeds it
			"Timeline": srv.URL + "/embed/timeline?from=2025-10-01&to=2025-11-30&theme=dark&group=type&height=380",
			"Page":     srv.URL + "/network",
		})
	}))
	t.Cleanup(other.Close)
	// localhost rather than 127.0.0.1: another origin, and another site.
	otherURL := strings.Replace(other.URL, "127.0.0.1", "localhost", 1)

	shots := t.TempDir()
	if *screenshots {
		shots = filepath.Join(root, "docs")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, "web/explorer/e2e/run.mjs")
	cmd.Dir = root
	cmd.Env = append(os.Environ(),
		"DIPLOGRAPH_E2E_BASE="+srv.URL,
		"DIPLOGRAPH_E2E_OTHER="+otherURL,
		"DIPLOGRAPH_E2E_SCREENSHOTS="+shots,
		"CHROMIUM="+chromiumPath,
	)
	out, err := cmd.CombinedOutput()
	t.Logf("browser tests:\n%s", out)
	if err != nil {
		t.Fatalf("browser tests failed (%v); see the log above", err)
	}
	if !strings.Contains(string(out), " passed, 0 failed") {
		t.Fatal("browser tests did not report their results")
	}
}

// The explorer's unit tests (vitest: filters in the URL, partial dates on
// the time axis, query building) run with the Go tests too.
func TestExplorerUnits(t *testing.T) {
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatal("node is not installed: the explorer's tests need Node.js (and `make web`)")
	}
	dir := filepath.Join(root, "web/explorer")
	vitest := filepath.Join(dir, "node_modules/vitest/vitest.mjs")
	if _, err := os.Stat(vitest); err != nil {
		t.Fatal("vitest is not installed in web/explorer/node_modules: run `make web`")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, vitest, "run")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "CI=true", "NO_COLOR=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("vitest failed (%v):\n%s", err, out)
	}
	t.Logf("vitest:\n%s", out)
}
