package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/diplograph/diplograph/export"
)

func runExport(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintln(stderr, `Usage: diplograph export --format FORMAT [--out FILE] [filters] [flags]

Writes a slice of the graph for other tools:

  timelinejs  TimelineJS JSON (Knight Lab): one slide per event, dates only as
              precise as the sources, with display_date for partial dates
  gexf        GEXF 1.3 for Gephi: actors as nodes, co-participation edges with
              weight and event ids; dynamic, so Gephi's timeline plays it
  graphml     GraphML, the same network (Gephi, yEd, networkx, igraph)
  csv         the same network as one CSV table, nodes then edges, with the
              events' sources (URLs, and the names of those without one)
  events-csv  the events as one CSV table, a row each: date as stated and
              its earliest and latest days, places, participants, sources

The filters are the explorer's: --from and --to (YYYY-MM-DD, matched by
overlap), --types (event types, comma-separated). --actors means, for the
timeline, actors who all took part in each event; for the network, whose
neighbourhood to export (--hops shared events around them). --as-of pins
the export to what the graph could show on that day (the API's asOf).

Flags:`)
		fs.PrintDefaults()
	}
	cfg := neo4jFlags(fs)
	format := fs.String("format", "", "timelinejs, gexf, graphml, csv or events-csv (required)")
	out := fs.String("out", "", "file to write (default: standard output)")
	from := fs.String("from", "", "first day, YYYY-MM-DD")
	to := fs.String("to", "", "last day, YYYY-MM-DD")
	types := fs.String("types", "", "event types, comma-separated (phone_call,meeting,...)")
	actors := fs.String("actors", "", "actor ids, comma-separated")
	hops := fs.String("hops", "", "with --actors, for the network: how many shared events away (1 to 3; default 1)")
	asOf := fs.String("as-of", "", "only what the graph could show on this day, YYYY-MM-DD")
	if ok, code := parseFlags(fs, args, stderr); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "diplograph export: unexpected arguments %q\n", fs.Args())
		return exitInvalid
	}
	if *format == "" {
		fmt.Fprintln(stderr, "diplograph export: --format is required (timelinejs, gexf, graphml, csv or events-csv)")
		return exitInvalid
	}
	f, err := export.ParseFormat(*format)
	if err != nil {
		fmt.Fprintf(stderr, "diplograph export: %v\n", err)
		return exitInvalid
	}
	filter, err := export.ParseFilter(*from, *to, *types, *actors, *hops, *asOf)
	if err != nil {
		fmt.Fprintf(stderr, "diplograph export: %v\n", err)
		return exitInvalid
	}

	st, ok := openStore(ctx, *cfg, stderr)
	if !ok {
		return exitFailure
	}
	defer st.Close(context.WithoutCancel(ctx))

	if *out == "" || *out == "-" {
		if err := export.Write(ctx, st, stdout, f, filter); err != nil {
			fmt.Fprintf(stderr, "diplograph export: %v\n", err)
			return exitFailure
		}
		return exitOK
	}
	// Write beside the target and rename, so a failed export leaves no
	// half-written file.
	tmp, err := os.CreateTemp(filepath.Dir(*out), "."+filepath.Base(*out)+".*")
	if err != nil {
		fmt.Fprintf(stderr, "diplograph export: %v\n", err)
		return exitFailure
	}
	defer os.Remove(tmp.Name())
	if err := export.Write(ctx, st, tmp, f, filter); err != nil {
		tmp.Close()
		fmt.Fprintf(stderr, "diplograph export: %v\n", err)
		return exitFailure
	}
	if err := tmp.Close(); err != nil {
		fmt.Fprintf(stderr, "diplograph export: %v\n", err)
		return exitFailure
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		fmt.Fprintf(stderr, "diplograph export: %v\n", err)
		return exitFailure
	}
	if err := os.Rename(tmp.Name(), *out); err != nil {
		fmt.Fprintf(stderr, "diplograph export: %v\n", err)
		return exitFailure
	}
	fmt.Fprintf(stderr, "wrote %s (%s, %s)\n", *out, f, strings.TrimSpace(filter.Describe()))
	return exitOK
}
