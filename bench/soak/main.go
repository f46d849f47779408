// Command soak runs diplograph serve against a Neo4j on loopback, sends it
// the dashboard mix from many clients for a fixed time, and reports
// throughput, latencies, failures and the server's memory after warm-up
// and at the end.
//
//	go run ./bench/soak -neo4j bolt://127.0.0.1:7687 -duration 60s -concurrency 32
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"

	"github.com/diplograph/diplograph/bench/loadgen"
)

func main() {
	neo4jURI := flag.String("neo4j", "bolt://127.0.0.1:7687", "Neo4j holding the fixtures (loopback)")
	binary := flag.String("binary", "bin/diplograph", "the diplograph binary to serve with")
	duration := flag.Duration("duration", 60*time.Second, "how long to send load after warm-up")
	warmup := flag.Duration("warmup", 10*time.Second, "load before the first memory reading")
	concurrency := flag.Int("concurrency", 32, "clients sending at once")
	flag.Parse()
	if err := run(*neo4jURI, *binary, *duration, *warmup, *concurrency); err != nil {
		fmt.Fprintln(os.Stderr, "soak:", err)
		os.Exit(1)
	}
}

func run(neo4jURI, binary string, duration, warmup time.Duration, concurrency int) error {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	addr := ln.Addr().String()
	ln.Close()
	srv := exec.Command(binary, "serve", "--uri", neo4jURI, "--listen", addr, "--rate-limit", "0")
	stdout, err := srv.StdoutPipe()
	if err != nil {
		return err
	}
	if err := srv.Start(); err != nil {
		return fmt.Errorf("start %s: %w", binary, err)
	}
	defer func() {
		_ = srv.Process.Signal(os.Interrupt)
		_ = srv.Wait()
	}()
	if !bufio.NewScanner(stdout).Scan() {
		return fmt.Errorf("serve did not start")
	}
	cfg := loadgen.Config{URL: "http://" + addr + "/graphql", Ops: loadgen.DashboardMix, Concurrency: concurrency}

	cfg.Duration = warmup
	if _, err := loadgen.Run(context.Background(), cfg); err != nil {
		return err
	}
	rssWarm, err := rss(srv.Process.Pid)
	if err != nil {
		return err
	}
	cfg.Duration = duration
	results, err := loadgen.Run(context.Background(), cfg)
	if err != nil {
		return err
	}
	rssEnd, err := rss(srv.Process.Pid)
	if err != nil {
		return err
	}
	total, failures, fivexx, transport := 0, 0, 0, 0
	for _, r := range results {
		total += r.Requests
		failures += r.Failures()
		fivexx += r.Status5xx
		transport += r.Transport
	}
	fmt.Printf("soak: %s at %d clients against %s (after %s warm-up)\n\n", duration, concurrency, neo4jURI, warmup)
	fmt.Print(loadgen.Table(results))
	fmt.Printf("\nrequests %d, throughput %.1f/s, failures %d (5xx %d, transport %d)\n", total, float64(total)/duration.Seconds(), failures, fivexx, transport)
	fmt.Printf("server RSS after warm-up %.1f MiB, at the end %.1f MiB (%+.1f%%)\n", mib(rssWarm), mib(rssEnd), 100*(float64(rssEnd)-float64(rssWarm))/float64(rssWarm))
	for _, r := range results {
		if r.FirstError != "" {
			fmt.Printf("first failure of %s: %s\n", r.Op, r.FirstError)
		}
	}
	if fivexx > 0 || transport > 0 {
		return fmt.Errorf("%d 5xx and %d transport errors", fivexx, transport)
	}
	return nil
}

// rss reads a process's resident memory from /proc.
func rss(pid int) (int64, error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb * 1024, err
		}
	}
	return 0, fmt.Errorf("no VmRSS for pid %d", pid)
}

func mib(b int64) float64 { return float64(b) / (1 << 20) }
