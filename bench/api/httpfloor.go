package main

// The HTTP floor: each operation's floor statement behind the least an
// HTTP server can be, net/http reading the request, one driver call and
// the standard library's JSON. diplograph's latency against it says how
// much of the gap to the driver floor is GraphQL's own rather than the
// cost of answering over HTTP at all.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/diplograph/diplograph/bench/loadgen"
)

type httpFloor struct {
	srv *http.Server
	url string
}

// startHTTPFloor serves ops[i]'s floor statement at /i on loopback.
func startHTTPFloor(driver neo4j.DriverWithContext, ops []Op) (*httpFloor, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("http floor: %w", err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /{op}", func(w http.ResponseWriter, r *http.Request) {
		i, err := strconv.Atoi(r.PathValue("op"))
		if err != nil || i < 0 || i >= len(ops) {
			http.NotFound(w, r)
			return
		}
		// The request is read as a server must, though the statement is
		// fixed.
		if _, err := io.Copy(io.Discard, r.Body); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		op := ops[i]
		res, err := neo4j.ExecuteQuery(r.Context(), driver, op.Floor, op.FloorParams, neo4j.EagerResultTransformer,
			neo4j.ExecuteQueryWithReadersRouting(), neo4j.ExecuteQueryWithoutBookmarkManager())
		if err != nil || len(res.Records) != 1 {
			http.Error(w, fmt.Sprint("floor statement: ", err), http.StatusInternalServerError)
			return
		}
		data, _ := res.Records[0].Get("data")
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"data": data})
	})
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			logf("http floor: %v", err)
		}
	}()
	return &httpFloor{srv: srv, url: "http://" + ln.Addr().String()}, nil
}

func (f *httpFloor) close() { _ = f.srv.Close() }

// run sends op i's request from concurrency clients for d, as loadgen does
// to the servers.
func (f *httpFloor) run(ctx context.Context, i int, op Op, concurrency int, d time.Duration) (measure, error) {
	res, err := loadgen.Run(ctx, loadgen.Config{URL: fmt.Sprintf("%s/%d", f.url, i), Ops: []loadgen.Op{op.Ours},
		Concurrency: concurrency, Duration: d})
	if err != nil {
		return measure{}, err
	}
	return fromLoadgen(res[0]), nil
}
