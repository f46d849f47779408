// Package dblock lets test processes take turns on the test database.
//
// `go test ./...` runs the test binaries of several packages at once, and
// each empties the database between its cases. A package's tests therefore
// hold an exclusive lock on the database's URI for as long as the process
// lives (the kernel releases it when the process ends, however it ends); a
// second package waits its turn rather than wiping the first one's data.
package dblock

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"
)

// MaxWait bounds how long a package waits for the others: longer than any
// package's tests take, shorter than go test's default timeout.
const MaxWait = 8 * time.Minute

var (
	mu   sync.Mutex
	held = map[string]*os.File{}
)

// Acquire takes the lock on uri for this process, waiting while another
// process holds it. Later calls for the same uri return at once.
func Acquire(t testing.TB, uri string) {
	t.Helper()
	mu.Lock()
	defer mu.Unlock()
	if held[uri] != nil {
		return
	}
	sum := sha256.Sum256([]byte(uri))
	path := filepath.Join(os.TempDir(), "diplograph-test-db-"+hex.EncodeToString(sum[:6])+".lock")
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o666)
	if err != nil {
		t.Fatalf("lock for the test database %s: %v", uri, err)
	}
	start := time.Now()
	waiting := false
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			break
		}
		if err != syscall.EWOULDBLOCK {
			t.Fatalf("lock %s: %v", path, err)
		}
		if !waiting {
			waiting = true
			t.Logf("the test database %s is in use by another package's tests (lock %s): waiting for it", uri, path)
		}
		if time.Since(start) > MaxWait {
			t.Fatalf("the test database %s was still in use after %s: another test process holds %s", uri, MaxWait, path)
		}
		time.Sleep(100 * time.Millisecond)
	}
	_, _ = fmt.Fprintf(f, "%d\n", os.Getpid())
	held[uri] = f // kept open: the lock lasts as long as the process
}
