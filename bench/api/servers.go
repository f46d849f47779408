package main

// Building and loading the data, starting and stopping the two servers,
// and sending them single requests.

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// run runs a command, with its output going to the log.
func run(ctx context.Context, log io.Writer, env []string, name string, args ...string) error {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Stdout, cmd.Stderr = log, log
	cmd.Env = append(os.Environ(), env...)
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s %s: %w", name, strings.Join(args, " "), err)
	}
	return nil
}

// genData writes the synthetic fixtures once per scale and generator (gen
// is deterministic) into a cache folder and returns it. The cache is keyed
// by the fixture format and the generator's source, so that a cache left
// by an older format is written again rather than refused by the loader.
func genData(ctx context.Context, log io.Writer, binary string, scale float64) (string, error) {
	dir := filepath.Join(os.TempDir(), "diplograph-bench-api", fmt.Sprintf("gen-scale%s-seed1", strconv.FormatFloat(scale, 'f', -1, 64)))
	key, err := generatorKey()
	if err != nil {
		return "", err
	}
	done := filepath.Join(dir, ".complete")
	if b, err := os.ReadFile(done); err == nil && string(b) == key {
		return dir, nil
	}
	if err := run(ctx, log, nil, binary, "gen", "--scale", strconv.FormatFloat(scale, 'f', -1, 64), "--seed", "1", "--out", dir, "--force"); err != nil {
		return "", err
	}
	return dir, os.WriteFile(done, []byte(key), 0o644)
}

// generatorKey hashes what decides the generated data: the fixture format
// (fixtures/schema.json) and the generator (gen/*.go).
func generatorKey() (string, error) {
	files, err := filepath.Glob("gen/*.go")
	if err != nil {
		return "", err
	}
	h := sha256.New()
	for _, f := range append([]string{"fixtures/schema.json"}, files...) {
		b, err := os.ReadFile(f)
		if err != nil {
			return "", fmt.Errorf("generated data's cache key: %w", err)
		}
		fmt.Fprintf(h, "%s %d\n", f, len(b))
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

// server is a running server process.
type server struct {
	name string
	url  string // the GraphQL endpoint
	cmd  *exec.Cmd
	done chan struct{}
	log  *syncBuffer
}

// tail is the end of what the server wrote, for error messages.
func (s *server) tail() string {
	t := s.log.String()
	if len(t) > 2000 {
		t = t[len(t)-2000:]
	}
	return t
}

func (s *server) stop() {
	if s == nil || s.cmd == nil || s.cmd.Process == nil {
		return
	}
	// The process group: start.sh execs node, but npm ci may still run.
	_ = syscall.Kill(-s.cmd.Process.Pid, syscall.SIGTERM)
	select {
	case <-s.done:
	case <-time.After(15 * time.Second):
		_ = syscall.Kill(-s.cmd.Process.Pid, syscall.SIGKILL)
		<-s.done
	}
}

// syncBuffer is a buffer written by one goroutine and read by another.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) add(line string) {
	b.mu.Lock()
	if b.b.Len() < 4<<20 {
		b.b.WriteString(line + "\n")
	}
	b.mu.Unlock()
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

func startProcess(name string, cmd *exec.Cmd, url string) (*server, error) {
	s := &server{name: name, url: url, cmd: cmd, done: make(chan struct{}), log: &syncBuffer{}}
	pr, pw := io.Pipe()
	cmd.Stdout, cmd.Stderr = pw, pw
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", name, err)
	}
	logDone := make(chan struct{})
	go func() {
		defer close(logDone)
		sc := bufio.NewScanner(pr)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			s.log.add(sc.Text())
		}
	}()
	go func() {
		cmd.Wait()
		pw.Close()
		<-logDone
		close(s.done)
	}()
	return s, nil
}

// waitReady polls the server with a trivial query until it answers.
func (s *server) waitReady(ctx context.Context, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		select {
		case <-s.done:
			return fmt.Errorf("%s exited before it was ready:\n%s", s.name, s.tail())
		case <-ctx.Done():
			return ctx.Err()
		default:
		}
		if _, _, err := post(ctx, s.url, `{ __typename }`, nil); err == nil {
			return nil
		}
		time.Sleep(200 * time.Millisecond)
	}
	return fmt.Errorf("%s not ready after %s:\n%s", s.name, timeout, s.tail())
}

// startOurs runs diplograph serve against neo4jURI, with its answer cache
// only when asked: the benchmark repeats each request, so with the cache
// nearly every answer would be a copy from memory.
func startOurs(ctx context.Context, binary, neo4jURI string, report, answerCache bool) (*server, error) {
	addr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	args := []string{"serve", "--uri", neo4jURI, "--listen", addr, "--rate-limit", "0",
		"--max-complexity", "100000000", "--max-fields", "5000"}
	if !answerCache {
		args = append(args, "--answer-cache-mb", "0")
	}
	if report {
		args = append(args, "--report-statements")
	}
	s, err := startProcess("diplograph", exec.Command(binary, args...), "http://"+addr+"/graphql")
	if err != nil {
		return nil, err
	}
	if err := s.waitReady(ctx, 60*time.Second); err != nil {
		s.stop()
		return nil, err
	}
	return s, nil
}

// startPeer runs bench/peer/start.sh (npm ci when needed, then the server)
// against neo4jURI.
func startPeer(ctx context.Context, peerDir, neo4jURI string, env []string) (*server, error) {
	addr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	_, port, _ := net.SplitHostPort(addr)
	cmd := exec.Command(filepath.Join(peerDir, "start.sh"))
	// env first: the URI given here (a relay's) wins over the one in env.
	cmd.Env = append(append(os.Environ(), env...), "NEO4J_URI="+neo4jURI, "PORT="+port, "HOST=127.0.0.1")
	s, err := startProcess("peer", cmd, "http://"+addr+"/graphql")
	if err != nil {
		return nil, err
	}
	if err := s.waitReady(ctx, 5*time.Minute); err != nil {
		s.stop()
		return nil, err
	}
	return s, nil
}

var httpClient = &http.Client{Timeout: 60 * time.Second}

// post sends one GraphQL request and returns its data and extensions; a
// response with errors is an error.
func post(ctx context.Context, url, query string, vars map[string]any) (data any, ext map[string]any, err error) {
	body, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		return nil, nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return nil, nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := httpClient.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, nil, err
	}
	var r struct {
		Data       any             `json:"data"`
		Errors     json.RawMessage `json:"errors"`
		Extensions map[string]any  `json:"extensions"`
	}
	if err := json.Unmarshal(raw, &r); err != nil {
		return nil, nil, fmt.Errorf("HTTP %d: %s", resp.StatusCode, cut(string(raw), 300))
	}
	if len(r.Errors) > 0 && string(r.Errors) != "null" {
		return nil, nil, fmt.Errorf("HTTP %d: errors %s", resp.StatusCode, cut(string(r.Errors), 500))
	}
	if resp.StatusCode != http.StatusOK {
		return nil, nil, fmt.Errorf("HTTP %d: %s", resp.StatusCode, cut(string(raw), 300))
	}
	return r.Data, r.Extensions, nil
}

func cut(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}

// walk pages through a list 100 rows at a time until offset rows are
// behind, and returns the cursor there.
func walk(ctx context.Context, url, query string, connection string, offset int) (string, error) {
	var after any
	for seen := 0; seen < offset; seen += 100 {
		data, _, err := post(ctx, url, query, map[string]any{"after": after})
		if err != nil {
			return "", err
		}
		c, _ := at(data, connection, "pageInfo", "endCursor").(string)
		if c == "" {
			return "", fmt.Errorf("no end cursor after %d rows", seen)
		}
		after = c
	}
	s, _ := after.(string)
	return s, nil
}
