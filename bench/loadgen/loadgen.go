// Package loadgen sends GraphQL operations to a server from many clients at
// once for a fixed time and reports throughput, latency percentiles and
// every kind of failure. It only ever targets the URL it is given, and
// stops by itself.
package loadgen

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strings"
	"sync"
	"time"
)

// Op is one GraphQL operation of the mix.
type Op struct {
	Name  string
	Query string
	Vars  map[string]any
}

// Config says what to send, how hard and for how long.
type Config struct {
	URL         string // the GraphQL endpoint
	Ops         []Op
	Concurrency int
	Duration    time.Duration
	// MaxRequests bounds the run in count as well as time (0: no bound).
	MaxRequests int
	Header      map[string]string
}

// Result is what one operation met during a run.
type Result struct {
	Op         string
	Requests   int
	OK         int
	GraphQL    int // answered 200 with errors
	Status4xx  int
	Status5xx  int
	Transport  int // no HTTP answer at all
	Duration   time.Duration
	latencies  []time.Duration
	FirstError string
	// Codes counts the failed requests by the extensions.code of their
	// first error ("HTTP 503" when the answer had none).
	Codes map[string]int
}

func (r *Result) Failures() int { return r.GraphQL + r.Status4xx + r.Status5xx + r.Transport }

// Throughput is successful requests per second.
func (r *Result) Throughput() float64 { return float64(r.OK) / r.Duration.Seconds() }

// Percentile is the latency below which p (0-100) of the requests fell.
func (r *Result) Percentile(p float64) time.Duration {
	if len(r.latencies) == 0 {
		return 0
	}
	i := int(float64(len(r.latencies)-1) * p / 100)
	return r.latencies[i]
}

// Run sends the operations round-robin from Concurrency clients until the
// duration (or MaxRequests) is spent, and reports per operation.
func Run(ctx context.Context, cfg Config) ([]*Result, error) {
	if cfg.Concurrency < 1 || len(cfg.Ops) == 0 || cfg.Duration <= 0 {
		return nil, fmt.Errorf("loadgen: need concurrency >= 1, at least one op and a duration")
	}
	bodies := make([][]byte, len(cfg.Ops))
	for i, op := range cfg.Ops {
		b, err := json.Marshal(map[string]any{"query": op.Query, "variables": op.Vars})
		if err != nil {
			return nil, fmt.Errorf("loadgen: %s: %w", op.Name, err)
		}
		bodies[i] = b
	}
	client := &http.Client{
		Timeout:   30 * time.Second,
		Transport: &http.Transport{MaxIdleConnsPerHost: cfg.Concurrency, MaxConnsPerHost: cfg.Concurrency},
	}
	results := make([]*Result, len(cfg.Ops))
	for i, op := range cfg.Ops {
		results[i] = &Result{Op: op.Name, Duration: cfg.Duration}
	}
	ctx, cancel := context.WithTimeout(ctx, cfg.Duration)
	defer cancel()
	var mu sync.Mutex
	sent := 0
	var wg sync.WaitGroup
	for w := range cfg.Concurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := w; ctx.Err() == nil; n++ {
				mu.Lock()
				if cfg.MaxRequests > 0 && sent >= cfg.MaxRequests {
					mu.Unlock()
					return
				}
				sent++
				mu.Unlock()
				i := n % len(cfg.Ops)
				outcome, latency, detail, code := send(ctx, client, cfg, bodies[i])
				if ctx.Err() != nil && outcome == transportFailure {
					return // the run ended while this request was out
				}
				mu.Lock()
				results[i].record(outcome, latency, detail, code)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	for _, r := range results {
		sort.Slice(r.latencies, func(a, b int) bool { return r.latencies[a] < r.latencies[b] })
	}
	return results, nil
}

type outcome int

const (
	success outcome = iota
	graphqlErrors
	status4xx
	status5xx
	transportFailure
)

func (r *Result) record(o outcome, latency time.Duration, detail, code string) {
	r.Requests++
	if o != success {
		if r.Codes == nil {
			r.Codes = map[string]int{}
		}
		r.Codes[code]++
	}
	switch o {
	case success:
		r.OK++
		r.latencies = append(r.latencies, latency)
	case graphqlErrors:
		r.GraphQL++
	case status4xx:
		r.Status4xx++
	case status5xx:
		r.Status5xx++
	default:
		r.Transport++
	}
	if o != success && r.FirstError == "" {
		r.FirstError = detail
	}
}

func send(ctx context.Context, client *http.Client, cfg Config, body []byte) (outcome, time.Duration, string, string) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, cfg.URL, bytes.NewReader(body))
	if err != nil {
		return transportFailure, 0, err.Error(), "transport"
	}
	req.Header.Set("Content-Type", "application/json")
	for k, v := range cfg.Header {
		req.Header.Set(k, v)
	}
	start := time.Now()
	resp, err := client.Do(req)
	if err != nil {
		return transportFailure, 0, err.Error(), "transport"
	}
	raw, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	latency := time.Since(start)
	if err != nil {
		return transportFailure, 0, err.Error(), "transport"
	}
	code, errs, jsonErr := FirstErrorCode(raw)
	if code == "" {
		code = fmt.Sprintf("HTTP %d", resp.StatusCode)
	}
	switch {
	case resp.StatusCode >= 500:
		return status5xx, 0, fmt.Sprintf("%d %s", resp.StatusCode, truncate(raw)), code
	case resp.StatusCode >= 400:
		return status4xx, 0, fmt.Sprintf("%d %s", resp.StatusCode, truncate(raw)), code
	case jsonErr != nil || errs > 0:
		return graphqlErrors, 0, truncate(raw), code
	}
	return success, latency, "", ""
}

// FirstErrorCode reads a GraphQL answer's first error's extensions.code
// ("" when it has none) and its number of errors.
func FirstErrorCode(raw []byte) (code string, errors int, err error) {
	var r struct {
		Errors []struct {
			Extensions struct {
				Code string `json:"code"`
			} `json:"extensions"`
		} `json:"errors"`
	}
	if err := json.Unmarshal(raw, &r); err != nil {
		return "", 0, err
	}
	if len(r.Errors) > 0 {
		code = r.Errors[0].Extensions.Code
	}
	return code, len(r.Errors), nil
}

func truncate(b []byte) string {
	s := strings.TrimSpace(string(b))
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}

// Table renders results as a markdown table.
func Table(results []*Result) string {
	var b strings.Builder
	b.WriteString("| operation | requests | ok/s | p50 ms | p95 ms | p99 ms | failures |\n|---|---:|---:|---:|---:|---:|---:|\n")
	for _, r := range results {
		fmt.Fprintf(&b, "| %s | %d | %.1f | %.1f | %.1f | %.1f | %d |\n", r.Op, r.Requests, r.Throughput(),
			ms(r.Percentile(50)), ms(r.Percentile(95)), ms(r.Percentile(99)), r.Failures())
	}
	return b.String()
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
