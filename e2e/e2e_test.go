// Package e2e tests the explorer end to end in a real browser: it serves
// the API and the explorer over the test database loaded with the curated
// fixtures, serves a page on another origin that frames an embed (and
// changes the graph when the browser tests ask, as a load by another
// process would), and runs web/explorer/e2e/run.mjs, which drives Debian's
// Chromium with playwright-core.
//
// It needs node, the explorer built and its packages installed (`make web`),
// and /usr/bin/chromium (`apt-get install -y chromium`); without any of them
// it fails, it never skips. `go test ./e2e -screenshots` also writes the
// screenshots in docs/.
package e2e_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
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
	"sync"
	"testing"
	"time"

	"github.com/diplograph/diplograph/feed"
	"github.com/diplograph/diplograph/httpapi"
	"github.com/diplograph/diplograph/loader"
	"github.com/diplograph/diplograph/neo4jtest"
	"github.com/diplograph/diplograph/store"
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
	// Subscriptions are served, polling the graph's version often: the
	// live refresh test waits for them.
	changes := feed.New(db.Store, feed.Options{Interval: 100 * time.Millisecond, Logger: quiet})
	srv := httptest.NewServer(httpapi.New(db.Store, httpapi.Options{Logger: quiet, Feed: changes}))
	t.Cleanup(srv.Close)
	// Before the server closes (cleanups run last first): open streams end.
	t.Cleanup(changes.Close)
	// The same API without subscriptions (UNAVAILABLE): the explorer works
	// there as it did before live updates.
	plain := httptest.NewServer(httpapi.New(db.Store, httpapi.Options{Logger: quiet}))
	t.Cleanup(plain.Close)
	retitle := retitler(t, db.Store, filepath.Join(root, "fixtures"))

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
		case "/retitle":
			// Asked by the browser tests (from node, not from a page):
			// POST /retitle?event=ID&title=TITLE loads the fixtures with
			// that event retitled, without title as they are.
			if r.Method != http.MethodPost {
				http.Error(w, "POST only", http.StatusMethodNotAllowed)
				return
			}
			if err := retitle(r.Context(), r.URL.Query().Get("event"), r.URL.Query().Get("title")); err != nil {
				http.Error(w, err.Error(), http.StatusBadRequest)
				return
			}
			w.WriteHeader(http.StatusNoContent)
			return
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
		"DIPLOGRAPH_E2E_PLAIN="+plain.URL,
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

// retitler returns what loads the fixtures into st again with one event's
// title changed (or, given no title, as they are), by loader.Read and
// Write as `diplograph load` does: the graph gets a new version, which
// the server's subscribers are told of.
func retitler(t *testing.T, st *store.Store, fixtures string) func(ctx context.Context, event, title string) error {
	dir := t.TempDir()
	var mu sync.Mutex
	return func(ctx context.Context, event, title string) error {
		mu.Lock()
		defer mu.Unlock()
		names, err := filepath.Glob(filepath.Join(fixtures, "*.yaml"))
		if err != nil || len(names) == 0 {
			return fmt.Errorf("no fixtures in %s (%v)", fixtures, err)
		}
		for _, name := range names {
			data, err := os.ReadFile(name)
			if err != nil {
				return err
			}
			if filepath.Base(name) == "events.yaml" && title != "" {
				if data, err = withTitle(data, event, title); err != nil {
					return err
				}
			}
			if err := os.WriteFile(filepath.Join(dir, filepath.Base(name)), data, 0o644); err != nil {
				return err
			}
		}
		in, err := loader.Read([]string{dir})
		if err != nil {
			return err
		}
		_, err = in.Write(ctx, st, loader.Options{})
		return err
	}
}

// withTitle replaces the title of event id in events.yaml.
func withTitle(events []byte, id, title string) ([]byte, error) {
	at := bytes.Index(events, []byte("\n- id: "+id+"\n"))
	if id == "" || at < 0 {
		return nil, fmt.Errorf("no event %q in events.yaml", id)
	}
	const key = "\n  title: "
	start := bytes.Index(events[at+1:], []byte(key))
	next := bytes.Index(events[at+1:], []byte("\n- id: "))
	if start < 0 || (next >= 0 && next < start) {
		return nil, errors.New("the event has no title line")
	}
	start += at + 1 + len(key)
	end := len(events)
	if n := bytes.IndexByte(events[start:], '\n'); n >= 0 {
		end = start + n
	}
	quoted, _ := json.Marshal(title) // a YAML double-quoted scalar
	return append(append(append([]byte{}, events[:start]...), quoted...), events[end:]...), nil
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
