package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/diplograph/diplograph/httpapi"
	"github.com/diplograph/diplograph/store"
)

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintln(stderr, `Usage: diplograph serve [flags]

Serves the GraphQL API at /graphql (POST, and GET for queries), GraphiQL at
/graphiql, liveness at /healthz and readiness (Neo4j reachable) at /readyz.
Starts even while Neo4j is down, and recovers when it comes back.

Flags:`)
		fs.PrintDefaults()
	}
	cfg := neo4jFlags(fs)
	listen := fs.String("listen", envOr("DIPLOGRAPH_LISTEN", ":8080"), "address to listen on (env DIPLOGRAPH_LISTEN)")
	timeout := fs.Duration("request-timeout", 30*time.Second, "longest a GraphQL request may take")
	report := fs.Bool("report-statements", false, "add extensions.neo4jStatements (statements sent to Neo4j) to responses")
	if ok, code := parseFlags(fs, args, stderr); !ok {
		return code
	}
	log := slog.New(slog.NewTextHandler(stderr, nil))

	// Short timeouts: a request should learn of an outage in a second or
	// two, not wait for the driver to give up.
	cfg.ConnectTimeout, cfg.RetryTime = time.Second, time.Second
	st, err := store.New(*cfg)
	if err != nil {
		fmt.Fprintf(stderr, "diplograph serve: %v\n", err)
		return exitFailure
	}
	defer st.Close(context.WithoutCancel(ctx))
	pingCtx, cancel := context.WithTimeout(ctx, 3*time.Second)
	if err := st.Ping(pingCtx); err != nil {
		log.Warn("Neo4j is not reachable yet; serving anyway, /readyz says 503 until it is", "uri", cfg.URI, "err", err)
	}
	cancel()

	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		fmt.Fprintf(stderr, "diplograph serve: %v\n", err)
		return exitFailure
	}
	srv := &http.Server{
		Handler:           httpapi.New(st, httpapi.Options{RequestTimeout: *timeout, ReportStatements: *report, Logger: log}),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      *timeout + 10*time.Second,
		IdleTimeout:       2 * time.Minute,
	}
	fmt.Fprintf(stdout, "diplograph serving on http://%s (GraphiQL at /graphiql), Neo4j at %s\n", displayAddr(ln.Addr()), cfg.URI)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		fmt.Fprintf(stderr, "diplograph serve: %v\n", err)
		return exitFailure
	case <-ctx.Done():
	}
	log.Info("shutting down: finishing in-flight requests")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintf(stderr, "diplograph serve: shutdown: %v\n", err)
		return exitFailure
	}
	return exitOK
}

func displayAddr(a net.Addr) string {
	if tcp, ok := a.(*net.TCPAddr); ok && tcp.IP.IsUnspecified() {
		return fmt.Sprintf("localhost:%d", tcp.Port)
	}
	return a.String()
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}
