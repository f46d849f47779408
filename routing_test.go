package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/diplograph/diplograph/httpapi"
	"github.com/diplograph/diplograph/neo4jtest"
	"github.com/diplograph/diplograph/store"
)

// A cluster is addressed with the routing scheme, neo4j://. A single
// instance answers it too, so load and serve are tried with it here before
// a cluster's users are the first to.
func TestRoutingScheme(t *testing.T) {
	db := neo4jtest.Open(t)
	host, ok := strings.CutPrefix(db.Config.URI, "bolt://")
	if !ok {
		t.Fatalf("the tests' Neo4j is %s: this test rewrites a bolt:// address", db.Config.URI)
	}
	routed := "neo4j://" + host

	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"load", "--uri", routed, "--password", db.Config.Password, "--quiet", "fixtures"}, &out, &errOut); code != exitOK {
		t.Fatalf("load over %s: exit %d\n%s%s", routed, code, out.String(), errOut.String())
	}

	cfg := db.Config
	cfg.URI = routed
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	st, err := store.Open(ctx, cfg)
	if err != nil {
		t.Fatalf("open over %s: %v", routed, err)
	}
	t.Cleanup(func() { _ = st.Close(context.Background()) })
	srv := httptest.NewServer(httpapi.New(st, httpapi.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}))
	t.Cleanup(srv.Close)
	body, _ := json.Marshal(map[string]string{"query": `{ event(id: "talks-2025-11-23-geneva") { title participants { actor { id } } } }`})
	resp, err := http.Post(srv.URL+"/graphql", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var got struct {
		Data struct {
			Event struct {
				Title        string
				Participants []struct{ Actor struct{ ID string } }
			}
		}
		Errors []any
	}
	if err := json.NewDecoder(resp.Body).Decode(&got); err != nil {
		t.Fatal(err)
	}
	if len(got.Errors) > 0 || got.Data.Event.Title != "US-Ukrainian talks in Geneva" || len(got.Data.Event.Participants) == 0 {
		t.Errorf("served over %s: %+v", routed, got)
	}
}

// A load can leave its metrics for node_exporter's textfile collector:
// diplograph's series only, never the short-lived process's runtime ones.
func TestLoadWritesItsMetrics(t *testing.T) {
	db := neo4jtest.Open(t)
	path := t.TempDir() + "/diplograph.prom"
	for i, want := range []string{`diplograph_load_runs_total{result="changed"} 1`, `diplograph_load_runs_total{result="unchanged"} 1`} {
		code, out, errOut := cli(t, db, "load", "--quiet", "--metrics-file", path, "fixtures")
		if code != exitOK {
			t.Fatalf("load %d: exit %d\n%s%s", i, code, out, errOut)
		}
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		text := string(raw)
		if !strings.Contains(text, want) || strings.Contains(text, "\ngo_") || strings.Contains(text, "process_") {
			t.Errorf("load %d wrote:\n%s\nwant %s and no runtime series", i, text, want)
		}
		if i == 1 && !strings.HasPrefix(out, "unchanged: ") {
			t.Errorf("the second load was not skipped, so its metrics as a skipped load are not checked:\n%s", out)
		}
		if i == 0 && !strings.Contains(text, `diplograph_load_rows_total{label="Event",outcome="created"} `) {
			t.Errorf("the first load's created events are not counted:\n%s", text)
		}
	}
}
