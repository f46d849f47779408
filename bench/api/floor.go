package main

// The floor: each operation's data fetched by one hand-written Cypher
// statement through the Go driver, with no HTTP and no GraphQL layer,
// measured like the servers (clients in a loop for a fixed time).

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"sync"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/diplograph/diplograph/bench/loadgen"
)

// measure is one timed run of one operation against one target.
type measure struct {
	Requests, OK, Failures int
	Throughput             float64 // successful requests per second
	P50, P95, P99          time.Duration
	FirstError             string
}

func fromLoadgen(r *loadgen.Result) measure {
	return measure{Requests: r.Requests, OK: r.OK, Failures: r.Failures(), Throughput: r.Throughput(),
		P50: r.Percentile(50), P95: r.Percentile(95), P99: r.Percentile(99), FirstError: r.FirstError}
}

// floorOnce runs an operation's floor statement and returns its data as
// JSON values, shaped like diplograph's response data.
func floorOnce(ctx context.Context, driver neo4j.DriverWithContext, op Op) (any, error) {
	recs, err := query(ctx, driver, op.Floor, op.FloorParams)
	if err != nil {
		return nil, err
	}
	if len(recs) != 1 {
		return nil, fmt.Errorf("floor statement returned %d rows, want 1", len(recs))
	}
	v, _ := recs[0].Get("data")
	// Through JSON, so that numbers and lists look as they do in a
	// GraphQL response.
	raw, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var out any
	return out, json.Unmarshal(raw, &out)
}

// floorRun sends the floor statement from concurrency clients for d.
func floorRun(ctx context.Context, driver neo4j.DriverWithContext, op Op, concurrency int, d time.Duration) measure {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	var mu sync.Mutex
	var m measure
	var lat []time.Duration
	var wg sync.WaitGroup
	for range concurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				start := time.Now()
				res, err := neo4j.ExecuteQuery(ctx, driver, op.Floor, op.FloorParams, neo4j.EagerResultTransformer,
					neo4j.ExecuteQueryWithReadersRouting(), neo4j.ExecuteQueryWithoutBookmarkManager())
				took := time.Since(start)
				if ctx.Err() != nil {
					return // the run ended while this request was out
				}
				mu.Lock()
				m.Requests++
				if err != nil || len(res.Records) != 1 {
					m.Failures++
					if m.FirstError == "" {
						m.FirstError = fmt.Sprint(err)
					}
				} else {
					m.OK++
					lat = append(lat, took)
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	pct := func(p float64) time.Duration {
		if len(lat) == 0 {
			return 0
		}
		return lat[int(float64(len(lat)-1)*p/100)]
	}
	m.Throughput = float64(m.OK) / d.Seconds()
	m.P50, m.P95, m.P99 = pct(50), pct(95), pct(99)
	return m
}
