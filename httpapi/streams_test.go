package httpapi_test

import (
	"bufio"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/coder/websocket/wsjson"

	"github.com/diplograph/diplograph/feed"
	"github.com/diplograph/diplograph/httpapi"
	"github.com/diplograph/diplograph/neo4jtest"
	"github.com/diplograph/diplograph/store"
)

const graphChanged = `subscription { graphChanged { version changedAt horizon complete labels { label created updated deleted createdIds updatedIds deletedIds } } }`

type graphChange struct {
	Version   int     `json:"version"`
	ChangedAt *string `json:"changedAt"`
	Horizon   *string `json:"horizon"`
	Complete  bool    `json:"complete"`
	// The API's labels read as the store records them (the same names).
	Labels []store.ChangeLabel `json:"labels"`
}

func (c graphChange) updated(label store.Label) []string {
	for _, l := range c.Labels {
		if l.Label == label {
			return l.UpdatedIDs
		}
	}
	return nil
}

// editedFixtures copies the fixtures with the first event's title changed,
// so loading them updates that one event.
func editedFixtures(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files, err := filepath.Glob("../fixtures/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("fixtures: %v", err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if filepath.Base(f) == "events.yaml" {
			b = []byte(strings.Replace(string(b), "title: 20-point Trump peace plan", "title: The 20-point Trump peace plan", 1))
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// liveAPI serves the fixtures with a feed that polls every 50 ms.
func liveAPI(t *testing.T, opts httpapi.Options) *api {
	t.Helper()
	db := neo4jtest.Open(t)
	loadFixtures(t, db.Store)
	fd := feed.New(db.Store, feed.Options{Interval: 50 * time.Millisecond})
	t.Cleanup(fd.Close)
	opts.Feed = fd
	return serveWith(t, db, db.Store, opts)
}

// sse opens an event stream for a subscription.
func (a *api) sse(ctx context.Context, query string, header map[string]string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, a.srv.URL+"/graphql", strings.NewReader(string(gqlBody(query, nil, nil))))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "text/event-stream")
	for k, v := range header {
		req.Header.Set(k, v)
	}
	return http.DefaultClient.Do(req)
}

// nextEvent reads the data of the next "next" event of a stream.
func nextEvent(t *testing.T, r *bufio.Reader) graphChange {
	t.Helper()
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			t.Fatalf("event stream: %v", err)
		}
		data, ok := strings.CutPrefix(strings.TrimRight(line, "\n"), "data: ")
		if !ok {
			continue
		}
		var msg struct {
			Data struct {
				GraphChanged graphChange `json:"graphChanged"`
			} `json:"data"`
			Errors []responseError `json:"errors"`
		}
		if err := json.Unmarshal([]byte(data), &msg); err != nil {
			t.Fatalf("event data %q: %v", data, err)
		}
		if len(msg.Errors) > 0 {
			t.Fatalf("event errors: %+v", msg.Errors)
		}
		return msg.Data.GraphChanged
	}
}

// checkChange is what loading editedFixtures over the fixtures must send:
// the next version, with the one edited event updated and nothing else.
func checkChange(t *testing.T, first, next graphChange) {
	t.Helper()
	if next.Version != first.Version+1 || !next.Complete || next.ChangedAt == nil {
		t.Errorf("after the load: %+v, want version %d, complete, with its time", next, first.Version+1)
	}
	if got := next.updated("Event"); !slices.Equal(got, []string{"release-2025-20-point-plan"}) {
		t.Errorf("updated events %v, want the one edited", got)
	}
	if len(next.Labels) != 1 {
		t.Errorf("labels changed: %+v, want Event alone", next.Labels)
	}
}

// A subscriber over server-sent events is told the graph as it stands,
// then of a load by another writer, with the ids it changed.
func TestSubscriptionOverSSE(t *testing.T) {
	a := liveAPI(t, httpapi.Options{})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	resp, err := a.sse(ctx, graphChanged, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); resp.StatusCode != 200 || !strings.HasPrefix(ct, "text/event-stream") {
		t.Fatalf("status %d, content type %q", resp.StatusCode, ct)
	}
	r := bufio.NewReader(resp.Body)
	first := nextEvent(t, r)
	if first.Version < 1 || len(first.Labels) != 0 || first.Horizon == nil || first.ChangedAt != nil {
		t.Fatalf("first message %+v: want the current version and horizon, no changes", first)
	}
	loadFixtures(t, a.db.Store, editedFixtures(t))
	checkChange(t, first, nextEvent(t, r))
}

// The same over a websocket, with the graphql-transport-ws protocol.
func TestSubscriptionOverWebsocket(t *testing.T) {
	a := liveAPI(t, httpapi.Options{})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, resp, err := websocket.Dial(ctx, "ws"+strings.TrimPrefix(a.srv.URL, "http")+"/graphql",
		&websocket.DialOptions{Subprotocols: []string{"graphql-transport-ws"}})
	if err != nil {
		t.Fatalf("dial: %v (%v)", err, resp)
	}
	defer conn.CloseNow()
	type message struct {
		ID      string          `json:"id,omitempty"`
		Type    string          `json:"type"`
		Payload json.RawMessage `json:"payload,omitempty"`
	}
	send := func(m message) {
		if err := wsjson.Write(ctx, conn, m); err != nil {
			t.Fatal(err)
		}
	}
	// next skips pings, answering them as the protocol asks.
	next := func() message {
		for {
			var m message
			if err := wsjson.Read(ctx, conn, &m); err != nil {
				t.Fatalf("read: %v", err)
			}
			if m.Type == "ping" {
				send(message{Type: "pong"})
				continue
			}
			return m
		}
	}
	change := func() graphChange {
		m := next()
		if m.Type != "next" {
			t.Fatalf("got %s %s, want next", m.Type, m.Payload)
		}
		var p struct {
			Data struct {
				GraphChanged graphChange `json:"graphChanged"`
			} `json:"data"`
		}
		if err := json.Unmarshal(m.Payload, &p); err != nil {
			t.Fatal(err)
		}
		return p.Data.GraphChanged
	}
	send(message{Type: "connection_init"})
	if m := next(); m.Type != "connection_ack" {
		t.Fatalf("got %+v, want connection_ack", m)
	}
	payload, _ := json.Marshal(map[string]string{"query": graphChanged})
	send(message{ID: "1", Type: "subscribe", Payload: payload})
	first := change()
	if len(first.Labels) != 0 || first.Version < 1 {
		t.Fatalf("first message %+v", first)
	}
	loadFixtures(t, a.db.Store, editedFixtures(t))
	checkChange(t, first, change())

	// A query over the websocket is refused with a code: it would escape
	// the request deadline.
	q, _ := json.Marshal(map[string]string{"query": "{ actor(id: \"trump\") { name } }"})
	send(message{ID: "2", Type: "subscribe", Payload: q})
	m := next()
	if m.ID != "2" || m.Type != "next" && m.Type != "error" || !strings.Contains(string(m.Payload), `"code":"BAD_REQUEST"`) {
		t.Errorf("a query over the websocket: %s %s, want an error with BAD_REQUEST", m.Type, m.Payload)
	}
}

// Streams pass the same keys and have limits of their own; each kind of
// operation goes where it is served.
func TestSubscriptionLimits(t *testing.T) {
	keyFile := filepath.Join(t.TempDir(), "keys.json")
	var entries []string
	for _, name := range []string{"desk", "desk2", "desk3"} {
		entries = append(entries, `{"name":"`+name+`","sha256":"`+httpapi.HashKey(name+"-secret")+`","scopes":["read"]}`)
	}
	if err := os.WriteFile(keyFile, []byte("["+strings.Join(entries, ",")+"]"), 0o600); err != nil {
		t.Fatal(err)
	}
	keys, err := httpapi.LoadKeys(keyFile)
	if err != nil {
		t.Fatal(err)
	}
	a := liveAPI(t, httpapi.Options{Keys: keys, RequireKey: true, Streams: httpapi.StreamLimits{PerClient: 1, Max: 2}})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	status := func(header map[string]string) (int, string) {
		t.Helper()
		c, stop := context.WithCancel(ctx)
		defer stop()
		resp, err := a.sse(c, graphChanged, header)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		if resp.StatusCode != 200 {
			return resp.StatusCode, a.read(resp).Errors[0].code()
		}
		return 200, ""
	}
	if code, _ := status(nil); code != http.StatusUnauthorized {
		t.Errorf("a stream without a key: %d, want 401", code)
	}
	keyOf := func(name string) map[string]string {
		return map[string]string{"Authorization": "Bearer " + name + "-secret"}
	}
	key := keyOf("desk")
	for _, name := range []string{"desk", "desk2"} {
		held, err := a.sse(ctx, graphChanged, keyOf(name))
		if err != nil || held.StatusCode != 200 {
			t.Fatalf("stream of %s: %v %v", name, err, held)
		}
		defer held.Body.Close()
		nextEvent(t, bufio.NewReader(held.Body))
	}
	if code, errCode := status(key); code != http.StatusTooManyRequests || errCode != "RATE_LIMITED" {
		t.Errorf("a second stream of the same key: %d %s, want 429 RATE_LIMITED", code, errCode)
	}
	if code, errCode := status(keyOf("desk3")); code != http.StatusServiceUnavailable || errCode != "OVERLOADED" {
		t.Errorf("a stream beyond the server's limit: %d %s, want 503 OVERLOADED", code, errCode)
	}

	resp := a.do(http.MethodPost, "/graphql", gqlBody(graphChanged, nil, nil), key)
	if r := a.read(resp); len(r.Errors) != 1 || r.Errors[0].code() != "BAD_REQUEST" {
		t.Errorf("a subscription over POST: %s, want BAD_REQUEST", r.Raw)
	}
}

// An idle event stream is pinged, so proxies and clients can tell it alive.
func TestSubscriptionHeartbeat(t *testing.T) {
	a := liveAPI(t, httpapi.Options{Streams: httpapi.StreamLimits{Heartbeat: 100 * time.Millisecond}})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	resp, err := a.sse(ctx, graphChanged, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	r := bufio.NewReader(resp.Body)
	nextEvent(t, r)
	start := time.Now()
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			t.Fatalf("event stream: %v", err)
		}
		if strings.HasPrefix(line, ":") {
			break
		}
	}
	if waited := time.Since(start); waited > 2*time.Second {
		t.Errorf("first heartbeat after %v, want about 100ms", waited)
	}
}
