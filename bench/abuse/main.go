// Command abuse attacks a running diplograph the way a hostile client would,
// beside well-behaved dashboard clients, and reports whether the
// well-behaved ones noticed. It starts `diplograph serve` with its defaults
// on a Neo4j that holds the curated fixtures and a generated graph (make
// abuse loads them), runs the dashboard mix alone, then again under six
// attacks at once, and prints:
//
//   - the dashboard clients' throughput under attack as a ratio to the run
//     without it (target >= 0.7), and their failures by code (target: no
//     UNAVAILABLE);
//   - the server's peak RSS (target <= 512 MiB);
//   - /readyz, polled twice a second (target: 200 throughout);
//   - what each attack got back.
//
// The attacks are rows 1-6 of the hardening issue: a fragment bomb, 600
// aliases of introspection by POST and by GET, 800 KB GET queries, parallel
// exports of the whole graph, and requests of 100 path or 58 network
// aliases. Attackers come through a trusted proxy from a new address each
// time, so per-address rate limits do not stop them; only the server's own
// bounds do. The dashboard clients hold an API key without a rate limit.
// An attacker refused pauses 50 ms before its next try, so that on a
// machine shared with the server the attack's own client does not take
// the CPU it is meant to contend for.
//
//	go run ./bench/abuse -neo4j bolt://127.0.0.1:7690 -duration 60s
package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/diplograph/diplograph/bench/loadgen"
)

var (
	attackFilter *regexp.Regexp
	onlyAttacks  string
	costOnly     bool
)

// Targets from the hardening issue.
const (
	minRatio  = 0.7
	maxRSSMiB = 512
)

func main() {
	neo4jURI := flag.String("neo4j", "bolt://127.0.0.1:7690", "Neo4j holding the fixtures and the generated graph (loopback)")
	binary := flag.String("binary", "bin/diplograph", "the diplograph binary to serve with")
	duration := flag.Duration("duration", 60*time.Second, "length of the run without the attack, and of the run under it")
	warmup := flag.Duration("warmup", 10*time.Second, "dashboard load before the first run")
	clients := flag.Int("clients", 16, "well-behaved dashboard clients")
	out := flag.String("out", "", "also write the report to this file")
	flag.BoolVar(&costOnly, "cost", false, "instead of the runs, measure the server CPU one request of each attack takes (sent one at a time)")
	attackURL := flag.String("attack-url", "", "internal: only attack this server for -duration and print what the attacks got as JSON")
	serveFlags := flag.String("serve-flags", "", "more flags for diplograph serve, space-separated (e.g. \"--answer-cache-mb 0\")")
	only := flag.String("attacks", "", "run only the attacks whose names match this regular expression (to find which one hurts)")
	flag.Parse()
	var err error
	if attackFilter, err = regexp.Compile(*only); err != nil {
		fmt.Fprintln(os.Stderr, "abuse: -attacks:", err)
		os.Exit(2)
	}
	if *attackURL != "" {
		attackOnly(*attackURL, *duration)
		return
	}
	onlyAttacks = *only
	report, ok, err := run(*neo4jURI, *binary, strings.Fields(*serveFlags), *duration, *warmup, *clients)
	if err != nil {
		fmt.Fprintln(os.Stderr, "abuse:", err)
		os.Exit(2)
	}
	fmt.Print(report)
	if *out != "" {
		if err := os.WriteFile(*out, []byte(report), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "abuse:", err)
			os.Exit(2)
		}
	}
	if !ok {
		fmt.Fprintln(os.Stderr, "abuse: a target was missed")
		os.Exit(1)
	}
}

func run(neo4jURI, binary string, serveFlags []string, duration, warmup time.Duration, clients int) (string, bool, error) {
	dir, err := os.MkdirTemp("", "diplograph-abuse")
	if err != nil {
		return "", false, err
	}
	defer os.RemoveAll(dir)
	secret := make([]byte, 24)
	_, _ = rand.Read(secret)
	key := hex.EncodeToString(secret)
	sum := sha256.Sum256([]byte(key))
	keys, _ := json.Marshal([]map[string]any{{"name": "dashboard", "sha256": hex.EncodeToString(sum[:]), "scopes": []string{"read"},
		"rateLimit": map[string]any{"rate": 0, "burst": 1}}})
	keyFile := filepath.Join(dir, "keys.json")
	if err := os.WriteFile(keyFile, keys, 0o600); err != nil {
		return "", false, err
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", false, err
	}
	addr := ln.Addr().String()
	ln.Close()
	// The server's defaults, but for the dashboard's key, the proxy the
	// attackers come through and -serve-flags.
	srv := exec.Command(binary, append([]string{"serve", "--uri", neo4jURI, "--listen", addr, "--api-keys", keyFile, "--trusted-proxies", "127.0.0.1"}, serveFlags...)...)
	stdout, err := srv.StdoutPipe()
	if err != nil {
		return "", false, err
	}
	logFile, err := os.Create(filepath.Join(dir, "serve.log"))
	if err != nil {
		return "", false, err
	}
	srv.Stderr = logFile
	if err := srv.Start(); err != nil {
		return "", false, fmt.Errorf("start %s: %w", binary, err)
	}
	defer func() {
		_ = srv.Process.Signal(os.Interrupt)
		_ = srv.Wait()
	}()
	if !bufio.NewScanner(stdout).Scan() {
		return "", false, fmt.Errorf("serve did not start")
	}
	base := "http://" + addr
	if costOnly {
		return cost(srv.Process.Pid, base), true, nil
	}
	good := loadgen.Config{URL: base + "/graphql", Ops: loadgen.DashboardMix, Concurrency: clients,
		Header: map[string]string{"Authorization": "Bearer " + key}}

	good.Duration = warmup
	if _, err := loadgen.Run(context.Background(), good); err != nil {
		return "", false, err
	}
	good.Duration = duration
	calm, calmWatch, err := watched(srv.Process.Pid, base, func() ([]*loadgen.Result, error) {
		return loadgen.Run(context.Background(), good)
	})
	if err != nil {
		return "", false, err
	}

	// The attackers run in a process of their own at a lower priority: on
	// a machine shared with the server, what the attack's client spends
	// would otherwise count against the server.
	self, err := os.Executable()
	if err != nil {
		return "", false, err
	}
	attacker := exec.Command("nice", "-n", "10", self, "-attack-url", base, "-duration", duration.String(), "-attacks", onlyAttacks)
	attacker.Stderr = os.Stderr
	var attackOut bytes.Buffer
	attacker.Stdout = &attackOut
	if err := attacker.Start(); err != nil {
		return "", false, fmt.Errorf("start the attackers: %w", err)
	}
	under, attackWatch, err := watched(srv.Process.Pid, base, func() ([]*loadgen.Result, error) {
		return loadgen.Run(context.Background(), good)
	})
	if werr := attacker.Wait(); werr != nil && err == nil {
		err = fmt.Errorf("attackers: %w", werr)
	}
	if err != nil {
		return "", false, err
	}
	var outcomes []attackOutcome
	if err := json.Unmarshal(attackOut.Bytes(), &outcomes); err != nil {
		return "", false, fmt.Errorf("attackers' report: %w", err)
	}

	var b strings.Builder
	okCalm := totals(calm)
	okUnder := totals(under)
	ratio := float64(okUnder) / float64(max(okCalm, 1))
	unavailable := 0
	for _, r := range under {
		unavailable += r.Codes["UNAVAILABLE"]
	}
	pass := ratio >= minRatio && unavailable == 0 && attackWatch.peakRSS <= maxRSSMiB<<20 && attackWatch.notReady == 0 && calmWatch.notReady == 0
	fmt.Fprintf(&b, "diplograph under attack: %d dashboard clients, %s without and %s with rows 1-6 of the hardening issue at once", clients, duration, duration)
	if len(serveFlags) > 0 {
		fmt.Fprintf(&b, "; serve %s", strings.Join(serveFlags, " "))
	}
	b.WriteString("\n\n")
	b.WriteString("| | without attack | under attack | target |\n|---|---:|---:|---|\n")
	fmt.Fprintf(&b, "| dashboard requests answered | %d (%.1f/s) | %d (%.1f/s) | |\n", okCalm, float64(okCalm)/duration.Seconds(), okUnder, float64(okUnder)/duration.Seconds())
	fmt.Fprintf(&b, "| throughput ratio | 1 | %.2f | >= %.1f |\n", ratio, minRatio)
	fmt.Fprintf(&b, "| dashboard failures | %s | %s | 0 UNAVAILABLE |\n", codeList(calm), codeList(under))
	fmt.Fprintf(&b, "| server peak RSS | %.0f MiB | %.0f MiB | <= %d MiB |\n", mib(calmWatch.peakRSS), mib(attackWatch.peakRSS), maxRSSMiB)
	fmt.Fprintf(&b, "| /readyz polls not 200 | %d of %d | %d of %d | 0 |\n", calmWatch.notReady, calmWatch.polls, attackWatch.notReady, attackWatch.polls)
	fmt.Fprintf(&b, "| server CPU | %.1f s | %.1f s | |\n", calmWatch.serverCPU.Seconds(), attackWatch.serverCPU.Seconds())
	fmt.Fprintf(&b, "| attacking process CPU (at nice 10) | | %.1f s | |\n", (attacker.ProcessState.UserTime() + attacker.ProcessState.SystemTime()).Seconds())
	b.WriteString("\nWhat the attacks got back (HTTP status and code, or transport error):\n\n| attack | requests | answers |\n|---|---:|---|\n")
	for _, a := range outcomes {
		fmt.Fprintf(&b, "| %s | %d | %s |\n", a.Name, a.Requests, a.Answers)
	}
	b.WriteString("\nDashboard operations under attack:\n\n")
	b.WriteString(loadgen.Table(under))
	if pass {
		b.WriteString("\nAll targets met.\n")
	} else {
		b.WriteString("\nA target was missed.\n")
	}
	return b.String(), pass, nil
}

func totals(rs []*loadgen.Result) (ok int) {
	for _, r := range rs {
		ok += r.OK
	}
	return ok
}

func codeList(rs []*loadgen.Result) string {
	codes := map[string]int{}
	for _, r := range rs {
		for c, n := range r.Codes {
			codes[c] += n
		}
	}
	if len(codes) == 0 {
		return "none"
	}
	var parts []string
	for c, n := range codes {
		parts = append(parts, fmt.Sprintf("%d %s", n, c))
	}
	sort.Strings(parts)
	return strings.Join(parts, ", ")
}

func mib(b int64) float64 { return float64(b) / (1 << 20) }

// watch is what the watcher saw during a run.
type watch struct {
	peakRSS         int64
	polls, notReady int
	serverCPU       time.Duration
}

// watched runs fn while sampling the server's RSS every 200 ms and polling
// /readyz every 500 ms.
func watched(pid int, base string, fn func() ([]*loadgen.Result, error)) ([]*loadgen.Result, watch, error) {
	var w watch
	var mu sync.Mutex
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		for {
			if r, err := rss(pid); err == nil {
				mu.Lock()
				w.peakRSS = max(w.peakRSS, r)
				mu.Unlock()
			}
			select {
			case <-done:
				return
			case <-time.After(200 * time.Millisecond):
			}
		}
	}()
	go func() {
		defer wg.Done()
		client := &http.Client{Timeout: 2 * time.Second}
		for {
			resp, err := client.Get(base + "/readyz")
			mu.Lock()
			w.polls++
			if err != nil || resp.StatusCode != http.StatusOK {
				w.notReady++
			}
			mu.Unlock()
			if err == nil {
				resp.Body.Close()
			}
			select {
			case <-done:
				return
			case <-time.After(500 * time.Millisecond):
			}
		}
	}()
	before, _ := cpu(pid)
	results, err := fn()
	after, _ := cpu(pid)
	w.serverCPU = time.Duration(after-before) * time.Millisecond
	close(done)
	wg.Wait()
	return results, w, err
}

// rss reads the resident set size of a process, in bytes.
func rss(pid int) (int64, error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, "VmRSS:") {
			f := strings.Fields(line)
			kb, err := strconv.ParseInt(f[1], 10, 64)
			return kb << 10, err
		}
	}
	return 0, fmt.Errorf("no VmRSS for pid %d", pid)
}

// attack is one kind of hostile request, sent in a loop by its workers.
type attack struct {
	name     string
	workers  int
	request  func(n int) *http.Request
	requests atomic.Int64
	mu       sync.Mutex
	seen     map[string]int
}

func (a *attack) outcomes() string {
	a.mu.Lock()
	defer a.mu.Unlock()
	var parts []string
	for k, n := range a.seen {
		parts = append(parts, fmt.Sprintf("%d × %s", n, k))
	}
	sort.Strings(parts)
	return strings.Join(parts, ", ")
}

// attackOutcome is what one attack got back, as the attacking process
// reports it.
type attackOutcome struct {
	Name     string `json:"name"`
	Requests int64  `json:"requests"`
	Answers  string `json:"answers"`
}

// attackOnly runs the attacks on base for d and prints their outcomes.
func attackOnly(base string, d time.Duration) {
	ctx, stop := context.WithTimeout(context.Background(), d)
	defer stop()
	as := startAttacks(ctx, base)
	as.wait()
	var out []attackOutcome
	for _, a := range as.list {
		out = append(out, attackOutcome{a.name, a.requests.Load(), a.outcomes()})
	}
	_ = json.NewEncoder(os.Stdout).Encode(out)
}

type attacks struct {
	list []*attack
	wg   sync.WaitGroup
}

func (as *attacks) wait() { as.wg.Wait() }

var address atomic.Uint32

// nextAddress is a new client address for each attacking request.
func nextAddress() string {
	n := address.Add(1)
	return fmt.Sprintf("10.%d.%d.%d", byte(n>>16), byte(n>>8), byte(n))
}

// post is a request maker for a GraphQL POST, its body made once.
func post(base, query string) func(int) *http.Request {
	body, _ := json.Marshal(map[string]any{"query": query})
	return func(int) *http.Request {
		req, _ := http.NewRequest(http.MethodPost, base+"/graphql", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		return req
	}
}

func get(base, path string) *http.Request {
	req, _ := http.NewRequest(http.MethodGet, base+path, nil)
	return req
}

func startAttacks(ctx context.Context, base string) *attacks {
	// Row 1: 27 fragments, each spreading the next twice.
	var bomb strings.Builder
	bomb.WriteString("query Q { ...F0 }\n")
	for i := 0; i < 27; i++ {
		fmt.Fprintf(&bomb, "fragment F%d on Query { ...F%d ...F%d }\n", i, i+1, i+1)
	}
	bomb.WriteString("fragment F27 on Query { plans { id } }\n")
	// Rows 2 and 3: 600 aliases of introspection.
	var intro strings.Builder
	intro.WriteString("{")
	for i := 0; i < 600; i++ {
		fmt.Fprintf(&intro, " i%d: __schema { types { name fields { name } } }", i)
	}
	intro.WriteString(" }")
	introGet := "/graphql?query=" + url.QueryEscape(intro.String()) + "&pad=" + strings.Repeat("x", 300_000)
	// Row 6: 100 path aliases, and 58 network aliases.
	var paths, network strings.Builder
	paths.WriteString("{")
	network.WriteString("{")
	for i := 0; i < 100; i++ {
		fmt.Fprintf(&paths, ` p%d: paths(from: "witkoff", to: "zelenskiy", maxHops: 6, first: 20) { certainty actors { id } }`, i)
	}
	for i := 0; i < 58; i++ {
		fmt.Fprintf(&network, ` n%d: network { nodes { actor { id } eventCount } edges { weight } }`, i)
	}
	paths.WriteString(" }")
	network.WriteString(" }")

	padding := strings.Repeat("x", 800_000)
	as := &attacks{list: []*attack{
		{name: "1: fragment bomb (2^27 spreads)", workers: 4, request: post(base, bomb.String())},
		{name: "2: 600 aliases of introspection, POST", workers: 3, request: post(base, intro.String())},
		{name: "3: the same by GET, a 360 KB URL", workers: 3, request: func(int) *http.Request { return get(base, introGet) }},
		{name: "4: distinct 800 KB GET queries", workers: 2, request: func(n int) *http.Request {
			return get(base, "/graphql?query="+url.QueryEscape(fmt.Sprintf("{ plans { id } } # %d ", n))+padding)
		}},
		{name: "5: GraphML export of the whole graph", workers: 8, request: func(int) *http.Request { return get(base, "/export?format=graphml") }},
		{name: "5: TimelineJS export of the whole graph", workers: 1, request: func(int) *http.Request { return get(base, "/export?format=timelinejs") }},
		{name: "6: 100 aliases of paths (maxHops 6, first 20)", workers: 6, request: post(base, paths.String())},
		{name: "6: 58 aliases of network", workers: 4, request: post(base, network.String())},
	}}
	client := &http.Client{Timeout: 5 * time.Minute, Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	var chosen []*attack
	for _, a := range as.list {
		if attackFilter.MatchString(a.name) {
			chosen = append(chosen, a)
		}
	}
	as.list = chosen
	for _, a := range as.list {
		a.seen = map[string]int{}
		for w := 0; w < a.workers; w++ {
			as.wg.Add(1)
			go func() {
				defer as.wg.Done()
				for n := w; ctx.Err() == nil; n += a.workers {
					req := a.request(n).WithContext(ctx)
					req.Header.Set("X-Forwarded-For", nextAddress())
					outcome := send(client, req)
					if ctx.Err() != nil {
						return
					}
					a.requests.Add(1)
					a.mu.Lock()
					a.seen[outcome]++
					a.mu.Unlock()
					if !strings.HasPrefix(outcome, "200") {
						select {
						case <-ctx.Done():
						case <-time.After(50 * time.Millisecond):
						}
					}
				}
			}()
		}
	}
	return as
}

// send sends a request and reads the whole answer, returning its status and
// the code of its first error.
func send(client *http.Client, req *http.Request) string {
	resp, err := client.Do(req)
	if err != nil {
		return "transport error"
	}
	defer resp.Body.Close()
	head := make([]byte, 4096)
	n, _ := io.ReadFull(resp.Body, head)
	_, err = io.Copy(io.Discard, resp.Body)
	outcome := strconv.Itoa(resp.StatusCode)
	if err != nil {
		outcome += " cut short"
	}
	if code, _, _ := loadgen.FirstErrorCode(head[:n]); code != "" {
		outcome += " " + code
	}
	return outcome
}

// cost sends each attack's request 50 times, one at a time, and reports
// the server CPU (user and system) per request.
func cost(pid int, base string) string {
	var b strings.Builder
	b.WriteString("| attack | server CPU per request | answer |\n|---|---:|---|\n")
	ctx, stop := context.WithCancel(context.Background())
	stop() // build the attacks without starting their workers
	as := startAttacks(ctx, base)
	client := &http.Client{Timeout: 5 * time.Minute}
	for _, a := range as.list {
		n := 50
		if strings.HasPrefix(a.name, "5") {
			n = 1
		}
		before, _ := cpu(pid)
		var outcome string
		for i := 0; i < n; i++ {
			req := a.request(i)
			req.Header.Set("X-Forwarded-For", nextAddress())
			outcome = send(client, req)
		}
		after, _ := cpu(pid)
		fmt.Fprintf(&b, "| %s | %.2f ms | %s |\n", a.name, float64(after-before)/float64(n), outcome)
	}
	return b.String()
}

// cpu is the process's user and system CPU time so far, in milliseconds.
func cpu(pid int) (int64, error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	f := strings.Fields(string(data[strings.LastIndexByte(string(data), ')')+2:]))
	utime, _ := strconv.ParseInt(f[11], 10, 64)
	stime, _ := strconv.ParseInt(f[12], 10, 64)
	return (utime + stime) * 10, nil // clock ticks of 10 ms
}
