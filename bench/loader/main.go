// Command loader benchmarks `diplograph load` on synthetic data against a
// real Neo4j, beside a baseline that writes the same nodes and
// relationships the fastest plain way, and prints a markdown table.
//
//	go run ./bench/loader --uri bolt://127.0.0.1:7711 --scales 1,10 --runs 3
//
// For every scale it generates the fixtures once (diplograph gen, cached in
// .data/bench/), plus two copies with the titles of 1% of the events
// rewritten, and then, for every run:
//
//   - baseline: empties the database and writes the batch the loader would
//     write with large UNWIND ... CREATE statements, one transaction per
//     batch, no validation, no comparison with the graph: the practical
//     ceiling of Bolt ingestion on this machine;
//   - initial load: empties the database and runs `diplograph load --quiet`
//     (built from this repository) in a child process;
//   - unchanged re-load: the same files again, with -force, so the load
//     reads them and compares them with the graph;
//   - unchanged re-load, skipped: the same files again as a user would load
//     them: the load finds them to be those the graph was loaded from and
//     ends there;
//   - 1%-changed re-load, newest files: a copy with as many titles
//     rewritten, those of the newest events (a month's corrections): the
//     load skips the files that did not change;
//   - 1%-changed re-load: the copy with 1% of the titles rewritten, every
//     hundredth event, in nearly every file (after a load of the original
//     again, not measured).
//
// After the runs of a scale (unless --interrupt=false) it kills loads midway
// and checks what readers see (interrupt.go).
//
// Wall time, the loader's peak RSS (VmHWM of the child, polled) and CPU
// time, and, when the Neo4j process is known (--neo4j-pid, or the pid file
// tools/neo4j/start.sh writes), the server's CPU time are recorded; the
// table shows medians over the runs.
//
// The database at --uri is emptied again and again: never point it at one
// whose contents matter.
package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/diplograph/diplograph/gen"
	"github.com/diplograph/diplograph/loader"
	"github.com/diplograph/diplograph/store"
)

type config struct {
	uri, user, password, database string
	scales                        []float64
	runs                          int
	seed                          uint64
	dataDir                       string
	bin                           string
	baselineBatch                 int
	neo4jPID                      int
	warmup                        bool
	skipBaseline                  bool
	timeout                       time.Duration
	out                           string
	loaderEnv                     []string
	interrupt                     bool
	settings                      string // Neo4j's memory settings, for the report
}

func main() {
	cfg, err := parseFlags(os.Args[1:])
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(0)
		}
		fmt.Fprintln(os.Stderr, "bench/loader:", err)
		os.Exit(1)
	}
	if err := run(context.Background(), cfg); err != nil {
		fmt.Fprintln(os.Stderr, "bench/loader:", err)
		os.Exit(2)
	}
}

func parseFlags(args []string) (config, error) {
	var cfg config
	fs := flag.NewFlagSet("bench/loader", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), `Usage: go run ./bench/loader --uri bolt://127.0.0.1:PORT [flags]

Benchmarks diplograph load (initial load, unchanged re-load, re-load with
1 in 100 events changed) and a plain UNWIND/CREATE baseline on synthetic
data. The database at --uri is EMPTIED before every run.

Flags:`)
		fs.PrintDefaults()
	}
	fs.StringVar(&cfg.uri, "uri", "", "Neo4j to benchmark against (required; it is emptied)")
	fs.StringVar(&cfg.user, "user", "neo4j", "Neo4j user")
	fs.StringVar(&cfg.password, "password", store.DefaultPassword, "Neo4j password")
	fs.StringVar(&cfg.database, "database", "", "Neo4j database (default: the server's default)")
	scales := fs.String("scales", "1,10,50", "comma-separated scales (1 is about 20,000 events)")
	fs.IntVar(&cfg.runs, "runs", 3, "runs per scale; the table shows medians")
	fs.Uint64Var(&cfg.seed, "seed", 1, "generator seed")
	fs.StringVar(&cfg.dataDir, "data", filepath.Join(".data", "bench"), "where generated fixtures are cached")
	fs.StringVar(&cfg.bin, "bin", "", "diplograph binary to benchmark (default: built from this repository into DATA/bin)")
	fs.IntVar(&cfg.baselineBatch, "baseline-batch", 20000, "rows per baseline statement and transaction")
	fs.IntVar(&cfg.neo4jPID, "neo4j-pid", 0, "pid of the Neo4j process, to report its CPU time (default: from .data/neo4j-PORT.pid)")
	fs.BoolVar(&cfg.warmup, "warmup", true, "before measuring, run the smallest scale once unmeasured (JIT, plan cache)")
	fs.BoolVar(&cfg.skipBaseline, "skip-baseline", false, "do not run the baseline")
	fs.DurationVar(&cfg.timeout, "timeout", 2*time.Hour, "give up on one load after this long")
	fs.StringVar(&cfg.out, "out", "", "also write the markdown report to this file")
	fs.BoolVar(&cfg.interrupt, "interrupt", true, "after the runs of a scale, kill a re-load and an initial load midway and check that readers see the graph unchanged, then that the next load completes")
	env := fs.String("loader-env", "", "extra environment for the load processes, comma-separated KEY=VALUE (e.g. GOMEMLIMIT=768MiB)")
	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	if cfg.uri == "" {
		fs.Usage()
		return cfg, errors.New("give the Neo4j to benchmark with --uri (it is emptied)")
	}
	for _, s := range strings.Split(*scales, ",") {
		x, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
		if err != nil || !(x > 0) {
			return cfg, fmt.Errorf("bad scale %q", s)
		}
		cfg.scales = append(cfg.scales, x)
	}
	if cfg.runs < 1 {
		return cfg, errors.New("--runs must be at least 1")
	}
	if *env != "" {
		for _, kv := range strings.Split(*env, ",") {
			if !strings.Contains(kv, "=") {
				return cfg, fmt.Errorf("--loader-env: %q is not KEY=VALUE", kv)
			}
			cfg.loaderEnv = append(cfg.loaderEnv, strings.TrimSpace(kv))
		}
	}
	if cfg.neo4jPID == 0 {
		cfg.neo4jPID = pidFromFile(cfg.uri)
	}
	return cfg, nil
}

// pidFromFile finds the pid tools/neo4j/start.sh recorded for the port of uri.
func pidFromFile(uri string) int {
	u, err := url.Parse(uri)
	if err != nil || (u.Hostname() != "127.0.0.1" && u.Hostname() != "localhost") {
		return 0
	}
	name := "neo4j.pid"
	if p := u.Port(); p != "" && p != "7687" {
		name = "neo4j-" + p + ".pid"
	}
	data, err := os.ReadFile(filepath.Join(".data", name))
	if err != nil {
		return 0
	}
	pid, _ := strconv.Atoi(strings.TrimSpace(string(data)))
	return pid
}

// measure is one timed step.
type measure struct {
	wall      time.Duration
	loaderCPU time.Duration // user+sys of the loader process
	serverCPU time.Duration // user+sys of the Neo4j process
	rssKiB    int64
	txMiB     int64 // peak estimated heap of any Neo4j transaction during the step
	rows      int
	err       error
}

type scaleResult struct {
	scale                         float64
	rows                          int
	files                         int
	mib                           float64
	changedEvents                 int
	baseline, initial, same, edit []measure
	newest                        []measure // 1% changed, in the newest files
	filesRead                     []int     // by the newest-files re-loads
	skipped                       []measure // unchanged, without -force
	interrupted                   []string  // what the interruption checks found
}

func run(ctx context.Context, cfg config) error {
	started := time.Now()
	if cfg.bin == "" {
		cfg.bin = filepath.Join(cfg.dataDir, "bin", "diplograph")
		fmt.Fprintf(os.Stderr, "building %s ...\n", cfg.bin)
		cmd := exec.CommandContext(ctx, "go", "build", "-o", cfg.bin, ".")
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("build diplograph (run from the repository root, or give --bin): %w", err)
		}
	}
	driver, err := neo4j.NewDriverWithContext(cfg.uri, neo4j.BasicAuth(cfg.user, cfg.password, ""))
	if err != nil {
		return err
	}
	defer driver.Close(ctx)
	if err := driver.VerifyConnectivity(ctx); err != nil {
		return fmt.Errorf("neo4j at %s: %w", cfg.uri, err)
	}
	cfg.settings = memorySettings(ctx, driver, cfg.database)
	b := &bench{cfg: cfg, driver: driver}

	if cfg.warmup {
		s := slices.Min(cfg.scales)
		dir, changed, _, _, err := b.data(s)
		if err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "warm-up at scale %s (not measured)\n", fmtScale(s))
		if !cfg.skipBaseline {
			if err := b.empty(ctx); err != nil {
				return err
			}
			if m := b.baseline(ctx, dir); m.err != nil {
				return fmt.Errorf("warm-up baseline: %w", m.err)
			}
		}
		if err := b.empty(ctx); err != nil {
			return err
		}
		for _, d := range []string{dir, dir, changed} {
			if m := b.load(ctx, d); m.err != nil {
				return fmt.Errorf("warm-up load: %w", m.err)
			}
		}
	}

	var results []scaleResult
	for _, s := range cfg.scales {
		res, err := b.scale(ctx, s)
		if err != nil {
			return err
		}
		results = append(results, res)
		fmt.Fprintln(os.Stderr)
		fmt.Fprint(os.Stderr, report(cfg, results, started))
	}
	out := report(cfg, results, started)
	fmt.Print(out)
	if cfg.out != "" {
		return os.WriteFile(cfg.out, []byte(out), 0o644)
	}
	return nil
}

type bench struct {
	cfg    config
	driver neo4j.DriverWithContext
}

func fmtScale(s float64) string { return strconv.FormatFloat(s, 'g', -1, 64) }

// data returns the cached fixture folder for a scale, its copy with 1% of
// the event titles rewritten (every hundredth), and its copy with as many
// of the newest events' titles rewritten, generating them when missing.
func (b *bench) data(scale float64) (dir, changed, newest string, edits int, err error) {
	base := filepath.Join(b.cfg.dataDir, fmt.Sprintf("scale-%s-seed-%d", fmtScale(scale), b.cfg.seed))
	dir, changed, newest = base, base+"-changed", base+"-newest"
	stamp := filepath.Join(changed, ".complete")
	if data, err := os.ReadFile(stamp); err == nil {
		edits, _ = strconv.Atoi(strings.TrimSpace(string(data)))
	} else {
		for _, d := range []string{dir, changed} {
			if err := os.RemoveAll(d); err != nil {
				return "", "", "", 0, err
			}
			if err := os.MkdirAll(d, 0o755); err != nil {
				return "", "", "", 0, err
			}
		}
		fmt.Fprintf(os.Stderr, "generating scale %s into %s ...\n", fmtScale(scale), dir)
		st, err := gen.Generate(gen.Config{Scale: scale, Seed: b.cfg.seed}, dir)
		if err != nil {
			return "", "", "", 0, err
		}
		if edits, err = rewriteTitles(dir, changed, st.Files, 100); err != nil {
			return "", "", "", 0, err
		}
		if err := os.WriteFile(stamp, []byte(strconv.Itoa(edits)), 0o644); err != nil {
			return "", "", "", 0, err
		}
	}
	// Made apart: data cached before this copy existed lacks it.
	newestStamp := filepath.Join(newest, ".complete")
	if _, err := os.Stat(newestStamp); err == nil {
		return dir, changed, newest, edits, nil
	}
	if err := os.RemoveAll(newest); err != nil {
		return "", "", "", 0, err
	}
	if err := os.MkdirAll(newest, 0o755); err != nil {
		return "", "", "", 0, err
	}
	if n, err := rewriteNewestTitles(dir, newest, fixtureNames(dir), edits); err != nil || n != edits {
		return "", "", "", 0, fmt.Errorf("rewrite the newest %d titles: %d rewritten (%v)", edits, n, err)
	}
	return dir, changed, newest, edits, os.WriteFile(newestStamp, []byte(strconv.Itoa(edits)), 0o644)
}

// fixtureNames are the names of the fixture files in dir, in the order a
// load reads them.
func fixtureNames(dir string) []string {
	paths, _ := gen.Fixtures(dir)
	names := make([]string, len(paths))
	for i, p := range paths {
		names[i] = filepath.Base(p)
	}
	return names
}

// rewriteNewestTitles copies the files of src into dst, rewriting the
// titles of the last n events (counted back from the last event file in
// name order).
func rewriteNewestTitles(src, dst string, files []string, n int) (int, error) {
	edits := 0
	data := make([][]byte, len(files))
	for i := len(files) - 1; i >= 0; i-- {
		var err error
		if data[i], err = os.ReadFile(filepath.Join(src, files[i])); err != nil {
			return 0, err
		}
		if edits == n || !strings.HasPrefix(files[i], "events-") {
			continue
		}
		lines := bytes.Split(data[i], []byte("\n"))
		for j := len(lines) - 1; j >= 0 && edits < n; j-- {
			if revised, ok := reviseTitle(lines[j]); ok {
				lines[j] = revised
				edits++
			}
		}
		data[i] = bytes.Join(lines, []byte("\n"))
	}
	for i, name := range files {
		if err := os.WriteFile(filepath.Join(dst, name), data[i], 0o644); err != nil {
			return 0, err
		}
	}
	return edits, nil
}

// reviseTitle marks an event's title line as revised; ok is false for any
// other line.
func reviseTitle(line []byte) (revised []byte, ok bool) {
	if !bytes.HasPrefix(line, []byte(`    title: "`)) || !bytes.HasSuffix(line, []byte(`"`)) {
		return nil, false
	}
	return append(line[:len(line)-1:len(line)-1], ` (revised)"`...), true
}

// rewriteTitles copies the files of src into dst, rewriting the title of
// every n-th event (counted across the event files in name order).
func rewriteTitles(src, dst string, files []string, n int) (int, error) {
	events, edits := 0, 0
	for _, name := range files {
		data, err := os.ReadFile(filepath.Join(src, name))
		if err != nil {
			return 0, err
		}
		if strings.HasPrefix(name, "events-") {
			lines := bytes.Split(data, []byte("\n"))
			item := false
			for i, line := range lines {
				if bytes.HasPrefix(line, []byte("  - id: ")) {
					item = events%n == 0
					events++
					continue
				}
				if revised, ok := reviseTitle(line); item && ok {
					lines[i] = revised
					item = false
					edits++
				}
			}
			data = bytes.Join(lines, []byte("\n"))
		}
		if err := os.WriteFile(filepath.Join(dst, name), data, 0o644); err != nil {
			return 0, err
		}
	}
	return edits, nil
}

func (b *bench) scale(ctx context.Context, s float64) (scaleResult, error) {
	res := scaleResult{scale: s}
	dir, changed, newest, edits, err := b.data(s)
	if err != nil {
		return res, err
	}
	res.changedEvents = edits
	files, _ := gen.Fixtures(dir)
	res.files = len(files)
	for _, f := range files {
		if info, err := os.Stat(f); err == nil {
			res.mib += float64(info.Size()) / (1 << 20)
		}
	}
	for r := 1; r <= b.cfg.runs; r++ {
		fmt.Fprintf(os.Stderr, "scale %s, run %d of %d (load average %s)\n", fmtScale(s), r, b.cfg.runs, loadAverage())
		if !b.cfg.skipBaseline {
			if err := b.empty(ctx); err != nil {
				return res, err
			}
			m := b.baseline(ctx, dir)
			logStep("baseline", m)
			res.baseline = append(res.baseline, m)
			if m.rows > 0 {
				res.rows = m.rows
			}
		}
		if err := b.empty(ctx); err != nil {
			return res, err
		}
		m := b.load(ctx, dir)
		logStep("initial load", m.measure)
		res.initial = append(res.initial, m.measure)
		if m.rows > 0 {
			res.rows = m.rows
		}
		if m.err != nil {
			continue // nothing to re-load
		}
		m = b.load(ctx, dir, "--force")
		if m.err == nil && (m.changed || m.skipped) {
			m.err = fmt.Errorf("the unchanged re-load with -force reported changes (%t) or skipped (%t)", m.changed, m.skipped)
		}
		logStep("unchanged re-load", m.measure)
		res.same = append(res.same, m.measure)
		m = b.load(ctx, dir)
		if m.err == nil && !m.skipped {
			m.err = errors.New("the unchanged re-load without -force did not skip")
		}
		logStep("unchanged, skipped", m.measure)
		res.skipped = append(res.skipped, m.measure)
		m = b.load(ctx, newest)
		if m.err == nil && m.updatedEvents != edits {
			m.err = fmt.Errorf("the newest-files re-load updated %d events, want %d", m.updatedEvents, edits)
		}
		logStep("1%, newest files", m.measure)
		res.newest = append(res.newest, m.measure)
		res.filesRead = append(res.filesRead, m.files)
		if back := b.load(ctx, dir); back.err != nil || back.updatedEvents != edits {
			return res, fmt.Errorf("load the original again after the newest-files copy: %d events updated (%v)", back.updatedEvents, back.err)
		}
		m = b.load(ctx, changed)
		if m.err == nil && m.updatedEvents != edits {
			m.err = fmt.Errorf("the changed re-load updated %d events, want %d", m.updatedEvents, edits)
		}
		logStep("1%-changed re-load", m.measure)
		res.edit = append(res.edit, m.measure)
	}
	if b.cfg.interrupt {
		res.interrupted = b.interruptions(ctx, dir, changed)
	}
	return res, nil
}

func logStep(what string, m measure) {
	if m.err != nil {
		fmt.Fprintf(os.Stderr, "  %-20s FAILED after %s (loader CPU %.1f s, peak RSS %d MiB, Neo4j CPU %.1f s): %v\n",
			what, m.wall.Round(time.Millisecond), m.loaderCPU.Seconds(), m.rssKiB>>10, m.serverCPU.Seconds(), m.err)
		return
	}
	fmt.Fprintf(os.Stderr, "  %-20s %8.1f s  %9.0f rows/s  loader CPU %6.1f s  peak RSS %5d MiB  Neo4j CPU %6.1f s\n",
		what, m.wall.Seconds(), rate(m.rows, m.wall), m.loaderCPU.Seconds(), m.rssKiB>>10, m.serverCPU.Seconds())
}

func loadAverage() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(data))
	return strings.Join(f[:min(3, len(f))], " ")
}

func rate(rows int, d time.Duration) float64 {
	if d <= 0 {
		return 0
	}
	return float64(rows) / d.Seconds()
}

// serverCPU is the user+sys time of the Neo4j process so far.
func (b *bench) serverCPU() time.Duration {
	if b.cfg.neo4jPID == 0 {
		return 0
	}
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", b.cfg.neo4jPID))
	if err != nil {
		return 0
	}
	s := string(data)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+2:])
	if len(f) < 13 {
		return 0
	}
	utime, _ := strconv.ParseInt(f[11], 10, 64)
	stime, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(utime+stime) * time.Second / 100 // USER_HZ
}

// empty deletes everything, in transactions of 10,000 rows.
func (b *bench) empty(ctx context.Context) error {
	// Slices of bounded size, relationships first: one DETACH DELETE of
	// everything (even IN TRANSACTIONS of 10,000 nodes) ran out of the
	// transaction memory pool at scale 10 with Neo4j's default 2 GB heap.
	for _, stmt := range []string{
		"MATCH ()-[r]->() WITH r LIMIT 50000 DELETE r RETURN count(*) AS n",
		"MATCH (n) WITH n LIMIT 50000 DETACH DELETE n RETURN count(*) AS n",
	} {
		for {
			res, err := neo4j.ExecuteQuery(ctx, b.driver, stmt, nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(b.cfg.database))
			if err != nil {
				return fmt.Errorf("empty the database: %w", err)
			}
			if n, _ := res.Records[0].Values[0].(int64); n == 0 {
				break
			}
		}
	}
	return nil
}

type loadMeasure struct {
	measure
	changed       bool
	skipped       bool // the load found its files loaded already
	updatedEvents int
	files         int // files read
}

var loadedLine = regexp.MustCompile(`loaded (\d+) file\(s\), (\d+) rows`)

// load runs `diplograph load --quiet` on dir in a child process, with
// extra flags.
func (b *bench) load(ctx context.Context, dir string, extra ...string) loadMeasure {
	ctx, cancel := context.WithTimeout(ctx, b.cfg.timeout)
	defer cancel()
	args := append([]string{"load", "--quiet", "--uri", b.cfg.uri, "--user", b.cfg.user}, extra...)
	if b.cfg.database != "" {
		args = append(args, "--database", b.cfg.database)
	}
	cmd := exec.CommandContext(ctx, b.cfg.bin, append(args, dir)...)
	cmd.Env = append(append(os.Environ(), "NEO4J_PASSWORD="+b.cfg.password), b.cfg.loaderEnv...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cpu0 := b.serverCPU()
	start := time.Now()
	var m loadMeasure
	stopTx := b.watchTransactions(ctx)
	err := cmd.Start()
	if err == nil {
		// Not rusage's maxrss: Go starts children with vfork, and Linux
		// counts the parent's resident memory (this process holds the
		// baseline's batch) into the child's maxrss. The child's own
		// high-water mark is read until it exits instead.
		done := make(chan struct{})
		peak := make(chan int64)
		go func() {
			var hwm int64
			tick := time.NewTicker(50 * time.Millisecond)
			defer tick.Stop()
			for {
				if v := vmHWM(cmd.Process.Pid); v > hwm {
					hwm = v
				}
				select {
				case <-done:
					peak <- hwm
					return
				case <-tick.C:
				}
			}
		}()
		err = cmd.Wait()
		close(done)
		m.rssKiB = <-peak
	}
	m.wall = time.Since(start)
	m.serverCPU = b.serverCPU() - cpu0
	if st := cmd.ProcessState; st != nil {
		m.loaderCPU = st.UserTime() + st.SystemTime()
	}
	if err != nil {
		m.err = fmt.Errorf("%v: %s", err, lastLines(stderr.String(), 3))
		m.txMiB = stopTx()
		return m
	}
	m.txMiB = stopTx()
	out := stdout.String()
	if sm := loadedLine.FindStringSubmatch(out); sm != nil {
		m.files, _ = strconv.Atoi(sm[1])
		m.rows, _ = strconv.Atoi(sm[2])
	}
	m.changed = !strings.Contains(out, "no changes")
	m.skipped = strings.HasPrefix(out, "unchanged: ")
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) == 5 && f[0] == "Event" {
			m.updatedEvents, _ = strconv.Atoi(f[2])
		}
	}
	return m
}

// vmHWM is the peak resident memory of a live process in KiB, 0 once it
// has exited.
func vmHWM(pid int) int64 {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			f := strings.Fields(rest)
			if len(f) > 0 {
				v, _ := strconv.ParseInt(f[0], 10, 64)
				return v
			}
		}
	}
	return 0
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], " | ")
}

// baseline writes the batch of dir into the (empty) database with plain
// UNWIND ... CREATE statements of cfg.baselineBatch rows, each in its own
// transaction: nodes label by label, then relationships spec by spec. The
// property keys are spelled out in the statement, which spares Neo4j the
// Eager step that SET x = map costs. Reading the files is not timed.
func (b *bench) baseline(ctx context.Context, dir string) measure {
	in, err := loader.Read([]string{dir})
	if err != nil {
		return measure{err: err}
	}
	defer in.Close()
	st, err := store.Open(ctx, store.Config{URI: b.cfg.uri, User: b.cfg.user, Password: b.cfg.password, Database: b.cfg.database})
	if err != nil {
		return measure{err: err}
	}
	err = st.Migrate(ctx) // the same constraints and indexes the loader works with
	st.Close(ctx)
	if err != nil {
		return measure{err: err}
	}
	sess := b.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: b.cfg.database})
	defer sess.Close(ctx)
	exec := func(stmt string, rows []map[string]any) error {
		for start := 0; start < len(rows); start += b.cfg.baselineBatch {
			chunk := rows[start:min(start+b.cfg.baselineBatch, len(rows))]
			_, err := sess.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
				res, err := tx.Run(ctx, stmt, map[string]any{"rows": chunk})
				if err != nil {
					return nil, err
				}
				return res.Consume(ctx)
			})
			if err != nil {
				return err
			}
		}
		return nil
	}
	// The statements and their rows are made before the clock starts: the
	// baseline times Neo4j's ingestion alone.
	type step struct {
		what, stmt string
		rows       []map[string]any
	}
	var steps []step
	for _, l := range store.Labels {
		rows := make([]map[string]any, 0, in.Batch.NodeCount(l))
		for n := range in.Batch.Nodes(l) {
			rows = append(rows, n.Props.Map())
		}
		steps = append(steps, step{string(l), fmt.Sprintf("UNWIND $rows AS row CREATE (:%s %s)", l, literal(rows, "row")), rows})
	}
	for _, spec := range store.RelSpecs {
		var rows, maps []map[string]any
		for r := range in.Batch.Rels(spec) {
			m := r.Props.Map()
			maps = append(maps, m)
			rows = append(rows, map[string]any{"from": r.From, "to": r.To, "props": m})
		}
		stmt := fmt.Sprintf("UNWIND $rows AS row MATCH (a:%s {id: row.from}) MATCH (b:%s {id: row.to}) CREATE (a)-[:%s %s]->(b)",
			spec.From, spec.To, spec.Type, literal(maps, "row.props"))
		steps = append(steps, step{spec.String(), stmt, rows})
	}
	if err := in.Batch.Err(); err != nil {
		return measure{err: err}
	}
	in = nil
	runtime.GC()
	var m measure
	cpu0 := b.serverCPU()
	start := time.Now()
	for _, st := range steps {
		if err := exec(st.stmt, st.rows); err != nil {
			m.err = fmt.Errorf("baseline %s: %w", st.what, err)
			return m
		}
		m.rows += len(st.rows)
	}
	m.wall = time.Since(start)
	m.serverCPU = b.serverCPU() - cpu0
	return m
}

// literal spells out a property map for the keys the rows use:
// {`a`: row.a, `b`: row.b}. Absent keys are null, and CREATE sets no
// property for a null.
func literal(rows []map[string]any, of string) string {
	seen := map[string]bool{}
	for _, r := range rows {
		for k := range r {
			seen[k] = true
		}
	}
	keys := make([]string, 0, len(seen))
	for k := range seen {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		q := "`" + strings.ReplaceAll(k, "`", "``") + "`"
		parts[i] = q + ": " + of + "." + q
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// ---- report ----

func median(ms []measure, f func(measure) float64) (float64, bool) {
	var xs []float64
	for _, m := range ms {
		if m.err == nil {
			xs = append(xs, f(m))
		}
	}
	if len(xs) == 0 {
		return 0, false
	}
	sort.Float64s(xs)
	if len(xs)%2 == 1 {
		return xs[len(xs)/2], true
	}
	return (xs[len(xs)/2-1] + xs[len(xs)/2]) / 2, true
}

func wall(m measure) float64 { return m.wall.Seconds() }

func cell(ms []measure, f func(measure) float64, format string) string {
	if len(ms) == 0 {
		return "–"
	}
	v, ok := median(ms, f)
	if !ok {
		// Every run failed: say how long they took to fail.
		var ws []float64
		for _, m := range ms {
			ws = append(ws, m.wall.Seconds())
		}
		sort.Float64s(ws)
		return fmt.Sprintf("failed after %.0f s", ws[len(ws)/2])
	}
	s := fmt.Sprintf(format, v)
	if failed := countFailed(ms); failed > 0 {
		s += fmt.Sprintf(" (%d failed)", failed)
	}
	return s
}

func countFailed(ms []measure) int {
	n := 0
	for _, m := range ms {
		if m.err != nil {
			n++
		}
	}
	return n
}

func report(cfg config, results []scaleResult, started time.Time) string {
	var w strings.Builder
	fmt.Fprintf(&w, "Loader benchmark, %s, %d run(s) per scale, medians; %s.\n", time.Now().UTC().Format("2006-01-02 15:04 UTC"), cfg.runs, warmNote(cfg))
	if cfg.settings != "" {
		fmt.Fprintf(&w, "Neo4j: %s.\n", cfg.settings)
	}
	if len(cfg.loaderEnv) > 0 {
		fmt.Fprintf(&w, "Load processes ran with %s.\n", strings.Join(cfg.loaderEnv, " "))
	}
	w.WriteString("\n")
	w.WriteString("| scale | rows | initial load s | initial rows/s | baseline s | baseline rows/s | ratio initial/baseline (rows/s) | unchanged re-load (-force) s | unchanged re-load, skipped s | 1%-changed re-load, newest files s (files read) | 1%-changed re-load, every 100th event s | peak RSS MiB |\n")
	w.WriteString("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, r := range results {
		rows := float64(r.rows)
		ir, iok := median(r.initial, func(m measure) float64 { return rate(m.rows, m.wall) })
		br, bok := median(r.baseline, func(m measure) float64 { return rate(m.rows, m.wall) })
		ratio := "–"
		if iok && bok && br > 0 {
			ratio = fmt.Sprintf("%.2f", ir/br)
		}
		all := slices.Concat(r.initial, r.same, r.skipped, r.newest, r.edit)
		rss := "–"
		if v, ok := maxOf(all, func(m measure) float64 { return float64(m.rssKiB >> 10) }); ok {
			rss = fmt.Sprintf("%.0f", v)
		}
		if countFailed(all) > 0 {
			// A load that failed late still shows how much memory it took.
			if v, ok := maxOf(withoutErrors(all), func(m measure) float64 { return float64(m.rssKiB >> 10) }); ok && v > 0 {
				rss = fmt.Sprintf("%.0f (incl. failed loads)", v)
			}
		}
		read := "–"
		if len(r.filesRead) > 0 {
			read = fmt.Sprint(slices.Max(r.filesRead))
		}
		fmt.Fprintf(&w, "| %s | %.0f | %s | %s | %s | %s | %s | %s | %s | %s (%s) | %s | %s |\n",
			fmtScale(r.scale), rows,
			cell(r.initial, wall, "%.1f"), cell(r.initial, func(m measure) float64 { return rate(m.rows, m.wall) }, "%.0f"),
			cell(r.baseline, wall, "%.1f"), cell(r.baseline, func(m measure) float64 { return rate(m.rows, m.wall) }, "%.0f"),
			ratio, cell(r.same, wall, "%.1f"), cell(r.skipped, wall, "%.1f"), cell(r.newest, wall, "%.1f"), read, cell(r.edit, wall, "%.1f"), rss)
	}
	w.WriteString("\nCPU time (medians, seconds) — on a shared machine these move less than wall time:\n\n")
	w.WriteString("| scale | files | MiB | changed events | baseline: Neo4j CPU | initial: loader CPU | initial: Neo4j CPU | unchanged: loader CPU | unchanged: Neo4j CPU | skipped: loader CPU | newest files: loader CPU | newest files: Neo4j CPU | 1%-changed: loader CPU | 1%-changed: Neo4j CPU | peak RSS MiB initial / unchanged / skipped / newest / changed | peak Neo4j transaction MiB initial / unchanged / newest / changed |\n")
	w.WriteString("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	lc := func(m measure) float64 { return m.loaderCPU.Seconds() }
	sc := func(m measure) float64 { return m.serverCPU.Seconds() }
	rs := func(m measure) float64 { return float64(m.rssKiB >> 10) }
	tx := func(m measure) float64 { return float64(m.txMiB) }
	for _, r := range results {
		fmt.Fprintf(&w, "| %s | %d | %.0f | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s / %s / %s / %s / %s | %s / %s / %s / %s |\n",
			fmtScale(r.scale), r.files, r.mib, r.changedEvents,
			cell(r.baseline, sc, "%.1f"), cell(r.initial, lc, "%.1f"), cell(r.initial, sc, "%.1f"),
			cell(r.same, lc, "%.1f"), cell(r.same, sc, "%.1f"), cell(r.skipped, lc, "%.1f"),
			cell(r.newest, lc, "%.1f"), cell(r.newest, sc, "%.1f"), cell(r.edit, lc, "%.1f"), cell(r.edit, sc, "%.1f"),
			cell(r.initial, rs, "%.0f"), cell(r.same, rs, "%.0f"), cell(r.skipped, rs, "%.0f"), cell(r.newest, rs, "%.0f"), cell(r.edit, rs, "%.0f"),
			cell(r.initial, tx, "%.0f"), cell(r.same, tx, "%.0f"), cell(r.newest, tx, "%.0f"), cell(r.edit, tx, "%.0f"))
	}
	for _, r := range results {
		if len(r.interrupted) > 0 {
			fmt.Fprintf(&w, "\nInterrupted loads at scale %s:\n\n%s\n", fmtScale(r.scale), strings.Join(r.interrupted, "\n"))
		}
	}
	var failures []string
	for _, r := range results {
		for _, set := range []struct {
			name string
			ms   []measure
		}{{"baseline", r.baseline}, {"initial load", r.initial}, {"unchanged re-load", r.same}, {"unchanged, skipped", r.skipped}, {"1%, newest files", r.newest}, {"1%-changed re-load", r.edit}} {
			for i, m := range set.ms {
				if m.err != nil {
					failures = append(failures, fmt.Sprintf("- scale %s, %s, run %d: %v", fmtScale(r.scale), set.name, i+1, m.err))
				}
			}
		}
	}
	if len(failures) > 0 {
		w.WriteString("\nFailures:\n\n" + strings.Join(failures, "\n") + "\n")
	}
	fmt.Fprintf(&w, "\nTotal benchmark time %s; load average at the end %s.\n", time.Since(started).Round(time.Second), loadAverage())
	return w.String()
}

func warmNote(cfg config) string {
	if cfg.warmup {
		return fmt.Sprintf("after an unmeasured warm-up at scale %s", fmtScale(slices.Min(cfg.scales)))
	}
	return "no warm-up"
}

// withoutErrors returns the measures with their errors cleared, so
// figures of failed steps can be read too.
func withoutErrors(ms []measure) []measure {
	out := make([]measure, len(ms))
	for i, m := range ms {
		m.err = nil
		out[i] = m
	}
	return out
}

func maxOf(ms []measure, f func(measure) float64) (float64, bool) {
	best, ok := 0.0, false
	for _, m := range ms {
		if m.err == nil && (!ok || f(m) > best) {
			best, ok = f(m), true
		}
	}
	return best, ok
}
