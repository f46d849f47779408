package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/diplograph/diplograph/gen"
)

func runGen(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintln(stderr, `Usage: diplograph gen [flags] --out DIR

Writes synthetic fixture files for benchmarks into DIR: at scale 1 about
1,000 actors, 100 places, 2,000 sources, 20,000 events (2019-2025, 2 to 10
participants each, a few actors in very many of them), plans with versions
and points, and stances, every fact citing sources. Counts grow with the
scale, which may be fractional (0.05 is about 1,000 events). The same scale
and seed always write the same bytes. 'diplograph load DIR' loads them.

Exit codes: 0 written, 1 invalid usage (DIR already holds fixture files,
a bad scale), 2 failure while writing.

Flags:`)
		fs.PrintDefaults()
	}
	scale := fs.Float64("scale", 1, "how much to write: 1 is about 20,000 events; fractions allowed")
	seed := fs.Uint64("seed", 1, "random seed; the same seed and scale give byte-identical files")
	out := fs.String("out", "", "folder to write into (created if missing; must hold no *.yaml/*.yml files)")
	force := fs.Bool("force", false, "delete the *.yaml/*.yml files already below --out first")
	if ok, code := parseFlags(fs, args, stderr); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "diplograph gen: unexpected arguments %q\n", fs.Args())
		return exitInvalid
	}
	if *out == "" {
		fmt.Fprintln(stderr, "diplograph gen: give the folder to write into with --out DIR")
		fs.Usage()
		return exitInvalid
	}
	if !(*scale > 0) || *scale > gen.MaxScale {
		fmt.Fprintf(stderr, "diplograph gen: --scale must be above 0 and at most %d, got %v\n", gen.MaxScale, *scale)
		return exitInvalid
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fmt.Fprintf(stderr, "diplograph gen: %v\n", err)
		return exitFailure
	}
	if *force {
		if err := gen.RemoveFixtures(*out); err != nil {
			fmt.Fprintf(stderr, "diplograph gen: %v\n", err)
			return exitFailure
		}
	}
	start := time.Now()
	st, err := gen.Generate(gen.Config{Scale: *scale, Seed: *seed}, *out)
	if err != nil {
		fmt.Fprintf(stderr, "diplograph gen: %v\n", err)
		if errors.Is(err, gen.ErrNotEmpty) {
			fmt.Fprintln(stderr, "Give an empty folder, or --force to replace the fixture files in it.")
			return exitInvalid
		}
		return exitFailure
	}
	fmt.Fprintf(stdout, "wrote %d file(s), %.1f MiB, to %s in %s\n", len(st.Files), float64(st.Bytes)/(1<<20), *out, time.Since(start).Round(time.Millisecond))
	fmt.Fprintf(stdout, "%d actors (%d roles), %d places, %d sources, %d events (%d participations, %d disputed values), %d plans (%d versions, %d points), %d stances: %d nodes\n",
		st.Actors, st.Roles, st.Places, st.Sources, st.Events, st.Participations, st.Claims, st.Plans, st.Versions, st.Points, st.Stances, st.Nodes())
	return exitOK
}
