package neo4jtest

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/diplograph/diplograph/store"
)

// RepoRoot is the module's root folder, found from the test's folder.
func RepoRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's folder")
		}
		dir = parent
	}
}

// CheckPortFree fails when something already listens on the local port.
// A test that starts its own Neo4j there would otherwise talk to whatever
// holds the port (start.sh sees a Neo4j answering) and empty its database.
func CheckPortFree(port int) error {
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	if c, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
		c.Close()
		return fmt.Errorf("port %d is already in use: something answers on %s", port, addr)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("port %d is already in use: %w", port, err)
	}
	return ln.Close()
}

// Instance is a local Neo4j of a test's own, started and stopped with the
// project's scripts (tools/neo4j), for tests that take the database away.
type Instance struct {
	Port int
	Home string
	t    testing.TB
	root string
}

// NewInstance describes a Neo4j on port with its data under home; it is
// stopped when the test ends.
func NewInstance(t testing.TB, port int, home string) *Instance {
	in := &Instance{Port: port, Home: home, t: t, root: RepoRoot(t)}
	t.Cleanup(in.Stop)
	return in
}

func (in *Instance) script(name string) {
	in.t.Helper()
	cmd := exec.Command(filepath.Join(in.root, "tools", "neo4j", name))
	cmd.Env = append(os.Environ(), fmt.Sprintf("NEO4J_PORT=%d", in.Port), "NEO4J_HOME_DIR="+in.Home, "NEO4J_HEAP=1g", "NEO4J_PAGECACHE=256m", "NEO4J_TX_LOG_SIZE=16m")
	out, err := cmd.CombinedOutput()
	if err != nil {
		in.t.Fatalf("tools/neo4j/%s on port %d: %v\n%s", name, in.Port, err, out)
	}
}

// Start starts the instance and waits until it answers.
func (in *Instance) Start() {
	in.t.Helper()
	in.script("start.sh")
}

// Stop stops the instance cleanly (SIGTERM); harmless when it is not running.
func (in *Instance) Stop() {
	in.t.Helper()
	in.script("stop.sh")
}

// Pause stops the instance's process with SIGSTOP: Neo4j hangs, its port
// still accepting connections, as a Neo4j that is swapping or stuck in a
// pause would. Resume continues it; the test's end resumes it too.
func (in *Instance) Pause() {
	in.t.Helper()
	pid := in.signal(syscall.SIGSTOP)
	in.t.Cleanup(func() { in.signal(syscall.SIGCONT) })
	// kill returns once the signal is sent, not once every thread of the
	// JVM has stopped: on a busy machine a request sent at once was seen
	// answered. Paused means every thread says so.
	deadline := time.Now().Add(5 * time.Second)
	for !stopped(pid) {
		if time.Now().After(deadline) {
			in.t.Fatalf("neo4j on port %d: still running 5 s after SIGSTOP", in.Port)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// stopped reports whether every thread of process pid is stopped (state T
// in /proc).
func stopped(pid int) bool {
	stats, err := filepath.Glob(fmt.Sprintf("/proc/%d/task/*/stat", pid))
	if err != nil || len(stats) == 0 {
		return false
	}
	for _, path := range stats {
		b, err := os.ReadFile(path)
		if err != nil {
			continue // a thread that ended
		}
		// The state follows the command name, which is in parentheses.
		i := strings.LastIndexByte(string(b), ')')
		if i < 0 || i+2 >= len(b) || b[i+2] != 'T' {
			return false
		}
	}
	return true
}

func (in *Instance) Resume() {
	in.t.Helper()
	in.signal(syscall.SIGCONT)
}

func (in *Instance) signal(sig syscall.Signal) int {
	in.t.Helper()
	name := "neo4j.pid"
	if in.Port != 7687 {
		name = fmt.Sprintf("neo4j-%d.pid", in.Port)
	}
	b, err := os.ReadFile(filepath.Join(in.root, ".data", name))
	if err != nil {
		in.t.Fatalf("neo4j on port %d: %v", in.Port, err)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil {
		in.t.Fatalf("neo4j on port %d: pid file: %v", in.Port, err)
	}
	if err := syscall.Kill(pid, sig); err != nil {
		in.t.Fatalf("neo4j on port %d: %s: %v", in.Port, sig, err)
	}
	return pid
}

// URI is where the instance listens.
func (in *Instance) URI() string { return fmt.Sprintf("bolt://127.0.0.1:%d", in.Port) }

// Config is the store configuration for the instance, failing fast.
func (in *Instance) Config() store.Config {
	cfg := store.ConfigFromEnv()
	cfg.URI = in.URI()
	cfg.Database = ""
	cfg.ConnectTimeout, cfg.RetryTime = time.Second, time.Second
	return cfg
}

// Open connects to the running instance.
func (in *Instance) Open() *DB {
	in.t.Helper()
	cfg := in.Config()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	st, err := store.Open(ctx, cfg)
	if err != nil {
		in.t.Fatalf("instance on %d: %v", in.Port, err)
	}
	return openDB(in.t, st, cfg)
}
