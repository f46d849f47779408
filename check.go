package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/diplograph/diplograph/loader"
)

func runCheck(_ context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	var kinds []string
	for _, k := range loader.FindingKinds {
		kinds = append(kinds, fmt.Sprintf("  %-24s %s", k.Kind, k.Description))
	}
	fs.Usage = func() {
		fmt.Fprintf(stderr, `Usage: diplograph check [flags] PATH...

Checks fixture files as load does, without Neo4j, then reviews them
against the curation policy (fixtures/CURATION.md). Problems are reported
as file:line:col: message; findings as file:line:col: KIND: message, then
a count of each kind:

%s

Exit codes: 0 valid (findings are notes for the editors), 1 invalid input
or a finding of a kind given to --fail-on.

Flags:
`, strings.Join(kinds, "\n"))
		fs.PrintDefaults()
	}
	failOn := fs.String("fail-on", "", "comma-separated finding kinds that fail the check (all: every kind)")
	if ok, code := parseFlags(fs, args, stderr); !ok {
		return code
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "diplograph check: give at least one fixture file or folder")
		fs.Usage()
		return exitInvalid
	}
	failing := map[loader.FindingKind]bool{}
	for _, k := range strings.Split(*failOn, ",") {
		k = strings.TrimSpace(k)
		switch {
		case k == "":
		case k == "all":
			for _, fk := range loader.FindingKinds {
				failing[fk.Kind] = true
			}
		case knownKind(loader.FindingKind(k)):
			failing[loader.FindingKind(k)] = true
		default:
			fmt.Fprintf(stderr, "diplograph check: unknown finding kind %q in --fail-on (see --help)\n", k)
			return exitInvalid
		}
	}
	findings, err := loader.Review(fs.Args())
	if err != nil {
		return reportInputError(err, stderr, "check", "nothing was reviewed")
	}
	counts := map[loader.FindingKind]int{}
	for _, f := range findings {
		fmt.Fprintf(stdout, "%s:%d:%d: %s: %s\n", f.File, f.Line, f.Col, f.Kind, f.Message)
		counts[f.Kind]++
	}
	failed := 0
	fmt.Fprintln(stdout, "valid: every file passes the checks of load")
	for _, k := range loader.FindingKinds {
		mark := ""
		if failing[k.Kind] && counts[k.Kind] > 0 {
			mark, failed = " (fails the check)", failed+counts[k.Kind]
		}
		fmt.Fprintf(stdout, "%5d %s%s\n", counts[k.Kind], k.Description, mark)
	}
	if failed > 0 {
		fmt.Fprintf(stderr, "diplograph check: %d finding(s) of kinds given to --fail-on\n", failed)
		return exitInvalid
	}
	return exitOK
}

func knownKind(k loader.FindingKind) bool {
	for _, fk := range loader.FindingKinds {
		if fk.Kind == k {
			return true
		}
	}
	return false
}
