package model

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

var (
	testEvents = NewNested[struct{}, int]("events")
	testRoles  = NewNested[string, int]("roles")
)

func TestGroupLoadsOncePerKey(t *testing.T) {
	g := NewGroup([]string{"a", "b", "c", "a"})
	var calls atomic.Int32
	var seen []string
	fetch := func(ctx context.Context, ids []string) (map[string]int, error) {
		calls.Add(1)
		seen = ids
		out := map[string]int{}
		for i, id := range ids {
			out[id] = i
		}
		return out, nil
	}
	var wg sync.WaitGroup
	results := make([]int, 30)
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v, err := Load(context.Background(), g, testEvents, struct{}{}, []string{"a", "b", "c"}[i%3], fetch)
			if err != nil {
				t.Error(err)
			}
			results[i] = v
		}()
	}
	wg.Wait()
	if calls.Load() != 1 {
		t.Errorf("fetched %d times, want once", calls.Load())
	}
	if len(seen) != 3 || results[2] != 2 {
		t.Errorf("ids %v, result for c %d: want every id of the group once, in order", seen, results[2])
	}
	if _, err := Load(context.Background(), g, testRoles, "2025-10-01", "a", fetch); err != nil || calls.Load() != 2 {
		t.Errorf("another field should fetch again: calls=%d err=%v", calls.Load(), err)
	}
	if _, err := Load(context.Background(), g, testRoles, "2025-10-02", "a", fetch); err != nil || calls.Load() != 3 {
		t.Errorf("other arguments should fetch again: calls=%d err=%v", calls.Load(), err)
	}
	if _, err := Load(context.Background(), g, testRoles, "2025-10-02", "b", fetch); err != nil || calls.Load() != 3 {
		t.Errorf("the same arguments should share the load: calls=%d err=%v", calls.Load(), err)
	}
}

func TestPrimedFieldSendsNothing(t *testing.T) {
	g := NewGroup([]string{"a", "b"})
	Prime(g, testRoles, "x", map[string]int{"a": 7, "b": 8})
	v, err := Load(context.Background(), g, testRoles, "x", "b", func(ctx context.Context, ids []string) (map[string]int, error) {
		t.Error("a primed field fetched")
		return nil, nil
	})
	if err != nil || v != 8 {
		t.Errorf("primed value = %d, %v; want 8", v, err)
	}
}

func TestGroupSharesErrors(t *testing.T) {
	g := NewGroup([]string{"a", "b"})
	boom := errors.New("boom")
	fetch := func(ctx context.Context, ids []string) (map[string]int, error) { return nil, boom }
	for _, id := range []string{"a", "b"} {
		if _, err := Load(context.Background(), g, testEvents, struct{}{}, id, fetch); !errors.Is(err, boom) {
			t.Errorf("Load(%s) error = %v, want boom", id, err)
		}
	}
}

// TestPanickingFetchReleasesItsSiblings: every object of the group waits on
// the one fetch; when it panics, they all get an error carrying the panic
// and its stack at once, instead of waiting for the request's deadline.
func TestPanickingFetchReleasesItsSiblings(t *testing.T) {
	g := NewGroup([]string{"a", "b", "c"})
	started := make(chan struct{})
	fetch := func(ctx context.Context, ids []string) (map[string]int, error) {
		close(started)
		time.Sleep(20 * time.Millisecond) // let the siblings queue up behind it
		panic("decoder bug")
	}
	// The request's deadline, which a hung sibling would wait for.
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	errs := make(chan error, 3)
	go func() {
		_, err := Load(ctx, g, testEvents, struct{}{}, "a", fetch)
		errs <- err
	}()
	<-started
	start := time.Now()
	for _, id := range []string{"b", "c"} {
		go func() {
			_, err := Load(ctx, g, testEvents, struct{}{}, id, fetch)
			errs <- err
		}()
	}
	for range 3 {
		select {
		case err := <-errs:
			var p *PanicError
			if !errors.As(err, &p) || p.Value != "decoder bug" || len(p.Stack) == 0 {
				t.Errorf("error = %v, want the panic with its stack", err)
			}
		case <-time.After(100 * time.Millisecond):
			t.Fatalf("a sibling still waits %s after the fetch panicked", time.Since(start))
		}
	}
	if waited := time.Since(start); waited > 100*time.Millisecond {
		t.Errorf("siblings released after %s, want within 100ms", waited)
	}
}

func TestNilGroupFetchesAlone(t *testing.T) {
	var got []string
	_, _ = Load(context.Background(), nil, testEvents, struct{}{}, "x", func(ctx context.Context, ids []string) (map[string]int, error) {
		got = ids
		return nil, nil
	})
	if len(got) != 1 || got[0] != "x" {
		t.Errorf("ids = %v, want [x]", got)
	}
}
