// Command api measures diplograph's GraphQL API side by side with a peer,
// the Neo4j GraphQL Library (@neo4j/graphql, bench/peer), on the same Neo4j
// and the same data, and against a floor: the same data fetched by one
// hand-written Cypher statement through the Go driver.
//
// It generates and loads synthetic data (diplograph gen, then load --prune:
// THE DATABASE IS MADE TO HOLD EXACTLY THAT DATA), starts both servers,
// checks that every operation returns the same data from all three, counts
// the Cypher statements and database hits each server spends on each
// operation, then sends each operation at each concurrency to both servers
// in turn (ours, peer, ours, peer, ...) and reports medians as markdown.
//
//	go run ./bench/api --neo4j bolt://127.0.0.1:7731 --scale 1 --duration 10s --runs 3
//	go run ./bench/api --smoke     # every operation ~1 s at concurrency 1 and 2, tiny data; CI
//
// Run it from the repository root. It exits non-zero when an answer differs
// or a request fails.
package main

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/diplograph/diplograph/bench/loadgen"
	"github.com/diplograph/diplograph/store"
)

type config struct {
	neo4jURI, user, password string
	binary, peerDir          string
	build                    bool
	scale                    float64
	duration, warmup         time.Duration
	runs                     int
	concurrency              []int
	deep                     int
	smoke                    bool
	skipLoad, replace        bool
	floor, profile, raw      bool
	answerCache              bool
	only                     string
	out                      string
}

func envOr(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

func main() {
	var c config
	var conc string
	flag.StringVar(&c.neo4jURI, "neo4j", envOr("NEO4J_URI", "bolt://127.0.0.1:7687"), "Neo4j to use (env NEO4J_URI); its data is replaced")
	flag.StringVar(&c.user, "user", envOr("NEO4J_USER", "neo4j"), "Neo4j user (env NEO4J_USER)")
	flag.StringVar(&c.password, "password", envOr("NEO4J_PASSWORD", "diplograph-dev"), "Neo4j password (env NEO4J_PASSWORD)")
	flag.StringVar(&c.binary, "diplograph", "bin/diplograph", "our server binary")
	flag.BoolVar(&c.build, "build", false, "build the binary first (go build -o BINARY .); also done when it is missing, and with --smoke")
	flag.StringVar(&c.peerDir, "peer-dir", "bench/peer", "the peer's folder (start.sh, typeDefs.graphql)")
	flag.Float64Var(&c.scale, "scale", 1, "data: diplograph gen --scale (1 is about 20,000 events)")
	flag.DurationVar(&c.duration, "duration", 10*time.Second, "length of each timed run")
	flag.DurationVar(&c.warmup, "warmup", 2*time.Second, "load sent to each server per operation before timing")
	flag.IntVar(&c.runs, "runs", 3, "timed runs per operation, concurrency and target; medians are reported")
	flag.StringVar(&conc, "concurrency", "1,16", "comma-separated client counts")
	flag.IntVar(&c.deep, "deep", 10000, "rows before the deep page")
	flag.BoolVar(&c.smoke, "smoke", false, "CI: scale 1, every operation 1 s at concurrency 1 and 2, one run, no floor timing or profiles")
	flag.BoolVar(&c.skipLoad, "skip-load", false, "use the data already in Neo4j (from an earlier run at the same scale)")
	flag.BoolVar(&c.replace, "replace", false, "replace the data even when Neo4j holds the curated fixtures")
	flag.BoolVar(&c.floor, "floor", true, "time the floor (hand-written Cypher through the Go driver)")
	flag.BoolVar(&c.profile, "profile", true, "count statements and db hits per operation")
	flag.BoolVar(&c.answerCache, "answer-cache", false, "serve diplograph with its answer cache: every repeated request is then answered from memory (statements are always counted without it)")
	flag.BoolVar(&c.raw, "raw", false, "also print every run's loadgen table")
	flag.StringVar(&c.only, "only", "", "comma-separated substrings: only the operations whose names contain one")
	flag.StringVar(&c.out, "out", "", "also write the report to this file")
	flag.Parse()
	if c.smoke {
		set := map[string]bool{}
		flag.Visit(func(f *flag.Flag) { set[f.Name] = true })
		if !set["duration"] {
			c.duration = time.Second
		}
		if !set["concurrency"] {
			conc = "1,2"
		}
		if !set["warmup"] {
			c.warmup = 200 * time.Millisecond
		}
		c.runs, c.build = 1, true
		if !set["floor"] {
			c.floor = false
		}
		if !set["profile"] {
			c.profile = false
		}
	}
	for _, s := range strings.Split(conc, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			fmt.Fprintf(os.Stderr, "api: bad --concurrency %q\n", conc)
			os.Exit(2)
		}
		c.concurrency = append(c.concurrency, n)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	code, err := bench(ctx, c)
	if err != nil {
		fmt.Fprintln(os.Stderr, "api:", err)
		if code == 0 {
			code = 2
		}
	}
	os.Exit(code)
}

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "["+time.Now().Format("15:04:05")+"] "+format+"\n", args...)
}

// result is what the run found for one operation.
type result struct {
	op       Op
	mismatch string
	ours     map[int][]measure // by concurrency, one per run
	peer     map[int][]measure
	floor    map[int][]measure
	httpFlr  map[int][]measure
	// ratios measured side by side within each run
	thrRatio                      map[int][]float64 // ours / peer throughput
	p99Ratio                      map[int][]float64 // ours / peer p99
	p50Floor                      map[int][]float64 // ours p50 / floor p50
	p50HTTP                       map[int][]float64 // ours p50 / HTTP floor p50
	oursProf, peerProf, floorProf *Profile
	oursReported                  int // extensions.neo4jStatements
	peerStmts                     []Statement
	oursStmts                     []Statement
}

func bench(ctx context.Context, c config) (int, error) {
	started := time.Now()
	if _, err := os.Stat("go.mod"); err != nil {
		return 2, errors.New("run from the repository root (go run ./bench/api)")
	}
	peerDir, _ := filepath.Abs(c.peerDir)
	driver, err := neo4j.NewDriverWithContext(c.neo4jURI, neo4j.BasicAuth(c.user, c.password, ""))
	if err != nil {
		return 2, err
	}
	defer driver.Close(context.WithoutCancel(ctx))
	if err := driver.VerifyConnectivity(ctx); err != nil {
		return 2, fmt.Errorf("Neo4j at %s: %w", c.neo4jURI, err)
	}
	env := []string{"NEO4J_URI=" + c.neo4jURI, "NEO4J_USER=" + c.user, "NEO4J_PASSWORD=" + c.password}

	// The peer starts now (npm ci when needed, schema generation), while
	// diplograph is built and the data loaded: it needs no data to start.
	type launched struct {
		s    *server
		err  error
		took time.Duration
	}
	peerCtx, cancelPeer := context.WithCancel(ctx)
	peerCh := make(chan launched, 1)
	go func() {
		t := time.Now()
		s, err := startPeer(peerCtx, peerDir, c.neo4jURI, env)
		peerCh <- launched{s, err, time.Since(t)}
	}()
	var peer *server
	received := false
	defer func() {
		cancelPeer()
		if !received {
			if r := <-peerCh; r.s != nil {
				r.s.stop()
			}
		} else if peer != nil {
			peer.stop()
		}
	}()

	if _, err := os.Stat(c.binary); err != nil || c.build {
		logf("building %s", c.binary)
		if err := run(ctx, os.Stderr, nil, "go", "build", "-o", c.binary, "."); err != nil {
			return 2, err
		}
	}
	binary, _ := filepath.Abs(c.binary)

	var loadTook time.Duration
	r, err := one(ctx, driver, `MATCH (a:Actor {id: 'witkoff'}) RETURN count(a) AS n`, nil)
	if err != nil {
		return 2, err
	}
	fixtures := recInt(r, "n") > 0
	if c.skipLoad && fixtures {
		// make abuse leaves the fixtures and another seed behind: the
		// report would name data it did not measure.
		return 2, fmt.Errorf("Neo4j at %s holds the curated fixtures, not the generated data the report names: run without --skip-load (with --replace)", c.neo4jURI)
	}
	if !c.skipLoad {
		if fixtures && !c.replace {
			return 2, fmt.Errorf("Neo4j at %s holds the curated fixtures; the benchmark replaces all data (load --prune): give --replace if that is meant, or another Neo4j", c.neo4jURI)
		}
		dir, err := genData(ctx, os.Stderr, binary, c.scale)
		if err != nil {
			return 2, err
		}
		logf("loading %s into %s (load --prune)", dir, c.neo4jURI)
		t := time.Now()
		if err := run(ctx, os.Stderr, env, binary, "load", "--quiet", "--prune", "--uri", c.neo4jURI, dir); err != nil {
			return 2, err
		}
		loadTook = time.Since(t)
	}
	counts, err := dataCounts(ctx, driver)
	if err != nil {
		return 2, err
	}
	logf("data: %s", counts)

	logf("choosing parameters")
	p, err := choose(ctx, driver, c.deep)
	if err != nil {
		return 2, err
	}

	logf("starting diplograph and the peer")
	ours, err := startOurs(ctx, binary, c.neo4jURI, false, c.answerCache)
	if err != nil {
		return 2, err
	}
	defer ours.stop()
	pr := <-peerCh
	received = true
	if pr.err != nil {
		return 2, pr.err
	}
	peer = pr.s
	peerStart := pr.took
	logf("peer ready %s after its start", peerStart.Round(100*time.Millisecond))

	// diplograph's cursors are opaque: walk to the deep page through the API.
	if p.DeepOurs, err = walk(ctx, ours.url, `query($after: String) { timeline(first: 100, after: $after) { pageInfo { endCursor } } }`,
		"timeline", p.DeepOffset); err != nil {
		return 2, fmt.Errorf("walking diplograph's timeline: %w", err)
	}
	pj, _ := json.MarshalIndent(p, "", "  ")
	logf("parameters: %s", pj)

	ops := buildOps(p)
	if c.only != "" {
		var keep []Op
		for _, op := range ops {
			for _, s := range strings.Split(c.only, ",") {
				if s != "" && strings.Contains(op.Name, s) {
					keep = append(keep, op)
					break
				}
			}
		}
		ops = keep
	}
	results := make([]*result, len(ops))
	for i, op := range ops {
		results[i] = &result{op: op, ours: map[int][]measure{}, peer: map[int][]measure{}, floor: map[int][]measure{},
			httpFlr: map[int][]measure{}, thrRatio: map[int][]float64{}, p99Ratio: map[int][]float64{}, p50Floor: map[int][]float64{},
			p50HTTP: map[int][]float64{}}
	}

	// 1. The same data from all three.
	logf("checking that both servers and the floor return the same data")
	mismatches := 0
	for _, r := range results {
		if r.mismatch = check(ctx, driver, ours, peer, r.op); r.mismatch != "" {
			mismatches++
			logf("MISMATCH %s: %s", r.op.Name, r.mismatch)
		}
	}

	// 2. Statements and db hits, through relays (separate server instances,
	// so that the timed ones talk to Neo4j directly).
	if c.profile {
		if err := profileOps(ctx, c, binary, peerDir, env, driver, results); err != nil {
			return 2, err
		}
	}

	// 3. Timing.
	hf, err := startHTTPFloor(driver, ops)
	if err != nil {
		return 2, err
	}
	defer hf.close()
	logf("warming up (%s per operation and server)", c.warmup)
	if c.warmup > 0 {
		for _, r := range results {
			for _, s := range []struct {
				url string
				op  loadgen.Op
			}{{ours.url, r.op.Ours}, {peer.url, r.op.Peer}} {
				if _, err := loadgen.Run(ctx, loadgen.Config{URL: s.url, Ops: []loadgen.Op{s.op}, Concurrency: 2, Duration: c.warmup}); err != nil {
					return 2, err
				}
			}
			if c.floor {
				floorRun(ctx, driver, r.op, 2, c.warmup/2)
			}
		}
	}
	var raw strings.Builder
	for run := 1; run <= c.runs; run++ {
		for i, r := range results {
			for _, n := range c.concurrency {
				if ctx.Err() != nil {
					return 2, ctx.Err()
				}
				cfg := loadgen.Config{Concurrency: n, Duration: c.duration}
				cfg.URL, cfg.Ops = ours.url, []loadgen.Op{r.op.Ours}
				o, err := loadgen.Run(ctx, cfg)
				if err != nil {
					return 2, err
				}
				cfg.URL, cfg.Ops = peer.url, []loadgen.Op{r.op.Peer}
				pr, err := loadgen.Run(ctx, cfg)
				if err != nil {
					return 2, err
				}
				om, pm := fromLoadgen(o[0]), fromLoadgen(pr[0])
				r.ours[n] = append(r.ours[n], om)
				r.peer[n] = append(r.peer[n], pm)
				if pm.Throughput > 0 {
					r.thrRatio[n] = append(r.thrRatio[n], om.Throughput/pm.Throughput)
				}
				if pm.P99 > 0 {
					r.p99Ratio[n] = append(r.p99Ratio[n], float64(om.P99)/float64(pm.P99))
				}
				line := fmt.Sprintf("run %d/%d %-22s c=%-3d ours %8.1f/s p50 %6.1f ms p99 %7.1f ms | peer %8.1f/s p50 %6.1f ms p99 %7.1f ms",
					run, c.runs, r.op.Name, n, om.Throughput, ms(om.P50), ms(om.P99), pm.Throughput, ms(pm.P50), ms(pm.P99))
				if c.floor {
					fm := floorRun(ctx, driver, r.op, n, c.duration)
					r.floor[n] = append(r.floor[n], fm)
					if fm.P50 > 0 {
						r.p50Floor[n] = append(r.p50Floor[n], float64(om.P50)/float64(fm.P50))
					}
					line += fmt.Sprintf(" | floor %8.1f/s p50 %6.1f ms", fm.Throughput, ms(fm.P50))
					hm, err := hf.run(ctx, i, r.op, n, c.duration)
					if err != nil {
						return 2, err
					}
					r.httpFlr[n] = append(r.httpFlr[n], hm)
					if hm.P50 > 0 {
						r.p50HTTP[n] = append(r.p50HTTP[n], float64(om.P50)/float64(hm.P50))
					}
					line += fmt.Sprintf(" | HTTP floor %8.1f/s p50 %6.1f ms", hm.Throughput, ms(hm.P50))
				}
				logf("%s", line)
				if c.raw {
					fmt.Fprintf(&raw, "\nrun %d, %s, concurrency %d, diplograph:\n\n%s\npeer:\n\n%s", run, r.op.Name, n, loadgen.Table(o), loadgen.Table(pr))
				}
			}
		}
	}

	// The peer's own cursor pagination for the deep page, once, for the
	// report (the benchmark pages it by offset, see ops.go); last, since
	// Neo4j may go on working on it after the client gives up.
	// Not in the smoke: at scale 1 it takes Neo4j up to a minute.
	connectionDeep := "was not tried (the smoke skips it)"
	if !c.smoke {
		connectionDeep = peerConnectionDeep(ctx, peer, p.DeepOffset)
	}
	logf("peer's connection cursor at row %d: %s", p.DeepOffset, connectionDeep)

	failures := 0
	for _, r := range results {
		for _, n := range c.concurrency {
			for _, m := range append(append([]measure{}, r.ours[n]...), r.peer[n]...) {
				failures += m.Failures
			}
		}
	}
	info := runInfo{config: c, counts: counts, params: p, loadTook: loadTook, peerStart: peerStart, elapsed: time.Since(started), connectionDeep: connectionDeep}
	info.collect(ctx, driver, peerDir)
	report := render(info, results)
	if c.raw {
		report += "\n## Raw runs (loadgen tables)\n" + raw.String()
	}
	fmt.Print(report)
	if c.out != "" {
		if err := os.WriteFile(c.out, []byte(report), 0o644); err != nil {
			return 2, err
		}
	}
	if mismatches > 0 || failures > 0 {
		return 1, fmt.Errorf("%d operation(s) answered differently, %d request(s) failed", mismatches, failures)
	}
	return 0, nil
}

// peerConnectionDeep asks the peer for the deep page through its Relay
// connection (eventsConnection after:, whose cursors are graphql-relay's
// base64 "arrayconnection:N" offsets) and says how that went.
func peerConnectionDeep(ctx context.Context, peer *server, offset int) string {
	cursor := base64.StdEncoding.EncodeToString([]byte(fmt.Sprintf("arrayconnection:%d", offset-1)))
	t := time.Now()
	data, _, err := post(ctx, peer.url, `query($after: String) { eventsConnection(first: 50, after: $after, sort: [{ dateFrom: ASC }, { id: ASC }]) {
  edges { node { id } } } }`, map[string]any{"after": cursor})
	took := time.Since(t).Round(time.Millisecond)
	if err != nil {
		return fmt.Sprintf("fails after %s: %s", took, cut(err.Error(), 300))
	}
	return fmt.Sprintf("works (%d rows in %s)", len(list(at(data, "eventsConnection", "edges"))), took)
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// check sends an operation once to each server and runs its floor
// statement, and says how the normalised answers differ, if they do.
func check(ctx context.Context, driver neo4j.DriverWithContext, ours, peer *server, op Op) string {
	od, _, err := post(ctx, ours.url, op.Ours.Query, op.Ours.Vars)
	if err != nil {
		return "diplograph: " + err.Error()
	}
	pd, _, err := post(ctx, peer.url, op.Peer.Query, op.Peer.Vars)
	if err != nil {
		return "peer: " + err.Error()
	}
	fd, err := floorOnce(ctx, driver, op)
	if err != nil {
		return "floor: " + err.Error()
	}
	o, _ := json.Marshal(op.normOurs(od))
	if len(o) < 40 {
		return "diplograph's answer is (nearly) empty: " + string(o)
	}
	pj, _ := json.Marshal(op.normPeer(pd))
	fj, _ := json.Marshal(op.normOurs(fd))
	var msgs []string
	if string(o) != string(pj) {
		msgs = append(msgs, "peer differs: "+diff(string(o), string(pj)))
	}
	if string(o) != string(fj) {
		msgs = append(msgs, "floor differs: "+diff(string(o), string(fj)))
	}
	return strings.Join(msgs, "; ")
}

// diff shows where two JSON texts part.
func diff(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-80)
	return fmt.Sprintf("at byte %d: diplograph …%s… vs …%s…", i, a[from:min(len(a), i+120)], b[from:min(len(b), i+120)])
}

// profileOps sends each operation once to relayed server instances,
// keeps the statements each sent, and profiles them and the floor's.
func profileOps(ctx context.Context, c config, binary, peerDir string, env []string, driver neo4j.DriverWithContext, results []*result) error {
	host := strings.TrimPrefix(strings.TrimPrefix(c.neo4jURI, "bolt://"), "neo4j://")
	if strings.ContainsAny(host, "/?") || !strings.HasPrefix(c.neo4jURI, "bolt://") {
		logf("statements and db hits need a bolt:// URI without TLS; skipping them")
		return nil
	}
	oursRelay, err := startRelay(host)
	if err != nil {
		return err
	}
	defer oursRelay.Close()
	peerRelay, err := startRelay(host)
	if err != nil {
		return err
	}
	defer peerRelay.Close()
	logf("counting statements: diplograph and the peer through Bolt relays")
	ours, err := startOurs(ctx, binary, "bolt://"+oursRelay.Addr(), true, false)
	if err != nil {
		return err
	}
	defer ours.stop()
	peer, err := startPeer(ctx, peerDir, "bolt://"+peerRelay.Addr(), env)
	if err != nil {
		return err
	}
	defer peer.stop()
	for _, r := range results {
		// Twice first: plans cached, lazy set-up done.
		for range 2 {
			post(ctx, ours.url, r.op.Ours.Query, r.op.Ours.Vars)
			post(ctx, peer.url, r.op.Peer.Query, r.op.Peer.Vars)
		}
		time.Sleep(100 * time.Millisecond)
		oursRelay.Record()
		_, ext, err := post(ctx, ours.url, r.op.Ours.Query, r.op.Ours.Vars)
		time.Sleep(100 * time.Millisecond)
		r.oursStmts = oursRelay.Stop()
		if err != nil {
			return fmt.Errorf("%s: diplograph: %w", r.op.Name, err)
		}
		if n, ok := ext["neo4jStatements"].(float64); ok {
			r.oursReported = int(n)
		} else {
			r.oursReported = -1
		}
		peerRelay.Record()
		_, _, err = post(ctx, peer.url, r.op.Peer.Query, r.op.Peer.Vars)
		time.Sleep(100 * time.Millisecond)
		r.peerStmts = peerRelay.Stop()
		if err != nil {
			return fmt.Errorf("%s: peer: %w", r.op.Name, err)
		}
	}
	logf("profiling the statements")
	for _, r := range results {
		op, pp := profileStatements(ctx, driver, r.oursStmts), profileStatements(ctx, driver, r.peerStmts)
		fp := profileStatements(ctx, driver, []Statement{{Query: r.op.Floor, Params: r.op.FloorParams}})
		r.oursProf, r.peerProf, r.floorProf = &op, &pp, &fp
		for _, pr := range []*Profile{&op, &pp, &fp} {
			if pr.Failed > 0 {
				logf("%s: %d statement(s) could not be profiled: %s", r.op.Name, pr.Failed, pr.FirstErr)
			}
		}
	}
	if dir := os.Getenv("BENCH_API_STATEMENTS_DIR"); dir != "" {
		dumpStatements(dir, results)
	}
	return nil
}

// dumpStatements writes what each server sent per operation, for reading.
func dumpStatements(dir string, results []*result) {
	os.MkdirAll(dir, 0o755)
	for _, r := range results {
		name := strings.NewReplacer(" ", "-", "(", "", ")", "").Replace(r.op.Name)
		floor := []Statement{{Query: r.op.Floor, Params: r.op.FloorParams}}
		for who, stmts := range map[string][]Statement{"diplograph": r.oursStmts, "peer": r.peerStmts, "floor": floor} {
			prof := map[string]*Profile{"diplograph": r.oursProf, "peer": r.peerProf, "floor": r.floorProf}[who]
			var b strings.Builder
			for i, s := range stmts {
				pj, _ := json.Marshal(printable(s.Params))
				fmt.Fprintf(&b, "// statement %d", i+1)
				if prof != nil && i < len(prof.Each) {
					e := prof.Each[i]
					fmt.Fprintf(&b, ": %d db hits, %d rows, PROFILE took %s", e.DBHits, e.Rows, e.Took.Round(time.Microsecond))
				}
				fmt.Fprintf(&b, "\n// params: %s\n%s\n\n", pj, s.Query)
			}
			os.WriteFile(filepath.Join(dir, name+"."+who+".cypher"), []byte(b.String()), 0o644)
		}
	}
}

// printable turns dates into their text, for dumps.
func printable(v any) any {
	switch x := v.(type) {
	case neo4j.Date:
		return x.String()
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = printable(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = printable(e)
		}
		return out
	}
	return v
}

func dataCounts(ctx context.Context, driver neo4j.DriverWithContext) (string, error) {
	// The graph's version, change and file records are not data.
	recs, err := query(ctx, driver, `MATCH (n) WHERE `+store.NotBookkeeping("n")+` WITH labels(n)[0] AS l, count(*) AS n RETURN l, n ORDER BY l`, nil)
	if err != nil {
		return "", err
	}
	var parts []string
	for _, r := range recs {
		parts = append(parts, fmt.Sprintf("%d %s", recInt(r, "n"), recStr(r, "l")))
	}
	r, err := one(ctx, driver, `MATCH ()-[r]->() RETURN count(r) AS n`, nil)
	if err != nil {
		return "", err
	}
	return strings.Join(parts, ", ") + fmt.Sprintf("; %d relationships", recInt(r, "n")), nil
}

// runInfo is what the report says about the machine and the run.
type runInfo struct {
	config
	counts              string
	params              Params
	loadTook, peerStart time.Duration
	connectionDeep      string
	elapsed             time.Duration
	machine, versions   []string
}

func (ri *runInfo) collect(ctx context.Context, driver neo4j.DriverWithContext, peerDir string) {
	mem := ""
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if rest, ok := strings.CutPrefix(l, "MemTotal:"); ok {
				kb, _ := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 64)
				mem = fmt.Sprintf("%.1f GiB", kb/(1<<20))
			}
		}
	}
	cpu := ""
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if rest, ok := strings.CutPrefix(l, "model name"); ok {
				cpu = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(rest), ":"))
				break
			}
		}
	}
	ri.machine = []string{fmt.Sprintf("%d CPUs (%s), %s memory, %s/%s", runtime.NumCPU(), cpu, mem, runtime.GOOS, runtime.GOARCH)}
	ri.versions = append(ri.versions, "Go "+strings.TrimPrefix(runtime.Version(), "go"))
	if out, err := exec.CommandContext(ctx, "node", "--version").Output(); err == nil {
		ri.versions = append(ri.versions, "Node "+strings.TrimSpace(strings.TrimPrefix(string(out), "v")))
	}
	for _, pkg := range []string{"@neo4j/graphql", "neo4j-driver", "graphql-yoga", "graphql"} {
		var pj struct{ Version string }
		if b, err := os.ReadFile(filepath.Join(peerDir, "node_modules", pkg, "package.json")); err == nil && json.Unmarshal(b, &pj) == nil {
			ri.versions = append(ri.versions, pkg+" "+pj.Version)
		}
	}
	if r, err := one(ctx, driver, `CALL dbms.components() YIELD name, versions, edition RETURN name + ' ' + versions[0] + ' ' + edition AS v`, nil); err == nil {
		ri.versions = append(ri.versions, recStr(r, "v"))
	}
	if out, err := exec.CommandContext(ctx, "git", "describe", "--always", "--dirty").Output(); err == nil {
		ri.versions = append(ri.versions, "diplograph at "+strings.TrimSpace(string(out)))
	}
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// med is the median of each figure over runs; failures are summed.
func med(ms []measure) (m measure, ok bool) {
	if len(ms) == 0 {
		return m, false
	}
	pick := func(f func(measure) float64) float64 {
		var xs []float64
		for _, x := range ms {
			xs = append(xs, f(x))
		}
		return median(xs)
	}
	m.Throughput = pick(func(x measure) float64 { return x.Throughput })
	m.P50 = time.Duration(pick(func(x measure) float64 { return float64(x.P50) }))
	m.P95 = time.Duration(pick(func(x measure) float64 { return float64(x.P95) }))
	m.P99 = time.Duration(pick(func(x measure) float64 { return float64(x.P99) }))
	for _, x := range ms {
		m.Requests += x.Requests
		m.OK += x.OK
		m.Failures += x.Failures
		if m.FirstError == "" {
			m.FirstError = x.FirstError
		}
	}
	return m, true
}

func render(ri runInfo, results []*result) string {
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	mode := "full"
	if ri.smoke {
		mode = "smoke"
	}
	w("# API benchmark: diplograph vs the Neo4j GraphQL Library (%s run)\n\n", mode)
	w("- machine: %s\n", strings.Join(ri.machine, "; "))
	w("- versions: %s\n", strings.Join(ri.versions, ", "))
	w("- diplograph binary: `%s`", ri.binary)
	if ri.answerCache {
		w(", with its answer cache (`--answer-cache`: repeated requests are answered from memory)\n")
	} else {
		w(", answer cache off (`--answer-cache-mb 0`: every request is answered from Neo4j)\n")
	}
	w("- data: `diplograph gen --scale %s --seed 1`: %s", strconv.FormatFloat(ri.scale, 'f', -1, 64), ri.counts)
	if ri.loadTook > 0 {
		w(" (loaded with `load --prune` in %s)", ri.loadTook.Round(100*time.Millisecond))
	}
	w("\n- runs: %d × %s per operation, concurrency and target (after %s warm-up), alternating diplograph, peer", ri.runs, ri.duration, ri.warmup)
	if ri.floor {
		w(", floor")
	}
	w("; figures are medians over runs, ratios are medians of the ratios within each run\n")
	w("- peer start-up (npm ci if stale, schema generation; beside the build and load): %s; whole run %s\n", ri.peerStart.Round(100*time.Millisecond), ri.elapsed.Round(time.Second))
	pj, _ := json.Marshal(ri.params)
	w("- parameters: `%s`\n", pj)

	w("\n## Operations and answers\n\n")
	w("Each operation was sent once to both servers and its floor statement run once; the answers were normalised (ids, values, order where the API defines one) and compared.\n\n")
	w("| operation | peer expresses it | same data (diplograph = peer = floor) |\n|---|---|---|\n")
	for _, r := range results {
		same := "yes"
		if r.mismatch != "" {
			same = "**NO**: " + strings.ReplaceAll(cut(r.mismatch, 300), "|", "\\|")
		}
		how := r.op.PeerHow
		if how == peerCypher {
			how = "no: hand-written `@cypher` field"
		}
		w("| %s | %s | %s |\n", r.op.Name, how, same)
	}
	w("\nThe peer pages the deep page by offset (`events(offset:, limit:)`). Through its Relay connection instead (`eventsConnection(after:)`, cursor at row %d), it %s.\n", ri.params.DeepOffset, ri.connectionDeep)

	for _, n := range ri.concurrency {
		w("\n## Concurrency %d\n\n", n)
		w("| operation | diplograph ok/s | p50 ms | p95 ms | p99 ms | err | peer ok/s | p50 ms | p95 ms | p99 ms | err | thr. ours/peer | p99 ours/peer |")
		if ri.floor {
			w(" floor ok/s | floor p50 ms | p50 ours/floor | HTTP floor ok/s | HTTP floor p50 ms | p50 ours/HTTP floor |")
		}
		w("\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
		if ri.floor {
			w("---:|---:|---:|---:|---:|---:|")
		}
		w("\n")
		for _, r := range results {
			o, _ := med(r.ours[n])
			p, _ := med(r.peer[n])
			name := r.op.Name
			if r.op.PeerHow == peerCypher {
				name += " (peer: @cypher)"
			}
			w("| %s | %.1f | %.1f | %.1f | %.1f | %d | %.1f | %.1f | %.1f | %.1f | %d | %.2f | %.2f |", name,
				o.Throughput, ms(o.P50), ms(o.P95), ms(o.P99), o.Failures, p.Throughput, ms(p.P50), ms(p.P95), ms(p.P99), p.Failures,
				median(r.thrRatio[n]), median(r.p99Ratio[n]))
			if ri.floor {
				f, _ := med(r.floor[n])
				hf, _ := med(r.httpFlr[n])
				w(" %.1f | %.2f | %.2f | %.1f | %.2f | %.2f |", f.Throughput, ms(f.P50), median(r.p50Floor[n]), hf.Throughput, ms(hf.P50), median(r.p50HTTP[n]))
			}
			w("\n")
		}
	}

	if results[0].oursProf != nil {
		w("\n## Statements and database hits per request\n\n")
		w("Captured by Bolt relays between each server and Neo4j while the operation was sent once (after two warm-up sends), then each statement re-run under PROFILE with its parameters; db hits are summed over every operator of every plan. diplograph's own count (`--report-statements`, extensions.neo4jStatements) is shown beside the relay's.\n\n")
		w("| operation | diplograph statements (relay / reported) | diplograph db hits | peer statements | peer db hits | floor db hits |\n|---|---:|---:|---:|---:|---:|\n")
		for _, r := range results {
			w("| %s | %d / %d | %s | %d | %s | %s |\n", r.op.Name, r.oursProf.Statements, r.oursReported,
				hits(r.oursProf), r.peerProf.Statements, hits(r.peerProf), hits(r.floorProf))
		}
	}

	w("\n## Targets\n\n")
	w("On every operation both can express natively: diplograph's throughput ≥ 2× the peer's and its p99 ≤ ½ the peer's at concurrency 16; diplograph's p50 at concurrency 1 within 1.25× the HTTP floor's (the floor's statement behind a bare net/http handler); no errors. `@cypher` operations are shown for information. The driver floor's ratio is shown beside.\n\n")
	hi, lo := ri.concurrency[len(ri.concurrency)-1], ri.concurrency[0]
	for _, n := range ri.concurrency {
		if n == 16 {
			hi = n
		}
		if n == 1 {
			lo = n
		}
	}
	w("| operation | thr. ours/peer at %d (≥ 2) | p99 ours/peer at %d (≤ 0.5) | p50 ours/HTTP floor at %d (≤ 1.25) | p50 ours/driver floor at %d | errors (0) |\n|---|---|---|---|---|---|\n", hi, hi, lo, lo)
	for _, r := range results {
		errs := 0
		for _, n := range ri.concurrency {
			o, _ := med(r.ours[n])
			p, _ := med(r.peer[n])
			errs += o.Failures + p.Failures
		}
		tr, pr := median(r.thrRatio[hi]), median(r.p99Ratio[hi])
		name := r.op.Name
		if r.op.PeerHow == peerCypher {
			name += " (peer: @cypher, information only)"
		}
		floorCell, httpCell := "not measured", "not measured"
		if ri.floor {
			floorCell = fmt.Sprintf("%.2f", median(r.p50Floor[lo]))
			hr := median(r.p50HTTP[lo])
			httpCell = mark(hr <= 1.25, fmt.Sprintf("%.2f", hr))
		}
		w("| %s | %s | %s | %s | %s | %s |\n", name, mark(tr >= 2, fmt.Sprintf("%.2f", tr)), mark(pr <= 0.5, fmt.Sprintf("%.2f", pr)),
			httpCell, floorCell, mark(errs == 0, strconv.Itoa(errs)))
	}
	var firstErrs []string
	for _, r := range results {
		for _, n := range ri.concurrency {
			for who, ms := range map[string][]measure{"diplograph": r.ours[n], "peer": r.peer[n], "floor": r.floor[n], "HTTP floor": r.httpFlr[n]} {
				if m, ok := med(ms); ok && m.FirstError != "" {
					firstErrs = append(firstErrs, fmt.Sprintf("- %s, %s, concurrency %d: %s", r.op.Name, who, n, cut(m.FirstError, 300)))
				}
			}
		}
	}
	if len(firstErrs) > 0 {
		sort.Strings(firstErrs)
		w("\nFirst failures:\n\n%s\n", strings.Join(firstErrs, "\n"))
	}
	return b.String()
}

func hits(p *Profile) string {
	if p == nil {
		return "–"
	}
	s := strconv.FormatInt(p.DBHits, 10)
	if p.Failed > 0 {
		s += fmt.Sprintf(" (%d not profiled)", p.Failed)
	}
	return s
}

func mark(ok bool, s string) string {
	if ok {
		return s + " ✓"
	}
	return "**" + s + " ✗**"
}

var _ io.Writer = os.Stderr
