package model

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
)

func TestGroupLoadsOncePerKey(t *testing.T) {
	g := NewGroup([]string{"a", "b", "c", "a"})
	var calls atomic.Int32
	fetch := func(ctx context.Context, ids []string) (map[string]int, error) {
		calls.Add(1)
		out := map[string]int{}
		for i, id := range ids {
			out[id] = i
		}
		return out, nil
	}
	var wg sync.WaitGroup
	results := make([]map[string]int, 30)
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			m, err := Load(context.Background(), g, "events", []string{"a", "b", "c"}[i%3], fetch)
			if err != nil {
				t.Error(err)
			}
			results[i] = m
		}()
	}
	wg.Wait()
	if calls.Load() != 1 {
		t.Errorf("fetched %d times, want once", calls.Load())
	}
	if len(results[0]) != 3 || results[0]["c"] != 2 {
		t.Errorf("result = %v, want every id of the group once, in order", results[0])
	}
	if _, err := Load(context.Background(), g, "roles", "a", fetch); err != nil || calls.Load() != 2 {
		t.Errorf("another key should fetch again: calls=%d err=%v", calls.Load(), err)
	}
}

func TestGroupSharesErrors(t *testing.T) {
	g := NewGroup([]string{"a", "b"})
	boom := errors.New("boom")
	fetch := func(ctx context.Context, ids []string) (int, error) { return 0, boom }
	for _, id := range []string{"a", "b"} {
		if _, err := Load(context.Background(), g, "k", id, fetch); !errors.Is(err, boom) {
			t.Errorf("Load(%s) error = %v, want boom", id, err)
		}
	}
}

func TestNilGroupFetchesAlone(t *testing.T) {
	var got []string
	_, _ = Load(context.Background(), nil, "k", "x", func(ctx context.Context, ids []string) (int, error) {
		got = ids
		return 0, nil
	})
	if len(got) != 1 || got[0] != "x" {
		t.Errorf("ids = %v, want [x]", got)
	}
}
