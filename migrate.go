package main

import (
	"context"
	"flag"
	"fmt"
	"io"
)

func runMigrate(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: diplograph migrate [flags]\n\nApplies the constraints and indexes of the graph model. Safe to run again.\n\nFlags:")
		fs.PrintDefaults()
	}
	cfg := neo4jFlags(fs)
	if ok, code := parseFlags(fs, args, stderr); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "diplograph migrate: unexpected arguments %q\n", fs.Args())
		return exitInvalid
	}
	st, ok := openStore(ctx, *cfg, stderr)
	if !ok {
		return exitFailure
	}
	defer st.Close(context.WithoutCancel(ctx))
	if err := st.Migrate(ctx); err != nil {
		fmt.Fprintf(stderr, "diplograph: %v\n", err)
		return exitFailure
	}
	fmt.Fprintln(stdout, "schema is up to date")
	return exitOK
}
