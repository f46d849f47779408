// Command diplograph loads curated diplomatic facts into Neo4j and serves
// them over GraphQL.
//
//	diplograph migrate            apply constraints and indexes
//	diplograph load [--dry-run] PATH...
//	diplograph check [--fail-on KINDS] PATH...
//	diplograph serve              the GraphQL API
//
// Run "diplograph COMMAND --help" for the flags of each command.
package main

//go:generate go tool gqlgen generate
//go:generate go run ./graph/internal/inorder

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/diplograph/diplograph/store"
)

// Exit codes shared by every command.
const (
	exitOK      = 0
	exitInvalid = 1 // bad input or usage; nothing was written
	exitFailure = 2 // connection or runtime failure
)

type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer) int
}

var commands = []command{
	{"migrate", "apply the graph's constraints and indexes (idempotent)", runMigrate},
	{"load", "check fixture files and write them to Neo4j in one transaction", runLoad},
	{"check", "check fixture files without Neo4j and review them against the curation policy", runCheck},
	{"serve", "serve the GraphQL API, GraphiQL and health checks", runServe},
	{"export", "write events or the network as TimelineJS, GEXF, GraphML or CSV", runExport},
	{"gen", "write deterministic synthetic fixtures for benchmarks", runGen},
	{"key", "make an API key and the entry for serve --api-keys", runKey},
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// The first signal asks the command to stop cleanly; a second one,
	// with the default handling back, ends the process at once.
	go func() {
		<-ctx.Done()
		stop()
	}()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stdout)
		if len(args) == 0 {
			return exitInvalid
		}
		return exitOK
	}
	for _, c := range commands {
		if c.name == args[0] {
			return c.run(ctx, args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "diplograph: unknown command %q\n\n", args[0])
	usage(stderr)
	return exitInvalid
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "diplograph: a diplomatic timeline knowledge graph on Neo4j")
	fmt.Fprintln(w, "\nUsage: diplograph COMMAND [flags] [args]\n\nCommands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'diplograph COMMAND --help' for a command's flags.")
}

// neo4jFlags registers the connection flags every command shares; their
// defaults come from NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE.
func neo4jFlags(fs *flag.FlagSet) *store.Config {
	cfg := store.ConfigFromEnv()
	fs.StringVar(&cfg.URI, "uri", cfg.URI, "Neo4j URI (env NEO4J_URI); neo4j:// routes across a cluster")
	fs.StringVar(&cfg.User, "user", cfg.User, "Neo4j user (env NEO4J_USER)")
	fs.StringVar(&cfg.Password, "password", cfg.Password, "Neo4j password (env NEO4J_PASSWORD; prefer the variable)")
	fs.StringVar(&cfg.Database, "database", cfg.Database, "Neo4j database (env NEO4J_DATABASE; default: the server's default)")
	return &cfg
}

// parseFlags parses a command's flags; ok is false when the command should
// stop, with code as its exit code (0 after --help).
func parseFlags(fs *flag.FlagSet, args []string, stderr io.Writer) (ok bool, code int) {
	fs.SetOutput(stderr)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return false, exitOK
		}
		return false, exitInvalid
	}
	return true, exitOK
}

func openStore(ctx context.Context, cfg store.Config, stderr io.Writer) (*store.Store, bool) {
	st, err := store.Open(ctx, cfg)
	if err != nil {
		reportOpenError(cfg, err, stderr)
		return nil, false
	}
	return st, true
}

func reportOpenError(cfg store.Config, err error, stderr io.Writer) {
	fmt.Fprintf(stderr, "diplograph: connect to Neo4j at %s: %v\n", cfg.URI, err)
	if errors.Is(err, store.ErrUnavailable) {
		fmt.Fprintln(stderr, "Is Neo4j running? 'make neo4j' starts the local one; NEO4J_URI points elsewhere.")
	}
}
