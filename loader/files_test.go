package loader

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// readWithin runs Read in the background, so a read that blocks fails the
// test instead of hanging it.
func readWithin(t *testing.T, ctx context.Context, paths []string) error {
	t.Helper()
	done := make(chan error, 1)
	go func() {
		_, err := ReadContext(ctx, paths)
		done <- err
	}()
	select {
	case err := <-done:
		return err
	case <-time.After(10 * time.Second):
		t.Fatalf("Read(%v) still blocked after 10 s", paths)
		return nil
	}
}

// TestNotRegularFiles puts a FIFO, and symlinks to a FIFO and to /dev/zero,
// among valid fixtures: each is refused by name, without blocking on the
// FIFO or reading the device until memory runs out.
func TestNotRegularFiles(t *testing.T) {
	base, err := os.ReadFile("testdata/base.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		make func(path, dir string) error
	}{
		{"fifo", func(path, _ string) error { return syscall.Mkfifo(path, 0o644) }},
		{"symlink to fifo", func(path, dir string) error {
			fifo := filepath.Join(dir, "pipe")
			if err := syscall.Mkfifo(fifo, 0o644); err != nil {
				return err
			}
			return os.Symlink(fifo, path)
		}},
		{"symlink to /dev/zero", func(path, _ string) error { return os.Symlink("/dev/zero", path) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "base.yaml"), base, 0o644); err != nil {
				t.Fatal(err)
			}
			bad := filepath.Join(dir, "zz.yaml")
			if err := tc.make(bad, dir); err != nil {
				t.Skipf("cannot make it here: %v", err)
			}
			for _, paths := range [][]string{{dir}, {bad}} {
				err := readWithin(t, context.Background(), paths)
				if !errors.Is(err, ErrNotRegular) || err.Error() != bad+": not a regular file" {
					t.Errorf("Read(%v) = %v, want %q", paths, err, bad+": not a regular file")
				}
			}
		})
	}
}

// TestReadCancelled checks that a read stops when its context ends, as it
// does when diplograph load gets SIGTERM.
func TestReadCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := readWithin(t, ctx, []string{"testdata/base.yaml"})
	if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "read fixtures") {
		t.Errorf("Read with a cancelled context = %v, want context.Canceled", err)
	}
}
