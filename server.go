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
	"net/http/pprof"
	"os"
	"runtime/debug"
	"time"

	"github.com/diplograph/diplograph/export"
	"github.com/diplograph/diplograph/feed"
	"github.com/diplograph/diplograph/httpapi"
	"github.com/diplograph/diplograph/metrics"
	"github.com/diplograph/diplograph/store"
	"github.com/diplograph/diplograph/tracing"
)

// softMemoryLimit is the heap size past which the collector stops waiting
// for GOGC's headroom.
const softMemoryLimit = 320 << 20

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintln(stderr, `Usage: diplograph serve [flags]

Serves the explorer at /, embeddable views at /embed/timeline and
/embed/network (with oEmbed at /oembed and exports at /export), the GraphQL
API at /graphql (POST, and GET for queries), GraphiQL at /graphiql,
liveness at /healthz and readiness (Neo4j reachable) at /readyz.
Starts even while Neo4j is down, and recovers when it comes back.

Flags:`)
		fs.PrintDefaults()
	}
	cfg := neo4jFlags(fs)
	listen := fs.String("listen", envOr("DIPLOGRAPH_LISTEN", ":8080"), "address to listen on (env DIPLOGRAPH_LISTEN)")
	timeout := fs.Duration("request-timeout", 30*time.Second, "longest a GraphQL request may take; Neo4j stops the query then too")
	report := fs.Bool("report-statements", false, "add extensions.neo4jStatements (statements sent to Neo4j) to responses")
	lim := httpapi.DefaultLimits
	fs.IntVar(&lim.MaxComplexity, "max-complexity", lim.MaxComplexity, "largest operation complexity (fields, lists multiplied by their page size)")
	fs.IntVar(&lim.MaxDepth, "max-depth", lim.MaxDepth, "deepest field nesting")
	fs.IntVar(&lim.MaxFields, "max-fields", lim.MaxFields, "most fields (aliases included) in one operation")
	fs.Int64Var(&lim.MaxBodyBytes, "max-body-bytes", lim.MaxBodyBytes, "largest request body")
	noIntrospection := fs.Bool("no-introspection", false, "refuse schema introspection (production)")
	noGraphiQL := fs.Bool("no-graphiql", false, "do not serve GraphiQL (production)")
	persistedFile := fs.String("persisted-queries", envOr("DIPLOGRAPH_PERSISTED_QUERIES", ""), "JSON manifest of registered operations, sha256 -> query (env DIPLOGRAPH_PERSISTED_QUERIES)")
	persistedOnly := fs.Bool("persisted-only", false, "run registered operations only (needs --persisted-queries)")
	keysFile := fs.String("api-keys", envOr("DIPLOGRAPH_API_KEYS", ""), "JSON list of API keys {name, sha256, scopes} (env DIPLOGRAPH_API_KEYS); 'diplograph key' makes one")
	requireKey := fs.Bool("require-key", false, "every request needs an API key with the read scope")
	origins := fs.String("cors-origins", envOr("DIPLOGRAPH_CORS_ORIGINS", ""), "comma-separated origins allowed to call the API from browsers, or * (env DIPLOGRAPH_CORS_ORIGINS); none by default")
	rate := fs.Float64("rate-limit", 20, "requests per second allowed per API key or client address (0: no limit)")
	burst := fs.Int("rate-burst", 40, "requests a client may make at once before the rate applies")
	trusted := fs.String("trusted-proxies", envOr("DIPLOGRAPH_TRUSTED_PROXIES", ""), "comma-separated CIDRs or addresses of reverse proxies whose --forwarded-header names the client (env DIPLOGRAPH_TRUSTED_PROXIES); none by default")
	fwdHeader := fs.String("forwarded-header", "X-Forwarded-For", "the header trusted proxies name the client in: X-Forwarded-For or Forwarded")
	fixturesPath := fs.String("fixtures", "", "fixture folder that POST /admin/reload loads (admin keys only)")
	embedOrigins := fs.String("embed-origins", envOr("DIPLOGRAPH_EMBED_ORIGINS", ""), "comma-separated origins allowed to frame /embed/* (env DIPLOGRAPH_EMBED_ORIGINS); any when empty")
	logFormat := fs.String("log-format", envOr("DIPLOGRAPH_LOG_FORMAT", "text"), "log lines as text or json (env DIPLOGRAPH_LOG_FORMAT)")
	perRequest := fs.Int("transactions-per-request", store.DefaultPerRequest, "Neo4j transactions one request may run at once; its other fields wait their turn")
	maxInFlight := fs.Int("max-in-flight", store.DefaultMaxInFlight, "Neo4j read transactions the server runs at once (below the driver's pool of 100); beyond it requests wait a second, then get OVERLOADED (503, Retry-After)")
	maxExports := fs.Int("max-exports", 1, "exports being written at once (one served from the cache takes no slot); more get 503 with Retry-After")
	maxDownloads := fs.Int("max-export-downloads", 4, "exports served from the cache at once; more get 503 with Retry-After")
	exportTimeout := fs.Duration("export-timeout", 2*time.Minute, "longest one /export download may take")
	exportCacheTTL := fs.Duration("export-cache-ttl", 10*time.Minute, "how long an /export download is served again to whoever asks for the same, while the graph is unchanged (0: only while it is being written)")
	answerCacheMB := fs.Int("answer-cache-mb", 32, "memory for answers to queries, served again while the graph's version stays the same, with an ETag on GET (0: no cache)")
	maxStreams := fs.Int("max-subscriptions", 1000, "subscription streams (websockets, event streams) open at once; more get 503 with Retry-After")
	streamsPerClient := fs.Int("subscriptions-per-client", 8, "subscription streams one API key or client address may hold open; more get 429")
	readAll := fs.Bool("read-all-properties", false, "read every property of the events and participants a query returns, not only those its fields need (to rule that selection out when an answer looks wrong)")
	metricsListen := fs.String("metrics-listen", envOr("DIPLOGRAPH_METRICS_LISTEN", ""), "serve Prometheus /metrics on this address alone (env DIPLOGRAPH_METRICS_LISTEN); without it /metrics is on --listen unless a production switch (--require-key, --persisted-only, --no-introspection) is on")
	if ok, code := parseFlags(fs, args, stderr); !ok {
		return code
	}
	var logHandler slog.Handler
	switch *logFormat {
	case "text":
		logHandler = slog.NewTextHandler(stderr, nil)
	case "json":
		logHandler = slog.NewJSONHandler(stderr, nil)
	default:
		fmt.Fprintf(stderr, "diplograph serve: --log-format must be text or json, not %q\n", *logFormat)
		return exitInvalid
	}
	log := slog.New(httpapi.RequestIDLogs(logHandler))
	// The server's live heap is a few MB while a large answer allocates
	// about as much, so at Go's default GOGC=100 the collector runs every
	// request or two: 400 cut the CPU per actor page by a fifth (RSS 34 to
	// 49 MB). GOGC in the environment still wins.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	// That headroom is for speed, not for holding memory: past a soft limit
	// the collector runs as often as it must, so exports and large answers
	// at once do not take the heap to five times what they hold.
	// GOMEMLIMIT in the environment still wins.
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(softMemoryLimit)
	}
	opts := httpapi.Options{RequestTimeout: *timeout, Limits: lim, ReportStatements: *report,
		NoIntrospection: *noIntrospection, NoGraphiQL: *noGraphiQL, PersistedOnly: *persistedOnly,
		RequireKey: *requireKey, RateLimit: httpapi.RateLimit{Rate: *rate, Burst: *burst}, Logger: log,
		TransactionsPerRequest: *perRequest, MaxExports: *maxExports, ExportTimeout: *exportTimeout, MaxDownloads: *maxDownloads}
	opts.ExportCacheTTL = *exportCacheTTL
	if *exportCacheTTL == 0 {
		opts.ExportCacheTTL = -1 // the flag's 0 is "none", the option's 0 "default"
	}
	opts.Streams = httpapi.StreamLimits{Max: *maxStreams, PerClient: *streamsPerClient}
	opts.AnswerCacheBytes = int64(*answerCacheMB) << 20
	opts.ReadAllProperties = *readAll
	if *perRequest < 1 || *maxInFlight < 1 || *maxExports < 1 || *maxDownloads < 1 || *exportTimeout <= 0 || *maxStreams < 1 || *streamsPerClient < 1 {
		fmt.Fprintln(stderr, "diplograph serve: --transactions-per-request, --max-in-flight, --max-exports, --max-export-downloads, --export-timeout, --max-subscriptions and --subscriptions-per-client must be positive")
		return exitInvalid
	}
	if *answerCacheMB < 0 {
		fmt.Fprintln(stderr, "diplograph serve: --answer-cache-mb must be 0 (no cache) or more")
		return exitInvalid
	}
	opts.EmbedOrigins = export.SplitList(*embedOrigins)
	if err := configureServe(&opts, *persistedFile, *keysFile, *origins, *fixturesPath); err != nil {
		fmt.Fprintf(stderr, "diplograph serve: %v\n", err)
		return exitInvalid
	}
	proxies, err := httpapi.ParseTrustedProxies(*trusted)
	if err != nil {
		fmt.Fprintf(stderr, "diplograph serve: %v\n", err)
		return exitInvalid
	}
	opts.TrustedProxies = proxies
	if h := http.CanonicalHeaderKey(*fwdHeader); h != "X-Forwarded-For" && h != "Forwarded" {
		fmt.Fprintf(stderr, "diplograph serve: --forwarded-header must be X-Forwarded-For or Forwarded, not %q\n", *fwdHeader)
		return exitInvalid
	}
	opts.ForwardedHeader = *fwdHeader

	build := buildInfo()
	opts.Metrics = metrics.New(build)
	production := *requireKey || *persistedOnly || *noIntrospection
	opts.MetricsOnAPI = *metricsListen == "" && !production
	tracer, err := tracing.FromEnv(ctx, "diplograph", build.Version)
	if err != nil {
		fmt.Fprintf(stderr, "diplograph serve: %v\n", err)
		return exitInvalid
	}
	if tracer != nil {
		defer tracer.Shutdown(context.WithoutCancel(ctx))
		opts.Tracer = tracer
	}

	// Short timeouts: a request should learn of an outage in a second or
	// two, not wait for the driver to give up.
	cfg.ConnectTimeout, cfg.RetryTime = time.Second, time.Second
	cfg.MaxInFlight = *maxInFlight
	st, err := store.New(*cfg)
	if err != nil {
		fmt.Fprintf(stderr, "diplograph serve: %v\n", err)
		return exitFailure
	}
	defer st.Close(context.WithoutCancel(ctx))
	// A probe on a connection of its own tells a hung Neo4j within two
	// seconds: requests waiting on it are answered UNAVAILABLE then.
	monitor, stopMonitor := context.WithCancel(ctx)
	defer stopMonitor()
	if err := st.Monitor(monitor); err != nil {
		fmt.Fprintf(stderr, "diplograph serve: %v\n", err)
		return exitFailure
	}
	// Monitor has probed once already: its answer, not a second round trip.
	if err := st.Ready(ctx); err != nil {
		log.Warn("Neo4j is not reachable yet; serving anyway, /readyz says 503 until it is", "uri", cfg.URI, "err", err)
	}

	// Subscribers learn of loads by any process within a second.
	opts.Feed = feed.New(st, feed.Options{Logger: log, Dropped: opts.Metrics.SubscriberDropped})

	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		fmt.Fprintf(stderr, "diplograph serve: %v\n", err)
		return exitFailure
	}
	srv := &http.Server{
		Handler:           httpapi.New(st, opts),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      *timeout + 10*time.Second,
		IdleTimeout:       2 * time.Minute,
		// A GET's query string is capped at the body's size, answered 414
		// with a code; a request line and headers far beyond that are cut
		// by HTTP itself (431) rather than read to the end.
		MaxHeaderBytes: int(lim.MaxBodyBytes) + 64<<10,
	}
	// Streams end at shutdown rather than hold it for its 30 s.
	srv.RegisterOnShutdown(opts.Feed.Close)
	fmt.Fprintf(stdout, "diplograph serving on http://%s (explorer at /, GraphiQL at /graphiql), Neo4j at %s\n", displayAddr(ln.Addr()), cfg.URI)
	errc := make(chan error, 2)
	go func() { errc <- srv.Serve(ln) }()
	if *metricsListen != "" {
		mln, err := net.Listen("tcp", *metricsListen)
		if err != nil {
			fmt.Fprintf(stderr, "diplograph serve: metrics: %v\n", err)
			return exitFailure
		}
		mux := http.NewServeMux()
		mux.Handle("GET /metrics", opts.Metrics.Handler())
		// Go's profiles, on the operators' address only, never the API's.
		mux.HandleFunc("/debug/pprof/", pprof.Index)
		mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
		mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
		msrv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
		defer msrv.Close()
		fmt.Fprintf(stdout, "metrics on http://%s/metrics\n", displayAddr(mln.Addr()))
		go func() { errc <- msrv.Serve(mln) }()
	} else if !opts.MetricsOnAPI {
		log.Info("metrics are off: a production switch is on and --metrics-listen is not set")
	}
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

// buildInfo names the binary: the module's version and the VCS revision Go
// stamped into it, when there are.
func buildInfo() metrics.Build {
	b := metrics.Build{Version: "devel", Commit: "unknown"}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return b
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		b.Version = v
	}
	for _, s := range info.Settings {
		if s.Key == "vcs.revision" {
			b.Commit = s.Value
		}
	}
	return b
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

// configureServe reads the files and lists the serve flags name, refusing
// combinations that cannot work.
func configureServe(opts *httpapi.Options, persistedFile, keysFile, origins, fixturesPath string) error {
	if persistedFile != "" {
		m, err := httpapi.LoadPersisted(persistedFile)
		if err != nil {
			return err
		}
		opts.Persisted = m
	}
	if opts.PersistedOnly && len(opts.Persisted) == 0 {
		return errors.New("--persisted-only needs --persisted-queries with at least one operation")
	}
	if keysFile != "" {
		keys, err := httpapi.LoadKeys(keysFile)
		if err != nil {
			return err
		}
		opts.Keys = keys
	}
	if opts.RequireKey && len(opts.Keys) == 0 {
		return errors.New("--require-key needs --api-keys")
	}
	opts.CORSOrigins = export.SplitList(origins)
	if fixturesPath != "" {
		opts.Fixtures = []string{fixturesPath}
	}
	return nil
}
