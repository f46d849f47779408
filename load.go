package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"sort"
	"text/tabwriter"
	"time"

	"github.com/diplograph/diplograph/loader"
	"github.com/diplograph/diplograph/metrics"
	"github.com/diplograph/diplograph/store"
)

// loadMemoryLimit is the soft limit load gives Go's heap unless GOMEMLIMIT
// sets one. The live heap of a large load peaks while it reads (the ids of
// every file and the files being parsed: about 600 MB for 7.5 million
// rows), and Go's default target lets the heap grow to twice the live
// part: 1.2 GB. Near the limit the collector runs more often instead; that
// cost reading 7.5 million rows 3% more time (bench/RESULTS.md, "The
// loader's memory"). Past it, Go bounds the collector's share of the CPU
// rather than fail.
const loadMemoryLimit = 768 << 20

// loadGCPercent is load's GOGC under that limit: the collector waits until
// the heap is five times its live part, or at the limit. Reading generated
// scale 10 took 20 s and 38 s of CPU instead of 28 s and 53 s at Go's
// default (RSS 774 instead of 410 MiB); at scale 50 the limit governs
// either way (bench/RESULTS.md, "Decoded once").
const loadGCPercent = 400

// tuneMemory gives load's heap its limit and headroom unless GOMEMLIMIT
// sets a limit (without one, GOGC=400 would let the heap grow to five times
// its live part) or GOGC the headroom. It returns what puts the previous
// settings back: tests run load in-process.
func tuneMemory() (restore func()) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	limit := debug.SetMemoryLimit(loadMemoryLimit)
	if os.Getenv("GOGC") != "" {
		return func() { debug.SetMemoryLimit(limit) }
	}
	percent := debug.SetGCPercent(loadGCPercent)
	return func() {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
	}
}

func runLoad(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("load", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintln(stderr, `Usage: diplograph load [flags] PATH...

Checks every fixture file under PATH (files, or folders of *.yaml/*.yml)
against fixtures/schema.json and across files (ids, references, dates),
then writes all of it to Neo4j so that readers see all of it at once or
none of it: in one transaction, or, when it creates more than -stage-rows
rows, in staged transactions that a last one makes visible. Problems are
reported as file:line:col: message, and then nothing is written.

Exit codes: 0 loaded, 1 invalid input (nothing written), 2 connection or
runtime failure.

Flags:`)
		fs.PrintDefaults()
	}
	cfg := neo4jFlags(fs)
	dryRun := fs.Bool("dry-run", false, "check and count what would change, write nothing")
	prune := fs.Bool("prune", false, "make the graph mirror these files: delete what they no longer hold (give the complete fixture set)")
	quiet := fs.Bool("quiet", false, "no progress lines")
	stageRows := fs.Int("stage-rows", store.DefaultStageRows, "a load that creates more rows than this writes them in transactions of 20,000 that readers cannot see, then shows them with the rest in one last transaction, so Neo4j needs far less memory (0: always one transaction)")
	metricsFile := fs.String("metrics-file", "", "write the load's metrics (rows by label and outcome, duration, result) to this file in the Prometheus text format, for node_exporter's textfile collector")
	force := fs.Bool("force", false, "read the files and compare them with the graph even when they are byte for byte those the graph was last loaded from, by this build and with the same -prune (the graph changed outside diplograph, say)")
	if ok, code := parseFlags(fs, args, stderr); !ok {
		return code
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "diplograph load: give at least one fixture file or folder")
		fs.Usage()
		return exitInvalid
	}

	defer tuneMemory()()
	start := time.Now()
	// Connecting first lets an unchanged input skip the read; a connection
	// that fails is reported after the input's own problems, as ever.
	st, openErr := store.Open(ctx, *cfg)
	// The files' digests, read once, tell whether the input is the one the
	// graph was loaded from, and else which files it may skip. Files that
	// cannot be read are reported by the read below.
	var scanned *loader.Scanned
	if openErr == nil {
		defer st.Close(context.WithoutCancel(ctx))
		if !*force {
			scanned, _ = loader.Scan(fs.Args())
		}
	}
	if scanned != nil {
		if code, skipped := skipUnchanged(ctx, st, scanned, *prune, *dryRun, *metricsFile, start, stdout, stderr); skipped {
			return code
		}
	}
	var reading loader.Progress
	if !*quiet {
		reading = readPrinter(stderr)
	}
	var in *loader.Input
	var err error
	if scanned != nil {
		in, err = loader.ReadChanged(ctx, scanned, reading, loadedFiles(ctx, st, stderr))
	} else {
		in, err = loader.ReadProgress(ctx, fs.Args(), reading)
	}
	if ctx.Err() != nil {
		fmt.Fprintln(stderr, "diplograph load: interrupted while reading the fixtures; nothing was written")
		return exitFailure
	}
	if err != nil {
		return reportInputError(err, stderr, "load", "nothing was written")
	}
	defer in.Close()
	if openErr != nil {
		reportOpenError(*cfg, openErr, stderr)
		return exitFailure
	}
	opts := loader.Options{DryRun: *dryRun, Prune: *prune, StageRows: *stageRows, Input: in.Fingerprint(*prune)}
	if !*quiet {
		opts.Progress = progressPrinter(stderr, in.Batch.Rows())
	}
	writeStart := time.Now()
	sum, err := in.Write(ctx, st, opts)
	if !*dryRun {
		writeLoadMetrics(*metricsFile, sum, time.Since(writeStart), err, stderr)
	}
	if err != nil && ctx.Err() != nil {
		// The driver abandons the transaction when ctx ends, and Neo4j
		// rolls back a transaction that was never committed.
		if errors.Is(err, store.ErrStagedLeft) {
			fmt.Fprintln(stderr, "diplograph load: interrupted; the transaction was rolled back and nothing was written that readers see (the rows it had staged are cleared by the next load)")
		} else {
			fmt.Fprintln(stderr, "diplograph load: interrupted; the transaction was rolled back and nothing was written")
		}
		return exitFailure
	}
	if err != nil {
		fmt.Fprintf(stderr, "diplograph: %v\nNothing was written.\n", err)
		return exitFailure
	}
	verb := "loaded"
	if *dryRun {
		verb = "dry run: would load"
	}
	fmt.Fprintf(stdout, "%s %d file(s), %d rows, in %s\n", verb, len(in.Files)-in.Skipped(), in.Batch.Rows(), time.Since(start).Round(time.Millisecond))
	switch {
	case in.Skipped() > 0:
		fmt.Fprintf(stdout, "skipped %d of %d file(s): byte for byte those the graph was last loaded from, by this build (-force reads them all)\n", in.Skipped(), len(in.Files))
	case in.ReadAllBecause != "":
		fmt.Fprintf(stdout, "read every file: %s\n", in.ReadAllBecause)
	}
	printSummary(stdout, sum)
	return exitOK
}

// writeLoadMetrics writes one load's metrics to file, when one is given.
func writeLoadMetrics(file string, sum store.Summary, d time.Duration, err error, stderr io.Writer) {
	if file == "" {
		return
	}
	m := metrics.New(buildInfo())
	m.Load(sum, d, err)
	if werr := m.WriteFile(file); werr != nil {
		fmt.Fprintf(stderr, "diplograph load: metrics: %v\n", werr)
	}
}

// skipUnchanged ends a load whose files are those the graph was last loaded
// from, by this build with the same prune: it would change nothing. Any
// doubt (a file it cannot read, a graph that cannot say) lets the load run.
func skipUnchanged(ctx context.Context, st *store.Store, scanned *loader.Scanned, prune, dryRun bool, metricsFile string, start time.Time, stdout, stderr io.Writer) (code int, skipped bool) {
	fp, err := scanned.Fingerprint(prune)
	if err != nil {
		return 0, false
	}
	version, same, err := st.LoadedFrom(ctx, fp)
	if err != nil {
		if ctx.Err() == nil {
			fmt.Fprintf(stderr, "diplograph load: could not tell whether these files were loaded already (%v); loading them\n", err)
		}
		return 0, false
	}
	if !same {
		return 0, false
	}
	if !dryRun {
		writeLoadMetrics(metricsFile, store.Summary{}, time.Since(start), nil, stderr)
	}
	verb := "unchanged"
	if dryRun {
		verb = "dry run: unchanged"
	}
	fmt.Fprintf(stdout, "%s: these files are byte for byte those the graph was loaded from at its version %d, by this build with the same -prune; nothing was parsed or written (in %s). -force reads and compares them all the same.\n",
		verb, version, time.Since(start).Round(time.Millisecond))
	fmt.Fprintln(stdout, "no changes: the graph already holds exactly these facts")
	return exitOK, true
}

// loadedFiles returns the graph's records of the files it was last loaded
// from by this build, for a load that skips those unchanged; none when
// the graph cannot say, which only means every file is read.
func loadedFiles(ctx context.Context, st *store.Store, stderr io.Writer) []store.FileRecord {
	prior, err := st.LoadedFiles(ctx, loader.Build())
	if err != nil && ctx.Err() == nil {
		fmt.Fprintf(stderr, "diplograph load: could not read which files the graph was loaded from (%v); reading them all\n", err)
	}
	return prior
}

// reportInputError reports the problems of fixture files, one per line,
// and what command did not do because of them.
func reportInputError(err error, stderr io.Writer, command, consequence string) int {
	var invalid *loader.InvalidInputError
	if errors.As(err, &invalid) {
		for _, d := range invalid.Diagnostics {
			fmt.Fprintln(stderr, d.String())
		}
		fmt.Fprintf(stderr, "diplograph %s: %d problem(s); %s\n", command, len(invalid.Diagnostics), consequence)
		return exitInvalid
	}
	fmt.Fprintf(stderr, "diplograph %s: %v\n", command, err)
	return exitInvalid
}

// tenths says when a count is due another line: at most once a tenth of
// its total, and at the end.
type tenths struct{ next int }

func (t *tenths) due(done, total int) bool {
	if done < t.next && done != total {
		return false
	}
	t.next = done + total/10
	return true
}

// readPrinter tells how far reading has got: a line for each tenth of the
// files in each pass, none for a load of a few files. Its lines never end
// in "rows (...)", which is how the writing's progress reads.
func readPrinter(w io.Writer) loader.Progress {
	const minFiles = 10
	passes := map[string]*tenths{}
	return func(done, total int, pass string) {
		if total < minFiles {
			return
		}
		if passes[pass] == nil {
			passes[pass] = &tenths{}
		}
		if passes[pass].due(done, total) {
			fmt.Fprintf(w, "  %d/%d files %s\n", done, total, pass)
		}
	}
}

// progressPrinter reports at most every tenth of a large load; small loads
// finish before progress would help.
func progressPrinter(w io.Writer, total int) store.Progress {
	const minRows = 10000
	if total < minRows {
		return nil
	}
	t := tenths{next: total / 10}
	return func(done, total int, what string) {
		if t.due(done, total) {
			fmt.Fprintf(w, "  %3d%%  %d/%d rows (%s)\n", done*100/total, done, total, what)
		}
	}
}

func printSummary(w io.Writer, sum store.Summary) {
	if !sum.Changed() {
		fmt.Fprintln(w, "no changes: the graph already holds exactly these facts")
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "\tcreated\tupdated\tunchanged\tdeleted\t")
	row := func(name string, c store.Counts) {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t\n", name, c.Created, c.Updated, c.Unchanged, c.Deleted)
	}
	for _, l := range store.Labels {
		if c, ok := sum.Nodes[l]; ok && c != (store.Counts{}) {
			row(string(l), c)
		}
	}
	specs := make([]store.RelSpec, 0, len(sum.Rels))
	for s, c := range sum.Rels {
		if c != (store.Counts{}) {
			specs = append(specs, s)
		}
	}
	sort.Slice(specs, func(i, j int) bool { return specs[i].String() < specs[j].String() })
	for _, s := range specs {
		row(s.String(), sum.Rels[s])
	}
	tw.Flush()
}
