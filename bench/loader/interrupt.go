package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/diplograph/diplograph/store"
)

// memorySettings reads the Neo4j settings that bound a load: heap, page
// cache and transaction memory.
func memorySettings(ctx context.Context, driver neo4j.DriverWithContext, database string) string {
	res, err := neo4j.ExecuteQuery(ctx, driver, `SHOW SETTINGS YIELD name, value
WHERE name IN ['server.memory.heap.max_size', 'server.memory.pagecache.size', 'db.memory.transaction.max', 'dbms.memory.transaction.total.max', 'db.tx_state.memory_allocation']
RETURN name, value ORDER BY name`, nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(database))
	if err != nil {
		return fmt.Sprintf("memory settings unknown (%v)", err)
	}
	var parts []string
	for _, r := range res.Records {
		name, _ := r.Get("name")
		value, _ := r.Get("value")
		parts = append(parts, fmt.Sprintf("%v=%v", name, value))
	}
	return strings.Join(parts, ", ")
}

// watchTransactions polls Neo4j's estimate of the heap its transactions
// hold until the returned function is called, which gives the peak in MiB.
func (b *bench) watchTransactions(ctx context.Context) func() int64 {
	ctx, cancel := context.WithCancel(ctx)
	peak := make(chan int64, 1)
	go func() {
		var max int64
		tick := time.NewTicker(250 * time.Millisecond)
		defer tick.Stop()
		for {
			res, err := neo4j.ExecuteQuery(ctx, b.driver, `SHOW TRANSACTIONS YIELD estimatedUsedHeapMemory RETURN max(estimatedUsedHeapMemory) AS m`,
				nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(b.cfg.database))
			if err == nil && len(res.Records) == 1 {
				if v, ok := res.Records[0].Values[0].(int64); ok && v > max {
					max = v
				}
			}
			select {
			case <-ctx.Done():
				peak <- max >> 20
				return
			case <-tick.C:
			}
		}
	}()
	return func() int64 {
		cancel()
		return <-peak
	}
}

// fingerprint is what readers see of the graph, in a few figures: nodes
// and relationships they can reach, the version, and the total length of
// the event titles (the 1%-changed re-load rewrites titles).
func (b *bench) fingerprint(ctx context.Context) (string, error) {
	res, err := neo4j.ExecuteQuery(ctx, b.driver, `CALL () { MATCH (n) WHERE `+store.NotBookkeeping("n")+` RETURN count(n) AS nodes }
CALL () { MATCH (a)-[r]->() WHERE `+store.NotBookkeeping("a")+` RETURN count(r) AS rels }
CALL () { MATCH (e:Event) WHERE `+store.NotBookkeeping("e")+` RETURN sum(size(e.title)) AS titles }
CALL () { OPTIONAL MATCH (g:Graph) RETURN g.version AS version }
RETURN nodes, rels, titles, version`, nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(b.cfg.database))
	if err != nil {
		return "", fmt.Errorf("fingerprint: %w", err)
	}
	r := res.Records[0]
	return fmt.Sprintf("%v nodes, %v relationships, version %v, event titles %v characters", r.Values[0], r.Values[1], r.Values[3], r.Values[2]), nil
}

// stagedRows counts the nodes a killed staged load left behind, as the
// store counts them.
func (b *bench) stagedRows(ctx context.Context) (int64, error) {
	st, err := store.Open(ctx, store.Config{URI: b.cfg.uri, User: b.cfg.user, Password: b.cfg.password, Database: b.cfg.database})
	if err != nil {
		return 0, err
	}
	defer st.Close(ctx)
	n, err := st.StagedRows(ctx)
	return int64(n), err
}

var progressLine = regexp.MustCompile(`^\s*(\d+)%\s+\d+/\d+ rows \((.*)\)$`)

// killAt runs a load of dir and kills it (SIGKILL) once its progress
// reaches pct percent, returning the progress line it was killed at.
func (b *bench) killAt(ctx context.Context, dir string, pct int) (string, error) {
	args := []string{"load", "--uri", b.cfg.uri, "--user", b.cfg.user}
	if b.cfg.database != "" {
		args = append(args, "--database", b.cfg.database)
	}
	cmd := exec.CommandContext(ctx, b.cfg.bin, append(args, dir)...)
	cmd.Env = append(append(os.Environ(), "NEO4J_PASSWORD="+b.cfg.password), b.cfg.loaderEnv...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return "", err
	}
	if err := cmd.Start(); err != nil {
		return "", err
	}
	sc := bufio.NewScanner(stderr)
	at := ""
	for sc.Scan() {
		m := progressLine.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		if p, _ := strconv.Atoi(m[1]); p >= pct {
			at = strings.TrimSpace(sc.Text())
			_ = cmd.Process.Signal(syscall.SIGKILL)
			break
		}
	}
	err = cmd.Wait()
	if at == "" {
		return "", fmt.Errorf("the load ended before %d%% (%v)", pct, err)
	}
	return at, nil
}

// interruptions kills two loads midway, with the graph holding the changed
// copy of the data: a re-load of the original (one transaction: it changes
// 1% of the titles), and, on an emptied graph, an initial load (staged at
// scale 10 and above). Each time readers must see exactly what they saw
// before; then a load run to the end must clear what the killed one staged
// and write the whole data.
func (b *bench) interruptions(ctx context.Context, dir, changed string) []string {
	var out []string
	note := func(format string, args ...any) {
		line := "- " + fmt.Sprintf(format, args...)
		fmt.Fprintln(os.Stderr, line)
		out = append(out, line)
	}
	check := func(what, at, before string) {
		after, err := b.fingerprint(ctx)
		staged, serr := b.stagedRows(ctx)
		switch {
		case err != nil || serr != nil:
			note("%s: FAILED to read the graph afterwards: %v %v", what, err, serr)
		case after != before:
			note("%s, killed at %q: FAILED, readers see another graph: before %s; after %s", what, at, before, after)
		default:
			note("%s, killed at %q: readers see the graph unchanged (%s); %d staged nodes left", what, at, after, staged)
		}
	}
	// The runs ended with the changed copy loaded.
	before, err := b.fingerprint(ctx)
	if err != nil {
		note("FAILED: %v", err)
		return out
	}
	if at, err := b.killAt(ctx, dir, 30); err != nil {
		note("re-load: FAILED to kill it midway: %v", err)
	} else {
		check("re-load of the original titles", at, before)
	}
	if err := b.empty(ctx); err != nil {
		note("FAILED: %v", err)
		return out
	}
	if before, err = b.fingerprint(ctx); err != nil {
		note("FAILED: %v", err)
		return out
	}
	if at, err := b.killAt(ctx, dir, 50); err != nil {
		note("initial load: FAILED to kill it midway: %v", err)
	} else {
		check("initial load", at, before)
	}
	m := b.load(ctx, dir)
	staged, serr := b.stagedRows(ctx)
	if m.err != nil || serr != nil {
		note("load after the killed initial load: FAILED: %v %v", m.err, serr)
		return out
	}
	fp, _ := b.fingerprint(ctx)
	note("load after the killed initial load: %.1f s (clearing what it staged included), %d rows, %d staged nodes left; readers see %s", m.wall.Seconds(), m.rows, staged, fp)
	return out
}
